/* X.411 P1: the MTA bind (argument, result, error) and the MTS-APDU with its
 * MTS identifier (docs/protocol.md, "X.411 P1"). */
#ifndef X4_P1_H
#define X4_P1_H

#include "x4_common.h"
#include "osi_codes.h"
#include "osi_stack.h"   /* X4_MTA_NAME_MAX */
#include "mtsid.h"

typedef struct {
    x4_pdu_kind kind;          /* P1 bind-argument/-result/-error, message/report/probe */
    bool wrapped;              /* normal-mode ROS bind wrapper B0/B1/B2 */
    bool authenticated;
    bool has_mta_name;
    char mta_name[X4_MTA_NAME_MAX + 1];
    bool has_error;  uint32_t error;   /* MTABindError */
    bool has_mtsid;
    x4_mtsid mtsid;
    const char *err;
} x4_p1;

/* A bind value from RTSE connection data (open) or RTORJ userDataRJ.
 * expect is X4_PDU_P1_BIND_ARG, _RES or _ERR: it names what an unwrapped
 * (1984-style) value means; a wrapper tag overrides it. */
x4_status x4_p1_decode_bind(const uint8_t *p, size_t len, x4_pdu_kind expect, x4_p1 *out);

/* An MTS-APDU (A0 message, A1 report, A2 probe), optionally inside an
 * EXTERNAL (28) as normal-mode RTTRs carry it.  With partial, p/len may be
 * only the start of the APDU: X4_ERR_TRUNCATED then means "not enough yet"
 * and X4_OK means the kind and MTS identifier were found. */
x4_status x4_p1_decode_apdu(const uint8_t *p, size_t len, bool partial, x4_p1 *out);

#endif
