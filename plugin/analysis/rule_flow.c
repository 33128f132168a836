/* ndata_after_flow_error (KB Q188040): the receiver closed its window while
 * the sender had data, the connection then hit an error (RST, ICMP error,
 * or x400mta.zero_window_probes unanswered probes), and the sender then sent
 * data anyway.  The first two steps alone give the finer flow_control_error. */
#include "engine_int.h"

static const char *const error_what[] = { "a reset (RST)", "an ICMP error",
                                          "unanswered zero-window probes" };
enum { ERR_RST, ERR_ICMP, ERR_PROBES };

static void flow_error(x4_ctx *c, x4_dir sender, int why)
{
    x4_flow *fl = &c->a->flow[sender];
    fl->phase = FLOW_ERROR;
    fl->error = (uint8_t)why;
    x4_flag *f = x4_flag_add(c, X4_P_FLOW_CONTROL_ERROR, fl->zero_frame);
    if (!f)
        return;
    f->count = fl->probes;
    f->reason = error_what[why];
    x4_flag_message(f, "%s's window was closed (zero window) with data waiting, then %s",
                    sender == X4_DIR_INITIATOR ? "responder" : "initiator", error_what[why]);
}

static void ndata(x4_ctx *c, x4_dir sender)
{
    x4_flow *fl = &c->a->flow[sender];
    fl->phase = FLOW_DONE;
    x4_flag *f = x4_flag_add(c, X4_P_NDATA_AFTER_FLOW_ERROR, fl->zero_frame);
    if (!f)
        return;
    f->count = fl->probes;
    x4_flag_message(f, "%s sent %u bytes after the zero window of frame %u and the error that "
                    "followed (%u probes)", sender == X4_DIR_INITIATOR ? "initiator" : "responder",
                    c->ev->payload_len, fl->zero_frame, fl->probes);
}

/* The frame comes from the receiver of sender's data. */
static void from_receiver(x4_ctx *c, x4_dir sender)
{
    const x4_tcp_event *ev = c->ev;
    x4_flow *fl = &c->a->flow[sender];
    /* Their window field means nothing (an ICMP event has none at all). */
    bool control = ev->syn || ev->fin || ev->rst || ev->icmp_error;

    if (ev->zero_window && !control && fl->phase == FLOW_IDLE) {
        fl->phase = FLOW_ZERO;
        fl->zero_frame = ev->frame;
        fl->probes = 0;
        fl->sender_pending = c->a->outstanding[sender];
    } else if (!ev->zero_window && ev->window > 0 && !control &&
               (fl->phase == FLOW_ZERO || (fl->phase == FLOW_ERROR && fl->error == ERR_PROBES))) {
        fl->phase = FLOW_IDLE;    /* window reopened: ordinary flow control */
    }
}

static void from_sender(x4_ctx *c, x4_dir sender)
{
    const x4_tcp_event *ev = c->ev;
    x4_flow *fl = &c->a->flow[sender];

    if (fl->phase == FLOW_ERROR && ev->payload_len && !ev->zero_window_probe) {
        ndata(c, sender);
        return;
    }
    if (!ev->zero_window_probe || fl->phase != FLOW_ZERO)
        return;
    fl->sender_pending = true;
    if (++fl->probes >= c->e->prefs.zero_window_probes)
        flow_error(c, sender, ERR_PROBES);
}

void x4_rule_flow(x4_ctx *c)
{
    const x4_tcp_event *ev = c->ev;
    x4_dir d = c->dir, other = d == X4_DIR_INITIATOR ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;

    from_sender(c, d);
    from_receiver(c, other);
    if (!ev->rst && !ev->icmp_error)
        return;
    for (int s = 0; s < 2; s++) {
        x4_flow *fl = &c->a->flow[s];
        if (fl->phase == FLOW_ZERO && fl->sender_pending)
            flow_error(c, (x4_dir)s, ev->rst ? ERR_RST : ERR_ICMP);
    }
}
