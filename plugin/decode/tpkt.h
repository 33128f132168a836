/* RFC 1006 TPKT header. */
#ifndef X4_TPKT_H
#define X4_TPKT_H

#include "x4_common.h"

typedef struct {
    uint8_t version;
    uint8_t reserved;    /* RFC: 0; Exchange 4.0 before SP3 sent other values */
    uint16_t length;     /* whole packet including the header */
    x4_bytes tpdu;       /* the bytes after the header, clipped to length */
    const char *err;     /* static reason when the status is not X4_OK */
} x4_tpkt;

/* p/len is one TPKT as framed by the caller.  Bytes past the announced
 * length are ignored (they belong to the next TPKT). */
x4_status x4_tpkt_decode(const uint8_t *p, size_t len, x4_tpkt *out);

#endif
