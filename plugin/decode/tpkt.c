#include "tpkt.h"
#include "osi_codes.h"

#include <string.h>

x4_status x4_tpkt_decode(const uint8_t *p, size_t len, x4_tpkt *out)
{
    memset(out, 0, sizeof *out);
    if (len < X4_TPKT_HDR_LEN) {
        out->err = "TPKT shorter than its 4-byte header";
        return X4_ERR_TRUNCATED;
    }
    out->version = p[0];
    out->reserved = p[1];
    out->length = (uint16_t)(p[2] << 8 | p[3]);
    if (out->version != X4_TPKT_VERSION) {
        out->err = "TPKT version is not 3";
        return X4_ERR_MALFORMED;
    }
    if (out->length < X4_TPKT_MIN_LEN) {
        out->err = "TPKT length below the minimum of 7";
        return X4_ERR_MALFORMED;
    }
    if (out->length > len) {
        out->err = "TPKT length runs past the data";
        return X4_ERR_TRUNCATED;
    }
    out->tpdu.ptr = p + X4_TPKT_HDR_LEN;
    out->tpdu.len = out->length - X4_TPKT_HDR_LEN;
    return X4_OK;
}
