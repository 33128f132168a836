/* state_check_failure (KB Q152877): a PDU not allowed in the association's
 * state, checked before the PDU changes it.
 *
 * Intrinsic errors (a TPDU type illegal in class 0, a TP0 ER) need no state.
 * Order errors need a known state (the connect was seen) and both directions
 * in the capture, since a capture missing one side would make every absence
 * look like an error.  Non-OSI users of TP0 (S7comm, RDP) are never checked. */
#include "rules/rule.h"

typedef bool (*check_fn)(const x4_assoc *a);

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

/* When each check fires on a PDU it is about (the table below says which
 * PDUs those are). */
static bool intrinsic(const x4_assoc *a)
{
    (void)a;
    return true;
}

static bool dt_before_cc(const x4_assoc *a)
{
    return ordered(a) && !a->maybe_ok && before_tp_open(a->state);
}

static bool cc_without_cr(const x4_assoc *a)
{
    return ordered(a) && !a->cr_seen &&
           (a->state == X4_ST_TCP_OPEN || a->state == X4_ST_TCP_CONNECTING);
}

static bool second_cr(const x4_assoc *a)
{
    return ordered(a) && a->cr_seen;
}

static bool session_data_before_ac(const x4_assoc *a)
{
    return upper_ordered(a) && (a->state == X4_ST_TP_OPEN || a->state == X4_ST_SESSION_REQUESTED);
}

static bool rtse_data_before_accept(const x4_assoc *a)
{
    return upper_ordered(a) && a->state == X4_ST_BINDING && a->rt_requested && !a->rt_accepted;
}

static bool data_after_release(const x4_assoc *a)
{
    return a->released && a->x400 && both_sides(a);
}

/* Each check, with the PDUs it is about (any of the class bits, or its one
 * kind), in the order they are tried. */
static const struct {
    check_fn fn;
    uint32_t bits;       /* any of these class bits, or */
    x4_pdu_kind kind;    /* this kind (X4_PDU_NONE: none) */
    const char *what;    /* static: becomes x4_flag.reason */
} checks[] = {
    { intrinsic, PC_ILLEGAL_C0, X4_PDU_NONE, "TPDU type illegal in class 0" },
    { intrinsic, PC_TP_ERROR, X4_PDU_NONE, "TP0 ER from the peer" },
    { dt_before_cc, PC_TP_DT, X4_PDU_NONE, "TP0 DT before CC" },
    { cc_without_cr, 0, X4_PDU_TP0_CC, "CC without CR" },
    { second_cr, 0, X4_PDU_TP0_CR, "second CR" },
    { session_data_before_ac, PC_SES_DATA, X4_PDU_NONE, "session data before AC" },
    { rtse_data_before_accept, PC_RT_DATA, X4_PDU_NONE, "RTSE data before the accept" },
    { data_after_release, PC_SES_DATA | PC_RT_DATA, X4_PDU_NONE, "data after release" },
};

#define N_CHECKS (sizeof checks / sizeof checks[0])
_Static_assert(N_CHECKS <= 8, "a check is a bit of a byte");

static bool about(unsigned i, x4_pdu_kind k)
{
    return (x4_pdu_class_of(k)->bits & checks[i].bits) ||
           (checks[i].kind != X4_PDU_NONE && k == checks[i].kind);
}

/* The checks about each PDU kind, a bit each: learnt from the class table
 * on first use (it never changes). */
static uint8_t checks_for(x4_pdu_kind k)
{
    static uint8_t by_kind[X4_PDU_KIND_COUNT];
    static bool known;
    if ((unsigned)k >= X4_PDU_KIND_COUNT)
        return 0;
    if (!known) {
        for (unsigned j = 0; j < X4_PDU_KIND_COUNT; j++)
            for (unsigned i = 0; i < N_CHECKS; i++)
                if (about(i, (x4_pdu_kind)j))
                    by_kind[j] |= (uint8_t)(1u << i);
        known = true;
    }
    return by_kind[k];
}

static void on_pdu(x4_rule_ctx *c, const x4_transition *t)
{
    const x4_assoc *a = c->a;
    if (a->not_osi || x4_flagged(c, X4_P_STATE_CHECK_FAILURE))
        return;
    uint8_t mask = checks_for(t->pdu);
    for (unsigned i = 0; mask >> i; i++) {
        if (!(mask >> i & 1u) || !checks[i].fn(a))
            continue;
        x4_once(c, X4_P_STATE_CHECK_FAILURE);
        /* related: the frame that put the association in this state */
        x4_flag *f = x4_flag_add(c, X4_P_STATE_CHECK_FAILURE, a->state_frame);
        if (!f)
            return;
        f->reason = checks[i].what;
        f->count = 1;
        x4_flag_message(f, "%s sent %s in state %s: %s", x4_side_name(c->dir),
                        x4_pdu_kind_name(t->pdu), x4_state_name(a->state), checks[i].what);
        return;
    }
}

const x4_rule x4_rule_state_check_failure = { .hears = X4_TR_BIT(X4_TR_PDU), .on = on_pdu };
