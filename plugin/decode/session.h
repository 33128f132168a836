/* X.225 session SPDUs of one TSDU (docs/protocol.md, "Session"). */
#ifndef X4_SESSION_H
#define X4_SESSION_H

#include "x4_common.h"
#include "osi_codes.h"

#define X4_SES_MAX_SPDUS 8

typedef struct {
    x4_pdu_kind kind;        /* X4_PDU_SES_* (position resolves GT/DT, AB/AI, AA/AIA) */
    uint8_t si;
    size_t offset;           /* inside the TSDU */
    x4_bytes params;         /* the parameter field (LI bytes) */
    x4_bytes user_data;      /* C1/C2 value, RF reason-2 data, or DT/EX/TD user information */
    bool has_reason;  uint8_t reason;       /* RF */
    bool has_tdisc;   uint8_t tdisc;        /* RF FN AB */
    bool has_sreq;    uint16_t sreq;        /* CN AC RF */
    bool has_version; uint8_t version;      /* CN AC RF */
    bool has_token;   uint8_t token;        /* GT PT AC */
    bool has_options; uint8_t options;
    bool has_sync_type; uint8_t sync_type;
    x4_bytes activity_id, serial, calling_ssel, called_ssel;
    x4_bytes calling_ref, called_ref, common_ref, additional_ref;
    x4_bytes reflect, enclosure;
    /* LI ran past the TSDU: the SPDU is listed (its SI is clear) with the
     * parameters that fit, and the decode still fails. */
    bool truncated;
} x4_spdu;

typedef struct {
    x4_spdu spdus[X4_SES_MAX_SPDUS];
    unsigned n;
    bool dropped;            /* more SPDUs than X4_SES_MAX_SPDUS */
    const char *err;
    size_t err_off;
} x4_spdu_list;

/* Decode every SPDU of a TSDU.  On an error, out->n still counts the SPDUs
 * read before it, plus a last one marked truncated when only its LI was
 * wrong (some MMS stacks send an AC whose LI is one too long). */
x4_status x4_session_decode(const uint8_t *p, size_t len, x4_spdu_list *out);

#endif
