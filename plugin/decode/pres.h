/* Presentation layer: X.410-1984 PConnect/PAccept/PRefuse/AbortInformation
 * and X.226 normal-mode CP/CPA/CPR/ARU/ARP, plus the User-data of P-DATA
 * (fully-encoded PDV lists, simply-encoded data). */
#ifndef X4_PRES_H
#define X4_PRES_H

#include "x4_common.h"
#include "osi_codes.h"

#define X4_PRES_MAX_CTX 8
#define X4_PRES_MAX_PDV 4

/* Which session service carried the bytes: it decides how the first tag
 * reads (31 is a CP on S-CONNECT, a PRefuse on S-REFUSE...). */
typedef enum {
    X4_PRES_ON_CONNECT,   /* CN user data: CP / PConnect */
    X4_PRES_ON_ACCEPT,    /* AC user data: CPA / PAccept */
    X4_PRES_ON_REFUSE,    /* RF user data: CPR / PRefuse */
    X4_PRES_ON_ABORT,     /* AB user data: ARU / ARP / AbortInformation */
    X4_PRES_ON_DATA       /* DT/TD/FN/DN user data: User-data */
} x4_pres_on;

typedef enum {
    X4_PDV_SINGLE_ASN1 = 0,
    X4_PDV_OCTET_ALIGNED,
    X4_PDV_ARBITRARY,
    X4_PDV_SIMPLE          /* simply-encoded data: no context id */
} x4_pdv_encoding;

typedef struct {
    bool has_ctx;
    uint32_t ctx_id;
    x4_pdv_encoding encoding;
    x4_bytes data;         /* single-ASN1-type: the contents of [0] (one APDU) */
} x4_pdv;

typedef struct {
    uint32_t id;
    x4_bytes abstract;     /* OID content octets */
} x4_pres_ctx;

typedef struct {
    x4_pdu_kind kind;      /* PRES CP/CPA/CPR/ARU/ARP/TD, or NONE for X.410 data */
    int mode;              /* X4_PRES_MODE_X410, _NORMAL, or -1 when no mode selector */
    /* X.410-1984: the RTS fields.  For PConnect/PAccept the contents of the
     * [1] pUserData SET; for PRefuse/AbortInformation the SET's contents. */
    x4_bytes x410_rtse;
    bool has_x410_rtse;
    /* Normal mode. */
    x4_bytes calling_psel, called_psel, responding_psel;
    x4_pres_ctx ctx[X4_PRES_MAX_CTX];
    unsigned n_ctx;
    uint32_t ctx_result[X4_PRES_MAX_CTX];
    unsigned n_results;
    bool has_provider_reason; uint32_t provider_reason;  /* CPR */
    bool has_abort_reason;    uint32_t abort_reason;     /* ARP */
    x4_pdv pdv[X4_PRES_MAX_PDV];
    unsigned n_pdv;
    bool pdv_dropped;
    const char *err;
} x4_pres;

x4_status x4_pres_decode(const uint8_t *p, size_t len, x4_pres_on on, x4_pres *out);

#endif
