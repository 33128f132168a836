/* The per-connection state machine: TCP open and close, and the layer
 * transitions driven by the decoded PDUs.  Rules (rule_*.c) are called at
 * the points where their evidence completes. */
#include "engine_int.h"

#include <string.h>

bool x4_state_terminal(x4_state s)
{
    return s == X4_ST_CLOSED || s == X4_ST_REFUSED || s == X4_ST_ABORTED || s == X4_ST_LOST;
}

void x4_assoc_end(x4_ctx *c, x4_state st)
{
    x4_assoc *a = c->a;
    a->state = st;
    a->req = REQ_NONE;
    if (a->pair)
        x4_pair_close(a->pair, a);
    /* Refused, lost or aborted before it did its job: a failed attempt.
     * A plain close leaves the verdict to the caller. */
    if (st != X4_ST_CLOSED && a->outcome == ATT_PENDING)
        x4_attempt_outcome(c, a, ATT_FAILED);
}

/* The association did what it was opened for: a storm run ends here. */
static void succeeded(x4_ctx *c)
{
    if (c->a->outcome == ATT_PENDING)
        x4_attempt_outcome(c, c->a, ATT_SUCCEEDED);
}

void x4_state_tcp(x4_ctx *c)
{
    x4_assoc *a = c->a;
    const x4_tcp_event *ev = c->ev;

    if (ev->syn && !ev->ack && c->dir == X4_DIR_INITIATOR) {
        if (a->syn_frame || ev->retransmission) {
            a->syn_retrans++; /* SYN retransmission: the same attempt */
            return;
        }
        a->syn_frame = ev->frame;
        a->syn_time = ev->time;
        if (a->state == X4_ST_NONE || a->state == X4_ST_UNKNOWN) {
            a->state = X4_ST_TCP_CONNECTING;
            a->known = true;
        }
        x4_attempt_start(c);
        return;
    }
    if (a->state != X4_ST_TCP_CONNECTING || ev->rst)
        return;
    /* SYN-ACK, or the initiator's ACK when the SYN-ACK was not captured. */
    if ((ev->syn && ev->ack && c->dir == X4_DIR_RESPONDER) ||
        (!ev->syn && ev->ack && c->dir == X4_DIR_INITIATOR))
        a->state = X4_ST_TCP_OPEN;
}

/* ---------------------------------------------------------------- PDUs */

/* The decoders report an AARE reason only when the result is a rejection. */
static bool aare_rejected(const x4_frame_info *info)
{
    for (unsigned i = 0; i < info->n_reasons; i++)
        if (info->reasons[i].pdu == X4_PDU_AARE)
            return true;
    return false;
}

static void on_connect(x4_ctx *c, x4_pdu_kind k)
{
    x4_assoc *a = c->a;
    if (x4_state_terminal(a->state))
        return;
    bool tp = k == X4_PDU_TP0_CR;
    if (tp)
        a->cr_seen = true;
    a->req = tp ? REQ_TP0 : REQ_SESSION;
    a->req_dir = c->dir;
    a->req_frame = c->ev->frame;
    a->req_time = c->ev->time;
    a->state = tp ? X4_ST_TP_REQUESTED : X4_ST_SESSION_REQUESTED;
    a->known = true;
}

static void on_confirm(x4_ctx *c, x4_pdu_kind k)
{
    x4_assoc *a = c->a;
    bool tp = k == X4_PDU_TP0_CC;
    if (a->init_closed)
        x4_rule_late_ok(c);
    if (x4_state_terminal(a->state))
        return;
    if (a->req == (tp ? REQ_TP0 : REQ_SESSION))
        a->req = REQ_NONE;
    if (tp) {
        a->state = X4_ST_TP_OPEN;
        return;
    }
    /* An X.400 AC carries the bind result; without one the bind is pending.
     * Other OSI users (MMS, ICCP) are established by the AC itself. */
    a->state = a->x400 ? X4_ST_BINDING : X4_ST_BOUND;
    if (!a->x400)
        succeeded(c);
}

static void on_data(x4_ctx *c, const x4_pdu_class *pc)
{
    x4_assoc *a = c->a;
    if (pc->bits & PC_RT_DATA) {
        a->reached_transfer = true;
        succeeded(c);
    }
    if (pc->bits & PC_INTERRUPT)
        a->interrupts++;
    if (x4_state_terminal(a->state) || a->state == X4_ST_RELEASING)
        return;
    if (pc->bits & PC_ACT_END) {
        if (a->state == X4_ST_TRANSFER)
            a->state = X4_ST_BOUND;
        return;
    }
    bool bound = a->state == X4_ST_BOUND || a->state == X4_ST_BINDING;
    bool learnt = a->state == X4_ST_UNKNOWN && (pc->bits & PC_RT_DATA);
    if (bound || learnt)
        a->state = X4_ST_TRANSFER;
}

static void on_tp_dt(x4_ctx *c)
{
    /* Non-OSI users of TP0 (S7comm, RDP) are in data transfer at their first DT. */
    if (c->a->not_osi && c->a->state == X4_ST_TP_OPEN)
        succeeded(c);
}

static void on_release(x4_ctx *c, const x4_pdu_class *pc)
{
    x4_assoc *a = c->a;
    if (x4_state_terminal(a->state))
        return;
    if (pc->bits & PC_REL_REQ) {
        a->state = X4_ST_RELEASING;
        return;
    }
    a->released = true;
    x4_assoc_end(c, X4_ST_CLOSED);
}

static void on_abort(x4_ctx *c)
{
    if (x4_state_terminal(c->a->state))
        return;
    x4_rule_abort(c);
    x4_assoc_end(c, X4_ST_ABORTED);
}

/* A DR from the initiator while its CR waits: it gave up (close_before_ok).
 * A responder's DR while the CR waits is a refusal (x4_rule_refusal); a DR
 * after CC is ISODE's way to close and changes nothing. */
static void on_dr(x4_ctx *c)
{
    if (c->dir != x4_asker(c->a) || c->a->req == REQ_NONE)
        return;
    x4_rule_close_before_ok(c);
    x4_attempt_outcome(c, c->a, ATT_FAILED);
    x4_assoc_end(c, X4_ST_CLOSED);
}

static void apply(x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    x4_assoc *a = c->a;
    x4_rule_state_check(c, k, pc);
    if (pc->bits & PC_CONNECT)
        on_connect(c, k);
    if (pc->bits & PC_CONFIRM)
        on_confirm(c, k);
    if (pc->bits & PC_RT_REQUEST)
        a->rt_requested = true;
    if ((pc->bits & PC_RT_ACCEPT) || (k == X4_PDU_AARE && !aare_rejected(c->info)))
        a->rt_accepted = true;
    if (pc->bits & PC_BOUND) {
        a->reached_transfer = true;
        if (!x4_state_terminal(a->state))
            a->state = X4_ST_BOUND;
        succeeded(c);
    }
    if (pc->bits & (PC_SES_DATA | PC_RT_DATA))
        on_data(c, pc);
    if (pc->bits & PC_TP_DT)
        on_tp_dt(c);
    if (pc->bits & PC_TP_DR)
        on_dr(c);
    if (pc->bits & (PC_REL_REQ | PC_REL_DONE))
        on_release(c, pc);
    if (pc->bits & PC_ABORT)
        on_abort(c);
}

/* Highest layer any PDU of the frame was decoded at (TPKT when none). */
static x4_layer top_layer(const x4_frame_info *info)
{
    x4_layer top = X4_LAYER_TPKT;
    for (unsigned i = 0; i < info->n_pdus; i++) {
        x4_layer l = x4_pdu_kind_layer(info->pdus[i].kind);
        if (l > top)
            top = l;
    }
    return top;
}

/* Bytes from the responder, while a request waits, that did not decode at
 * the request's layer (a malformed AC, a TSDU we could not join) may be the
 * confirm: from then on nothing may rely on its absence. */
static void note_undecoded_answer(x4_ctx *c)
{
    x4_assoc *a = c->a;
    x4_layer need = a->req == REQ_TP0 ? X4_LAYER_TP0 : X4_LAYER_SESSION;
    if (c->dir != x4_asker(a) && a->req != REQ_NONE && c->ev->payload_len &&
        top_layer(c->info) < need)
        a->maybe_ok = true;
}

void x4_state_pdus(x4_ctx *c)
{
    const x4_frame_info *info = c->info;
    x4_assoc *a = c->a;

    a->x400 |= info->x400;
    a->not_osi |= info->not_osi;
    for (unsigned i = 0; i < info->n_mtas; i++)
        a->mta_hash[info->mtas[i].is_responder] =
            x4_hash(X4_HASH_INIT, info->mtas[i].name, strlen(info->mtas[i].name));
    /* Refusal first: a refusing frame (RF + CPR + AARE + RTORJ + bind
     * error) is judged as a whole, and its PDUs are not state errors. */
    x4_rule_refusal(c);
    for (unsigned i = 0; i < info->n_pdus; i++) {
        x4_pdu_kind k = info->pdus[i].kind;
        const x4_pdu_class *pc = x4_pdu_class_of(k);
        if (a->state == X4_ST_REFUSED && (pc->bits & PC_REFUSE || k == X4_PDU_AARE))
            continue;
        apply(c, k, pc);
    }
    note_undecoded_answer(c);
    x4_rule_mtsids(c);
}

/* ------------------------------------------------------------ TCP close */

static void on_close(x4_ctx *c)
{
    x4_assoc *a = c->a;
    x4_state s = a->state;

    if (a->req != REQ_NONE && c->dir == x4_asker(a)) {
        x4_rule_close_before_ok(c);
        x4_attempt_outcome(c, a, ATT_FAILED);
        x4_assoc_end(c, X4_ST_CLOSED);
    } else if ((a->req != REQ_NONE || s == X4_ST_TCP_CONNECTING) && c->dir != x4_asker(a) &&
               c->ev->rst) {
        x4_rule_tcp_refusal(c);
    } else if (c->ev->rst && x4_rule_loss_reset(c)) {
        /* flagged and ended by the rule */
    } else if (!c->ev->rst && a->x400 && !a->released &&
               (s == X4_ST_BOUND || s == X4_ST_TRANSFER)) {
        x4_rule_closed_without_release(c);
        x4_assoc_end(c, X4_ST_ABORTED);
    } else {
        /* The responder closing an association it never confirmed failed
         * the attempt; the initiator closing one it never used (a probe, a
         * health check) did not. */
        bool failed = c->dir == X4_DIR_RESPONDER || s == X4_ST_TCP_CONNECTING;
        x4_attempt_outcome(c, a, failed ? ATT_FAILED : ATT_SUCCEEDED);
        x4_assoc_end(c, X4_ST_CLOSED);
    }
}

void x4_state_tcp_close(x4_ctx *c)
{
    x4_assoc *a = c->a;
    const x4_tcp_event *ev = c->ev;

    if (!ev->fin && !ev->rst)
        return;
    if (ev->fin)
        a->fin[c->dir] = true;
    if (!x4_state_terminal(a->state))
        on_close(c);
    if (ev->rst || (a->fin[0] && a->fin[1]))
        a->ended = true;
}
