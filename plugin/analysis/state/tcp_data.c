/* TCP data of an association: what each side sent and the peer
 * acknowledged, retransmissions of one segment, and the loss of an
 * association whose segment is retransmitted x400mta.lost_retransmissions
 * times with no acknowledgement. */
#include "state/assoc.h"

const x4_tcp_trouble x4_no_trouble;

x4_tcp_trouble *x4_trouble_of(x4_engine *e, x4_assoc *a)
{
    if (!a->trouble)
        a->trouble = x4_eng_calloc(e, sizeof *a->trouble);
    return a->trouble;
}

/* Nothing d sent is being retransmitted any more. */
static void retransmissions_over(x4_assoc *a, x4_dir d)
{
    if (a->trouble)
        a->trouble->retrans[d] = 0;
}

/* A frame whose bytes were seen before: Wireshark's retransmission flag, or
 * (with sequence numbers) payload wholly below what this side already sent. */
bool x4_state_repeated_bytes(const x4_assoc *a, const x4_tcp_event *ev, x4_dir d)
{
    if (ev->retransmission)
        return true;
    if (!ev->has_seq || !ev->payload_len || !a->next_seq[d])
        return false;
    return (int32_t)(ev->seq_num + ev->payload_len - a->next_seq[d]) <= 0;
}

/* The peer acknowledged what d sent (all of it, when seq/ack are known).
 * A RST with ACK counts: the resetting side had received d's data. */
static void acknowledged(x4_assoc *a, x4_dir d, const x4_tcp_event *ev)
{
    if (!ev->ack || ev->icmp_error)
        return;
    if (ev->has_seq) {
        if ((int32_t)(ev->ack_num - x4_trouble(a)->retrans_seq[d]) > 0)
            retransmissions_over(a, d);
        if ((int32_t)(ev->ack_num - a->next_seq[d]) >= 0)
            a->outstanding[d] = false;
        return;
    }
    if (!ev->duplicate_ack) {
        retransmissions_over(a, d);
        a->outstanding[d] = false;
    }
}

static void new_data(x4_assoc *a, const x4_tcp_event *ev, x4_dir d)
{
    uint32_t end = ev->seq_num + ev->payload_len;
    retransmissions_over(a, d);
    if (!a->outstanding[d])
        a->outstanding_frame[d] = ev->frame;
    a->outstanding[d] = true;
    if (ev->has_seq && (!a->next_seq[d] || (int32_t)(end - a->next_seq[d]) > 0))
        a->next_seq[d] = end;
}

static void retransmitted(x4_frame *f)
{
    x4_assoc *a = f->a;
    const x4_tcp_event *ev = f->ev;
    x4_dir d = f->dir;
    x4_tcp_trouble *t = x4_trouble_of(f->e, a);
    if (!t)
        return;
    bool same = !ev->has_seq || ev->seq_num == t->retrans_seq[d];
    if (!same || !t->retrans[d]) {
        t->retrans[d] = 0;
        t->retrans_seq[d] = ev->seq_num;
        t->retrans_frame[d] = ev->frame;
    }
    t->retrans[d]++;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_RETRANSMITTED, .sender = d, .count = t->retrans[d] });
}

void x4_state_tcp_data(x4_frame *f)
{
    x4_assoc *a = f->a;
    const x4_tcp_event *ev = f->ev;
    x4_dir d = f->dir;

    acknowledged(a, x4_peer(d), ev);
    if (ev->payload_len && !ev->zero_window_probe) {
        if (ev->retransmission)
            retransmitted(f);
        else
            new_data(a, ev, d);
    }
    const x4_tcp_trouble *t = x4_trouble(a);
    if (t->retrans[d] >= f->e->prefs.lost_retransmissions && !x4_state_terminal(a->state)) {
        x4_emit(f, a, &(x4_transition){ .kind = X4_TR_LOST, .loss = X4_LOSS_RETRANSMISSIONS,
                                        .count = t->retrans[d], .related = t->retrans_frame[d] });
        x4_state_end(f, a, X4_ST_LOST, X4_END_LOST);
    }
}
