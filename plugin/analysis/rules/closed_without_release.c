/* closed_without_release (KB Q232602): a bound X.400 association closed
 * with a TCP FIN and no release before it. */
#include "rules/rule.h"

static void on_closed_unreleased(x4_rule_ctx *c, const x4_transition *t)
{
    (void)t;
    if (!x4_once(c, X4_P_CLOSED_WITHOUT_RELEASE))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CLOSED_WITHOUT_RELEASE, c->a->transfer_frame);
    if (f)
        x4_flag_message(f, "%s closed the bound association %u with a TCP FIN and no release",
                        x4_side_name(c->dir), c->a->assoc);
}

const x4_rule x4_rule_closed_without_release = {
    .hears = X4_TR_BIT(X4_TR_CLOSED_UNRELEASED), .on = on_closed_unreleased };
