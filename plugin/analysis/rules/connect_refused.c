/* connect_refused (KB Q152877): the responder refused an attempt to open
 * an association, at the highest layer that refused (the state module
 * judges the frame: RST to the SYN or before the confirm, TP0 DR, session
 * RF, RTORJ / CPR / AARE-reject, P1 bind error). */
#include "rules/rule.h"

static void on_refused(x4_rule_ctx *c, const x4_transition *t)
{
    const x4_assoc *a = c->a;
    uint32_t related = a->req_frame ? a->req_frame : a->syn_frame;
    double since = a->req_frame ? a->req_time : a->syn_time;
    if (!x4_once(c, X4_P_CONNECT_REFUSED))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CONNECT_REFUSED, related);
    if (!f)
        return;
    f->refused_by = t->refused_by;
    f->reason = t->reason;
    const char *why = t->reason ? t->reason : "no reason given";
    if (related)
        x4_flag_message(f, "responder refused the connect at the %s layer (%s), %s after the request",
                        x4_refuser_name(t->refused_by), why, x4_secs(c->ev->time - since).s);
    else
        x4_flag_message(f, "responder refused the connect at the %s layer (%s)",
                        x4_refuser_name(t->refused_by), why);
}

const x4_rule x4_rule_connect_refused = { .hears = X4_TR_BIT(X4_TR_REFUSED), .on = on_refused };
