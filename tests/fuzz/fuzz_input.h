/* Reading a fuzz input as a little script: fixed-width numbers and
 * length-prefixed byte strings.  Past the end every read yields zeros or an
 * empty string, so any input, however short, is a valid script. */
#ifndef X4F_FUZZ_INPUT_H
#define X4F_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct {
    const uint8_t *p;
    size_t n;
} x4f_in;

static inline bool x4f_empty(const x4f_in *in) { return in->n == 0; }

static inline uint8_t x4f_u8(x4f_in *in)
{
    if (in->n == 0)
        return 0;
    in->n--;
    return *in->p++;
}

static inline uint16_t x4f_u16(x4f_in *in) /* big-endian, like the wire */
{
    uint16_t hi = x4f_u8(in);
    return (uint16_t)(hi << 8 | x4f_u8(in));
}

/* The next n bytes (fewer at the end of the input), borrowed. */
static inline const uint8_t *x4f_take(x4f_in *in, size_t n, size_t *got)
{
    const uint8_t *p = in->p;
    *got = n < in->n ? n : in->n;
    in->p += *got;
    in->n -= *got;
    return p;
}

/* Fails the run: a broken invariant is a finding like a crash. */
#define X4F_CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

#endif
