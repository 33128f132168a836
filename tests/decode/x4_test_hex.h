/* Test helper: hex text ("03 00 00 1A | 15 E0 ...", spaces and '|' ignored)
 * to bytes, so vectors can be pasted from docs/protocol.md as written. */
#ifndef X4_TEST_HEX_H
#define X4_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

static inline int x4t_nib(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes into out (capacity cap); returns the byte count, or aborts on an
 * odd digit count so a typo in a vector fails loudly. */
static inline size_t x4t_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        int v = x4t_nib(*s);
        if (v < 0)
            continue;
        if (hi < 0) {
            hi = v;
            continue;
        }
        if (n >= cap)
            abort();
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0)
        abort();
    return n;
}

/* A heap copy of exactly n bytes, so ASan catches any read past the end. */
static inline uint8_t *x4t_dup(const uint8_t *p, size_t n)
{
    uint8_t *d = malloc(n ? n : 1);
    if (n == 0)
        d[0] = 0;   /* never read by a decoder given length 0; set so no compiler thinks so */
    for (size_t i = 0; i < n; i++)
        d[i] = p[i];
    return d;
}

#endif
