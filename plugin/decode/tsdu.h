/* A bounded byte buffer for joining data that arrives in pieces: the TP0 DTs
 * of one TSDU (EOT=0 on all but the last), or the RTTR / session DT chunks
 * of one P1 APDU.  Memory comes from an x4_alloc and never exceeds the cap. */
#ifndef X4_TSDU_H
#define X4_TSDU_H

#include "x4_common.h"

typedef struct {
    uint8_t *buf;
    uint32_t len, cap;   /* 32 bits: every connection holds four of these */
    uint32_t limit;      /* X4_MAX_BUFFERED unless set otherwise */
    bool overflow;       /* bytes were dropped since the last reset */
} x4_buf;

void x4_buf_init(x4_buf *b, size_t limit);
/* Appends n bytes; X4_ERR_LIMIT (and nothing stored past the cap) when the
 * total would exceed the limit, X4_ERR_LIMIT also when allocation fails. */
x4_status x4_buf_append(x4_buf *b, const x4_alloc *a, const uint8_t *p, size_t n);
void x4_buf_reset(x4_buf *b);                  /* keeps the memory */
void x4_buf_free(x4_buf *b, const x4_alloc *a);

#endif
