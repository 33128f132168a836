/* The tables of osi_codes.h.  Display names follow the standards (X.225,
 * X.227, X.228, X.411; docs/protocol.md) so the plugin's output can be
 * grepped for the names an administrator finds in the ITU texts; keywords
 * are the scenario language's lower-case, hyphenated spelling of them. */
#include "osi_codes.h"

#include <string.h>

/* A family list's display-name table and keyword table (aliases included). */
#define NAME_ROW(sym, code, name, keyword) {sym, name},
#define KEYWORD_ROW(sym, code, name, keyword) {sym, keyword},
#define ALIAS_ROW(sym, keyword) {sym, keyword},
#define NAMES_OF(family) { family(NAME_ROW, X4_CODE_NONE) {0, NULL} }
#define KEYWORDS_OF(family) { family(KEYWORD_ROW, ALIAS_ROW) {0, NULL} }

const char *x4_code_lookup(const x4_code_name *t, uint32_t v, const char *fallback)
{
    for (; t && t->name; t++)
        if (t->value == v)
            return t->name;
    return fallback;
}

bool x4_code_find(const x4_code_name *t, const char *name, uint32_t *value)
{
    for (; t && t->name; t++)
        if (strcmp(t->name, name) == 0) {
            *value = t->value;
            return true;
        }
    return false;
}

x4_pdu_kind x4_kind_of_tag(const x4_tag_kind *rows, size_t n, uint8_t tag)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].tag == tag)
            return rows[i].kind;
    return X4_PDU_NONE;
}

uint8_t x4_tag_of_kind(const x4_tag_kind *rows, size_t n, x4_pdu_kind kind)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].kind == kind)
            return rows[i].tag;
    return 0;
}

/* ------------------------------------------------------------------ mode */

const x4_code_name x4_mode_names[] = NAMES_OF(X4_MODES);
const x4_code_name x4_mode_keywords[] = KEYWORDS_OF(X4_MODES);

const char *x4_mode_name(x4_mode m)
{
    return x4_code_lookup(x4_mode_names, (uint32_t)m, "unknown");
}

/* ---------------------------------------------------------------- layers */

static const x4_code_name layer_names[] = {
    {X4_LAYER_TPKT, "TPKT"},
    {X4_LAYER_TP0, "TP0"},
    {X4_LAYER_SESSION, "session"},
    {X4_LAYER_PRES, "presentation"},
    {X4_LAYER_ACSE, "ACSE"},
    {X4_LAYER_RTSE, "RTSE"},
    {X4_LAYER_P1, "P1"},
    {0, NULL}
};

const char *x4_layer_name(x4_layer l)
{
    return x4_code_lookup(layer_names, (uint32_t)l, "unknown");
}

/* One row per kind: its display name and its layer. */
typedef struct {
    const char *name;
    x4_layer layer;
} pdu_kind_info;

#define KIND_INFO(id, name, layer) [X4_PDU_##id] = {name, X4_LAYER_##layer},
static const pdu_kind_info kind_info[X4_PDU_KIND_COUNT] = {
    [X4_PDU_NONE] = {"none", X4_LAYER_TPKT},
    X4_PDU_KINDS(KIND_INFO)
};

/* The same names as a value_string-style table for the epan glue. */
#define KIND_NAME(id, name, layer) {X4_PDU_##id, name},
const x4_code_name x4_pdu_kind_names[] = {
    X4_PDU_KINDS(KIND_NAME)
    {0, NULL}
};

/* The kind's name, or `fallback` for a value outside the table. */
static const char *kind_name_or(uint32_t k, const char *fallback)
{
    if (k >= X4_PDU_KIND_COUNT || !kind_info[k].name)
        return fallback;
    return kind_info[k].name;
}

const char *x4_pdu_kind_name(x4_pdu_kind k)
{
    return kind_name_or((uint32_t)k, "unknown");
}

const char *x4_pdu_kind_display(uint32_t k, const char *fallback)
{
    return k == X4_PDU_NONE ? fallback : kind_name_or(k, fallback);
}

x4_layer x4_pdu_kind_layer(x4_pdu_kind k)
{
    if ((unsigned)k >= X4_PDU_KIND_COUNT)
        return X4_LAYER_TPKT;
    return kind_info[k].layer;
}

/* ------------------------------------------------------------------ TP0 */

const x4_code_name x4_tp_param_names[] = {
    {X4_TP_PARAM_TPDU_SIZE, "TPDU size"},
    {X4_TP_PARAM_CALLING_TSAP, "calling TSAP"},
    {X4_TP_PARAM_CALLED_TSAP, "called TSAP"},
    {X4_TP_PARAM_CHECKSUM, "checksum"},
    {X4_TP_PARAM_VERSION, "version"},
    {X4_TP_PARAM_PROTECTION, "protection"},
    {X4_TP_PARAM_ADD_OPTIONS, "additional options"},
    {X4_TP_PARAM_ALT_CLASSES, "alternative classes"},
    {X4_TP_PARAM_ADD_INFO, "additional information"},
    {X4_TP_PARAM_PREF_MAX_TPDU, "preferred max TPDU size"},
    {0, NULL}
};

const x4_code_name x4_dr_reason_names[] = NAMES_OF(X4_DR_REASONS);
const x4_code_name x4_dr_reason_keywords[] = KEYWORDS_OF(X4_DR_REASONS);
const x4_code_name x4_er_cause_names[] = NAMES_OF(X4_ER_CAUSES);
const x4_code_name x4_er_cause_keywords[] = KEYWORDS_OF(X4_ER_CAUSES);

/* -------------------------------------------------------------- session */

const x4_code_name x4_rf_reason_names[] = NAMES_OF(X4_RF_REASONS);
const x4_code_name x4_rf_reason_keywords[] = KEYWORDS_OF(X4_RF_REASONS);

const x4_code_name x4_tdisc_bit_names[] = {
    {X4_TDISC_RELEASE, "release transport connection"},
    {X4_TDISC_USER_ABORT, "user abort"},
    {X4_TDISC_PROTOCOL_ERROR, "protocol error"},
    {X4_TDISC_NO_REASON, "no reason"},
    {X4_TDISC_RESTRICTION, "implementation restriction"},
    {0, NULL}
};

/* --------------------------------------------------------- presentation */

const x4_code_name x4_pres_provider_reason_names[] = {
    {0, "reason-not-specified"},
    {1, "temporary-congestion"},
    {2, "local-limit-exceeded"},
    {3, "called-presentation-address-unknown"},
    {4, "protocol-version-not-supported"},
    {5, "default-context-not-supported"},
    {6, "user-data-not-readable"},
    {7, "no-PSAP-available"},
    {0, NULL}
};

const x4_code_name x4_pres_abort_reason_names[] = {
    {0, "reason-not-specified"},
    {1, "unrecognized-ppdu"},
    {2, "unexpected-ppdu"},
    {3, "unexpected-session-service-primitive"},
    {4, "unrecognized-ppdu-parameter"},
    {5, "unexpected-ppdu-parameter"},
    {6, "invalid-ppdu-parameter-value"},
    {0, NULL}
};

/* ----------------------------------------------------------------- ACSE */

const x4_code_name x4_acse_result_names[] = {
    {X4_ACSE_ACCEPTED, "accepted"},
    {X4_ACSE_REJECTED_PERMANENT, "rejected-permanent"},
    {X4_ACSE_REJECTED_TRANSIENT, "rejected-transient"},
    {0, NULL}
};

const x4_code_name x4_acse_diag_user_names[] = {
    {X4_ACSE_DIAG_NULL, "null"},
    {X4_ACSE_DIAG_NO_REASON, "no-reason-given"},
    {2, "application-context-name-not-supported"},
    {3, "calling-AP-title-not-recognized"},
    {4, "calling-AP-invocation-identifier-not-recognized"},
    {5, "calling-AE-qualifier-not-recognized"},
    {6, "calling-AE-invocation-identifier-not-recognized"},
    {7, "called-AP-title-not-recognized"},
    {8, "called-AP-invocation-identifier-not-recognized"},
    {9, "called-AE-qualifier-not-recognized"},
    {10, "called-AE-invocation-identifier-not-recognized"},
    {11, "authentication-mechanism-name-not-recognized"},
    {12, "authentication-mechanism-name-required"},
    {13, "authentication-failure"},
    {14, "authentication-required"},
    {0, NULL}
};

const x4_code_name x4_acse_diag_provider_names[] = {
    {0, "null"},
    {1, "no-reason-given"},
    {2, "no-common-acse-version"},
    {0, NULL}
};

const x4_code_name x4_acse_abort_source_names[] = {
    {X4_ACSE_SOURCE_USER, "acse-service-user"},
    {X4_ACSE_SOURCE_PROVIDER, "acse-service-provider"},
    {0, NULL}
};

/* ----------------------------------------------------------------- RTSE */

const x4_code_name x4_rtse_dialogue_keywords[] = KEYWORDS_OF(X4_RTSE_DIALOGUES);
const x4_code_name x4_rtse_refuse_reason_names[] = NAMES_OF(X4_RTORJ_REASONS);
const x4_code_name x4_rtse_refuse_reason_keywords[] = KEYWORDS_OF(X4_RTORJ_REASONS);
const x4_code_name x4_rtse_abort_reason_names[] = NAMES_OF(X4_RTAB_REASONS);
const x4_code_name x4_rtse_abort_reason_keywords[] = KEYWORDS_OF(X4_RTAB_REASONS);

/* ------------------------------------------------------------------- P1 */

const x4_code_name x4_p1_bind_error_names[] = NAMES_OF(X4_P1_BIND_ERRORS);
const x4_code_name x4_p1_bind_error_keywords[] = KEYWORDS_OF(X4_P1_BIND_ERRORS);

const x4_tag_kind x4_p1_apdu_tags[X4_P1_APDU_COUNT] = {
    {X4_P1_TAG_MESSAGE, X4_PDU_P1_MESSAGE},
    {X4_P1_TAG_REPORT, X4_PDU_P1_REPORT},
    {X4_P1_TAG_PROBE, X4_PDU_P1_PROBE},
};

const x4_code_name x4_p1_apdu_keywords[] = {
    {X4_PDU_P1_MESSAGE, "message"}, {X4_PDU_P1_REPORT, "report"}, {X4_PDU_P1_PROBE, "probe"},
    {0, NULL}
};

/* ----------------------------------------------------------------- OIDs */

const uint8_t x4_oid_acse[] = {0x52, 0x01, 0x00, 0x01};
const uint8_t x4_oid_ber[] = {0x51, 0x01};
const uint8_t x4_oid_mta_rtse[] = {0x56, 0x00, 0x02, 0x0C};
const uint8_t x4_oid_mtse[] = {0x56, 0x00, 0x02, 0x07};
const uint8_t x4_oid_mts_transfer[] = {0x56, 0x00, 0x01, 0x06};
const size_t x4_oid_acse_len = sizeof x4_oid_acse;
const size_t x4_oid_ber_len = sizeof x4_oid_ber;
const size_t x4_oid_mta_rtse_len = sizeof x4_oid_mta_rtse;
const size_t x4_oid_mtse_len = sizeof x4_oid_mtse;
const size_t x4_oid_mts_transfer_len = sizeof x4_oid_mts_transfer;

int x4_oid_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

/* 2.6 (first content octet 0x56 = 2*40+6) is joint-iso-itu-t mhs-motis:
 * every X.400 abstract syntax and application context lives below it. */
int x4_oid_is_x400(const uint8_t *oid, size_t len)
{
    return len >= 2 && oid[0] == 0x56;
}
