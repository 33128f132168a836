/* Each decoder entry point alone.  Built once per layer: X4F_LAYER names
 * the row of `layers` below that this binary fuzzes (set in
 * tests/fuzz/CMakeLists.txt), so each target has its own corpus and coverage.
 *
 * Besides ASan/UBSan, the oracle is the decoders' contract: every borrowed
 * range they return lies inside the input they were given, every count is
 * within its array and every enum is in range. */
#include "acse.h"
#include "ber.h"
#include "fuzz_input.h"
#include "p1.h"
#include "pres.h"
#include "rtse.h"
#include "session.h"
#include "tp0.h"
#include "tpkt.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const uint8_t *p;
    size_t n;
} span;

/* b is empty or lies inside s. */
static void within(span s, x4_bytes b)
{
    if (b.len == 0)
        return;
    X4F_CHECK(b.ptr >= s.p && b.len <= s.n && (size_t)(b.ptr - s.p) <= s.n - b.len);
}

static void kind_ok(x4_pdu_kind k) { X4F_CHECK((unsigned)k < X4_PDU_KIND_COUNT); }

/* ----------------------------------------------------------------- BER */

static void ber_tree(span s, x4_bytes content, int depth)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, content, depth & 1);
    while (x4_ber_next(&it, &t)) {
        within(s, t.content);
        X4F_CHECK(t.hdr_len + t.content.len <= t.total_len);
        uint32_t v;
        if (!t.constructed)
            (void)x4_ber_uint(t.content, &v);
        else if (depth < X4_BER_MAX_DEPTH + 4)
            ber_tree(s, t.content, depth + 1);
    }
    X4F_CHECK(it.off <= content.len);
}

static void fuzz_ber(span s)
{
    x4_ber_tlv t;
    if (x4_ber_read(s.p, s.n, &t) == X4_OK) {
        X4F_CHECK(t.total_len <= s.n && t.complete);
        within(s, t.content);
        if (t.constructed)
            ber_tree(s, t.content, 0);
    }
    if (x4_ber_read_prefix(s.p, s.n, &t) == X4_OK) {
        X4F_CHECK(t.hdr_len <= s.n);
        within(s, t.content);
    }
    uint32_t v;
    if (s.n > 1)
        (void)x4_ber_find_uint((x4_bytes){s.p + 1, s.n - 1}, s.p[0], &v);
}

/* -------------------------------------------------------- TPKT and TP0 */

static void fuzz_tpkt(span s)
{
    x4_tpkt t;
    if (x4_tpkt_decode(s.p, s.n, &t) == X4_OK) {
        within(s, t.tpdu);
        X4F_CHECK(t.tpdu.len + X4_TPKT_HDR_LEN <= t.length);
    } else {
        X4F_CHECK(t.err != NULL);
    }
}

static void fuzz_tp0(span s)
{
    x4_tp0 t;
    x4_status st = x4_tp0_decode(s.p, s.n, &t);
    if (st != X4_OK) {
        X4F_CHECK(t.err != NULL && t.err_off <= s.n);
        return;
    }
    kind_ok(t.kind);
    within(s, t.user_data);
    within(s, t.calling_tsap);
    within(s, t.called_tsap);
    within(s, t.add_info);
    within(s, t.invalid_tpdu);
}

/* -------------------------------------------------------------- session */

static void fuzz_session(span s)
{
    x4_spdu_list l;
    x4_status st = x4_session_decode(s.p, s.n, &l);
    X4F_CHECK(l.n <= X4_SES_MAX_SPDUS);
    X4F_CHECK(st == X4_OK || l.err != NULL);
    for (unsigned k = 0; k < l.n; k++) {
        const x4_spdu *d = &l.spdus[k];
        kind_ok(d->kind);
        X4F_CHECK(d->offset < s.n);
        const x4_bytes ranges[] = {
            d->params, d->user_data, d->activity_id, d->serial, d->calling_ssel,
            d->called_ssel, d->calling_ref, d->called_ref, d->common_ref,
            d->additional_ref, d->reflect, d->enclosure,
        };
        for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
            within(s, ranges[r]);
    }
}

/* --------------------------------------------------------- presentation */

static void pres_ranges(span s, const x4_pres *p)
{
    X4F_CHECK(p->n_ctx <= X4_PRES_MAX_CTX && p->n_results <= X4_PRES_MAX_CTX);
    X4F_CHECK(p->n_pdv <= X4_PRES_MAX_PDV);
    within(s, p->x410_rtse);
    within(s, p->calling_psel);
    within(s, p->called_psel);
    within(s, p->responding_psel);
    for (unsigned k = 0; k < p->n_ctx; k++)
        within(s, p->ctx[k].abstract);
    for (unsigned k = 0; k < p->n_pdv; k++)
        within(s, p->pdv[k].data);
}

/* First byte: the session service that carried the bytes (x4_pres_on;
 * X4_PRES_ON_DATA is User-data alone). */
static void fuzz_pres(span s)
{
    if (s.n == 0)
        return;
    unsigned on = s.p[0] % (X4_PRES_ON_DATA + 1);
    span body = {s.p + 1, s.n - 1};
    x4_pres p;
    (void)x4_pres_decode(body.p, body.n, (x4_pres_on)on, &p);
    pres_ranges(body, &p);
    kind_ok(p.kind);
}

/* ----------------------------------------------------------- ACSE, RTSE */

static void fuzz_acse(span s)
{
    x4_acse a;
    if (x4_acse_decode(s.p, s.n, &a) != X4_OK) {
        X4F_CHECK(a.err != NULL);
        return;
    }
    kind_ok(a.kind);
    X4F_CHECK(a.n_ext <= X4_ACSE_MAX_EXT);
    within(s, a.app_context);
    for (unsigned k = 0; k < a.n_ext; k++) {
        within(s, a.ext[k].data);
        within(s, a.ext[k].direct_ref);
    }
}

typedef struct {
    span s;
    size_t total;
} rttr_pieces;

static x4_status rttr_piece(void *ctx, const uint8_t *p, size_t n)
{
    rttr_pieces *r = ctx;
    within(r->s, (x4_bytes){p, n});
    r->total += n;
    X4F_CHECK(r->total <= r->s.n);
    return X4_OK;
}

static void rtse_ranges(span s, const x4_rtse *r)
{
    kind_ok(r->kind);
    within(s, r->open_data);
    within(s, r->recover_ref);
    within(s, r->user_data_rj);
    within(s, r->user_data_ab);
    within(s, r->rttr);
}

/* First byte: 0-1 a normal-mode APDU, else the X.410-1984 fields of the
 * PPDU that carries RTORQ, RTOAC, RTORJ or RTAB. */
static void fuzz_rtse(span s)
{
    static const x4_pdu_kind x410[] = {X4_PDU_RTORQ, X4_PDU_RTOAC, X4_PDU_RTORJ, X4_PDU_RTAB};
    if (s.n == 0)
        return;
    unsigned sel = s.p[0] % 6;
    span body = {s.p + 1, s.n - 1};
    x4_rtse r;
    x4_status st = sel < 2 ? x4_rtse_decode(body.p, body.n, &r)
                           : x4_rtse_decode_x410((x4_bytes){body.p, body.n}, x410[sel - 2], &r);
    if (st != X4_OK)
        return;
    rtse_ranges(body, &r);
    if (r.kind == X4_PDU_RTTR) {
        rttr_pieces pieces = {body, 0};
        (void)x4_rtse_rttr_walk(&r, rttr_piece, &pieces);
    }
}

/* ------------------------------------------------------------------ P1 */

static void p1_strings(const x4_p1 *m)
{
    X4F_CHECK(memchr(m->mta_name, '\0', sizeof m->mta_name) != NULL);
    X4F_CHECK(memchr(m->mtsid.text, '\0', sizeof m->mtsid.text) != NULL);
}

/* First byte: 0-2 a bind value (argument, result, error expected), 3 an
 * MTS-APDU, 4 the start of one (partial). */
static void fuzz_p1(span s)
{
    static const x4_pdu_kind expect[] = {X4_PDU_P1_BIND_ARG, X4_PDU_P1_BIND_RES, X4_PDU_P1_BIND_ERR};
    if (s.n == 0)
        return;
    unsigned sel = s.p[0] % 5;
    span body = {s.p + 1, s.n - 1};
    x4_p1 m;
    x4_status st = sel < 3 ? x4_p1_decode_bind(body.p, body.n, expect[sel], &m)
                           : x4_p1_decode_apdu(body.p, body.n, sel == 4, &m);
    if (st != X4_OK)
        return;
    kind_ok(m.kind);
    p1_strings(&m);
    if (m.has_mtsid) {
        x4_mtsid_format(&m.mtsid);
        p1_strings(&m);
    }
}

/* ---------------------------------------------------------------------- */

typedef struct {
    const char *name;
    void (*fn)(span s);
} layer;

static const layer layers[] = {
    {"ber", fuzz_ber}, {"tpkt", fuzz_tpkt}, {"tp0", fuzz_tp0}, {"session", fuzz_session},
    {"pres", fuzz_pres}, {"acse", fuzz_acse}, {"rtse", fuzz_rtse}, {"p1", fuzz_p1},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const layer *me;
    for (size_t k = 0; !me && k < sizeof layers / sizeof layers[0]; k++)
        if (strcmp(layers[k].name, X4F_LAYER) == 0)
            me = &layers[k];
    X4F_CHECK(me != NULL); /* X4F_LAYER names no row: a build error */
    me->fn((span){data, size});
    return 0;
}
