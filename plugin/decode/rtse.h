/* RTSE APDUs: normal mode (X.228 tags B0/B1/B2/02/04/B6) and the X.410-1984
 * encoding, where the same fields sit in the presentation PPDU's SET. */
#ifndef X4_RTSE_H
#define X4_RTSE_H

#include "x4_common.h"
#include "osi_codes.h"

typedef struct {
    x4_pdu_kind kind;          /* RTORQ RTOAC RTORJ RTTP RTTR RTAB */
    bool x410;                 /* decoded from the X.410-1984 encoding */
    bool has_checkpoint; uint32_t checkpoint;
    bool has_window;     uint32_t window;
    bool has_dialogue;   uint32_t dialogue;
    bool has_app_protocol; uint32_t app_protocol;
    bool conn_open;            /* connectionData open */
    x4_bytes open_data;        /* its value (a P1 bind), empty for a NULL open */
    bool conn_recover;
    x4_bytes recover_ref;      /* calling SS-user reference of a recover */
    bool has_refuse_reason; uint32_t refuse_reason;
    x4_bytes user_data_rj;     /* RTORJ userDataRJ contents (a P1 bind error) */
    bool has_abort_reason; uint32_t abort_reason;
    bool has_reflected;    uint32_t reflected;
    x4_bytes user_data_ab;
    uint32_t priority;         /* RTTP */
    x4_bytes rttr;             /* RTTR contents as sent */
    bool rttr_constructed;     /* segmented OCTET STRING: see x4_rtse_rttr_walk */
    const char *err;
} x4_rtse;

/* A normal-mode RTSE APDU.  X4_ERR_UNSUPPORTED when the tag is not RTSE. */
x4_status x4_rtse_decode(const uint8_t *p, size_t len, x4_rtse *out);

/* The X.410-1984 form: the contents of PConnect/PAccept [1] (kind RTORQ or
 * RTOAC), PRefuse (RTORJ) or AbortInformation (RTAB). */
x4_status x4_rtse_decode_x410(x4_bytes fields, x4_pdu_kind kind, x4_rtse *out);

/* Calls sink on each piece of the RTTR's octets, in order (one piece when
 * primitive).  Stops and returns the first non-OK status. */
typedef x4_status (*x4_rtse_sink)(void *ctx, const uint8_t *p, size_t n);
x4_status x4_rtse_rttr_walk(const x4_rtse *r, x4_rtse_sink sink, void *ctx);

#endif
