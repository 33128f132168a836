/* ndata_after_flow_error (KB Q188040): the receiver closed its window while
 * the sender had data, the connection then hit an error, and the sender
 * still sent data on it (the MTA's "NDATA request" after the error). */
#include "rules/rule.h"

static void on_data_after_error(x4_rule_ctx *c, const x4_transition *t)
{
    const x4_flow *fl = &x4_trouble(c->a)->flow[t->sender];
    x4_flag *f = x4_flag_add(c, X4_P_NDATA_AFTER_FLOW_ERROR, fl->zero_frame);
    if (!f)
        return;
    f->count = fl->probes;
    x4_flag_message(f, "%s sent %u bytes after the zero window of frame %u and the error that "
                    "followed (%u probes)", x4_side_name(t->sender), c->ev->payload_len,
                    fl->zero_frame, fl->probes);
}

const x4_rule x4_rule_ndata_after_flow_error = {
    .hears = X4_TR_BIT(X4_TR_DATA_AFTER_FLOW_ERROR), .on = on_data_after_error };
