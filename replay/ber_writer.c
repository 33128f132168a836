#include "ber_writer.h"

#include <string.h>

size_t x4r_ber_open(x4r_buf *b, uint8_t tag)
{
    x4r_buf_u8(b, tag);
    size_t mark = b->len;
    x4r_buf_u8(b, 0); /* placeholder: short-form length */
    return mark;
}

static size_t len_octets(size_t n)
{
    size_t k = 0;
    for (size_t v = n; v; v >>= 8)
        k++;
    return k;
}

void x4r_ber_close(x4r_buf *b, size_t mark)
{
    size_t content = b->len - mark - 1;
    if (content < 0x80) {
        b->p[mark] = (uint8_t)content;
        return;
    }
    size_t k = len_octets(content);
    x4r_buf_reserve(b, k);
    memmove(b->p + mark + 1 + k, b->p + mark + 1, content);
    b->p[mark] = (uint8_t)(0x80 | k);
    for (size_t i = 0; i < k; i++)
        b->p[mark + 1 + i] = (uint8_t)(content >> (8 * (k - 1 - i)));
    b->len += k;
}

/* A definite length, short or long form. */
static void ber_len(x4r_buf *b, size_t n)
{
    if (n < 0x80) {
        x4r_buf_u8(b, (uint8_t)n);
        return;
    }
    size_t k = len_octets(n);
    x4r_buf_u8(b, (uint8_t)(0x80 | k));
    for (size_t i = 0; i < k; i++)
        x4r_buf_u8(b, (uint8_t)(n >> (8 * (k - 1 - i))));
}

void x4r_ber_prim(x4r_buf *b, uint8_t tag, const void *v, size_t n)
{
    x4r_buf_u8(b, tag);
    ber_len(b, n);
    x4r_buf_put(b, v, n);
}

void x4r_ber_str(x4r_buf *b, uint8_t tag, const char *s)
{
    x4r_ber_prim(b, tag, s, strlen(s));
}

void x4r_ber_int(x4r_buf *b, uint8_t tag, long v)
{
    uint8_t tmp[sizeof(long)];
    size_t n = sizeof(long);
    for (size_t i = 0; i < sizeof(long); i++)
        tmp[sizeof(long) - 1 - i] = (uint8_t)((unsigned long)v >> (8 * i));
    size_t s = 0;
    while (n - s > 1 && ((tmp[s] == 0x00 && !(tmp[s + 1] & 0x80)) ||
                         (tmp[s] == 0xFF && (tmp[s + 1] & 0x80))))
        s++;
    x4r_ber_prim(b, tag, tmp + s, n - s);
}
