/* An x4_alloc that counts live bytes and refuses to go past a cap, so a
 * target can assert that state stays bounded and exercise the decoders'
 * allocation-failure paths (x4_buf reports X4_ERR_LIMIT). */
#ifndef X4F_FUZZ_ALLOC_H
#define X4F_FUZZ_ALLOC_H

#include "x4_common.h"

typedef struct {
    size_t live, peak, cap;   /* bytes; cap 0 = no cap */
    unsigned long refused;
} x4f_alloc_stats;

/* An allocator over malloc whose statistics live in *st. */
x4_alloc x4f_alloc_counting(x4f_alloc_stats *st, size_t cap);

#endif
