/* The per-connection OSI stack (osi_stack.h): TPKT -> TP0 -> TSDU join ->
 * session -> presentation (normal) or X.410 RTS fields -> ACSE -> RTSE -> P1.
 *
 * Error policy: a decode error is reported only at a layer whose protocol
 * we know this connection speaks.  Bytes that are simply another protocol
 * over RFC1006 (S7comm, RDP, MMS) stop the walk quietly (not_osi, or just
 * the PDU kind), and a capture that starts mid-association decodes the data
 * phase without errors until the connect tells us what to expect.
 */
#include "osi_stack.h"
#include "acse.h"
#include "ber.h"
#include "p1.h"
#include "pres.h"
#include "rtse.h"
#include "session.h"
#include "tp0.h"
#include "tpkt.h"
#include "tsdu.h"

#include <stddef.h>
#include <string.h>

#define X4_MAX_CTX_IDS 8

typedef struct {
    x4_buf tsdu;          /* DTs with EOT=0 waiting for the last one */
    x4_buf apdu;          /* RTTR / 1984 DT chunks of one P1 APDU */
    bool in_activity;     /* between AS (or AR) and AE/AD/AI */
    bool apdu_done;       /* this APDU was decoded or given up */
} dir_state;

/* One per RFC1006 connection of a capture: the fields are ordered to leave
 * no padding. */
struct x4_conn {
    const x4_alloc *alloc;   /* the caller's: outlives the connection */
    dir_state d[2];
    uint32_t rtse_ctx[X4_MAX_CTX_IDS];
    uint32_t acse_ctx;
    x4_mode mode;
    uint8_t n_rtse_ctx;      /* <= X4_MAX_CTX_IDS */
    bool mode_from_connect;  /* we saw the connect, so we know what to expect */
    bool session_known;      /* this connection speaks session (CN/AC/RF seen) */
    bool not_osi;
    bool x400;
    bool ctx_known;          /* a CP context definition list was seen */
    bool has_acse_ctx;
};

/* One TPKT's walk. */
typedef struct {
    x4_conn *c;
    x4_dir dir;
    x4_frame_info *info;
    uint32_t base;           /* offset of the current TSDU in the TPKT */
    bool joined;             /* the TSDU was joined from several DTs: its
                                offsets are not this TPKT's */
    x4_status status;        /* first error */
} walk;

/* The arrays are several KB and a frame uses few of their rows: clear only
 * the counts and flags before them. */
void x4_frame_info_init(x4_frame_info *info)
{
    memset(info, 0, offsetof(x4_frame_info, pdus));
}

x4_conn *x4_conn_new(const x4_alloc *alloc)
{
    if (!alloc)
        alloc = &x4_alloc_libc;
    x4_conn *c = alloc->realloc(alloc->ctx, NULL, sizeof *c);
    if (!c)
        return NULL;
    memset(c, 0, sizeof *c);
    c->alloc = alloc;
    for (int i = 0; i < 2; i++) {
        x4_buf_init(&c->d[i].tsdu);
        x4_buf_init(&c->d[i].apdu);
    }
    return c;
}

void x4_conn_free(x4_conn *c)
{
    if (!c)
        return;
    const x4_alloc *a = c->alloc;
    for (int i = 0; i < 2; i++) {
        x4_buf_free(&c->d[i].tsdu, a);
        x4_buf_free(&c->d[i].apdu, a);
    }
    a->realloc(a->ctx, c, 0);
}

/* ------------------------------------------------------ reporting helpers */

static void add_pdu(walk *w, x4_pdu_kind k)
{
    x4_frame_info *i = w->info;
    if (i->n_pdus < X4_MAX_PDUS)
        i->pdus[i->n_pdus++] = (x4_pdu){k, w->dir};
    else
        i->pdus_dropped = true;
}

static void add_reason(walk *w, x4_layer l, x4_pdu_kind pdu, uint32_t code,
                       const x4_code_name *names)
{
    x4_frame_info *i = w->info;
    if (i->n_reasons < X4_MAX_REASONS)
        i->reasons[i->n_reasons++] =
            (x4_reason){l, pdu, code, x4_code_lookup(names, code, "unknown")};
}

/* An association whose presentation contexts are all another application's
 * (MMS, ICCP): its upper-layer quirks are not ours to flag. */
static bool foreign_app(const x4_conn *c)
{
    return c->ctx_known && c->n_rtse_ctx == 0 && !c->x400;
}

static void add_error(walk *w, x4_layer l, x4_status s, uint32_t off, const char *what)
{
    x4_frame_info *i = w->info;
    if (l >= X4_LAYER_SESSION && foreign_app(w->c))
        return;
    if (w->status == X4_OK)
        w->status = s;
    if (i->n_errors < X4_MAX_ERRORS)
        i->errors[i->n_errors++] = (x4_decode_error){l, s, off, what ? what : x4_status_name(s)};
}

static void add_mta(walk *w, bool responder, const char *name)
{
    x4_frame_info *i = w->info;
    if (i->n_mtas >= X4_MAX_MTAS)
        return;
    x4_mta_name *m = &i->mtas[i->n_mtas++];
    m->dir = w->dir;
    m->is_responder = responder;
    x4_text_put(m->name, sizeof m->name, 0, name);
}

static void add_mtsid(walk *w, const x4_mtsid *id)
{
    x4_frame_info *i = w->info;
    if (i->n_mtsids < X4_MAX_MTSIDS)
        i->mtsids[i->n_mtsids++] = *id;
}

static void copy_tsap(char *dst, size_t cap, x4_bytes v)
{
    size_t n = v.len < cap - 1 ? v.len : cap - 1;
    for (size_t k = 0; k < n; k++)
        dst[k] = (v.ptr[k] >= 0x20 && v.ptr[k] < 0x7F) ? (char)v.ptr[k] : '.';
    dst[n] = '\0';
}

/* ------------------------------------------------------------------- P1 */

static void handle_bind(walk *w, x4_bytes v, x4_pdu_kind expect, bool quiet)
{
    x4_p1 b;
    x4_status s = x4_p1_decode_bind(v.ptr, v.len, expect, &b);
    if (s != X4_OK) {
        if (!quiet)
            add_error(w, X4_LAYER_P1, s, w->base, b.err);
        return;
    }
    add_pdu(w, b.kind);
    w->c->x400 = true;
    if (b.has_mta_name)
        add_mta(w, b.kind == X4_PDU_P1_BIND_RES, b.mta_name);
    if (b.kind == X4_PDU_P1_BIND_ERR && b.has_error)
        add_reason(w, X4_LAYER_P1, X4_PDU_P1_BIND_ERR, b.error, x4_p1_bind_error_names);
}

/* Try the APDU gathered so far; final = no more chunks will come. */
static void try_apdu(walk *w, dir_state *ds, bool final, bool quiet)
{
    if (ds->apdu_done || ds->apdu.len == 0)
        return;
    x4_p1 m;
    x4_status s = x4_p1_decode_apdu(ds->apdu.buf, ds->apdu.len, true, &m);
    if (s == X4_ERR_TRUNCATED && !final)
        return;                  /* the MTS identifier is still to come */
    ds->apdu_done = true;
    if (s != X4_OK) {
        if (!quiet)
            add_error(w, X4_LAYER_P1, s, w->base, m.err);
        return;
    }
    add_pdu(w, m.kind);
    w->c->x400 = true;
    if (m.has_mtsid)
        add_mtsid(w, &m.mtsid);
}

static x4_status apdu_sink(void *ctx, const uint8_t *p, size_t n)
{
    walk *w = ctx;
    dir_state *ds = &w->c->d[w->dir];
    x4_status s = x4_buf_append(&ds->apdu, w->c->alloc, p, n, X4_MAX_BUFFERED);
    return s == X4_ERR_LIMIT ? X4_OK : s;   /* keep what fits: the envelope comes first */
}

/* Buffers are freed, not kept, between TSDUs and APDUs: a capture holds
 * thousands of idle connections, and each kept buffer would stay for the
 * whole capture. */
static void apdu_begin(x4_conn *c, dir_state *ds)
{
    x4_buf_free(&ds->apdu, c->alloc);
    ds->apdu_done = false;
}

/* One RTTR (normal) or 1984 DT user information: a piece of an APDU. */
static void apdu_piece(walk *w, const x4_rtse *r, x4_bytes raw, bool quiet)
{
    dir_state *ds = &w->c->d[w->dir];
    if (!ds->in_activity)
        apdu_begin(w->c, ds);          /* outside an activity each transfer stands alone */
    if (!ds->apdu_done) {
        x4_status s = r ? x4_rtse_rttr_walk(r, apdu_sink, w)
                        : apdu_sink(w, raw.ptr, raw.len);
        if (s != X4_OK) {
            ds->apdu_done = true;
            if (!quiet)
                add_error(w, X4_LAYER_RTSE, s, w->base, "bad RTTR segments");
        }
    }
    try_apdu(w, ds, !ds->in_activity, quiet);
    if (!ds->in_activity)
        apdu_begin(w->c, ds);
}

/* ----------------------------------------------------------------- RTSE */

static void handle_rtse_fields(walk *w, const x4_rtse *r, bool quiet)
{
    switch (r->kind) {
    case X4_PDU_RTORQ:
        if (r->open_data.len)
            handle_bind(w, r->open_data, X4_PDU_P1_BIND_ARG, quiet);
        break;
    case X4_PDU_RTOAC:
        if (r->open_data.len)
            handle_bind(w, r->open_data, X4_PDU_P1_BIND_RES, quiet);
        break;
    case X4_PDU_RTORJ:
        if (r->has_refuse_reason)
            add_reason(w, X4_LAYER_RTSE, X4_PDU_RTORJ, r->refuse_reason,
                       x4_rtse_refuse_reason_names);
        if (r->user_data_rj.len)
            handle_bind(w, r->user_data_rj, X4_PDU_P1_BIND_ERR, quiet);
        break;
    case X4_PDU_RTAB:
        if (r->has_abort_reason)
            add_reason(w, X4_LAYER_RTSE, X4_PDU_RTAB, r->abort_reason,
                       x4_rtse_abort_reason_names);
        break;
    case X4_PDU_RTTR:
        apdu_piece(w, r, (x4_bytes){0}, quiet);
        break;
    default: break;
    }
}

static void handle_rtse_x410(walk *w, x4_bytes fields, x4_pdu_kind kind)
{
    x4_rtse r;
    x4_status s = x4_rtse_decode_x410(fields, kind, &r);
    if (s != X4_OK) {
        add_error(w, X4_LAYER_RTSE, s, w->base, r.err);
        return;
    }
    add_pdu(w, kind);
    w->c->x400 = true;
    handle_rtse_fields(w, &r, false);
}

/* The first primitive segment of an RTTR: where an APDU's envelope starts. */
static x4_bytes rttr_first_piece(const x4_rtse *r)
{
    x4_bytes b = r->rttr;
    bool constructed = r->rttr_constructed;
    for (int depth = 0; constructed && depth < X4_BER_MAX_DEPTH; depth++) {
        x4_ber_tlv t;
        if (x4_ber_read(b.ptr, b.len, &t) != X4_OK)
            return (x4_bytes){0};
        b = t.content;
        constructed = t.constructed;
    }
    return constructed ? (x4_bytes){0} : b;
}

/* A normal-mode RTSE APDU.  Quietly (context not known to be RTSE), only an
 * RTTR whose contents read as an MTS-APDU counts. */
static void handle_rtse_normal(walk *w, x4_bytes data, bool quiet)
{
    x4_rtse r;
    x4_status s = x4_rtse_decode(data.ptr, data.len, &r);
    if (s != X4_OK) {
        if (!quiet)
            add_error(w, X4_LAYER_RTSE, s, w->base, r.err);
        return;
    }
    if (quiet && r.kind != X4_PDU_RTTR)
        return;
    if (quiet) {
        x4_p1 m;
        x4_bytes first = rttr_first_piece(&r);
        if (x4_p1_decode_apdu(first.ptr, first.len, true, &m) != X4_OK)
            return;
        if (w->c->mode == X4_MODE_UNKNOWN)
            w->c->mode = X4_MODE_NORMAL;
    }
    add_pdu(w, r.kind);
    w->c->x400 = true;
    handle_rtse_fields(w, &r, quiet);
}

/* ----------------------------------------------------------------- ACSE */

static bool is_rtse_ctx(const x4_conn *c, uint32_t id)
{
    for (unsigned k = 0; k < c->n_rtse_ctx; k++)
        if (c->rtse_ctx[k] == id)
            return true;
    return false;
}

static void acse_reasons(walk *w, const x4_acse *a)
{
    bool rejected = a->kind == X4_PDU_AARE && a->has_result && a->result != X4_ACSE_ACCEPTED;
    if (rejected)
        add_reason(w, X4_LAYER_ACSE, X4_PDU_AARE, a->result, x4_acse_result_names);
    if (rejected && a->diag_source)
        add_reason(w, X4_LAYER_ACSE, X4_PDU_AARE, a->diag, a->diag_source == 1 ?
                   x4_acse_diag_user_names : x4_acse_diag_provider_names);
    if (a->kind == X4_PDU_ABRT && a->has_abort_source)
        add_reason(w, X4_LAYER_ACSE, X4_PDU_ABRT, a->abort_source, x4_acse_abort_source_names);
}

/* Which user-information EXTERNALs carry RTSE: those of an X.400
 * presentation context; or, with no context list seen (capture started
 * after the CP), any under an X.400 application context. */
static bool ext_is_rtse(const x4_conn *c, const x4_external *e, bool x400_ctx)
{
    if (e->encoding != X4_EXT_SINGLE_ASN1)
        return false;
    if (e->has_indirect && is_rtse_ctx(c, e->indirect_ref))
        return true;
    return x400_ctx && !c->ctx_known;
}

static void handle_acse(walk *w, x4_bytes data, bool quiet)
{
    x4_acse a;
    x4_status s = x4_acse_decode(data.ptr, data.len, &a);
    if (s != X4_OK) {
        if (!quiet)
            add_error(w, X4_LAYER_ACSE, s, w->base, a.err);
        return;
    }
    add_pdu(w, a.kind);
    bool x400_ctx = x4_oid_is_x400(a.app_context.ptr, a.app_context.len);
    if (x400_ctx)
        w->c->x400 = true;
    acse_reasons(w, &a);
    for (unsigned k = 0; k < a.n_ext; k++)
        if (ext_is_rtse(w->c, &a.ext[k], x400_ctx))
            handle_rtse_normal(w, a.ext[k].data, quiet);
}

/* --------------------------------------------------------- presentation */

static bool is_acse_tag(x4_bytes d)
{
    return d.len > 0 && d.ptr[0] >= X4_ACSE_TAG_AARQ && d.ptr[0] <= X4_ACSE_TAG_ABRT;
}

static void handle_pdv(walk *w, const x4_pdv *pdv, bool quiet)
{
    x4_conn *c = w->c;
    if (pdv->encoding != X4_PDV_SINGLE_ASN1 || !pdv->has_ctx)
        return;
    bool acse = c->has_acse_ctx ? pdv->ctx_id == c->acse_ctx : is_acse_tag(pdv->data);
    if (acse && is_acse_tag(pdv->data))
        handle_acse(w, pdv->data, quiet);
    else if (is_rtse_ctx(c, pdv->ctx_id))
        handle_rtse_normal(w, pdv->data, quiet);
    else if (!c->ctx_known)
        handle_rtse_normal(w, pdv->data, true);   /* mid-capture: only if it is P1 */
    /* else another application's context (MMS, ICCP...): not ours */
}

static void learn_contexts(x4_conn *c, const x4_pres *pr)
{
    c->ctx_known = true;
    c->n_rtse_ctx = 0;
    c->has_acse_ctx = false;
    for (unsigned k = 0; k < pr->n_ctx; k++) {
        const x4_pres_ctx *x = &pr->ctx[k];
        if (x4_oid_equal(x->abstract.ptr, x->abstract.len, x4_oid_acse, x4_oid_acse_len)) {
            c->has_acse_ctx = true;
            c->acse_ctx = x->id;
        } else if (x4_oid_is_x400(x->abstract.ptr, x->abstract.len) &&
                   c->n_rtse_ctx < X4_MAX_CTX_IDS) {
            c->rtse_ctx[c->n_rtse_ctx++] = x->id;
        }
    }
}

static const x4_pdu_kind x410_kind_on[] = {
    [X4_PRES_ON_CONNECT] = X4_PDU_RTORQ, [X4_PRES_ON_ACCEPT] = X4_PDU_RTOAC,
    [X4_PRES_ON_REFUSE] = X4_PDU_RTORJ, [X4_PRES_ON_ABORT] = X4_PDU_RTAB,
    [X4_PRES_ON_DATA] = X4_PDU_NONE,
};

static void handle_pres(walk *w, x4_bytes ud, x4_pres_on on)
{
    x4_conn *c = w->c;
    x4_pres pr;
    x4_status s = x4_pres_decode(ud.ptr, ud.len, on, &pr);
    if (s != X4_OK) {
        add_error(w, X4_LAYER_PRES, s, w->base, pr.err);
        return;
    }
    if (pr.mode == X4_PRES_MODE_X410) {
        c->mode = X4_MODE_X410_1984;
        c->mode_from_connect = true;
        c->x400 = true;
        if (pr.has_x410_rtse)
            handle_rtse_x410(w, pr.x410_rtse, x410_kind_on[on]);
        return;
    }
    if (pr.mode == X4_PRES_MODE_NORMAL) {
        c->mode = X4_MODE_NORMAL;
        c->mode_from_connect = true;
    }
    add_pdu(w, pr.kind);
    if (on == X4_PRES_ON_CONNECT)
        learn_contexts(c, &pr);
    if (pr.has_provider_reason)
        add_reason(w, X4_LAYER_PRES, X4_PDU_PRES_CPR, pr.provider_reason,
                   x4_pres_provider_reason_names);
    if (pr.has_abort_reason)
        add_reason(w, X4_LAYER_PRES, X4_PDU_PRES_ARP, pr.abort_reason,
                   x4_pres_abort_reason_names);
    for (unsigned k = 0; k < pr.n_pdv; k++)
        handle_pdv(w, &pr.pdv[k], false);
}

/* User data of P-DATA (DT, TD) or P-RELEASE (FN, DN) in normal mode. */
static void handle_normal_data(walk *w, x4_bytes ud, bool as_td, bool quiet)
{
    x4_pres pr;
    x4_status s = x4_pres_decode(ud.ptr, ud.len, X4_PRES_ON_DATA, &pr);
    if (s != X4_OK) {
        if (!quiet)
            add_error(w, X4_LAYER_PRES, s, w->base, pr.err);
        return;
    }
    if (as_td)
        add_pdu(w, X4_PDU_PRES_TD);
    for (unsigned k = 0; k < pr.n_pdv; k++)
        handle_pdv(w, &pr.pdv[k], quiet);
}

/* Mode unknown (capture started mid-association): infer it only from
 * bytes that leave no doubt, else stay silent. */
static void handle_unknown_data(walk *w, x4_bytes ud, bool as_td)
{
    x4_conn *c = w->c;
    x4_pres pr;
    if (ud.ptr[0] == X4_PRES_TAG_FULLY_ENCODED &&
        x4_pres_decode(ud.ptr, ud.len, X4_PRES_ON_DATA, &pr) == X4_OK && pr.n_pdv > 0) {
        c->mode = X4_MODE_NORMAL;
        handle_normal_data(w, ud, as_td, true);
        return;
    }
    x4_p1 m;
    if (x4_p1_decode_apdu(ud.ptr, ud.len, true, &m) == X4_OK) {
        c->mode = X4_MODE_X410_1984;
        add_pdu(w, X4_PDU_RTTR);
        apdu_piece(w, NULL, ud, true);
    }
}

static void handle_data(walk *w, x4_bytes ud, bool as_td)
{
    x4_conn *c = w->c;
    bool quiet = !c->mode_from_connect;
    if (ud.len == 0)
        return;
    if (c->mode == X4_MODE_NORMAL) {
        handle_normal_data(w, ud, as_td, quiet);
    } else if (c->mode == X4_MODE_X410_1984) {
        if (!as_td)
            return;              /* FN/DN carry no RTS data in X.410 mode */
        add_pdu(w, X4_PDU_RTTR); /* X.410: the DT user information is the APDU */
        apdu_piece(w, NULL, ud, quiet);
    } else {
        handle_unknown_data(w, ud, as_td);
    }
}

/* ------------------------------------------------------------- session */

/* An AB's reason: the first transport-disconnect bit it sets besides
 * "release" (which says what happens to the connection, not why). */
static void session_abort_reason(walk *w, const x4_spdu *s)
{
    for (const x4_code_name *r = x4_tdisc_bit_names; s->has_tdisc && r->name; r++)
        if (r->value != X4_TDISC_RELEASE && (s->tdisc & r->value)) {
            add_reason(w, X4_LAYER_SESSION, X4_PDU_SES_AB, r->value, x4_tdisc_bit_names);
            return;
        }
}

static void reset_activities(x4_conn *c)
{
    for (int i = 0; i < 2; i++) {
        c->d[i].in_activity = false;
        apdu_begin(c, &c->d[i]);
    }
}

static void handle_pt(walk *w, const x4_spdu *s)
{
    /* X.410: RT-TURN-PLEASE is a PT whose user data is the priority. */
    uint32_t prio;
    x4_ber_tlv t;
    if (w->c->mode != X4_MODE_X410_1984 || s->user_data.len == 0)
        return;
    if (x4_ber_read(s->user_data.ptr, s->user_data.len, &t) == X4_OK &&
        t.ident == X4_RTSE_TAG_RTTP && x4_ber_uint(t.content, &prio) == X4_OK)
        add_pdu(w, X4_PDU_RTTP);
}

static void handle_spdu(walk *w, const x4_spdu *s)
{
    x4_conn *c = w->c;
    dir_state *ds = &c->d[w->dir];
    add_pdu(w, s->kind);
    switch (s->kind) {
    case X4_PDU_SES_CN:
    case X4_PDU_SES_AC:
        c->session_known = true;
        if (s->user_data.len)
            handle_pres(w, s->user_data, s->kind == X4_PDU_SES_CN ?
                        X4_PRES_ON_CONNECT : X4_PRES_ON_ACCEPT);
        break;
    case X4_PDU_SES_RF:
        c->session_known = true;
        if (s->has_reason)
            add_reason(w, X4_LAYER_SESSION, X4_PDU_SES_RF, s->reason, x4_rf_reason_names);
        if (s->user_data.len)
            handle_pres(w, s->user_data, X4_PRES_ON_REFUSE);
        break;
    case X4_PDU_SES_AB:
        session_abort_reason(w, s);
        if (s->user_data.len && c->session_known)
            handle_pres(w, s->user_data, X4_PRES_ON_ABORT);
        reset_activities(c);
        break;
    case X4_PDU_SES_FN:
    case X4_PDU_SES_DN:
        handle_data(w, s->user_data, false);
        break;
    case X4_PDU_SES_DT:
    case X4_PDU_SES_TD:
        handle_data(w, s->user_data, true);
        break;
    case X4_PDU_SES_PT:
        handle_pt(w, s);
        break;
    case X4_PDU_SES_AS:
    case X4_PDU_SES_AR:
        ds->in_activity = true;
        apdu_begin(c, ds);
        break;
    case X4_PDU_SES_AE:
        try_apdu(w, ds, true, !c->mode_from_connect);
        ds->in_activity = false;
        apdu_begin(c, ds);
        break;
    case X4_PDU_SES_AD:
    case X4_PDU_SES_AI:
        ds->in_activity = false;
        apdu_begin(c, ds);
        break;
    default: break;
    }
}

static void handle_tsdu(walk *w, const uint8_t *p, size_t n)
{
    x4_conn *c = w->c;
    x4_spdu_list l;
    if (n == 0)
        return;
    x4_status s = x4_session_decode(p, n, &l);
    if (s != X4_OK) {
        /* A connect-phase SPDU with a bad LI is still that SPDU (analysis
         * needs to see the AC); other bytes count as session only on a
         * connection already known to speak it. */
        bool connect_si = p[0] == X4_SPDU_CN || p[0] == X4_SPDU_AC || p[0] == X4_SPDU_RF;
        bool keep = l.n > 0 && (c->session_known || connect_si);
        if (!keep && !c->session_known) {
            w->info->not_osi = true; /* S7comm, RDP, TLS...: not a session SPDU string */
            return;
        }
        /* Offsets are inside the TPKT (osi_stack.h): a TSDU joined from
         * several DTs is reported where this TPKT's part of it starts. */
        add_error(w, X4_LAYER_SESSION, s, w->base + (w->joined ? 0 : (uint32_t)l.err_off), l.err);
        if (!keep)
            return;
    }
    for (unsigned k = 0; k < l.n; k++)
        handle_spdu(w, &l.spdus[k]);
}

/* ------------------------------------------------------------------ TP0 */

static void handle_dt(walk *w, const x4_tp0 *t)
{
    x4_conn *c = w->c;
    dir_state *ds = &c->d[w->dir];
    if (c->not_osi)
        return;
    if (!t->eot || ds->tsdu.len > 0 || ds->tsdu.overflow) {
        bool was = ds->tsdu.overflow;
        if (x4_buf_append(&ds->tsdu, c->alloc, t->user_data.ptr, t->user_data.len,
                          X4_MAX_BUFFERED) != X4_OK &&
            !was)
            add_error(w, X4_LAYER_TP0, X4_ERR_LIMIT, w->base, "TSDU larger than the buffer cap");
        if (!t->eot)
            return;
        w->joined = true;
        if (!ds->tsdu.overflow)
            handle_tsdu(w, ds->tsdu.buf, ds->tsdu.len);
        x4_buf_free(&ds->tsdu, c->alloc);
        return;
    }
    handle_tsdu(w, t->user_data.ptr, t->user_data.len);
}

static void handle_connect_tpdu(walk *w, const x4_tp0 *t)
{
    x4_frame_info *i = w->info;
    copy_tsap(i->calling_tsap, sizeof i->calling_tsap, t->calling_tsap);
    copy_tsap(i->called_tsap, sizeof i->called_tsap, t->called_tsap);
    i->tpdu_size = t->tpdu_size ? t->tpdu_size : t->pref_max_tpdu;
    if (t->foreign_params)
        w->c->not_osi = true;    /* RDP's cookie: X.224 carrying something else */
    for (int k = 0; k < 2; k++)
        x4_buf_reset(&w->c->d[k].tsdu);
}

x4_status x4_conn_feed_tpkt(x4_conn *c, x4_dir dir, const uint8_t *p, size_t len,
                            x4_frame_info *info)
{
    walk w = {c, dir, info, X4_TPKT_HDR_LEN, false, X4_OK};
    x4_tpkt tk;
    x4_tp0 t;
    x4_status s = x4_tpkt_decode(p, len, &tk);
    if (s != X4_OK) {
        add_error(&w, X4_LAYER_TPKT, s, 0, tk.err);
        goto out;
    }
    info->tpkt_reserved_nonzero = info->tpkt_reserved_nonzero || tk.reserved != 0;
    s = x4_tp0_decode(tk.tpdu.ptr, tk.tpdu.len, &t);
    if (s != X4_OK) {
        add_error(&w, X4_LAYER_TP0, s, X4_TPKT_HDR_LEN + (uint32_t)t.err_off, t.err);
        goto out;
    }
    add_pdu(&w, t.kind);
    info->class0_illegal = info->class0_illegal || t.class0_illegal;
    w.base = X4_TPKT_HDR_LEN + t.li + 1u;
    switch (t.kind) {
    case X4_PDU_TP0_CR:
    case X4_PDU_TP0_CC: handle_connect_tpdu(&w, &t); break;
    case X4_PDU_TP0_DR:
        add_reason(&w, X4_LAYER_TP0, X4_PDU_TP0_DR, t.reason, x4_dr_reason_names);
        break;
    case X4_PDU_TP0_ER:
        add_reason(&w, X4_LAYER_TP0, X4_PDU_TP0_ER, t.cause, x4_er_cause_names);
        break;
    case X4_PDU_TP0_DT: handle_dt(&w, &t); break;
    default: break;
    }
out:
    /* The mode is X.400's (x410-1984 or normal): an MMS association also
     * uses normal-mode presentation, but has no X.400 mode to report. */
    info->mode = c->x400 ? c->mode : X4_MODE_UNKNOWN;
    info->x400 = info->x400 || c->x400;
    info->not_osi = info->not_osi || c->not_osi;
    return w.status;
}
