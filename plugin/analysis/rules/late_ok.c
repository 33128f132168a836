/* late_ok (KB Q319936): the responder's CC or AC arrived after the asker
 * had given up on it (the other half of close_before_ok). */
#include "rules/rule.h"

static void on_confirmed(x4_rule_ctx *c, const x4_transition *t)
{
    (void)t;
    const x4_assoc *a = c->a;
    if (!a->init_closed || c->dir == x4_asker(a) || !x4_once(c, X4_P_LATE_OK))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_LATE_OK, a->close_frame);
    if (!f)
        return;
    f->ok_wait = c->ev->time - a->req_time;
    x4_flag_message(f, "responder's %s came %s after the initiator had closed (%s after the %s)",
                    x4_confirm_name(a->closed_req), x4_secs(c->ev->time - a->close_time).s,
                    x4_secs(f->ok_wait).s, x4_request_name(a->closed_req));
}

const x4_rule x4_rule_late_ok = { .hears = X4_TR_BIT(X4_TR_CONFIRMED), .on = on_confirmed };
