/* flow_control_error (KB Q188040): the first two steps of
 * ndata_after_flow_error (a zero window with data waiting, then an error),
 * flagged on the error. */
#include "rules/rule.h"

static const char *const error_what[] = {
    [X4_FLOW_ERR_RST] = "a reset (RST)",
    [X4_FLOW_ERR_ICMP] = "an ICMP error",
    [X4_FLOW_ERR_PROBES] = "unanswered zero-window probes",
};

static void on_flow_error(x4_rule_ctx *c, const x4_transition *t)
{
    const x4_flow *fl = &x4_trouble(c->a)->flow[t->sender];
    x4_flag *f = x4_flag_add(c, X4_P_FLOW_CONTROL_ERROR, fl->zero_frame);
    if (!f)
        return;
    f->count = fl->probes;
    f->reason = error_what[t->flow_error];
    x4_flag_message(f, "%s's window was closed (zero window) with data waiting, then %s",
                    x4_side_name(x4_peer(t->sender)), error_what[t->flow_error]);
}

const x4_rule x4_rule_flow_control_error = { .hears = X4_TR_BIT(X4_TR_FLOW_ERROR), .on = on_flow_error };
