/* Rules of the connect phase: connect_refused (every layer), close_before_ok
 * and the finer late_ok and association_aborted. */
#include "engine_int.h"

static const char *const req_pdu[] = { [REQ_NONE] = "request", [REQ_TP0] = "TP0 CR",
                                       [REQ_SESSION] = "session CN" };
static const char *const req_ok[] = { [REQ_NONE] = "confirm", [REQ_TP0] = "CC",
                                      [REQ_SESSION] = "AC" };

/* Flap and storm bookkeeping shared by every refusal. */
static void refused(x4_ctx *c)
{
    x4_assoc_end(c, X4_ST_REFUSED);
    x4_flap_event(c);
}

static x4_flag *refusal_flag(x4_ctx *c, x4_refuser by, const char *reason)
{
    x4_assoc *a = c->a;
    uint32_t related = a->req_frame ? a->req_frame : a->syn_frame;
    double since = a->req_frame ? a->req_time : a->syn_time;
    if (!x4_once(a, X4_P_CONNECT_REFUSED))
        return NULL;
    x4_flag *f = x4_flag_add(c, X4_P_CONNECT_REFUSED, related);
    if (!f)
        return NULL;
    f->refused_by = by;
    f->reason = reason;
    if (related)
        x4_flag_message(f, "responder refused the connect at the %s layer (%s), %s after the request",
                        x4_refuser_name(by), reason ? reason : "no reason given",
                        x4_secs(c->ev->time - since).s);
    else
        x4_flag_message(f, "responder refused the connect at the %s layer (%s)",
                        x4_refuser_name(by), reason ? reason : "no reason given");
    return f;
}

/* The highest layer refusing in this frame, and the reason given there.
 * Refusals above the session layer are X.400-only: without X.400 evidence
 * (MMS, ICCP) the refusal is the session's. */
static x4_refuser frame_refuser(const x4_ctx *c, const char **reason)
{
    const x4_frame_info *info = c->info;
    x4_refuser by = X4_REFUSED_NONE;
    for (unsigned i = 0; i < info->n_pdus; i++) {
        x4_pdu_kind k = info->pdus[i].kind;
        const x4_pdu_class *pc = x4_pdu_class_of(k);
        bool dr = k == X4_PDU_TP0_DR;
        if (!(pc->bits & PC_REFUSE) || (dr && c->a->req != REQ_TP0))
            continue;
        if (pc->refuser > by)
            by = pc->refuser;
    }
    for (unsigned i = 0; by != X4_REFUSED_NONE && i < info->n_reasons; i++) {
        x4_refuser r = x4_layer_refuser(info->reasons[i].layer);
        if (info->reasons[i].pdu == X4_PDU_AARE && r > by)
            by = r;                       /* AARE-reject */
        if (info->reasons[i].pdu == X4_PDU_P1_BIND_ERR && r > by)
            by = r;
    }
    if (!c->a->x400 && by > X4_REFUSED_SESSION)
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

void x4_rule_refusal(x4_ctx *c)
{
    x4_assoc *a = c->a;
    if (c->dir == x4_asker(a) || x4_state_terminal(a->state) || a->reached_transfer)
        return;
    const char *reason;
    x4_refuser by = frame_refuser(c, &reason);
    if (by == X4_REFUSED_NONE)
        return;
    refusal_flag(c, by, reason);
    refused(c);
}

void x4_rule_tcp_refusal(x4_ctx *c)
{
    x4_assoc *a = c->a;
    bool to_syn = a->state == X4_ST_TCP_CONNECTING;
    refusal_flag(c, X4_REFUSED_TCP, to_syn ? "reset answering the SYN"
                                           : "reset before the confirm");
    refused(c);
}

bool x4_rule_close_before_ok(x4_ctx *c)
{
    x4_assoc *a = c->a;
    const x4_tcp_event *ev = c->ev;
    a->init_closed = true;
    a->closed_req = a->req;
    a->close_frame = ev->frame;
    a->close_time = ev->time;
    /* Without one frame from the responder the capture may simply miss
     * that direction (and its confirm); an undecodable answer may have been
     * the confirm; and a session CN waits for an MTA's AC only in X.400
     * (other OSI users' session quirks are not evidence of Q319936). */
    bool evidence = a->seen[!x4_asker(a)] && !a->maybe_ok &&
                    (a->req == REQ_TP0 || a->x400);
    if (!evidence || !x4_once(a, X4_P_CLOSE_BEFORE_OK))
        return false;
    x4_flag *f = x4_flag_add(c, X4_P_CLOSE_BEFORE_OK, a->req_frame);
    if (!f)
        return false;
    f->ok_wait = ev->time - a->req_time;
    const char *how = ev->rst ? "reset" : ev->fin ? "closed" : "disconnected (TP0 DR)";
    x4_flag_message(f, "initiator %s %s after its %s with no %s", how, x4_secs(f->ok_wait).s,
                    req_pdu[a->req], req_ok[a->req]);
    return true;
}

void x4_rule_late_ok(x4_ctx *c)
{
    x4_assoc *a = c->a;
    if (c->dir == x4_asker(a) || !x4_once(a, X4_P_LATE_OK))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_LATE_OK, a->close_frame);
    if (!f)
        return;
    f->ok_wait = c->ev->time - a->req_time;
    x4_flag_message(f, "responder's %s came %s after the initiator had closed (%s after the %s)",
                    req_ok[a->closed_req], x4_secs(c->ev->time - a->close_time).s,
                    x4_secs(f->ok_wait).s, req_pdu[a->closed_req]);
}

static const char *abort_reason(const x4_frame_info *info)
{
    const char *text = NULL;
    x4_layer best = X4_LAYER_TPKT;
    for (unsigned i = 0; i < info->n_reasons; i++) {
        const x4_pdu_class *pc = x4_pdu_class_of(info->reasons[i].pdu);
        if ((pc->bits & PC_ABORT) && info->reasons[i].text && info->reasons[i].layer >= best) {
            best = info->reasons[i].layer;
            text = info->reasons[i].text;
        }
    }
    return text;
}

void x4_rule_abort(x4_ctx *c)
{
    x4_assoc *a = c->a;
    if (!x4_once(a, X4_P_ASSOCIATION_ABORTED))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_ASSOCIATION_ABORTED, 0);
    if (!f)
        return;
    f->reason = abort_reason(c->info);
    x4_flag_message(f, "%s aborted the association (%s)",
                    c->dir == X4_DIR_INITIATOR ? "initiator" : "responder",
                    f->reason ? f->reason : "no reason given");
}
