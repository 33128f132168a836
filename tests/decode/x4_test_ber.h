/* Test helper: a tiny BER builder.  "31{A0{80 01 00}A1{}}" writes hex bytes
 * as they are and replaces each {...} with the definite length (short or
 * long form) of what it encloses, so nested vectors need no hand-counted
 * lengths.  [...] does the same with a session length (1 byte, or FF and 2
 * bytes), and "text" writes ASCII. */
#ifndef X4_TEST_BER_H
#define X4_TEST_BER_H

#include <stdlib.h>
#include <string.h>

#include "x4_test_hex.h"

static inline size_t x4t_put_len(uint8_t *out, size_t n)
{
    if (n < 0x80) { out[0] = (uint8_t)n; return 1; }
    if (n < 0x100) { out[0] = 0x81; out[1] = (uint8_t)n; return 2; }
    out[0] = 0x82; out[1] = (uint8_t)(n >> 8); out[2] = (uint8_t)n;
    return 3;
}

/* Encodes from *s up to a matching '}' (or the end) into out. */
static inline size_t x4t_put_ses_len(uint8_t *out, size_t n)
{
    if (n < 0xFF) { out[0] = (uint8_t)n; return 1; }
    out[0] = 0xFF; out[1] = (uint8_t)(n >> 8); out[2] = (uint8_t)n;
    return 3;
}

static inline size_t x4t_ber_seq(const char **s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;
    while (**s && **s != '}' && **s != ']') {
        char c = *(*s)++;
        if (c == '{' || c == '[') {
            uint8_t *tmp = malloc(cap);
            size_t m = x4t_ber_seq(s, tmp, cap);
            if (**s != (c == '{' ? '}' : ']') || n + m + 3 > cap) abort();
            (*s)++;
            n += c == '{' ? x4t_put_len(out + n, m) : x4t_put_ses_len(out + n, m);
            memcpy(out + n, tmp, m);
            n += m;
            free(tmp);
            continue;
        }
        if (c == '"') {              /* "text" as its ASCII bytes */
            while (**s && **s != '"') {
                if (n >= cap) abort();
                out[n++] = (uint8_t)*(*s)++;
            }
            if (**s) (*s)++;
            continue;
        }
        int v = x4t_nib(c);
        if (v < 0) continue;
        if (hi < 0) { hi = v; continue; }
        if (n >= cap) abort();
        out[n++] = (uint8_t)(hi << 4 | v);
        hi = -1;
    }
    if (hi >= 0) abort();
    return n;
}

static inline size_t x4t_ber(const char *dsl, uint8_t *out, size_t cap)
{
    return x4t_ber_seq(&dsl, out, cap);
}

#endif
