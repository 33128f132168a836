/* The Internet checksum (RFC 1071), incremental, and the TCP pseudo-header. */
#ifndef X4R_CHECKSUM_H
#define X4R_CHECKSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Adds bytes to a 32-bit running sum (even-length chunks except the last). */
uint32_t x4r_csum_add(uint32_t sum, const uint8_t *p, size_t n);
/* Folds a running sum into the final one's-complement checksum. */
uint16_t x4r_csum_fold(uint32_t sum);

#endif
