/* The vocabulary of the X.400-over-RFC1006 stack, in one place.
 *
 * Both programs use this header: the plugin's decoders and glue, and the
 * replayer's encoders and scenario language, so a code, its display name and
 * its scenario keyword can never disagree between what we write and what we
 * read.  The codes follow docs/protocol.md (RFC 1006, ISO 8073 class 0,
 * X.225, X.226, X.227 ACSE, X.228 / X.410-1984 RTSE, X.411 P1).
 *
 * A code family that has names or keywords is one X-macro list: each row
 *     C(constant, code, display name, scenario keyword)
 * and each extra keyword that means the same code (an alias)
 *     K(constant, keyword)
 * One list gives the constants (enum), the display-name table the plugin
 * prints and the keyword table the scenario language accepts.  Both tables
 * are arrays of x4_code_name terminated by {0, NULL}, the layout of
 * Wireshark's value_string, so the epan glue can hand them to VALS().
 * Display names are output (tests/golden holds them byte for byte) and
 * keywords are the scenario language (docs/scenario-language.md): keep both
 * when adding a row.
 */
#ifndef X4_OSI_CODES_H
#define X4_OSI_CODES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t value;
    const char *name;
} x4_code_name;

/* Name of v in t, or fallback when v is not listed. */
const char *x4_code_lookup(const x4_code_name *t, uint32_t v, const char *fallback);
/* Code of `name` in t (a keyword table); false when t does not list it. */
bool x4_code_find(const x4_code_name *t, const char *name, uint32_t *value);

/* Row expanders for the family lists below (osi_codes.c has the table ones). */
#define X4_CODE_ENUM(sym, code, name, keyword) sym = (code),
#define X4_CODE_NONE(...)

/* ---------------------------------------------------------- directions */

typedef enum { X4_DIR_INITIATOR = 0, X4_DIR_RESPONDER = 1 } x4_dir; /* who sent it */

static inline x4_dir x4_dir_peer(x4_dir d)
{
    return d == X4_DIR_INITIATOR ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
}

/* ------------------------------------------------------ association mode */

/* The X.400 mode of an association (how the RTS PDUs travel), not the
 * presentation mode-selector code on the wire (X4_PRES_MODE_*). */
#define X4_MODES(C, K) \
    C(X4_MODE_X410_1984, 1, "x410-1984", "x410-1984") /* RTS PDUs directly in session user data */ \
    K(X4_MODE_X410_1984, "x410") \
    C(X4_MODE_NORMAL, 2, "normal", "normal")          /* presentation + ACSE + RTSE (X.228) */

typedef enum { X4_MODE_UNKNOWN = 0, X4_MODES(X4_CODE_ENUM, X4_CODE_NONE) } x4_mode;

extern const x4_code_name x4_mode_names[];
extern const x4_code_name x4_mode_keywords[];
const char *x4_mode_name(x4_mode m); /* "x410-1984", "normal", "unknown" */

/* ------------------------------------------------------------------ layers */

typedef enum {
    X4_LAYER_TPKT = 0,
    X4_LAYER_TP0,
    X4_LAYER_SESSION,
    X4_LAYER_PRES,
    X4_LAYER_ACSE,
    X4_LAYER_RTSE,
    X4_LAYER_P1,
    X4_LAYER_COUNT
} x4_layer;

const char *x4_layer_name(x4_layer l);         /* "TPKT", "TP0", "session"... */

/* -------------------------------------------------------------- PDU kinds */

/* Every PDU the decoders tell apart: X(id, display name, layer).  The
 * display name is what x400mta.pdu shows. */
#define X4_PDU_KINDS(X) \
    /* TP0 (ISO 8073) */ \
    X(TP0_CR, "TP0 CR", TP0) X(TP0_CC, "TP0 CC", TP0) X(TP0_DR, "TP0 DR", TP0) \
    X(TP0_DT, "TP0 DT", TP0) X(TP0_ER, "TP0 ER", TP0) X(TP0_DC, "TP0 DC", TP0) \
    X(TP0_AK, "TP0 AK", TP0) X(TP0_EA, "TP0 EA", TP0) X(TP0_RJ, "TP0 RJ", TP0) \
    X(TP0_ED, "TP0 ED", TP0) \
    X(TP0_UNKNOWN, "TP0 unknown", TP0)    /* a type code no class defines */ \
    /* session (X.225) */ \
    X(SES_CN, "SES CN", SESSION) X(SES_AC, "SES AC", SESSION) X(SES_RF, "SES RF", SESSION) \
    X(SES_FN, "SES FN", SESSION) X(SES_DN, "SES DN", SESSION) X(SES_NF, "SES NF", SESSION) \
    X(SES_AB, "SES AB", SESSION) X(SES_AA, "SES AA", SESSION) X(SES_GT, "SES GT", SESSION) \
    X(SES_PT, "SES PT", SESSION) X(SES_DT, "SES DT", SESSION) X(SES_AS, "SES AS", SESSION) \
    X(SES_AE, "SES AE", SESSION) X(SES_AEA, "SES AEA", SESSION) \
    X(SES_MIP, "SES MIP", SESSION) X(SES_MIA, "SES MIA", SESSION) X(SES_AI, "SES AI", SESSION) \
    X(SES_AIA, "SES AIA", SESSION) X(SES_AR, "SES AR", SESSION) X(SES_AD, "SES AD", SESSION) \
    X(SES_ADA, "SES ADA", SESSION) X(SES_GTC, "SES GTC", SESSION) \
    X(SES_GTA, "SES GTA", SESSION) X(SES_EX, "SES EX", SESSION) X(SES_TD, "SES TD", SESSION) \
    X(SES_ER, "SES ER", SESSION) X(SES_ED, "SES ED", SESSION) X(SES_RS, "SES RS", SESSION) \
    X(SES_RA, "SES RA", SESSION) \
    X(SES_UNKNOWN, "SES unknown", SESSION) \
    /* presentation (X.226 / X.410-1984) */ \
    X(PRES_CP, "PRES CP", PRES) X(PRES_CPA, "PRES CPA", PRES) X(PRES_CPR, "PRES CPR", PRES) \
    X(PRES_ARU, "PRES ARU", PRES) X(PRES_ARP, "PRES ARP", PRES) X(PRES_TD, "PRES TD", PRES) \
    /* ACSE (X.227) */ \
    X(AARQ, "AARQ", ACSE) X(AARE, "AARE", ACSE) X(RLRQ, "RLRQ", ACSE) X(RLRE, "RLRE", ACSE) \
    X(ABRT, "ABRT", ACSE) \
    /* RTSE (X.228 / X.410-1984) */ \
    X(RTORQ, "RTORQ", RTSE) X(RTOAC, "RTOAC", RTSE) X(RTORJ, "RTORJ", RTSE) \
    X(RTTP, "RTTP", RTSE) X(RTTR, "RTTR", RTSE) X(RTAB, "RTAB", RTSE) \
    /* P1 (X.411) */ \
    X(P1_BIND_ARG, "P1 bind-argument", P1) X(P1_BIND_RES, "P1 bind-result", P1) \
    X(P1_BIND_ERR, "P1 bind-error", P1) X(P1_MESSAGE, "P1 message", P1) \
    X(P1_REPORT, "P1 report", P1) X(P1_PROBE, "P1 probe", P1)

#define X4_PDU_KIND_ENUM(id, name, layer) X4_PDU_##id,
typedef enum {
    X4_PDU_NONE = 0,
    X4_PDU_KINDS(X4_PDU_KIND_ENUM)
    X4_PDU_KIND_COUNT
} x4_pdu_kind;
#undef X4_PDU_KIND_ENUM

/* Display names of every kind but NONE, value_string layout. */
extern const x4_code_name x4_pdu_kind_names[]; /* "TP0 CR", "SES CN", "AARQ"... */

/* Which PDU an outer BER identifier octet announces, for the decoders that
 * tell their APDUs apart by tag (ACSE, RTSE, the P1 bind wrappers). */
typedef struct {
    uint8_t tag;
    x4_pdu_kind kind;
} x4_tag_kind;

/* The kind of `tag` in rows[0..n), or X4_PDU_NONE; and the other way round
 * (0 when `kind` has no row). */
x4_pdu_kind x4_kind_of_tag(const x4_tag_kind *rows, size_t n, uint8_t tag);
uint8_t x4_tag_of_kind(const x4_tag_kind *rows, size_t n, x4_pdu_kind kind);
const char *x4_pdu_kind_name(x4_pdu_kind k);   /* never NULL */
/* The display name of x4_pdu_kind_names by index (a per-frame path: no
 * search), or fallback for NONE and values that are not kinds. */
const char *x4_pdu_kind_display(uint32_t k, const char *fallback);
x4_layer x4_pdu_kind_layer(x4_pdu_kind k);

/* ------------------------------------------------------- TPKT (RFC 1006) */

#define X4_TPKT_VERSION   0x03
#define X4_TPKT_HDR_LEN   4
#define X4_TPKT_MIN_LEN   7      /* header + the smallest TPDU (LI, code, 1 byte) */
#define X4_TPKT_MAX_LEN   65535
#define X4_TCP_PORT_RFC1006 102

/* ---------------------------------------------------- TP0 (ISO 8073) */

/* TPDU type codes: the high nibble of the code byte (low nibble CDT = 0). */
#define X4_TPDU_CR 0xE0
#define X4_TPDU_CC 0xD0
#define X4_TPDU_DR 0x80
#define X4_TPDU_DC 0xC0  /* not class 0 */
#define X4_TPDU_DT 0xF0
#define X4_TPDU_ED 0x10  /* not class 0 (ISODE TCP expedited aside) */
#define X4_TPDU_AK 0x60  /* not class 0 */
#define X4_TPDU_EA 0x20  /* not class 0 */
#define X4_TPDU_RJ 0x50  /* not class 0 */
#define X4_TPDU_ER 0x70
#define X4_TPDU_TYPE_MASK 0xF0

#define X4_TP0_DT_LI   2     /* LI of a class-0 DT: code + EOT/NR byte */
#define X4_TP0_DT_EOT  0x80
#define X4_TP0_CR_LI_MIN 6   /* code, DST-REF, SRC-REF, class/options */
#define X4_TP0_DR_LI_MIN 6   /* code, DST-REF, SRC-REF, reason */
#define X4_TP0_ER_LI_MIN 4   /* code, DST-REF, cause */
#define X4_TP0_ER_LI_MAX 8   /* Wireshark's limit for an ER */
#define X4_TP0_CLASS_MASK 0xF0

/* Variable-part parameter codes. */
#define X4_TP_PARAM_TPDU_SIZE     0xC0 /* 1 byte log2 size */
#define X4_TP_PARAM_CALLING_TSAP  0xC1
#define X4_TP_PARAM_CALLED_TSAP   0xC2
#define X4_TP_PARAM_CHECKSUM      0xC3
#define X4_TP_PARAM_VERSION       0xC4
#define X4_TP_PARAM_PROTECTION    0xC5
#define X4_TP_PARAM_ADD_OPTIONS   0xC6
#define X4_TP_PARAM_ALT_CLASSES   0xC7
#define X4_TP_PARAM_ADD_INFO      0xE0 /* DR: additional clearing information */
#define X4_TP_PARAM_PREF_MAX_TPDU 0xF0 /* preferred max TPDU size, x128 */
#define X4_TP_PARAM_INVALID_TPDU  0xC1 /* in an ER: the rejected header bits */

extern const x4_code_name x4_tp_param_names[];

#define X4_TP0_TPDU_SIZE_DEFAULT 128

/* DR reasons (ISO 8073 13.5.3 e); Wireshark and ISODE agree. */
#define X4_DR_REASONS(C, K) \
    C(X4_DR_NOT_SPECIFIED, 0x00, "not specified", "not-specified") \
    C(X4_DR_CONGESTION, 0x01, "congestion at TSAP", "congestion") \
    C(X4_DR_NOT_ATTACHED, 0x02, "session entity not attached to TSAP", "not-attached") \
    C(X4_DR_ADDRESS_UNKNOWN, 0x03, "address unknown", "address-unknown") \
    C(X4_DR_NORMAL, 0x80, "normal", "normal") \
    C(X4_DR_REMOTE_CONGESTION, 0x81, "remote transport entity congestion at connect request time", \
      "remote-congestion") \
    C(X4_DR_NEGOTIATION_FAILED, 0x82, "connection negotiation failed", "negotiation-failed") \
    C(X4_DR_DUPLICATE_SRC_REF, 0x83, "duplicate source reference", "duplicate-reference") \
    C(X4_DR_MISMATCHED_REFS, 0x84, "mismatched references", "mismatched-references") \
    C(X4_DR_PROTOCOL_ERROR, 0x85, "protocol error", "protocol-error") \
    C(X4_DR_REF_OVERFLOW, 0x87, "reference overflow", "reference-overflow") \
    C(X4_DR_REFUSED_ON_NC, 0x88, "connection request refused on this network connection", "refused") \
    C(X4_DR_LENGTH_INVALID, 0x8A, "header or parameter length invalid", "header-invalid")
enum { X4_DR_REASONS(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_dr_reason_names[];
extern const x4_code_name x4_dr_reason_keywords[];

/* ER reject causes. */
#define X4_ER_CAUSES(C, K) \
    C(X4_ER_NOT_SPECIFIED, 0x00, "reason not specified", "not-specified") \
    C(X4_ER_INVALID_PARAM, 0x01, "invalid parameter code", "invalid-parameter") \
    C(X4_ER_INVALID_TYPE, 0x02, "invalid TPDU type", "invalid-tpdu-type") \
    C(X4_ER_INVALID_VALUE, 0x03, "invalid parameter value", "invalid-parameter-value")
enum { X4_ER_CAUSES(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_er_cause_names[];
extern const x4_code_name x4_er_cause_keywords[];

/* ------------------------------------------------- session (X.225) */

/* SPDU identifiers.  Some share a code; position tells them apart. */
#define X4_SPDU_ER  0x00  /* exception report */
#define X4_SPDU_GT  0x01  /* first in a TSDU */
#define X4_SPDU_DT  0x01  /* after a GT/PT */
#define X4_SPDU_PT  0x02
#define X4_SPDU_EX  0x05
#define X4_SPDU_NF  0x08
#define X4_SPDU_FN  0x09
#define X4_SPDU_DN  0x0A
#define X4_SPDU_RF  0x0C
#define X4_SPDU_CN  0x0D
#define X4_SPDU_AC  0x0E
#define X4_SPDU_GTC 0x15
#define X4_SPDU_GTA 0x16
#define X4_SPDU_AB  0x19  /* standalone */
#define X4_SPDU_AI  0x19  /* after a GT */
#define X4_SPDU_AA  0x1A  /* standalone */
#define X4_SPDU_AIA 0x1A  /* after a GT */
#define X4_SPDU_AR  0x1D
#define X4_SPDU_TD  0x21
#define X4_SPDU_RA  0x22
#define X4_SPDU_MAP 0x29
#define X4_SPDU_AE  0x29
#define X4_SPDU_MAA 0x2A
#define X4_SPDU_AEA 0x2A
#define X4_SPDU_AS  0x2D
#define X4_SPDU_ED  0x30
#define X4_SPDU_MIP 0x31
#define X4_SPDU_MIA 0x32
#define X4_SPDU_RS  0x35
#define X4_SPDU_AD  0x39
#define X4_SPDU_ADA 0x3A

#define X4_SES_LEN_LONG 0xFF  /* LI/length byte announcing a 2-byte length */

/* PGI and PI codes. */
#define X4_SPI_CONN_ID          0x01 /* PGI */
#define X4_SPI_CONN_ACC_ITEM    0x05 /* PGI */
#define X4_SPI_CALLED_SS_REF    0x09
#define X4_SPI_CALLING_SS_REF   0x0A
#define X4_SPI_COMMON_REF       0x0B
#define X4_SPI_ADDITIONAL_REF   0x0C
#define X4_SPI_SYNC_TYPE        0x0F
#define X4_SPI_TOKEN_ITEM       0x10
#define X4_SPI_TRANSPORT_DISC   0x11
#define X4_SPI_PROTOCOL_OPTIONS 0x13
#define X4_SPI_SES_REQUIREMENTS 0x14
#define X4_SPI_TSDU_MAX         0x15
#define X4_SPI_VERSION          0x16
#define X4_SPI_INITIAL_SERIAL   0x17
#define X4_SPI_ENCLOSURE        0x19
#define X4_SPI_TOKEN_SETTING    0x1A
#define X4_SPI_LINKING_INFO     0x21 /* PGI (activity resume) */
#define X4_SPI_ACTIVITY_ID      0x29
#define X4_SPI_SERIAL           0x2A
#define X4_SPI_REFLECT          0x31
#define X4_SPI_REASON           0x32
#define X4_SPI_CALLING_SSEL     0x33
#define X4_SPI_CALLED_SSEL      0x34
#define X4_SPI_DATA_OVERFLOW    0x3C
#define X4_SPI_USER_DATA        0xC1
#define X4_SPI_EXT_USER_DATA    0xC2

/* RF reason codes. */
#define X4_RF_REASONS(C, K) \
    C(X4_RF_USER_NO_REASON, 0x00, "rejection by called SS-user, no reason", "rejected") \
    C(X4_RF_USER_CONGESTION, 0x01, "rejection by called SS-user due to temporary congestion", \
      "user-congestion") \
    C(X4_RF_USER_DATA, 0x02, "rejection by called SS-user", "rejected-by-user") /* user data follows */ \
    C(X4_RF_SSEL_UNKNOWN, 0x81, "session selector unknown", "selector-unknown") \
    C(X4_RF_NOT_ATTACHED, 0x82, "SS-user not attached to SSAP", "not-attached") \
    C(X4_RF_SPM_CONGESTION, 0x83, "SPM congestion at connect time", "spm-congestion") \
    C(X4_RF_VERSION_UNSUPPORTED, 0x84, "proposed protocol versions not supported", \
      "versions-not-supported") \
    C(X4_RF_SPM_NO_REASON, 0x85, "rejection by the SPM, no reason", "spm-no-reason") \
    C(X4_RF_SPM_RESTRICTION, 0x86, "rejection by the SPM, implementation restriction", \
      "implementation-restriction")
enum { X4_RF_REASONS(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_rf_reason_names[];
extern const x4_code_name x4_rf_reason_keywords[];

/* Transport-disconnect PI bits (the names of all but RELEASE are the
 * reasons an AB gives). */
#define X4_TDISC_RELEASE        0x01 /* release the transport connection (else keep) */
#define X4_TDISC_USER_ABORT     0x02
#define X4_TDISC_PROTOCOL_ERROR 0x04
#define X4_TDISC_NO_REASON      0x08
#define X4_TDISC_RESTRICTION    0x10
extern const x4_code_name x4_tdisc_bit_names[];

/* Session user requirement bits. */
#define X4_SREQ_HALF_DUPLEX   0x0001
#define X4_SREQ_DUPLEX        0x0002
#define X4_SREQ_EXPEDITED     0x0004
#define X4_SREQ_MINOR_SYNC    0x0008
#define X4_SREQ_MAJOR_SYNC    0x0010
#define X4_SREQ_RESYNC        0x0020
#define X4_SREQ_ACTIVITY      0x0040
#define X4_SREQ_NEG_RELEASE   0x0080
#define X4_SREQ_CAPABILITY    0x0100
#define X4_SREQ_EXCEPTIONS    0x0200
#define X4_SREQ_TYPED_DATA    0x0400
#define X4_SREQ_SYMMETRIC     0x0800
#define X4_SREQ_SEPARATION    0x1000
#define X4_SREQ_RTS           0x0249 /* ISODE's fixed RTS value */

/* Token item bits, version bits, protocol options. */
#define X4_TOKEN_DATA    0x01
#define X4_TOKEN_MINOR   0x04
#define X4_TOKEN_MAJOR   0x10
#define X4_TOKEN_RELEASE 0x40
#define X4_SES_VERSION_1 0x01
#define X4_SES_VERSION_2 0x02
#define X4_SES_OPT_EXTENDED_CONCAT 0x01

/* --------------------------------------- presentation (X.226, X.410) */

#define X4_PRES_MODE_X410   0   /* mode-selector / X.410 DataTransferSyntax x409(0) */
#define X4_PRES_MODE_NORMAL 1

#define X4_PRES_TAG_CP          0x31 /* CP-type SET; also X.410 PConnect/PAccept */
#define X4_PRES_TAG_CPA         0x31
#define X4_PRES_TAG_CPR_NORMAL  0x30 /* CPR normal-mode-parameters SEQUENCE */
#define X4_PRES_TAG_CPR_X410    0x31 /* PRefuse SET {80 refuseReason} */
#define X4_PRES_TAG_ARU_NORMAL  0xA0 /* ARU normal-mode-parameters [0] */
#define X4_PRES_TAG_ARU_X410    0x31 /* AbortInformation / RTABapdu SET */
#define X4_PRES_TAG_ARP         0x30 /* ARP SEQUENCE {80 reason, 81 event} */
#define X4_PRES_TAG_MODE        0xA0 /* mode-selector [0] SET */
#define X4_PRES_TAG_MODE_VALUE  0x80 /* mode-value [0] INTEGER */
#define X4_PRES_TAG_X410_PARAMS 0xA1 /* x410-mode-parameters / PConnect pUserData */
#define X4_PRES_TAG_NORMAL_PARAMS 0xA2
#define X4_PRES_TAG_PREFUSE_REASON 0x80
/* The X.410-1984 names of the same PPDUs (all a SET, 31). */
#define X4_PRES_TAG_PCONNECT   X4_PRES_TAG_CP
#define X4_PRES_TAG_PACCEPT    X4_PRES_TAG_CPA
#define X4_PRES_TAG_PREFUSE    X4_PRES_TAG_CPR_X410
#define X4_PRES_TAG_ABORT_INFO X4_PRES_TAG_ARU_X410

/* Inside normal-mode-parameters. */
#define X4_PRES_TAG_PROTOCOL_VERSION 0x80
#define X4_PRES_TAG_CALLING_PSEL     0x81
#define X4_PRES_TAG_CALLED_PSEL      0x82
#define X4_PRES_TAG_RESPONDING_PSEL  0x83
#define X4_PRES_TAG_CTX_DEF_LIST     0xA4
#define X4_PRES_TAG_CTX_RESULT_LIST  0xA5
#define X4_PRES_TAG_DEFAULT_CTX      0xA6
#define X4_PRES_TAG_DEFAULT_CTX_RESULT 0x87
#define X4_PRES_TAG_PRES_REQUIREMENTS 0x88
#define X4_PRES_TAG_USER_SREQ        0x89
#define X4_PRES_TAG_PROVIDER_REASON  0x8A /* CPR */
#define X4_PRES_TAG_CTX_ID_LIST      0xA0 /* ARU */

/* User-data CHOICE and PDV-list. */
#define X4_PRES_TAG_SIMPLY_ENCODED 0x40 /* [APPLICATION 0] */
#define X4_PRES_TAG_FULLY_ENCODED  0x61 /* [APPLICATION 1] SEQUENCE OF PDV-list */
#define X4_PRES_TAG_PDV_LIST       0x30
#define X4_PRES_TAG_SINGLE_ASN1    0xA0 /* [0] */
#define X4_PRES_TAG_OCTET_ALIGNED  0x81 /* [1] primitive */
#define X4_PRES_TAG_OCTET_ALIGNED_C 0xA1 /* [1] constructed */
#define X4_PRES_TAG_ARBITRARY      0x82 /* [2] */

/* Context definition result list members. */
#define X4_PRES_CTX_ACCEPTANCE      0   /* Result value */
#define X4_PRES_TAG_RESULT          0x80
#define X4_PRES_TAG_RESULT_TSN      0x81
#define X4_PRES_TAG_RESULT_REASON   0x82

/* ARP members. */
#define X4_PRES_TAG_ARP_REASON 0x80
#define X4_PRES_TAG_ARP_EVENT  0x81

extern const x4_code_name x4_pres_provider_reason_names[]; /* CPR */
extern const x4_code_name x4_pres_abort_reason_names[];    /* ARP */

/* --------------------------------------------------------- ACSE (X.227) */

#define X4_ACSE_TAG_AARQ 0x60
#define X4_ACSE_TAG_AARE 0x61
#define X4_ACSE_TAG_RLRQ 0x62
#define X4_ACSE_TAG_RLRE 0x63
#define X4_ACSE_TAG_ABRT 0x64

#define X4_ACSE_TAG_PROTOCOL_VERSION 0x80
#define X4_ACSE_TAG_APP_CONTEXT      0xA1 /* {06 OID} */
#define X4_ACSE_TAG_RESULT           0xA2 /* AARE {02 result} */
#define X4_ACSE_TAG_DIAGNOSTIC       0xA3 /* AARE {A1 {02} | A2 {02}} */
#define X4_ACSE_TAG_DIAG_USER        0xA1
#define X4_ACSE_TAG_DIAG_PROVIDER    0xA2
#define X4_ACSE_TAG_USER_INFO        0xBE /* [30] SEQUENCE OF EXTERNAL */
#define X4_ACSE_TAG_REASON           0x80 /* RLRQ/RLRE reason */
#define X4_ACSE_TAG_ABORT_SOURCE     0x80
#define X4_ACSE_TAG_ABORT_DIAG       0x81

/* EXTERNAL (X.208). */
#define X4_TAG_EXTERNAL              0x28
#define X4_EXT_TAG_DIRECT_REF        0x06
#define X4_EXT_TAG_INDIRECT_REF      0x02
#define X4_EXT_TAG_DESCRIPTOR        0x07
#define X4_EXT_TAG_SINGLE_ASN1       0xA0
#define X4_EXT_TAG_OCTET_ALIGNED     0x81
#define X4_EXT_TAG_ARBITRARY         0x82

#define X4_ACSE_ACCEPTED          0
#define X4_ACSE_REJECTED_PERMANENT 1
#define X4_ACSE_REJECTED_TRANSIENT 2
#define X4_ACSE_DIAG_NULL          0   /* acse-service-user diagnostic */
#define X4_ACSE_DIAG_NO_REASON     1
#define X4_ACSE_SOURCE_USER        0   /* ABRT abort-source */
#define X4_ACSE_SOURCE_PROVIDER    1
#define X4_ACSE_RELEASE_NORMAL     0   /* RLRQ / RLRE reason */
extern const x4_code_name x4_acse_result_names[];
extern const x4_code_name x4_acse_diag_user_names[];
extern const x4_code_name x4_acse_diag_provider_names[];
extern const x4_code_name x4_acse_abort_source_names[];

/* ---------------------------------------------------- RTSE (X.228/X.410) */

/* Normal mode: RTSE-apdus CHOICE. */
#define X4_RTSE_TAG_RTORQ 0xB0 /* [16] SET */
#define X4_RTSE_TAG_RTOAC 0xB1 /* [17] */
#define X4_RTSE_TAG_RTORJ 0xB2 /* [18] */
#define X4_RTSE_TAG_RTTP  0x02 /* INTEGER priority */
#define X4_RTSE_TAG_RTTR  0x04 /* OCTET STRING */
#define X4_RTSE_TAG_RTTR_C 0x24 /* constructed OCTET STRING (segments) */
#define X4_RTSE_TAG_RTAB  0xB6 /* [22] */
/* X.410-1984 mode: the fields sit in a SET: PConnect A1, PAccept A1,
 * PRefuse 31, AbortInformation 31; RTTP is a bare INTEGER in PT user data. */
#define X4_RTSE_TAG_X410_SET 0x31

/* Fields. */
#define X4_RTSE_TAG_CHECKPOINT   0x80
#define X4_RTSE_TAG_WINDOW       0x81
#define X4_RTSE_TAG_DIALOGUE     0x82
#define X4_RTSE_TAG_CONN_DATA_RQ 0xA3
#define X4_RTSE_TAG_APP_PROTOCOL 0x84
#define X4_RTSE_TAG_CONN_DATA_AC 0xA2
#define X4_RTSE_TAG_REFUSE_REASON 0x80
#define X4_RTSE_TAG_USER_DATA_RJ 0xA1
#define X4_RTSE_TAG_ABORT_REASON 0x80
#define X4_RTSE_TAG_REFLECTED    0x81
#define X4_RTSE_TAG_USER_DATA_AB 0xA2
#define X4_RTSE_TAG_OPEN         0xA0 /* ConnectionData open [0] */
#define X4_RTSE_TAG_OPEN_NULL    0x80 /* [0] IMPLICIT NULL: empty open */
#define X4_RTSE_TAG_RECOVER      0xA1 /* ConnectionData recover [1] */
#define X4_RTSE_TAG_ADD_REF      0x80 /* recover: additional reference */

#define X4_RTSE_WINDOW_DEFAULT 3
#define X4_RTSE_APP_P1 1
#define X4_RTSE_APP_P3 3
#define X4_RTSE_APP_MTS_TRANSFER 12

/* dialogueMode: the plugin shows no name for it, only the language has one. */
#define X4_RTSE_DIALOGUES(C, K) \
    C(X4_RTSE_MONOLOGUE, 0, NULL, "monologue") \
    C(X4_RTSE_TWA, 1, NULL, "two-way")        /* two-way alternate */
enum { X4_RTSE_DIALOGUES(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_rtse_dialogue_keywords[];

/* RTORJ refuseReason. */
#define X4_RTORJ_REASONS(C, K) \
    C(X4_RTORJ_BUSY, 0, "rtsBusy", "busy") \
    K(X4_RTORJ_BUSY, "rts-busy") \
    C(X4_RTORJ_CANNOT_RECOVER, 1, "cannotRecover", "cannot-recover") \
    C(X4_RTORJ_VALIDATION_FAILURE, 2, "validationFailure", "validation-failure") \
    C(X4_RTORJ_UNACCEPTABLE_MODE, 3, "unacceptableDialogueMode", "unacceptable-dialogue-mode")
enum { X4_RTORJ_REASONS(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_rtse_refuse_reason_names[];
extern const x4_code_name x4_rtse_refuse_reason_keywords[];

/* RTAB abortReason. */
#define X4_RTAB_REASONS(C, K) \
    C(X4_RTAB_LOCAL_SYSTEM_PROBLEM, 0, "localSystemProblem", "local-system-problem") \
    C(X4_RTAB_INVALID_PARAMETER, 1, "invalidParameter", "invalid-parameter") \
    C(X4_RTAB_UNRECOGNIZED_ACTIVITY, 2, "unrecognizedActivity", "unrecognized-activity") \
    C(X4_RTAB_TEMPORARY_PROBLEM, 3, "temporaryProblem", "temporary-problem") \
    C(X4_RTAB_PROTOCOL_ERROR, 4, "protocolError", "protocol-error") \
    C(X4_RTAB_PERMANENT_PROBLEM, 5, "permanentProblem", "permanent-problem") \
    C(X4_RTAB_USER_ERROR, 6, "userError", "user-error") \
    C(X4_RTAB_TRANSFER_COMPLETED, 7, "transferCompleted", "transfer-completed")
enum { X4_RTAB_REASONS(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_rtse_abort_reason_names[];
extern const x4_code_name x4_rtse_abort_reason_keywords[];

/* ------------------------------------------------------------ P1 (X.411) */

/* ROS bind wrapper seen in normal mode (x400-ping-success). */
#define X4_P1_TAG_BIND_ARG_WRAP 0xB0
#define X4_P1_TAG_BIND_RES_WRAP 0xB1
#define X4_P1_TAG_BIND_ERR_WRAP 0xB2
/* MTABindArgument / MTABindResult CHOICE. */
#define X4_P1_TAG_UNAUTHENTICATED 0x05 /* NULL */
#define X4_P1_TAG_AUTHENTICATED   0xA1 /* [1] SET */
#define X4_P1_TAG_MTA_NAME        0x80 /* [0] IMPLICIT IA5String */
#define X4_P1_TAG_CREDENTIALS     0xA1 /* [1] (CHOICE, explicit) */
#define X4_P1_TAG_SECURITY_CTX    0xA2
#define X4_P1_TAG_SIMPLE_IA5      0x16
#define X4_P1_TAG_SIMPLE_OCTETS   0x04
#define X4_P1_TAG_STRONG          0xA0
/* MTABindError INTEGER. */
#define X4_P1_TAG_BIND_ERROR      0x02

/* MTABindError: the keywords are the X.411 names. */
#define X4_P1_BIND_ERRORS(C, K) \
    C(X4_P1_ERR_BUSY, 0, "busy", "busy") \
    C(X4_P1_ERR_AUTHENTICATION, 2, "authentication-error", "authentication-error") \
    C(X4_P1_ERR_UNACCEPTABLE_DIALOGUE, 3, "unacceptable-dialogue-mode", "unacceptable-dialogue-mode") \
    C(X4_P1_ERR_UNACCEPTABLE_SECURITY, 4, "unacceptable-security-context", \
      "unacceptable-security-context") \
    C(X4_P1_ERR_INADEQUATE_CONFIDENTIALITY, 5, "inadequate-association-confidentiality", \
      "inadequate-association-confidentiality")
enum { X4_P1_BIND_ERRORS(X4_CODE_ENUM, X4_CODE_NONE) };
extern const x4_code_name x4_p1_bind_error_names[];
extern const x4_code_name x4_p1_bind_error_keywords[];

/* MTS-APDU. */
#define X4_P1_TAG_MESSAGE 0xA0
#define X4_P1_TAG_REPORT  0xA1
#define X4_P1_TAG_PROBE   0xA2
#define X4_P1_TAG_ENVELOPE 0x31
#define X4_P1_TAG_CONTENT  0x04
#define X4_P1_TAG_MTSID    0x64 /* [APPLICATION 4] MTSIdentifier */
#define X4_P1_TAG_GDI      0x63 /* [APPLICATION 3] GlobalDomainIdentifier */
#define X4_P1_TAG_COUNTRY  0x61 /* [APPLICATION 1] */
#define X4_P1_TAG_ADMD     0x62 /* [APPLICATION 2] */
#define X4_P1_TAG_NUMERIC  0x12
#define X4_P1_TAG_PRINTABLE 0x13
#define X4_P1_TAG_LOCAL_ID 0x16 /* IA5String */
#define X4_P1_TAG_ORNAME   0x60
#define X4_P1_TAG_CONTENT_TYPE 0x46
#define X4_P1_TAG_CONTENT_TYPE_OID 0x06
#define X4_P1_TAG_CONTENT_ID 0x4A
#define X4_P1_TAG_PRIORITY 0x47
#define X4_P1_TAG_TRACE    0x69
#define X4_P1_TAG_PER_RECIPIENT 0xA2

/* The three MTS-APDUs: their outer tags, and the scenario keywords of their
 * kinds ("message", "report", "probe"). */
#define X4_P1_APDU_COUNT 3
extern const x4_tag_kind x4_p1_apdu_tags[X4_P1_APDU_COUNT];
extern const x4_code_name x4_p1_apdu_keywords[];

#define X4_P1_COUNTRY_MAX 3
#define X4_P1_DOMAIN_MAX  16
#define X4_P1_LOCAL_ID_MAX 32

/* Universal BER tags, and P1 envelope members the replayer writes beyond
 * the MTS identifier (x400replay; the decoders skip them). */
#define X4_BER_TAG_INTEGER  0x02
#define X4_BER_TAG_OID      0x06
#define X4_BER_TAG_SEQUENCE 0x30
#define X4_BER_TAG_SET      0x31
#define X4_P1_TAG_PRMD_NAME          0xA2 /* BuiltInStandardAttributes private-domain-name [2] */
#define X4_P1_TAG_ORG_NAME           0x83 /* organization-name [3] */
#define X4_P1_TAG_ARRIVAL_TIME       0x80 /* DomainSuppliedInformation arrival-time [0] */
#define X4_P1_TAG_ROUTING_ACTION     0x82 /* routing-action [2] */
#define X4_P1_TAG_RECIPIENT_NUMBER   0x80 /* originally-specified-recipient-number [0] */
#define X4_P1_TAG_RECIPIENT_FLAGS    0x81 /* per-recipient-indicators [1] */
#define X4_P1_CONTENT_TYPE_P2_1984   2
#define X4_P1_ROUTING_RELAYED        0   /* RoutingAction relayed */

/* ------------------------------------------------- object identifiers */

/* Content octets (no 06/length), as they appear on the wire. */
extern const uint8_t x4_oid_acse[];          /* 2.2.1.0.1  52 01 00 01 */
extern const uint8_t x4_oid_ber[];           /* 2.1.1      51 01 */
extern const uint8_t x4_oid_mta_rtse[];      /* 2.6.0.2.12 56 00 02 0C  id-as-mta-rtse */
extern const uint8_t x4_oid_mtse[];          /* 2.6.0.2.7  56 00 02 07  id-as-mtse */
extern const uint8_t x4_oid_mts_transfer[];  /* 2.6.0.1.6  56 00 01 06  id-ac-mts-transfer */
extern const size_t x4_oid_acse_len, x4_oid_ber_len, x4_oid_mta_rtse_len,
                    x4_oid_mtse_len, x4_oid_mts_transfer_len;

/* True when the OID content octets name an X.400 MTS abstract syntax or
 * application context (anything under 2.6.0 = joint-iso-itu-t mhs-motis
 * mts... : 56 00 ..). */
int x4_oid_is_x400(const uint8_t *oid, size_t len);
int x4_oid_equal(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

#endif
