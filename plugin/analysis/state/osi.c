/* The OSI layers' transitions of an association, from the PDUs the
 * decoders found in a frame (in wire order): connect requests and confirms,
 * refusals at every layer, the bind, data transfer, release and abort.
 * What each PDU kind means comes from one table (pdu_class.c). */
#include "state/assoc.h"

#include <string.h>

/* The decoders report an AARE reason only when the result is a rejection. */
static bool aare_rejected(const x4_frame_info *info)
{
    for (unsigned i = 0; i < info->n_reasons; i++)
        if (info->reasons[i].pdu == X4_PDU_AARE)
            return true;
    return false;
}

/* ------------------------------------------------------------ refusals */

/* The highest layer refusing in this frame, and the reason given there.
 * Refusals above the session layer are X.400-only: without X.400 evidence
 * (MMS, ICCP) the refusal is the session's. */
static x4_refuser frame_refuser(const x4_frame *f, const char **reason)
{
    const x4_frame_info *info = f->info;
    x4_refuser by = X4_REFUSED_NONE;
    for (unsigned i = 0; i < info->n_pdus; i++) {
        x4_pdu_kind k = info->pdus[i].kind;
        const x4_pdu_class *pc = x4_pdu_class_of(k);
        bool dr = k == X4_PDU_TP0_DR;
        if (!(pc->bits & PC_REFUSE) || (dr && f->a->req != X4_REQ_TP0))
            continue;
        if (pc->refuser > by)
            by = pc->refuser;
    }
    for (unsigned i = 0; by != X4_REFUSED_NONE && i < info->n_reasons; i++) {
        x4_refuser r = x4_layer_refuser(info->reasons[i].layer);
        bool refusing = info->reasons[i].pdu == X4_PDU_AARE ||     /* AARE-reject */
                        info->reasons[i].pdu == X4_PDU_P1_BIND_ERR;
        if (refusing && r > by)
            by = r;
    }
    if (!f->a->x400 && by > X4_REFUSED_SESSION)
        by = X4_REFUSED_SESSION;
    *reason = NULL;
    x4_refuser best = X4_REFUSED_NONE;
    for (unsigned i = 0; by != X4_REFUSED_NONE && i < info->n_reasons; i++) {
        x4_refuser r = x4_layer_refuser(info->reasons[i].layer);
        if (r <= by && r >= best && info->reasons[i].text) {
            best = r;
            *reason = info->reasons[i].text;
        }
    }
    return by;
}

/* A refusing frame (RF + CPR + AARE + RTORJ + bind error) is judged as a
 * whole, before its PDUs, which are then not state errors. */
static void refusal(x4_frame *f)
{
    x4_assoc *a = f->a;
    if (f->dir == x4_asker(a) || x4_state_terminal(a->state) || a->reached_transfer)
        return;
    const char *reason;
    x4_refuser by = frame_refuser(f, &reason);
    if (by == X4_REFUSED_NONE)
        return;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_REFUSED, .refused_by = by, .reason = reason });
    x4_state_end(f, a, X4_ST_REFUSED, X4_END_REFUSED);
}

/* ------------------------------------------------------------ one PDU */

/* The association did what it was opened for: a storm run ends here. */
static void succeeded(x4_frame *f)
{
    x4_state_settle(f, f->a, X4_ATTEMPT_SUCCEEDED);
}

static void on_connect(x4_frame *f, x4_pdu_kind k)
{
    x4_assoc *a = f->a;
    if (x4_state_terminal(a->state))
        return;
    bool tp = k == X4_PDU_TP0_CR;
    if (tp)
        a->cr_seen = true;
    a->req = tp ? X4_REQ_TP0 : X4_REQ_SESSION;
    a->req_dir = f->dir;
    a->req_frame = f->ev->frame;
    a->req_time = f->ev->time;
    a->state = tp ? X4_ST_TP_REQUESTED : X4_ST_SESSION_REQUESTED;
    a->known = true;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_REQUESTED, .layer = a->req });
}

static void on_confirm(x4_frame *f, x4_pdu_kind k)
{
    x4_assoc *a = f->a;
    x4_req_layer layer = k == X4_PDU_TP0_CC ? X4_REQ_TP0 : X4_REQ_SESSION;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_CONFIRMED, .layer = layer });
    if (x4_state_terminal(a->state))
        return;
    if (a->req == layer)
        a->req = X4_REQ_NONE;
    if (layer == X4_REQ_TP0) {
        a->state = X4_ST_TP_OPEN;
        return;
    }
    /* An X.400 AC carries the bind result; without one the bind is pending.
     * Other OSI users (MMS, ICCP) are established by the AC itself. */
    a->state = a->x400 ? X4_ST_BINDING : X4_ST_BOUND;
    if (!a->x400)
        succeeded(f);
}

static void on_bound(x4_frame *f)
{
    x4_assoc *a = f->a;
    a->reached_transfer = true;
    if (!x4_state_terminal(a->state))
        a->state = X4_ST_BOUND;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_BOUND });
    succeeded(f);
}

static void on_data(x4_frame *f, const x4_pdu_class *pc)
{
    x4_assoc *a = f->a;
    if (pc->bits & PC_RT_DATA) {
        a->reached_transfer = true;
        succeeded(f);
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

static void on_tp_dt(x4_frame *f)
{
    /* Non-OSI users of TP0 (S7comm, RDP) are in data transfer at their first DT. */
    if (f->a->not_osi && f->a->state == X4_ST_TP_OPEN)
        succeeded(f);
}

static void on_release(x4_frame *f, const x4_pdu_class *pc)
{
    x4_assoc *a = f->a;
    if (x4_state_terminal(a->state))
        return;
    if (pc->bits & PC_REL_REQ) {
        a->state = X4_ST_RELEASING;
        x4_emit(f, a, &(x4_transition){ .kind = X4_TR_RELEASE_ASKED });
        return;
    }
    a->released = true;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_RELEASED });
    x4_state_end(f, a, X4_ST_CLOSED, X4_END_RELEASED);
}

static void on_abort(x4_frame *f)
{
    if (x4_state_terminal(f->a->state))
        return;
    x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_ABORTED });
    x4_state_end(f, f->a, X4_ST_ABORTED, X4_END_ABORTED);
}

/* A DR from the asker while its CR waits: it gave up.  A responder's DR
 * while the CR waits is a refusal (above); a DR after CC is ISODE's way to
 * close and changes nothing. */
static void on_dr(x4_frame *f)
{
    if (f->dir != x4_asker(f->a) || f->a->req == X4_REQ_NONE)
        return;
    x4_state_give_up(f);
}

static void apply(x4_frame *f, x4_pdu_kind k, const x4_pdu_class *pc)
{
    x4_assoc *a = f->a;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_PDU, .pdu = k, .pc = pc });
    if (pc->bits & PC_CONNECT)
        on_connect(f, k);
    if (pc->bits & PC_CONFIRM)
        on_confirm(f, k);
    if (pc->bits & PC_RT_REQUEST)
        a->rt_requested = true;
    if ((pc->bits & PC_RT_ACCEPT) || (k == X4_PDU_AARE && !aare_rejected(f->info)))
        a->rt_accepted = true;
    if (pc->bits & PC_BOUND)
        on_bound(f);
    if (pc->bits & (PC_SES_DATA | PC_RT_DATA))
        on_data(f, pc);
    if (pc->bits & PC_TP_DT)
        on_tp_dt(f);
    if (pc->bits & PC_TP_DR)
        on_dr(f);
    if (pc->bits & (PC_REL_REQ | PC_REL_DONE))
        on_release(f, pc);
    if (pc->bits & PC_ABORT)
        on_abort(f);
}

/* -------------------------------------------------------- the frame */

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
static void note_undecoded_answer(x4_frame *f)
{
    x4_assoc *a = f->a;
    x4_layer need = a->req == X4_REQ_TP0 ? X4_LAYER_TP0 : X4_LAYER_SESSION;
    if (f->dir != x4_asker(a) && a->req != X4_REQ_NONE && f->ev->payload_len &&
        top_layer(f->info) < need)
        a->maybe_ok = true;
}

static void learn(x4_assoc *a, const x4_frame_info *info)
{
    a->x400 |= info->x400;
    a->not_osi |= info->not_osi;
    for (unsigned i = 0; i < info->n_mtas; i++)
        a->mta_hash[info->mtas[i].is_responder] =
            x4_hash(X4_HASH_INIT, info->mtas[i].name, strlen(info->mtas[i].name));
}

void x4_state_pdus(x4_frame *f)
{
    const x4_frame_info *info = f->info;
    x4_assoc *a = f->a;

    learn(a, info);
    refusal(f);
    for (unsigned i = 0; i < info->n_pdus; i++) {
        x4_pdu_kind k = info->pdus[i].kind;
        const x4_pdu_class *pc = x4_pdu_class_of(k);
        if (a->state == X4_ST_REFUSED && (pc->bits & PC_REFUSE || k == X4_PDU_AARE))
            continue;
        apply(f, k, pc);
    }
    note_undecoded_answer(f);
    for (unsigned i = 0; i < info->n_mtsids; i++)
        x4_emit(f, a, &(x4_transition){ .kind = X4_TR_TRANSFER, .mtsid = info->mtsids[i].text });
}
