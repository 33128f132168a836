/* ACSE (X.227) APDUs and the EXTERNAL that carries their user information. */
#ifndef X4_ACSE_H
#define X4_ACSE_H

#include "x4_common.h"
#include "osi_codes.h"

#define X4_ACSE_MAX_EXT 4

typedef enum {
    X4_EXT_SINGLE_ASN1 = 0,
    X4_EXT_OCTET_ALIGNED,
    X4_EXT_ARBITRARY
} x4_ext_encoding;

typedef struct {
    bool has_direct;   x4_bytes direct_ref;     /* OID content octets */
    bool has_indirect; uint32_t indirect_ref;   /* presentation context id */
    x4_ext_encoding encoding;
    x4_bytes data;     /* single-ASN1-type: contents of [0], i.e. one APDU */
} x4_external;

typedef struct {
    x4_pdu_kind kind;                    /* AARQ AARE RLRQ RLRE ABRT */
    x4_bytes app_context;                /* OID content octets */
    bool has_result;   uint32_t result;  /* AARE */
    uint8_t diag_source;                 /* 0 none, 1 acse-service-user, 2 provider */
    uint32_t diag;
    bool has_reason;   uint32_t reason;  /* RLRQ / RLRE */
    bool has_abort_source; uint32_t abort_source;  /* ABRT */
    bool has_abort_diag;   uint32_t abort_diag;
    x4_external ext[X4_ACSE_MAX_EXT];
    unsigned n_ext;
    const char *err;
} x4_acse;

/* One ACSE APDU (60..64).  X4_ERR_UNSUPPORTED for any other tag. */
x4_status x4_acse_decode(const uint8_t *p, size_t len, x4_acse *out);

#endif
