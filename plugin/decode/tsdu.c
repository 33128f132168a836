#include "tsdu.h"

#include <string.h>

void x4_buf_init(x4_buf *b, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->limit = limit < UINT32_MAX ? (uint32_t)limit : UINT32_MAX;
}

static bool grow(x4_buf *b, const x4_alloc *a, size_t need)
{
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    if (cap > b->limit)
        cap = b->limit;     /* need <= limit: the caller checked */
    uint8_t *nb = a->realloc(a->ctx, b->buf, cap);
    if (!nb)
        return false;
    b->buf = nb;
    b->cap = (uint32_t)cap;
    return true;
}

x4_status x4_buf_append(x4_buf *b, const x4_alloc *a, const uint8_t *p, size_t n)
{
    if (n == 0)
        return X4_OK;
    if (b->overflow || n > b->limit - b->len) {
        b->overflow = true;
        return X4_ERR_LIMIT;
    }
    if (!grow(b, a, b->len + n)) {
        b->overflow = true;
        return X4_ERR_LIMIT;
    }
    memcpy(b->buf + b->len, p, n);
    b->len += (uint32_t)n;
    return X4_OK;
}

void x4_buf_reset(x4_buf *b)
{
    b->len = 0;
    b->overflow = false;
}

void x4_buf_free(x4_buf *b, const x4_alloc *a)
{
    if (b->buf)
        a->realloc(a->ctx, b->buf, 0);
    b->buf = NULL;
    b->len = b->cap = 0;
    b->overflow = false;
}
