/* FIN and RST: how the association ends when TCP closes it.  In order: the
 * asker giving up on its pending request, the responder refusing with a
 * reset, a reset that loses an association in transfer or with data
 * outstanding, a bound X.400 association closed with no release, and a
 * plain close. */
#include "state/assoc.h"

/* A reset during a flow-control episode is that episode's error: KB
 * Q188040 (flow_control_error, then ndata_after_flow_error), not a Q232602
 * loss of an association left alone by the network. */
static bool flow_episode(const x4_assoc *a)
{
    const x4_flow *flow = x4_trouble(a)->flow;
    for (int d = 0; d < 2; d++)
        if (flow[d].phase == X4_FLOW_ERROR || flow[d].phase == X4_FLOW_DONE)
            return true;
    return false;
}

/* Data that the reset throws away, when the capture holds both sides (with
 * one side missing nothing is ever acknowledged): the peer's data the
 * resetting side never acknowledged (a RST with ACK acknowledges it), and
 * the resetting side's own data, except on non-OSI TP0 connections whose
 * clients routinely send a last empty DT and reset (S7comm). */
static bool discarded(const x4_assoc *a, x4_dir resetter, uint32_t *frame)
{
    x4_dir other = x4_peer(resetter);
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

/* A reset (not in a terminal state: after a refusal, release or abort a
 * reset is how MTAs close) of an association in data transfer or with data
 * outstanding is a loss.  Non-OSI TP0 users reset routinely: only data
 * counts for them. */
static bool reset_loses(x4_frame *f)
{
    x4_assoc *a = f->a;
    uint32_t frame = 0;
    if (flow_episode(a)) {
        x4_state_end(f, a, X4_ST_LOST, X4_END_FLOW_RESET);
        return true;
    }
    bool in_transfer = a->reached_transfer && !a->not_osi && a->state != X4_ST_RELEASING;
    if (!discarded(a, f->dir, &frame) && !in_transfer)
        return false;
    if (!frame)
        frame = a->transfer_frame;  /* evidence began when transfer did */
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_LOST, .loss = X4_LOSS_RESET, .related = frame });
    x4_state_end(f, a, X4_ST_LOST, X4_END_LOST);
    return true;
}

static void refused_by_reset(x4_frame *f)
{
    bool to_syn = f->a->state == X4_ST_TCP_CONNECTING;
    x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_REFUSED, .refused_by = X4_REFUSED_TCP,
                                       .reason = to_syn ? "reset answering the SYN"
                                                        : "reset before the confirm" });
    x4_state_end(f, f->a, X4_ST_REFUSED, X4_END_REFUSED);
}

static void on_close(x4_frame *f)
{
    x4_assoc *a = f->a;
    x4_state s = a->state;
    bool rst = f->ev->rst;
    bool asker = f->dir == x4_asker(a);

    if (a->req != X4_REQ_NONE && asker) {
        x4_state_give_up(f);
    } else if ((a->req != X4_REQ_NONE || s == X4_ST_TCP_CONNECTING) && !asker && rst) {
        refused_by_reset(f);
    } else if (rst && reset_loses(f)) {
        /* lost */
    } else if (!rst && a->x400 && !a->released && (s == X4_ST_BOUND || s == X4_ST_TRANSFER)) {
        x4_emit(f, a, &(x4_transition){ .kind = X4_TR_CLOSED_UNRELEASED });
        x4_state_end(f, a, X4_ST_ABORTED, X4_END_UNRELEASED);
    } else {
        /* The responder closing an association it never confirmed failed
         * the attempt; the initiator closing one it never used (a probe, a
         * health check) did not. */
        bool failed = f->dir == X4_DIR_RESPONDER || s == X4_ST_TCP_CONNECTING;
        x4_state_settle(f, a, failed ? X4_ATTEMPT_FAILED : X4_ATTEMPT_SUCCEEDED);
        x4_state_end(f, a, X4_ST_CLOSED, X4_END_CLOSED);
    }
}

void x4_state_tcp_close(x4_frame *f)
{
    x4_assoc *a = f->a;
    const x4_tcp_event *ev = f->ev;

    if (!ev->fin && !ev->rst)
        return;
    if (ev->fin)
        a->fin[f->dir] = true;
    x4_emit(f, a, &(x4_transition){ .kind = ev->rst ? X4_TR_RESET : X4_TR_CLOSED, .sender = f->dir });
    if (!x4_state_terminal(a->state))
        on_close(f);
    if (ev->rst || (a->fin[0] && a->fin[1]))
        a->ended = true;
}
