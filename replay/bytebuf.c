#include "bytebuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *x4r_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("x400replay: out of memory\n", stderr);
        abort();
    }
    return q;
}

void *x4r_xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size ? size : 1);
    if (!q) {
        fputs("x400replay: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *x4r_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = x4r_xrealloc(NULL, n);
    memcpy(d, s, n);
    return d;
}

void x4r_buf_reserve(x4r_buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    b->p = x4r_xrealloc(b->p, cap);
    b->cap = cap;
}

void x4r_buf_put(x4r_buf *b, const void *data, size_t n)
{
    if (!n)
        return;
    x4r_buf_reserve(b, n);
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

void x4r_buf_u8(x4r_buf *b, uint8_t v)
{
    x4r_buf_reserve(b, 1);
    b->p[b->len++] = v;
}

void x4r_buf_u16(x4r_buf *b, uint16_t v)
{
    x4r_buf_u8(b, (uint8_t)(v >> 8));
    x4r_buf_u8(b, (uint8_t)v);
}


void x4r_buf_consume(x4r_buf *b, size_t n)
{
    if (n >= b->len) {
        b->len = 0;
        return;
    }
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

void x4r_buf_free(x4r_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
