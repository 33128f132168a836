#include "play_expect.h"
#include "bytebuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Carriers: how many of them a peer uses is its own business. */
static bool is_carrier(x4_pdu_kind k)
{
    return k == X4_PDU_TP0_DT || k == X4_PDU_SES_GT || k == X4_PDU_SES_PT;
}

static void push_event(x4p_event **list, unsigned *n, x4p_event e)
{
    *list = x4r_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = e;
}

static x4p_event pdu_event(const x4_frame_info *fi, x4_pdu_kind k)
{
    x4p_event e = { .kind = X4P_EV_PDU, .pdu = k, .reason = -1 };
    for (unsigned r = 0; r < fi->n_reasons; r++)
        if (fi->reasons[r].pdu == k) {
            e.reason = fi->reasons[r].code;
            e.text = fi->reasons[r].text;
            break;
        }
    return e;
}

void x4p_events_of_frame(const x4_frame_info *fi, x4p_event **list, unsigned *n)
{
    for (unsigned k = 0; k < fi->n_errors; k++)
        push_event(list, n, (x4p_event){ .kind = X4P_EV_BAD, .reason = -1, .text = fi->errors[k].what });
    if (fi->n_errors)
        return;
    /* Raw TP0 data (no session inside) is all there is to expect. */
    bool raw = fi->not_osi;
    for (unsigned k = 0; k < fi->n_pdus; k++)
        if (raw || !is_carrier(fi->pdus[k].kind))
            push_event(list, n, pdu_event(fi, fi->pdus[k].kind));
}

bool x4p_event_matches(const x4p_event *want, const x4p_event *got)
{
    if (want->kind != got->kind)
        return false;
    if (want->kind != X4P_EV_PDU)
        return want->kind != X4P_EV_BAD;
    return want->pdu == got->pdu && (want->reason < 0 || want->reason == got->reason);
}

void x4p_event_describe(const x4p_event *e, char *buf, size_t n)
{
    switch (e->kind) {
    case X4P_EV_FIN: snprintf(buf, n, "FIN"); break;
    case X4P_EV_RST: snprintf(buf, n, "RST"); break;
    case X4P_EV_BAD: snprintf(buf, n, "bytes the decoders reject (%s)", e->text); break;
    case X4P_EV_PDU:
        if (e->reason >= 0)
            snprintf(buf, n, "%s reason %s", x4_pdu_kind_name(e->pdu), e->text ? e->text : "unknown");
        else
            snprintf(buf, n, "%s", x4_pdu_kind_name(e->pdu));
        break;
    }
}

/* "A + B + C" of list[from..to). */
static void describe_range(const x4p_event *list, unsigned from, unsigned to, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = from; i < to && used + 1 < n; i++) {
        char one[160];
        x4p_event_describe(&list[i], one, sizeof one);
        int w = snprintf(buf + used, n - used, "%s%s", i > from ? " + " : "", one);
        if (w < 0)
            break;
        used += (size_t)w < n - used ? (size_t)w : n - used - 1;
    }
    if (to == from)
        snprintf(buf, n, "nothing");
}

void x4p_expect_free(x4p_expect *x)
{
    free(x->want);
    free(x->want_step);
    free(x->matched_at);
    free(x->got);
    free(x->got_at);
    memset(x, 0, sizeof *x);
}

/* End (exclusive) of the step whose expectations start at want index s. */
static unsigned step_end(const x4p_expect *x, unsigned s)
{
    unsigned e = s;
    while (e < x->n_want && x->want_step[e] == s)
        e++;
    return e;
}

static void mismatch(x4p_expect *x)
{
    unsigned s = x->want_step[x->matched];
    unsigned first_got = s < x->matched ? x->matched_at[s] : x->got_head;
    char want[256], got[224];
    describe_range(x->want, s, step_end(x, s), want, sizeof want);
    describe_range(x->got, first_got, x->got_head + 1, got, sizeof got);
    snprintf(x->why, sizeof x->why, "expected %s, got %s", want, got);
    x->failed = true;
}

static void match(x4p_expect *x)
{
    while (!x->failed && x->got_head < x->n_got && x->matched < x->n_want) {
        if (!x4p_event_matches(&x->want[x->matched], &x->got[x->got_head])) {
            mismatch(x);
            return;
        }
        x->matched_at[x->matched++] = x->got_head++;
    }
}

unsigned x4p_expect_push(x4p_expect *x, const x4p_event *ev, unsigned n)
{
    unsigned start = x->n_want;
    x->want = x4r_xrealloc(x->want, (x->n_want + n + 1) * sizeof *x->want);
    x->want_step = x4r_xrealloc(x->want_step, (x->n_want + n + 1) * sizeof *x->want_step);
    x->matched_at = x4r_xrealloc(x->matched_at, (x->n_want + n + 1) * sizeof *x->matched_at);
    for (unsigned i = 0; i < n; i++) {
        x->want[x->n_want] = ev[i];
        x->want_step[x->n_want++] = start;
    }
    match(x);
    return x->n_want;
}

void x4p_expect_arrive(x4p_expect *x, const x4p_event *ev, uint64_t t)
{
    if (x->failed)
        return;
    if (x->n_got == X4P_MAX_EVENTS) {
        snprintf(x->why, sizeof x->why, "the peer sent more than %u PDUs on this connection", X4P_MAX_EVENTS);
        x->failed = true;
        return;
    }
    x->got_at = x4r_xrealloc(x->got_at, (x->n_got + 1) * sizeof *x->got_at);
    x->got_at[x->n_got] = t;
    push_event(&x->got, &x->n_got, *ev);
    match(x);
}

bool x4p_expect_done(const x4p_expect *x, unsigned count)
{
    return x->matched >= count;
}

uint64_t x4p_expect_done_at(const x4p_expect *x, unsigned count)
{
    return count ? x->got_at[x->matched_at[count - 1]] : 0;
}

bool x4p_expect_take_early(x4p_expect *x, char *buf, size_t n, uint64_t *first_at)
{
    unsigned from = x->got_head > x->early_seen ? x->got_head : x->early_seen;
    if (x->failed || from >= x->n_got)
        return false;
    describe_range(x->got, from, x->n_got, buf, n);
    *first_at = x->got_at[from];
    x->early_seen = x->n_got;
    return true;
}

void x4p_expect_describe_missing(const x4p_expect *x, unsigned count, char *buf, size_t n)
{
    describe_range(x->want, x->matched, count, buf, n);
}
