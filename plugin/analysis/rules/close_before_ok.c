/* close_before_ok (KB Q319936): the asker closed (FIN, RST or TP0 DR)
 * after its TP0 CR or session CN and before the confirm: the responding MTA
 * was too slow for the caller's timeout.
 *
 * Not evidence: a capture without one frame from the responder (it may
 * simply miss that direction and its confirm), an answer the decoders could
 * not read (it may have been the confirm), and a session CN outside X.400
 * (other OSI users' session quirks are not Q319936). */
#include "rules/rule.h"

static void on_gave_up(x4_rule_ctx *c, const x4_transition *t)
{
    (void)t;
    const x4_assoc *a = c->a;
    const x4_tcp_event *ev = c->ev;
    bool evidence = a->seen[x4_peer(x4_asker(a))] && !a->maybe_ok &&
                    (a->closed_req == X4_REQ_TP0 || a->x400);
    if (!evidence || !x4_once(c, X4_P_CLOSE_BEFORE_OK))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CLOSE_BEFORE_OK, a->req_frame);
    if (!f)
        return;
    f->ok_wait = ev->time - a->req_time;
    const char *how = ev->rst ? "reset" : ev->fin ? "closed" : "disconnected (TP0 DR)";
    x4_flag_message(f, "initiator %s %s after its %s with no %s", how, x4_secs(f->ok_wait).s,
                    x4_request_name(a->closed_req), x4_confirm_name(a->closed_req));
}

const x4_rule x4_rule_close_before_ok = { .hears = X4_TR_BIT(X4_TR_GAVE_UP), .on = on_gave_up };
