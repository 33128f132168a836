/* connect_timeout (KB Q232602): a SYN (and its retransmissions) got no
 * answer before the same host tried the same responder again; the state
 * module abandons that attempt, this rule says so on the new SYN. */
#include "rules/rule.h"

static void on_abandoned(x4_rule_ctx *c, const x4_transition *t)
{
    (void)t;
    const x4_assoc *old = c->a;
    if (!x4_once(c, X4_P_CONNECT_TIMEOUT))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CONNECT_TIMEOUT, old->syn_frame);
    if (!f)
        return;
    f->count = 1;
    x4_flag_message(f, "SYN of association %u got no answer in %s before this new attempt",
                    old->assoc, x4_secs(c->ev->time - old->syn_time).s);
}

const x4_rule x4_rule_connect_timeout = { .hears = X4_TR_BIT(X4_TR_ABANDONED), .on = on_abandoned };
