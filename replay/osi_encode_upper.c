/* The layers above session: X.410-1984 PConnect/PAccept/PRefuse/
 * AbortInformation, or in normal mode presentation CP/CPA/CPR/ARU with ACSE
 * and EXTERNALs; RTSE RTORQ/RTOAC/RTORJ/RTAB/RTTR; the P1 bind and the
 * MTS-APDU (docs/protocol.md: "The two X.400 stacks", "RTSE", "X.411 P1"). */
#include "osi_encode.h"
#include "osi_codes.h"
#include "mtsid.h"
#include "verbs.h"

#include <string.h>

/* Presentation context ids of the normal-mode stack (as in the public
 * p772 capture): ACSE 1, id-as-mta-rtse 3, id-as-mtse 5. */
enum { CTX_ACSE = 1, CTX_RTSE = 3, CTX_MTSE = 5 };

static void oid(x4r_buf *b, const uint8_t *v, size_t n) { x4r_ber_prim(b, X4_BER_TAG_OID, v, n); }

static void small_int(x4r_buf *b, uint8_t tag, long v) { x4r_ber_int(b, tag, v); }

/* ---- P1 bind ------------------------------------------------------------- */

static void bind_value(x4r_buf *b, const x4r_params *p)
{
    if (!p->mta) {
        x4r_buf_u8(b, X4_P1_TAG_UNAUTHENTICATED);
        x4r_buf_u8(b, 0);
        return;
    }
    size_t set = x4r_ber_open(b, X4_P1_TAG_AUTHENTICATED);
    x4r_ber_str(b, X4_P1_TAG_MTA_NAME, p->mta);
    if (p->password) {
        size_t cred = x4r_ber_open(b, X4_P1_TAG_CREDENTIALS);
        x4r_ber_str(b, X4_P1_TAG_SIMPLE_IA5, p->password);
        x4r_ber_close(b, cred);
    }
    x4r_ber_close(b, set);
}

/* ConnectionData open [0] holding the bind (normal mode: in a ROS wrapper). */
static void open_data(x4r_buf *b, x4_mode mode, uint8_t wrapper, const x4r_params *p)
{
    size_t open = x4r_ber_open(b, X4_RTSE_TAG_OPEN);
    if (mode == X4_MODE_NORMAL) {
        size_t w = x4r_ber_open(b, wrapper);
        bind_value(b, p);
        x4r_ber_close(b, w);
    } else {
        bind_value(b, p);
    }
    x4r_ber_close(b, open);
}

/* ---- RTSE fields --------------------------------------------------------- */

static void rtorq_fields(x4r_buf *b, x4_mode mode, const x4r_params *p)
{
    if (X4R_GIVEN(p, X4R_P_CHECKPOINT))
        small_int(b, X4_RTSE_TAG_CHECKPOINT, p->checkpoint);
    if (X4R_GIVEN(p, X4R_P_WINDOW))
        small_int(b, X4_RTSE_TAG_WINDOW, p->window);
    small_int(b, X4_RTSE_TAG_DIALOGUE, p->dialogue);
    size_t rq = x4r_ber_open(b, X4_RTSE_TAG_CONN_DATA_RQ);
    open_data(b, mode, X4_P1_TAG_BIND_ARG_WRAP, p);
    x4r_ber_close(b, rq);
    if (mode == X4_MODE_X410_1984)
        small_int(b, X4_RTSE_TAG_APP_PROTOCOL, X4_RTSE_APP_P1);
}

static void rtoac_fields(x4r_buf *b, x4_mode mode, const x4r_params *p)
{
    if (X4R_GIVEN(p, X4R_P_CHECKPOINT))
        small_int(b, X4_RTSE_TAG_CHECKPOINT, p->checkpoint);
    if (X4R_GIVEN(p, X4R_P_WINDOW))
        small_int(b, X4_RTSE_TAG_WINDOW, p->window);
    size_t ac = x4r_ber_open(b, X4_RTSE_TAG_CONN_DATA_AC);
    open_data(b, mode, X4_P1_TAG_BIND_RES_WRAP, p);
    x4r_ber_close(b, ac);
}

/* RTORJ refuseReason: given, or derived from the bind error as ISODE does
 * (busy -> rtsBusy, anything else -> validationFailure). */
static int refuse_reason(const x4r_params *p)
{
    if (p->reason >= 0)
        return p->reason;
    if (p->bind_error == X4_P1_ERR_BUSY)
        return X4_RTORJ_BUSY;
    return X4_RTORJ_VALIDATION_FAILURE;
}

/* ---- normal-mode presentation/ACSE helpers ------------------------------- */

static void mode_selector(x4r_buf *b, x4_mode mode)
{
    size_t m = x4r_ber_open(b, X4_PRES_TAG_MODE);
    small_int(b, X4_PRES_TAG_MODE_VALUE, mode == X4_MODE_NORMAL ? X4_PRES_MODE_NORMAL : X4_PRES_MODE_X410);
    x4r_ber_close(b, m);
}

static void context_list(x4r_buf *b)
{
    static const struct { long id; const uint8_t *oid; const size_t *len; } ctx[] = {
        { CTX_ACSE, x4_oid_acse, &x4_oid_acse_len },
        { CTX_RTSE, x4_oid_mta_rtse, &x4_oid_mta_rtse_len },
        { CTX_MTSE, x4_oid_mtse, &x4_oid_mtse_len },
    };
    size_t list = x4r_ber_open(b, X4_PRES_TAG_CTX_DEF_LIST);
    for (unsigned i = 0; i < 3; i++) {
        size_t item = x4r_ber_open(b, X4_BER_TAG_SEQUENCE);
        small_int(b, X4_BER_TAG_INTEGER, ctx[i].id);
        oid(b, ctx[i].oid, *ctx[i].len);
        size_t ts = x4r_ber_open(b, X4_BER_TAG_SEQUENCE);
        oid(b, x4_oid_ber, x4_oid_ber_len);
        x4r_ber_close(b, ts);
        x4r_ber_close(b, item);
    }
    x4r_ber_close(b, list);
}

static void context_results(x4r_buf *b)
{
    size_t list = x4r_ber_open(b, X4_PRES_TAG_CTX_RESULT_LIST);
    for (unsigned i = 0; i < 3; i++) {
        size_t item = x4r_ber_open(b, X4_BER_TAG_SEQUENCE);
        small_int(b, X4_PRES_TAG_RESULT, X4_PRES_CTX_ACCEPTANCE);
        x4r_ber_prim(b, X4_PRES_TAG_RESULT_TSN, x4_oid_ber, x4_oid_ber_len);
        x4r_ber_close(b, item);
    }
    x4r_ber_close(b, list);
}

/* Three constructions opened one inside the other, closed innermost first. */
typedef struct {
    size_t outer, mid, inner;
} nest3;

static void nest3_close(x4r_buf *b, nest3 n)
{
    x4r_ber_close(b, n.inner);
    x4r_ber_close(b, n.mid);
    x4r_ber_close(b, n.outer);
}

/* fully-encoded-data { PDV-list { ctx, single-ASN1-type { inner } } } */
static nest3 pdv_open(x4r_buf *b, long ctx)
{
    nest3 n;
    n.outer = x4r_ber_open(b, X4_PRES_TAG_FULLY_ENCODED);
    n.mid = x4r_ber_open(b, X4_PRES_TAG_PDV_LIST);
    small_int(b, X4_BER_TAG_INTEGER, ctx);
    n.inner = x4r_ber_open(b, X4_PRES_TAG_SINGLE_ASN1);
    return n;
}

static void app_context(x4r_buf *b)
{
    size_t ac = x4r_ber_open(b, X4_ACSE_TAG_APP_CONTEXT);
    oid(b, x4_oid_mts_transfer, x4_oid_mts_transfer_len);
    x4r_ber_close(b, ac);
}

/* user-information { EXTERNAL { BER, ctx 3, single-ASN1-type { rtse } } } */
static nest3 user_info_open(x4r_buf *b)
{
    nest3 n;
    n.outer = x4r_ber_open(b, X4_ACSE_TAG_USER_INFO);
    n.mid = x4r_ber_open(b, X4_TAG_EXTERNAL);
    oid(b, x4_oid_ber, x4_oid_ber_len);
    small_int(b, X4_EXT_TAG_INDIRECT_REF, CTX_RTSE);
    n.inner = x4r_ber_open(b, X4_EXT_TAG_SINGLE_ASN1);
    return n;
}

static void aare_result(x4r_buf *b, long result)
{
    size_t r = x4r_ber_open(b, X4_ACSE_TAG_RESULT);
    small_int(b, X4_BER_TAG_INTEGER, result);
    x4r_ber_close(b, r);
    size_t d = x4r_ber_open(b, X4_ACSE_TAG_DIAGNOSTIC);
    size_t u = x4r_ber_open(b, X4_ACSE_TAG_DIAG_USER);
    small_int(b, X4_BER_TAG_INTEGER, result == X4_ACSE_ACCEPTED ? X4_ACSE_DIAG_NULL : X4_ACSE_DIAG_NO_REASON);
    x4r_ber_close(b, u);
    x4r_ber_close(b, d);
}

typedef void (*rtse_fields_fn)(x4r_buf *, x4_mode, const x4r_params *);

/* user-information carrying one RTSE APDU (normal mode). */
static void user_info_rtse(x4r_buf *b, uint8_t rtse_tag, rtse_fields_fn fields, const x4r_params *p)
{
    nest3 ui = user_info_open(b);
    size_t rt = x4r_ber_open(b, rtse_tag);
    fields(b, X4_MODE_NORMAL, p);
    x4r_ber_close(b, rt);
    nest3_close(b, ui);
}

/* ACSE APDU (AARQ/AARE) carrying one RTSE APDU, inside the ACSE PDV. */
static void acse_with_rtse(x4r_buf *b, uint8_t acse_tag, long result, uint8_t rtse_tag,
                           rtse_fields_fn fields, const x4r_params *p)
{
    nest3 pdv = pdv_open(b, CTX_ACSE);
    size_t apdu = x4r_ber_open(b, acse_tag);
    app_context(b);
    if (acse_tag == X4_ACSE_TAG_AARE)
        aare_result(b, result);
    user_info_rtse(b, rtse_tag, fields, p);
    x4r_ber_close(b, apdu);
    nest3_close(b, pdv);
}

static void rtorj_fields(x4r_buf *b, x4_mode mode, const x4r_params *p)
{
    (void)mode;
    if (p->reason >= 0 || p->bind_error < 0)
        small_int(b, X4_RTSE_TAG_REFUSE_REASON, refuse_reason(p));
    if (p->bind_error >= 0) {
        size_t ud = x4r_ber_open(b, X4_RTSE_TAG_USER_DATA_RJ);
        size_t w = x4r_ber_open(b, X4_P1_TAG_BIND_ERR_WRAP);
        small_int(b, X4_P1_TAG_BIND_ERROR, p->bind_error);
        x4r_ber_close(b, w);
        x4r_ber_close(b, ud);
    }
}

/* ---- P1 ------------------------------------------------------------------ */

static uint8_t string_tag(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            if (*s != ' ')
                return X4_P1_TAG_PRINTABLE;
    return X4_P1_TAG_NUMERIC;
}

/* CountryName and AdministrationDomainName, numeric or printable. */
static void country_admd(x4r_buf *b, const x4_mtsid *m)
{
    size_t ct = x4r_ber_open(b, X4_P1_TAG_COUNTRY);
    x4r_ber_str(b, string_tag(m->country), m->country);
    x4r_ber_close(b, ct);
    size_t ad = x4r_ber_open(b, X4_P1_TAG_ADMD);
    x4r_ber_str(b, string_tag(m->admd), m->admd);
    x4r_ber_close(b, ad);
}

static void gdi(x4r_buf *b, const x4_mtsid *m)
{
    size_t g = x4r_ber_open(b, X4_P1_TAG_GDI);
    country_admd(b, m);
    if (m->has_prmd)
        x4r_ber_str(b, X4_P1_TAG_PRINTABLE, m->prmd);
    x4r_ber_close(b, g);
}

/* ORName [APPLICATION 0] { BuiltInStandardAttributes { C, A, [P], org } } */
static void orname(x4r_buf *b, const x4_mtsid *m, const char *org)
{
    size_t n = x4r_ber_open(b, X4_P1_TAG_ORNAME);
    size_t bisa = x4r_ber_open(b, X4_BER_TAG_SEQUENCE);
    country_admd(b, m);
    if (m->has_prmd && m->prmd[0]) {
        size_t pd = x4r_ber_open(b, X4_P1_TAG_PRMD_NAME);
        x4r_ber_str(b, X4_P1_TAG_PRINTABLE, m->prmd);
        x4r_ber_close(b, pd);
    }
    x4r_ber_str(b, X4_P1_TAG_ORG_NAME, org);
    x4r_ber_close(b, bisa);
    x4r_ber_close(b, n);
}

/* The MTS-APDU of a transfer: message, report or probe with its MTS
 * identifier (the parser has checked p->mtsid), an originator, content type
 * P2, trace and one recipient. */
static void p1_apdu(x4r_buf *out, const x4r_params *p)
{
    x4_mtsid m;
    if (!x4_mtsid_parse(p->mtsid, &m))
        return;
    bool probe = p->kind == X4_PDU_P1_PROBE;
    size_t apdu = x4r_ber_open(out, x4_tag_of_kind(x4_p1_apdu_tags, X4_P1_APDU_COUNT, p->kind));
    /* message and report: an envelope SET; a probe's fields sit in A2 itself */
    size_t env = probe ? 0 : x4r_ber_open(out, X4_P1_TAG_ENVELOPE);
    size_t id = x4r_ber_open(out, X4_P1_TAG_MTSID);
    gdi(out, &m);
    x4r_ber_str(out, X4_P1_TAG_LOCAL_ID, m.local);
    x4r_ber_close(out, id);
    orname(out, &m, "sender");
    small_int(out, X4_P1_TAG_CONTENT_TYPE, X4_P1_CONTENT_TYPE_P2_1984);
    size_t trace = x4r_ber_open(out, X4_P1_TAG_TRACE);
    size_t elem = x4r_ber_open(out, X4_BER_TAG_SEQUENCE);
    gdi(out, &m);
    size_t dsi = x4r_ber_open(out, X4_BER_TAG_SET);
    x4r_ber_str(out, X4_P1_TAG_ARRIVAL_TIME, "260105090000Z");
    small_int(out, X4_P1_TAG_ROUTING_ACTION, X4_P1_ROUTING_RELAYED);
    x4r_ber_close(out, dsi);
    x4r_ber_close(out, elem);
    x4r_ber_close(out, trace);
    size_t prf = x4r_ber_open(out, X4_P1_TAG_PER_RECIPIENT);
    size_t rcpt = x4r_ber_open(out, X4_BER_TAG_SET);
    orname(out, &m, "recipient");
    small_int(out, X4_P1_TAG_RECIPIENT_NUMBER, 1);
    static const uint8_t indicators[] = { 0x00, 0x80 }; /* 8 bits: responsibility */
    x4r_ber_prim(out, X4_P1_TAG_RECIPIENT_FLAGS, indicators, sizeof indicators);
    x4r_ber_close(out, rcpt);
    x4r_ber_close(out, prf);
    if (!probe)
        x4r_ber_close(out, env);
    if (p->kind == X4_PDU_P1_MESSAGE) {
        size_t content = x4r_ber_open(out, X4_P1_TAG_CONTENT);
        x4r_filler(out, p->size);
        x4r_ber_close(out, content);
    } else if (p->kind == X4_PDU_P1_REPORT) {
        x4r_buf_u8(out, X4_P1_TAG_ENVELOPE); /* report content SET (empty) */
        x4r_buf_u8(out, 0);
    }
    x4r_ber_close(out, apdu);
}

/* ---- the session user data of each verb ---------------------------------- */

/* CP (connect) and CPA (accept) differ only in these. */
typedef struct {
    uint8_t pres_tag;                        /* CP or CPA */
    void (*contexts)(x4r_buf *);             /* normal mode: definition list or results */
    uint8_t acse_tag;                        /* AARQ or AARE */
    long result;                             /* AARE result */
    uint8_t rtse_tag;                        /* RTORQ or RTOAC */
    void (*fields)(x4r_buf *, x4_mode, const x4r_params *);
} bind_pdu;

static const bind_pdu bind_connect = {
    X4_PRES_TAG_CP, context_list, X4_ACSE_TAG_AARQ, 0, X4_RTSE_TAG_RTORQ, rtorq_fields
};
static const bind_pdu bind_accept = {
    X4_PRES_TAG_CPA, context_results, X4_ACSE_TAG_AARE, X4_ACSE_ACCEPTED, X4_RTSE_TAG_RTOAC, rtoac_fields
};

/* X.410: the RTSE fields bare.  Normal: the contexts and an ACSE APDU
 * carrying the RTSE APDU. */
static void upper_bind(x4r_buf *out, x4_mode mode, const x4r_params *p, const bind_pdu *d)
{
    size_t pdu = x4r_ber_open(out, d->pres_tag);
    mode_selector(out, mode);
    if (mode == X4_MODE_X410_1984) {
        size_t xp = x4r_ber_open(out, X4_PRES_TAG_X410_PARAMS);
        d->fields(out, mode, p);
        x4r_ber_close(out, xp);
    } else {
        size_t np = x4r_ber_open(out, X4_PRES_TAG_NORMAL_PARAMS);
        d->contexts(out);
        acse_with_rtse(out, d->acse_tag, d->result, d->rtse_tag, d->fields, p);
        x4r_ber_close(out, np);
    }
    x4r_ber_close(out, pdu);
}

void x4r_upper_connect(x4r_buf *out, x4_mode mode, const x4r_params *p)
{
    upper_bind(out, mode, p, &bind_connect);
}

void x4r_upper_accept(x4r_buf *out, x4_mode mode, const x4r_params *p)
{
    upper_bind(out, mode, p, &bind_accept);
}

void x4r_upper_refuse(x4r_buf *out, x4_mode mode, const x4r_params *p)
{
    if (mode == X4_MODE_X410_1984) {
        size_t pr = x4r_ber_open(out, X4_PRES_TAG_CPR_X410);
        small_int(out, X4_PRES_TAG_PREFUSE_REASON, refuse_reason(p));
        x4r_ber_close(out, pr);
        return;
    }
    size_t cpr = x4r_ber_open(out, X4_PRES_TAG_CPR_NORMAL);
    context_results(out);
    acse_with_rtse(out, X4_ACSE_TAG_AARE, X4_ACSE_REJECTED_PERMANENT, X4_RTSE_TAG_RTORJ, rtorj_fields, p);
    x4r_ber_close(out, cpr);
}

static void rtab_fields(x4r_buf *b, x4_mode mode, const x4r_params *p)
{
    (void)mode;
    small_int(b, X4_RTSE_TAG_ABORT_REASON, p->reason >= 0 ? p->reason : X4_RTAB_TEMPORARY_PROBLEM);
}

void x4r_upper_abort(x4r_buf *out, x4_mode mode, const x4r_params *p)
{
    if (mode == X4_MODE_X410_1984) {
        size_t ai = x4r_ber_open(out, X4_PRES_TAG_ARU_X410);
        rtab_fields(out, mode, p);
        x4r_ber_close(out, ai);
        return;
    }
    size_t aru = x4r_ber_open(out, X4_PRES_TAG_ARU_NORMAL);
    nest3 pdv = pdv_open(out, CTX_ACSE);
    size_t abrt = x4r_ber_open(out, X4_ACSE_TAG_ABRT);
    small_int(out, X4_ACSE_TAG_ABORT_SOURCE, X4_ACSE_SOURCE_USER);
    user_info_rtse(out, X4_RTSE_TAG_RTAB, rtab_fields, p);
    x4r_ber_close(out, abrt);
    nest3_close(out, pdv);
    x4r_ber_close(out, aru);
}

/* X.410: the raw MTS-APDU.  Normal: P-DATA { ctx 3: RTTR OCTET STRING {
 * EXTERNAL { ctx 5, single-ASN1-type { MTS-APDU } } } }. */
void x4r_upper_transfer(x4r_buf *out, x4_mode mode, const x4r_params *p)
{
    if (mode == X4_MODE_X410_1984) {
        p1_apdu(out, p);
        return;
    }
    nest3 pdv = pdv_open(out, CTX_RTSE);
    size_t rttr = x4r_ber_open(out, X4_RTSE_TAG_RTTR);
    size_t ext = x4r_ber_open(out, X4_TAG_EXTERNAL);
    small_int(out, X4_EXT_TAG_INDIRECT_REF, CTX_MTSE);
    size_t val = x4r_ber_open(out, X4_EXT_TAG_SINGLE_ASN1);
    p1_apdu(out, p);
    x4r_ber_close(out, val);
    x4r_ber_close(out, ext);
    x4r_ber_close(out, rttr);
    nest3_close(out, pdv);
}

/* X.410: RT-CLOSE has no user data.  Normal: RLRQ / RLRE reason normal. */
void x4r_upper_release(x4r_buf *out, x4_mode mode, bool response)
{
    if (mode == X4_MODE_X410_1984)
        return;
    nest3 pdv = pdv_open(out, CTX_ACSE);
    size_t r = x4r_ber_open(out, response ? X4_ACSE_TAG_RLRE : X4_ACSE_TAG_RLRQ);
    small_int(out, X4_ACSE_TAG_REASON, X4_ACSE_RELEASE_NORMAL);
    x4r_ber_close(out, r);
    nest3_close(out, pdv);
}
