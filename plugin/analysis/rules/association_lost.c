/* association_lost (KB Q232602): an association in data transfer, or with
 * data outstanding, ended without orderly release: a reset, or the same
 * segment retransmitted x400mta.lost_retransmissions times with no
 * acknowledgement (the state module decides which endings are losses). */
#include "rules/rule.h"

static void on_lost(x4_rule_ctx *c, const x4_transition *t)
{
    const x4_assoc *a = c->a;
    if (!x4_once(c, X4_P_ASSOCIATION_LOST))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_ASSOCIATION_LOST, t->related);
    if (!f)
        return;
    if (t->loss == X4_LOSS_RETRANSMISSIONS) {
        f->count = t->count;
        f->reason = "retransmissions without acknowledgement";
        x4_flag_message(f, "association %u lost in state %s: %s sent the same segment %u times "
                        "with no acknowledgement", a->assoc, x4_state_name(a->state),
                        x4_side_name(c->dir), t->count);
    } else {
        f->reason = "connection reset (RST)";
        x4_flag_message(f, "association %u lost in state %s: %s reset the connection "
                        "with no release", a->assoc, x4_state_name(a->state), x4_side_name(c->dir));
    }
}

const x4_rule x4_rule_association_lost = { .hears = X4_TR_BIT(X4_TR_LOST), .on = on_lost };
