/* association_lost: an association in data transfer, or with data
 * outstanding, ends without orderly release: a reset, or the same segment
 * retransmitted x400mta.lost_retransmissions times with no acknowledgement. */
#include "engine_int.h"

static x4_dir peer(x4_dir d)
{
    return d == X4_DIR_INITIATOR ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
}

static void lost(x4_ctx *c, uint32_t related, uint32_t count, const char *reason)
{
    x4_assoc *a = c->a;
    if (!x4_once(a, X4_P_ASSOCIATION_LOST))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_ASSOCIATION_LOST, related);
    if (f) {
        f->count = count;
        f->reason = reason;
        if (count)
            x4_flag_message(f, "association %u lost in state %s: %s sent the same segment %u times "
                            "with no acknowledgement", a->assoc, x4_state_name(a->state),
                            c->dir == X4_DIR_INITIATOR ? "initiator" : "responder", count);
        else
            x4_flag_message(f, "association %u lost in state %s: %s reset the connection "
                            "with no release", a->assoc, x4_state_name(a->state),
                            c->dir == X4_DIR_INITIATOR ? "initiator" : "responder");
    }
    x4_assoc_end(c, X4_ST_LOST);
    x4_flap_event(c);
}

/* The peer acknowledged what d sent (all of it, when seq/ack are known).
 * A RST with ACK counts: the resetting side had received d's data. */
static void acknowledged(x4_assoc *a, x4_dir d, const x4_tcp_event *ev)
{
    if (!ev->ack || ev->icmp_error)
        return;
    if (ev->has_seq) {
        if ((int32_t)(ev->ack_num - a->retrans_seq[d]) > 0)
            a->retrans[d] = 0;
        if ((int32_t)(ev->ack_num - a->next_seq[d]) >= 0)
            a->outstanding[d] = false;
        return;
    }
    if (!ev->duplicate_ack) {
        a->retrans[d] = 0;
        a->outstanding[d] = false;
    }
}

static void sent(x4_ctx *c)
{
    x4_assoc *a = c->a;
    const x4_tcp_event *ev = c->ev;
    x4_dir d = c->dir;
    uint32_t end = ev->seq_num + ev->payload_len;

    if (!ev->payload_len || ev->zero_window_probe)
        return;
    if (!ev->retransmission) {
        a->retrans[d] = 0;
        if (!a->outstanding[d])
            a->outstanding_frame[d] = ev->frame;
        a->outstanding[d] = true;
        if (ev->has_seq && (!a->next_seq[d] || (int32_t)(end - a->next_seq[d]) > 0))
            a->next_seq[d] = end;
        return;
    }
    bool same = !ev->has_seq || ev->seq_num == a->retrans_seq[d];
    if (!same || !a->retrans[d]) {
        a->retrans[d] = 0;
        a->retrans_seq[d] = ev->seq_num;
        a->retrans_frame[d] = ev->frame;
    }
    a->retrans[d]++;
}

void x4_rule_loss_tcp(x4_ctx *c)
{
    x4_assoc *a = c->a;
    x4_dir d = c->dir;
    acknowledged(a, peer(d), c->ev);
    sent(c);
    if (a->retrans[d] >= c->e->prefs.lost_retransmissions && !x4_state_terminal(a->state))
        lost(c, a->retrans_frame[d], a->retrans[d], "retransmissions without acknowledgement");
}

/* Data that the reset throws away, when the capture holds both sides (with
 * one side missing nothing is ever acknowledged): the peer's data the
 * resetting side never acknowledged (a RST with ACK acknowledges it), and
 * the resetting side's own data, except on non-OSI TP0 connections whose
 * clients routinely send a last empty DT and reset (S7comm). */
static bool discarded(const x4_assoc *a, x4_dir resetter, uint32_t *frame)
{
    x4_dir other = peer(resetter);
    if (!a->seen[X4_DIR_INITIATOR] || !a->seen[X4_DIR_RESPONDER])
        return false;
    if (a->outstanding[other]) {
        *frame = a->outstanding_frame[other];
        return true;
    }
    if (a->outstanding[resetter] && !a->not_osi) {
        *frame = a->outstanding_frame[resetter];
        return true;
    }
    return false;
}

/* A reset (not a terminal state: after a refusal, release or abort a reset
 * is how MTAs close) of an association in data transfer or with data
 * outstanding.  Non-OSI TP0 users reset routinely: only data counts. */
/* A reset during a flow-control episode is that episode's error: KB
 * Q188040 (flow_control_error, then ndata_after_flow_error), not a Q232602
 * loss of an association left alone by the network. */
static bool flow_episode(const x4_assoc *a)
{
    for (int d = 0; d < 2; d++)
        if (a->flow[d].phase == FLOW_ERROR || a->flow[d].phase == FLOW_DONE)
            return true;
    return false;
}

bool x4_rule_loss_reset(x4_ctx *c)
{
    x4_assoc *a = c->a;
    uint32_t frame = 0;
    if (flow_episode(a)) {
        x4_assoc_end(c, X4_ST_LOST);
        return true;
    }
    bool in_transfer = a->reached_transfer && !a->not_osi && a->state != X4_ST_RELEASING;
    if (!discarded(a, c->dir, &frame) && !in_transfer)
        return false;
    if (!frame)
        frame = a->transfer_frame;  /* evidence began when transfer did */
    lost(c, frame, 0, "connection reset (RST)");
    return true;
}

/* The finer closed_without_release: a bound X.400 association closed with a
 * FIN and no release before it (the caller checked the state). */
void x4_rule_closed_without_release(x4_ctx *c)
{
    if (!x4_once(c->a, X4_P_CLOSED_WITHOUT_RELEASE))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CLOSED_WITHOUT_RELEASE, c->a->transfer_frame);
    if (f)
        x4_flag_message(f, "%s closed the bound association %u with a TCP FIN and no release",
                        c->dir == X4_DIR_INITIATOR ? "initiator" : "responder", c->a->assoc);
}
