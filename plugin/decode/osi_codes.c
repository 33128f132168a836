/* Name tables for osi_codes.h.  Words follow the standards (X.225, X.227,
 * X.228, X.411) and PROTOCOL.md so the plugin's output can be grepped for
 * the names an administrator finds in the ITU texts. */
#include "osi_codes.h"

#include <string.h>

const char *x4_code_lookup(const x4_code_name *t, uint32_t v, const char *fallback)
{
    for (; t && t->name; t++)
        if (t->value == v)
            return t->name;
    return fallback;
}

x4_pdu_kind x4_kind_of_tag(const x4_tag_kind *rows, size_t n, uint8_t tag)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].tag == tag)
            return rows[i].kind;
    return X4_PDU_NONE;
}

const x4_code_name x4_layer_names[] = {
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
    return x4_code_lookup(x4_layer_names, (uint32_t)l, "unknown");
}

/* One row per kind: its display name and its layer. */
typedef struct {
    const char *name;
    x4_layer layer;
} pdu_kind_info;

static const pdu_kind_info kind_info[X4_PDU_KIND_COUNT] = {
    [X4_PDU_NONE] = {"none", X4_LAYER_TPKT},
    [X4_PDU_TP0_CR] = {"TP0 CR", X4_LAYER_TP0},
    [X4_PDU_TP0_CC] = {"TP0 CC", X4_LAYER_TP0},
    [X4_PDU_TP0_DR] = {"TP0 DR", X4_LAYER_TP0},
    [X4_PDU_TP0_DT] = {"TP0 DT", X4_LAYER_TP0},
    [X4_PDU_TP0_ER] = {"TP0 ER", X4_LAYER_TP0},
    [X4_PDU_TP0_DC] = {"TP0 DC", X4_LAYER_TP0},
    [X4_PDU_TP0_AK] = {"TP0 AK", X4_LAYER_TP0},
    [X4_PDU_TP0_EA] = {"TP0 EA", X4_LAYER_TP0},
    [X4_PDU_TP0_RJ] = {"TP0 RJ", X4_LAYER_TP0},
    [X4_PDU_TP0_ED] = {"TP0 ED", X4_LAYER_TP0},
    [X4_PDU_TP0_UNKNOWN] = {"TP0 unknown", X4_LAYER_TP0},
    [X4_PDU_SES_CN] = {"SES CN", X4_LAYER_SESSION},
    [X4_PDU_SES_AC] = {"SES AC", X4_LAYER_SESSION},
    [X4_PDU_SES_RF] = {"SES RF", X4_LAYER_SESSION},
    [X4_PDU_SES_FN] = {"SES FN", X4_LAYER_SESSION},
    [X4_PDU_SES_DN] = {"SES DN", X4_LAYER_SESSION},
    [X4_PDU_SES_NF] = {"SES NF", X4_LAYER_SESSION},
    [X4_PDU_SES_AB] = {"SES AB", X4_LAYER_SESSION},
    [X4_PDU_SES_AA] = {"SES AA", X4_LAYER_SESSION},
    [X4_PDU_SES_GT] = {"SES GT", X4_LAYER_SESSION},
    [X4_PDU_SES_PT] = {"SES PT", X4_LAYER_SESSION},
    [X4_PDU_SES_DT] = {"SES DT", X4_LAYER_SESSION},
    [X4_PDU_SES_AS] = {"SES AS", X4_LAYER_SESSION},
    [X4_PDU_SES_AE] = {"SES AE", X4_LAYER_SESSION},
    [X4_PDU_SES_AEA] = {"SES AEA", X4_LAYER_SESSION},
    [X4_PDU_SES_MIP] = {"SES MIP", X4_LAYER_SESSION},
    [X4_PDU_SES_MIA] = {"SES MIA", X4_LAYER_SESSION},
    [X4_PDU_SES_AI] = {"SES AI", X4_LAYER_SESSION},
    [X4_PDU_SES_AIA] = {"SES AIA", X4_LAYER_SESSION},
    [X4_PDU_SES_AR] = {"SES AR", X4_LAYER_SESSION},
    [X4_PDU_SES_AD] = {"SES AD", X4_LAYER_SESSION},
    [X4_PDU_SES_ADA] = {"SES ADA", X4_LAYER_SESSION},
    [X4_PDU_SES_GTC] = {"SES GTC", X4_LAYER_SESSION},
    [X4_PDU_SES_GTA] = {"SES GTA", X4_LAYER_SESSION},
    [X4_PDU_SES_EX] = {"SES EX", X4_LAYER_SESSION},
    [X4_PDU_SES_TD] = {"SES TD", X4_LAYER_SESSION},
    [X4_PDU_SES_ER] = {"SES ER", X4_LAYER_SESSION},
    [X4_PDU_SES_ED] = {"SES ED", X4_LAYER_SESSION},
    [X4_PDU_SES_RS] = {"SES RS", X4_LAYER_SESSION},
    [X4_PDU_SES_RA] = {"SES RA", X4_LAYER_SESSION},
    [X4_PDU_SES_UNKNOWN] = {"SES unknown", X4_LAYER_SESSION},
    [X4_PDU_PRES_CP] = {"PRES CP", X4_LAYER_PRES},
    [X4_PDU_PRES_CPA] = {"PRES CPA", X4_LAYER_PRES},
    [X4_PDU_PRES_CPR] = {"PRES CPR", X4_LAYER_PRES},
    [X4_PDU_PRES_ARU] = {"PRES ARU", X4_LAYER_PRES},
    [X4_PDU_PRES_ARP] = {"PRES ARP", X4_LAYER_PRES},
    [X4_PDU_PRES_TD] = {"PRES TD", X4_LAYER_PRES},
    [X4_PDU_AARQ] = {"AARQ", X4_LAYER_ACSE},
    [X4_PDU_AARE] = {"AARE", X4_LAYER_ACSE},
    [X4_PDU_RLRQ] = {"RLRQ", X4_LAYER_ACSE},
    [X4_PDU_RLRE] = {"RLRE", X4_LAYER_ACSE},
    [X4_PDU_ABRT] = {"ABRT", X4_LAYER_ACSE},
    [X4_PDU_RTORQ] = {"RTORQ", X4_LAYER_RTSE},
    [X4_PDU_RTOAC] = {"RTOAC", X4_LAYER_RTSE},
    [X4_PDU_RTORJ] = {"RTORJ", X4_LAYER_RTSE},
    [X4_PDU_RTTP] = {"RTTP", X4_LAYER_RTSE},
    [X4_PDU_RTTR] = {"RTTR", X4_LAYER_RTSE},
    [X4_PDU_RTAB] = {"RTAB", X4_LAYER_RTSE},
    [X4_PDU_P1_BIND_ARG] = {"P1 bind-argument", X4_LAYER_P1},
    [X4_PDU_P1_BIND_RES] = {"P1 bind-result", X4_LAYER_P1},
    [X4_PDU_P1_BIND_ERR] = {"P1 bind-error", X4_LAYER_P1},
    [X4_PDU_P1_MESSAGE] = {"P1 message", X4_LAYER_P1},
    [X4_PDU_P1_REPORT] = {"P1 report", X4_LAYER_P1},
    [X4_PDU_P1_PROBE] = {"P1 probe", X4_LAYER_P1},
};

/* The same names as a value_string-style table for the epan glue. */
const x4_code_name x4_pdu_kind_names[] = {
    {X4_PDU_TP0_CR, "TP0 CR"}, {X4_PDU_TP0_CC, "TP0 CC"}, {X4_PDU_TP0_DR, "TP0 DR"},
    {X4_PDU_TP0_DT, "TP0 DT"}, {X4_PDU_TP0_ER, "TP0 ER"}, {X4_PDU_TP0_DC, "TP0 DC"},
    {X4_PDU_TP0_AK, "TP0 AK"}, {X4_PDU_TP0_EA, "TP0 EA"}, {X4_PDU_TP0_RJ, "TP0 RJ"},
    {X4_PDU_TP0_ED, "TP0 ED"}, {X4_PDU_TP0_UNKNOWN, "TP0 unknown"},
    {X4_PDU_SES_CN, "SES CN"}, {X4_PDU_SES_AC, "SES AC"}, {X4_PDU_SES_RF, "SES RF"},
    {X4_PDU_SES_FN, "SES FN"}, {X4_PDU_SES_DN, "SES DN"}, {X4_PDU_SES_NF, "SES NF"},
    {X4_PDU_SES_AB, "SES AB"}, {X4_PDU_SES_AA, "SES AA"}, {X4_PDU_SES_GT, "SES GT"},
    {X4_PDU_SES_PT, "SES PT"}, {X4_PDU_SES_DT, "SES DT"}, {X4_PDU_SES_AS, "SES AS"},
    {X4_PDU_SES_AE, "SES AE"}, {X4_PDU_SES_AEA, "SES AEA"}, {X4_PDU_SES_MIP, "SES MIP"},
    {X4_PDU_SES_MIA, "SES MIA"}, {X4_PDU_SES_AI, "SES AI"}, {X4_PDU_SES_AIA, "SES AIA"},
    {X4_PDU_SES_AR, "SES AR"}, {X4_PDU_SES_AD, "SES AD"}, {X4_PDU_SES_ADA, "SES ADA"},
    {X4_PDU_SES_GTC, "SES GTC"}, {X4_PDU_SES_GTA, "SES GTA"}, {X4_PDU_SES_EX, "SES EX"},
    {X4_PDU_SES_TD, "SES TD"}, {X4_PDU_SES_ER, "SES ER"}, {X4_PDU_SES_ED, "SES ED"},
    {X4_PDU_SES_RS, "SES RS"}, {X4_PDU_SES_RA, "SES RA"},
    {X4_PDU_SES_UNKNOWN, "SES unknown"},
    {X4_PDU_PRES_CP, "PRES CP"}, {X4_PDU_PRES_CPA, "PRES CPA"},
    {X4_PDU_PRES_CPR, "PRES CPR"}, {X4_PDU_PRES_ARU, "PRES ARU"},
    {X4_PDU_PRES_ARP, "PRES ARP"}, {X4_PDU_PRES_TD, "PRES TD"},
    {X4_PDU_AARQ, "AARQ"}, {X4_PDU_AARE, "AARE"}, {X4_PDU_RLRQ, "RLRQ"},
    {X4_PDU_RLRE, "RLRE"}, {X4_PDU_ABRT, "ABRT"},
    {X4_PDU_RTORQ, "RTORQ"}, {X4_PDU_RTOAC, "RTOAC"}, {X4_PDU_RTORJ, "RTORJ"},
    {X4_PDU_RTTP, "RTTP"}, {X4_PDU_RTTR, "RTTR"}, {X4_PDU_RTAB, "RTAB"},
    {X4_PDU_P1_BIND_ARG, "P1 bind-argument"}, {X4_PDU_P1_BIND_RES, "P1 bind-result"},
    {X4_PDU_P1_BIND_ERR, "P1 bind-error"}, {X4_PDU_P1_MESSAGE, "P1 message"},
    {X4_PDU_P1_REPORT, "P1 report"}, {X4_PDU_P1_PROBE, "P1 probe"},
    {0, NULL}
};

const char *x4_pdu_kind_name(x4_pdu_kind k)
{
    if ((unsigned)k >= X4_PDU_KIND_COUNT || !kind_info[k].name)
        return "unknown";
    return kind_info[k].name;
}

x4_layer x4_pdu_kind_layer(x4_pdu_kind k)
{
    if ((unsigned)k >= X4_PDU_KIND_COUNT)
        return X4_LAYER_TPKT;
    return kind_info[k].layer;
}

/* ------------------------------------------------------------------ TP0 */

const x4_code_name x4_tpdu_type_names[] = {
    {X4_TPDU_CR, "CR"}, {X4_TPDU_CC, "CC"}, {X4_TPDU_DR, "DR"},
    {X4_TPDU_DC, "DC"}, {X4_TPDU_DT, "DT"}, {X4_TPDU_ED, "ED"},
    {X4_TPDU_AK, "AK"}, {X4_TPDU_EA, "EA"}, {X4_TPDU_RJ, "RJ"},
    {X4_TPDU_ER, "ER"},
    {0, NULL}
};

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

const x4_code_name x4_dr_reason_names[] = {
    {X4_DR_NOT_SPECIFIED, "not specified"},
    {X4_DR_CONGESTION, "congestion at TSAP"},
    {X4_DR_NOT_ATTACHED, "session entity not attached to TSAP"},
    {X4_DR_ADDRESS_UNKNOWN, "address unknown"},
    {X4_DR_NORMAL, "normal"},
    {X4_DR_REMOTE_CONGESTION, "remote transport entity congestion at connect request time"},
    {X4_DR_NEGOTIATION_FAILED, "connection negotiation failed"},
    {X4_DR_DUPLICATE_SRC_REF, "duplicate source reference"},
    {X4_DR_MISMATCHED_REFS, "mismatched references"},
    {X4_DR_PROTOCOL_ERROR, "protocol error"},
    {X4_DR_REF_OVERFLOW, "reference overflow"},
    {X4_DR_REFUSED_ON_NC, "connection request refused on this network connection"},
    {X4_DR_LENGTH_INVALID, "header or parameter length invalid"},
    {0, NULL}
};

const x4_code_name x4_er_cause_names[] = {
    {X4_ER_NOT_SPECIFIED, "reason not specified"},
    {X4_ER_INVALID_PARAM, "invalid parameter code"},
    {X4_ER_INVALID_TYPE, "invalid TPDU type"},
    {X4_ER_INVALID_VALUE, "invalid parameter value"},
    {0, NULL}
};

/* -------------------------------------------------------------- session */

const x4_code_name x4_spi_names[] = {
    {X4_SPI_CONN_ID, "connection identifier"},
    {X4_SPI_CONN_ACC_ITEM, "connect/accept item"},
    {X4_SPI_CALLED_SS_REF, "called SS-user reference"},
    {X4_SPI_CALLING_SS_REF, "calling SS-user reference"},
    {X4_SPI_COMMON_REF, "common reference"},
    {X4_SPI_ADDITIONAL_REF, "additional reference information"},
    {X4_SPI_SYNC_TYPE, "sync type item"},
    {X4_SPI_TOKEN_ITEM, "token item"},
    {X4_SPI_TRANSPORT_DISC, "transport disconnect"},
    {X4_SPI_PROTOCOL_OPTIONS, "protocol options"},
    {X4_SPI_SES_REQUIREMENTS, "session user requirements"},
    {X4_SPI_TSDU_MAX, "TSDU maximum size"},
    {X4_SPI_VERSION, "version number"},
    {X4_SPI_INITIAL_SERIAL, "initial serial number"},
    {X4_SPI_ENCLOSURE, "enclosure item"},
    {X4_SPI_TOKEN_SETTING, "token setting item"},
    {X4_SPI_LINKING_INFO, "linking information"},
    {X4_SPI_ACTIVITY_ID, "activity identifier"},
    {X4_SPI_SERIAL, "serial number"},
    {X4_SPI_REFLECT, "reflect parameter values"},
    {X4_SPI_REASON, "reason code"},
    {X4_SPI_CALLING_SSEL, "calling session selector"},
    {X4_SPI_CALLED_SSEL, "called session selector"},
    {X4_SPI_DATA_OVERFLOW, "data overflow"},
    {X4_SPI_USER_DATA, "user data"},
    {X4_SPI_EXT_USER_DATA, "extended user data"},
    {0, NULL}
};

const x4_code_name x4_rf_reason_names[] = {
    {X4_RF_USER_NO_REASON, "rejection by called SS-user, no reason"},
    {X4_RF_USER_CONGESTION, "rejection by called SS-user due to temporary congestion"},
    {X4_RF_USER_DATA, "rejection by called SS-user"},
    {X4_RF_SSEL_UNKNOWN, "session selector unknown"},
    {X4_RF_NOT_ATTACHED, "SS-user not attached to SSAP"},
    {X4_RF_SPM_CONGESTION, "SPM congestion at connect time"},
    {X4_RF_VERSION_UNSUPPORTED, "proposed protocol versions not supported"},
    {X4_RF_SPM_NO_REASON, "rejection by the SPM, no reason"},
    {X4_RF_SPM_RESTRICTION, "rejection by the SPM, implementation restriction"},
    {0, NULL}
};

const x4_code_name x4_tdisc_bit_names[] = {
    {X4_TDISC_RELEASE, "release transport connection"},
    {X4_TDISC_USER_ABORT, "user abort"},
    {X4_TDISC_PROTOCOL_ERROR, "protocol error"},
    {X4_TDISC_NO_REASON, "no reason"},
    {X4_TDISC_RESTRICTION, "implementation restriction"},
    {0, NULL}
};

const x4_code_name x4_sreq_bit_names[] = {
    {X4_SREQ_HALF_DUPLEX, "half-duplex"},
    {X4_SREQ_DUPLEX, "duplex"},
    {X4_SREQ_EXPEDITED, "expedited data"},
    {X4_SREQ_MINOR_SYNC, "minor synchronize"},
    {X4_SREQ_MAJOR_SYNC, "major synchronize"},
    {X4_SREQ_RESYNC, "resynchronize"},
    {X4_SREQ_ACTIVITY, "activity management"},
    {X4_SREQ_NEG_RELEASE, "negotiated release"},
    {X4_SREQ_CAPABILITY, "capability data"},
    {X4_SREQ_EXCEPTIONS, "exceptions"},
    {X4_SREQ_TYPED_DATA, "typed data"},
    {X4_SREQ_SYMMETRIC, "symmetric synchronize"},
    {X4_SREQ_SEPARATION, "data separation"},
    {0, NULL}
};

/* --------------------------------------------------------- presentation */

const x4_code_name x4_pres_mode_names[] = {
    {X4_PRES_MODE_X410, "x410-1984"},
    {X4_PRES_MODE_NORMAL, "normal"},
    {0, NULL}
};

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

const x4_code_name x4_pres_ctx_result_names[] = {
    {0, "acceptance"},
    {1, "user-rejection"},
    {2, "provider-rejection"},
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
    {0, "null"},
    {1, "no-reason-given"},
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

const x4_code_name x4_acse_rlrq_reason_names[] = {
    {0, "normal"},
    {1, "urgent"},
    {30, "user-defined"},
    {0, NULL}
};

const x4_code_name x4_acse_rlre_reason_names[] = {
    {0, "normal"},
    {1, "not-finished"},
    {30, "user-defined"},
    {0, NULL}
};

const x4_code_name x4_acse_abort_source_names[] = {
    {0, "acse-service-user"},
    {1, "acse-service-provider"},
    {0, NULL}
};

const x4_code_name x4_acse_abort_diag_names[] = {
    {1, "no-reason-given"},
    {2, "protocol-error"},
    {3, "authentication-mechanism-name-not-recognized"},
    {4, "authentication-mechanism-name-required"},
    {5, "authentication-failure"},
    {6, "authentication-required"},
    {0, NULL}
};

/* ----------------------------------------------------------------- RTSE */

const x4_code_name x4_rtse_refuse_reason_names[] = {
    {X4_RTORJ_BUSY, "rtsBusy"},
    {X4_RTORJ_CANNOT_RECOVER, "cannotRecover"},
    {X4_RTORJ_VALIDATION_FAILURE, "validationFailure"},
    {X4_RTORJ_UNACCEPTABLE_MODE, "unacceptableDialogueMode"},
    {0, NULL}
};

const x4_code_name x4_rtse_abort_reason_names[] = {
    {X4_RTAB_LOCAL_SYSTEM_PROBLEM, "localSystemProblem"},
    {X4_RTAB_INVALID_PARAMETER, "invalidParameter"},
    {X4_RTAB_UNRECOGNIZED_ACTIVITY, "unrecognizedActivity"},
    {X4_RTAB_TEMPORARY_PROBLEM, "temporaryProblem"},
    {X4_RTAB_PROTOCOL_ERROR, "protocolError"},
    {X4_RTAB_PERMANENT_PROBLEM, "permanentProblem"},
    {X4_RTAB_USER_ERROR, "userError"},
    {X4_RTAB_TRANSFER_COMPLETED, "transferCompleted"},
    {0, NULL}
};

const x4_code_name x4_rtse_dialogue_names[] = {
    {X4_RTSE_MONOLOGUE, "monologue"},
    {X4_RTSE_TWA, "twa"},
    {0, NULL}
};

const x4_code_name x4_rtse_app_protocol_names[] = {
    {X4_RTSE_APP_P1, "p1"},
    {X4_RTSE_APP_P3, "p3"},
    {X4_RTSE_APP_MTS_TRANSFER, "mts-transfer-protocol"},
    {0, NULL}
};

/* ------------------------------------------------------------------- P1 */

const x4_code_name x4_p1_bind_error_names[] = {
    {X4_P1_ERR_BUSY, "busy"},
    {X4_P1_ERR_AUTHENTICATION, "authentication-error"},
    {X4_P1_ERR_UNACCEPTABLE_DIALOGUE, "unacceptable-dialogue-mode"},
    {X4_P1_ERR_UNACCEPTABLE_SECURITY, "unacceptable-security-context"},
    {X4_P1_ERR_INADEQUATE_CONFIDENTIALITY, "inadequate-association-confidentiality"},
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
