/* state_check_failure: a PDU not allowed in the association's state.
 *
 * Intrinsic errors (a TPDU type illegal in class 0, a TP0 ER) need no state.
 * Order errors need a known state (the connect was seen) and both directions
 * in the capture, since a capture missing one side would make every absence
 * look like an error.  Non-OSI users of TP0 (S7comm, RDP) are never checked. */
#include "engine_int.h"

typedef bool (*check_fn)(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc);

static bool both_sides(const x4_assoc *a)
{
    return a->seen[X4_DIR_INITIATOR] && a->seen[X4_DIR_RESPONDER];
}

static bool ordered(const x4_assoc *a)
{
    return a->known && a->state != X4_ST_UNKNOWN && both_sides(a);
}

/* Upper-layer order rules: X.400 only (the decoders stay quiet on other
 * OSI users' quirks), and never after an undecodable answer to a request. */
static bool upper_ordered(const x4_assoc *a)
{
    return ordered(a) && a->x400 && !a->maybe_ok;
}

static bool before_tp_open(x4_state s)
{
    return s == X4_ST_TCP_CONNECTING || s == X4_ST_TCP_OPEN || s == X4_ST_TP_REQUESTED;
}

static bool illegal_class0(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)c; (void)k;
    return pc->bits & PC_ILLEGAL_C0;
}

static bool tp_error(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)c; (void)k;
    return pc->bits & PC_TP_ERROR;
}

static bool dt_before_cc(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)k;
    return (pc->bits & PC_TP_DT) && ordered(c->a) && !c->a->maybe_ok && before_tp_open(c->a->state);
}

static bool cc_without_cr(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)pc;
    return k == X4_PDU_TP0_CC && ordered(c->a) && !c->a->cr_seen &&
           (c->a->state == X4_ST_TCP_OPEN || c->a->state == X4_ST_TCP_CONNECTING);
}

static bool second_cr(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)pc;
    return k == X4_PDU_TP0_CR && ordered(c->a) && c->a->cr_seen;
}

static bool session_data_before_ac(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)k;
    x4_state s = c->a->state;
    return (pc->bits & PC_SES_DATA) && upper_ordered(c->a) &&
           (s == X4_ST_TP_OPEN || s == X4_ST_SESSION_REQUESTED);
}

static bool rtse_data_before_accept(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)k;
    const x4_assoc *a = c->a;
    return (pc->bits & PC_RT_DATA) && upper_ordered(a) && a->state == X4_ST_BINDING &&
           a->rt_requested && !a->rt_accepted;
}

static bool data_after_release(const x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    (void)k;
    return (pc->bits & (PC_SES_DATA | PC_RT_DATA)) && c->a->released && c->a->x400 &&
           both_sides(c->a);
}

static const struct {
    check_fn fn;
    const char *what;  /* static: becomes x4_flag.reason */
} checks[] = {
    { illegal_class0, "TPDU type illegal in class 0" },
    { tp_error, "TP0 ER from the peer" },
    { dt_before_cc, "TP0 DT before CC" },
    { cc_without_cr, "CC without CR" },
    { second_cr, "second CR" },
    { session_data_before_ac, "session data before AC" },
    { rtse_data_before_accept, "RTSE data before the accept" },
    { data_after_release, "data after release" },
};

void x4_rule_state_check(x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc)
{
    x4_assoc *a = c->a;
    if (a->not_osi || (a->flagged & (1u << X4_P_STATE_CHECK_FAILURE)))
        return;
    for (unsigned i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (!checks[i].fn(c, k, pc))
            continue;
        x4_once(a, X4_P_STATE_CHECK_FAILURE);
        /* related: the frame that put the association in this state */
        x4_flag *f = x4_flag_add(c, X4_P_STATE_CHECK_FAILURE, a->state_frame);
        if (!f)
            return;
        f->reason = checks[i].what;
        f->count = 1;
        x4_flag_message(f, "%s sent %s in state %s: %s", 
                        c->dir == X4_DIR_INITIATOR ? "initiator" : "responder",
                        x4_pdu_kind_name(k), x4_state_name(a->state), checks[i].what);
        return;
    }
}
