/* A bounded byte buffer for joining data that arrives in pieces: the TP0 DTs
 * of one TSDU (EOT=0 on all but the last), or the RTTR / session DT chunks
 * of one P1 APDU.  Memory comes from an x4_alloc and never exceeds the cap. */
#ifndef X4_TSDU_H
#define X4_TSDU_H

#include "x4_common.h"

/* 16 bytes: every connection holds four of these. */
typedef struct {
    uint8_t *buf;
    uint32_t len;
    uint32_t cap : 31;      /* <= the limit, which is below 2^31 */
    uint32_t overflow : 1;  /* bytes were dropped since the last reset */
} x4_buf;

#define X4_BUF_LIMIT_MAX 0x7fffffffu

void x4_buf_init(x4_buf *b);
/* Appends n bytes; X4_ERR_LIMIT (and nothing stored past the limit) when
 * the total would exceed limit (at most X4_BUF_LIMIT_MAX, the same on
 * every call for one buffer), X4_ERR_LIMIT also when allocation fails. */
x4_status x4_buf_append(x4_buf *b, const x4_alloc *a, const uint8_t *p, size_t n, size_t limit);
void x4_buf_reset(x4_buf *b);                  /* keeps the memory */
void x4_buf_free(x4_buf *b, const x4_alloc *a);

#endif
