/* Flow control per sending direction: the receiver closes its window while
 * the sender has data (ZERO), the connection then fails, by a reset, an ICMP
 * error or x400mta.zero_window_probes unanswered probes (ERROR), and the
 * sender may still send data (DONE).  A window that opens again before the
 * error is ordinary flow control (back to IDLE). */
#include "state/assoc.h"

/* The flow of sender's data, to change: only an episode under way (phase
 * other than IDLE) or a window closing needs one. */
static x4_flow *flow_of(x4_frame *f, x4_dir sender)
{
    x4_tcp_trouble *t = x4_trouble_of(f->e, f->a);
    return t ? &t->flow[sender] : NULL;
}

static void flow_error(x4_frame *f, x4_dir sender, x4_flow_error why)
{
    x4_flow *fl = flow_of(f, sender);
    if (!fl)
        return;
    fl->phase = X4_FLOW_ERROR;
    fl->error = why;
    x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_FLOW_ERROR, .sender = sender, .flow_error = why });
}

/* The frame comes from the sender of the data. */
static void from_sender(x4_frame *f, x4_dir sender)
{
    const x4_tcp_event *ev = f->ev;
    if (x4_trouble(f->a)->flow[sender].phase == X4_FLOW_IDLE)
        return;
    x4_flow *fl = flow_of(f, sender);

    if (fl->phase == X4_FLOW_ERROR && ev->payload_len && !ev->zero_window_probe) {
        fl->phase = X4_FLOW_DONE;
        x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_DATA_AFTER_FLOW_ERROR, .sender = sender });
        return;
    }
    if (!ev->zero_window_probe || fl->phase != X4_FLOW_ZERO)
        return;
    fl->sender_pending = true;
    fl->probes++;
    x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_WINDOW_PROBED, .sender = sender, .count = fl->probes });
    if (fl->probes >= f->e->prefs.zero_window_probes)
        flow_error(f, sender, X4_FLOW_ERR_PROBES);
}

/* The frame comes from the receiver of sender's data. */
static void from_receiver(x4_frame *f, x4_dir sender)
{
    const x4_tcp_event *ev = f->ev;
    /* Their window field means nothing (an ICMP event has none at all). */
    bool control = ev->syn || ev->fin || ev->rst || ev->icmp_error;
    x4_flow_phase phase = (x4_flow_phase)x4_trouble(f->a)->flow[sender].phase;
    if (phase == X4_FLOW_IDLE && !(ev->zero_window && !control))
        return;
    x4_flow *fl = flow_of(f, sender);
    if (!fl)
        return;

    if (ev->zero_window && !control && fl->phase == X4_FLOW_IDLE) {
        fl->phase = X4_FLOW_ZERO;
        fl->zero_frame = ev->frame;
        fl->probes = 0;
        fl->sender_pending = f->a->outstanding[sender];
        x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_WINDOW_CLOSED, .sender = sender });
    } else if (!ev->zero_window && ev->window > 0 && !control &&
               (fl->phase == X4_FLOW_ZERO ||
                (fl->phase == X4_FLOW_ERROR && fl->error == X4_FLOW_ERR_PROBES))) {
        fl->phase = X4_FLOW_IDLE;
        x4_emit(f, f->a, &(x4_transition){ .kind = X4_TR_WINDOW_REOPENED, .sender = sender });
    }
}

void x4_state_flow(x4_frame *f)
{
    const x4_tcp_event *ev = f->ev;

    from_sender(f, f->dir);
    from_receiver(f, x4_peer(f->dir));
    if (!ev->rst && !ev->icmp_error)
        return;
    for (int s = 0; s < 2; s++) {
        const x4_flow *fl = &x4_trouble(f->a)->flow[s];
        if (fl->phase == X4_FLOW_ZERO && fl->sender_pending)
            flow_error(f, (x4_dir)s, ev->rst ? X4_FLOW_ERR_RST : X4_FLOW_ERR_ICMP);
    }
}
