#include "tsdu.h"

#include <string.h>

void x4_buf_init(x4_buf *b)
{
    memset(b, 0, sizeof *b);
}

static bool grow(x4_buf *b, const x4_alloc *a, size_t need, size_t limit)
{
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    if (cap > limit)
        cap = limit;        /* need <= limit: the caller checked */
    uint8_t *nb = a->realloc(a->ctx, b->buf, cap);
    if (!nb)
        return false;
    b->buf = nb;
    b->cap = (uint32_t)cap & X4_BUF_LIMIT_MAX;
    return true;
}

x4_status x4_buf_append(x4_buf *b, const x4_alloc *a, const uint8_t *p, size_t n, size_t limit)
{
    if (n == 0)
        return X4_OK;
    if (limit > X4_BUF_LIMIT_MAX)
        limit = X4_BUF_LIMIT_MAX;
    if (b->overflow || b->len > limit || n > limit - b->len) {
        b->overflow = true;
        return X4_ERR_LIMIT;
    }
    if (!grow(b, a, b->len + n, limit)) {
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
