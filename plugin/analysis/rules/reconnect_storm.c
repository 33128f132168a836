/* reconnect_storm (KB Q232602): at least x400mta.storm_attempts consecutive
 * failed connection attempts from one host to the same responder address and
 * port, evenly spaced (each gap within x400mta.storm_tolerance percent of
 * their median).  An attempt is a connection that starts with a SYN (SYN
 * retransmissions stay in it); the state module says when one starts and how
 * it turned out.
 *
 * The attempts are the state module's: each pair's latest
 * X4_TARGET_CONNECTS attempts per connect target (x4_pair.targets,
 * targets.h), each with the outcome the state gave it.  The rule's own data
 * per pair, allocated only when it has something to hold, is which targets'
 * current runs are already flagged, and which attempts began on a
 * connection whose outcome was given before its SYN (seen first without
 * one): such an attempt stays pending here. */
#include "rules/rule.h"

#include <stdlib.h>

#define X4_STORM_ATTEMPTS X4_TARGET_CONNECTS   /* the longest run looked at */

typedef struct {
    bool flagged[X4_TARGETS];     /* the target's current run already flagged */
    uint16_t stale[X4_TARGETS];   /* by history position: settled before the attempt */
} storm_data;

_Static_assert(X4_STORM_ATTEMPTS <= 16, "storm_data.stale has a bit per history position");

/* One connect target's attempts, as the state module keeps them. */
typedef struct {
    const x4_connect_target *target;
    unsigned slot;              /* its index in the pair's targets */
} tracker;

static unsigned kept(const tracker *t)
{
    uint32_t n = t->target->n;
    return n < X4_STORM_ATTEMPTS ? n : X4_STORM_ATTEMPTS;
}

/* The history position of the k-th latest attempt (0: the latest). */
static unsigned position(const tracker *t, unsigned k)
{
    return x4_history_slot(t->target->n - 1 - k, X4_STORM_ATTEMPTS);
}

static const x4_assoc *nth_latest(const tracker *t, unsigned k)
{
    return t->target->ring[position(t, k)];
}

/* The target whose kept attempts include association a's, or FALSE. */
static bool tracker_of(const x4_pair *p, const x4_assoc *a, tracker *t)
{
    if (!p)
        return false;
    for (unsigned i = 0; i < p->n_targets; i++) {
        *t = (tracker){ .target = &p->targets[i], .slot = i };
        for (unsigned k = 0, n = kept(t); k < n; k++)
            if (nth_latest(t, k) == a)
                return true;
    }
    return false;
}

static void set_flagged(x4_rule_ctx *c, const tracker *t, bool flagged)
{
    storm_data *sd = flagged ? x4_rule_data(c, sizeof *sd) : x4_rule_data_peek(c);
    if (sd)
        sd->flagged[t->slot] = flagged;
}

static bool flagged(const x4_rule_ctx *c, const tracker *t)
{
    const storm_data *sd = x4_rule_data_peek(c);
    return sd && sd->flagged[t->slot];
}

/* The k-th latest attempt's outcome, as far as this rule is concerned. */
static x4_outcome outcome(const x4_rule_ctx *c, const tracker *t, unsigned k)
{
    const storm_data *sd = x4_rule_data_peek(c);
    if (sd && (sd->stale[t->slot] >> position(t, k) & 1u))
        return X4_ATTEMPT_PENDING;
    return nth_latest(t, k)->outcome;
}

/* A new attempt: when it took its target's slot afresh, the slot's run
 * starts over; its history position is now its own. */
static void on_attempt(x4_rule_ctx *c)
{
    tracker t;
    if (!tracker_of(c->pair, c->a, &t))
        return;
    if (t.target->n == 1)
        set_flagged(c, &t, false);
    bool stale = c->a->outcome != X4_ATTEMPT_PENDING;
    storm_data *sd = stale ? x4_rule_data(c, sizeof *sd) : x4_rule_data_peek(c);
    if (!sd)
        return;
    uint16_t bit = (uint16_t)(1u << position(&t, 0));
    sd->stale[t.slot] = (uint16_t)(stale ? sd->stale[t.slot] | bit : sd->stale[t.slot] & ~bit);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Median gap of times[0..n-1] (n >= 2) when every gap is within tol percent
 * of it, else a negative value. */
static double even_spacing(const double *times, unsigned n, uint32_t tol)
{
    double gaps[X4_STORM_ATTEMPTS], sorted[X4_STORM_ATTEMPTS];
    for (unsigned i = 0; i + 1 < n; i++)
        gaps[i] = sorted[i] = times[i + 1] - times[i];
    qsort(sorted, n - 1, sizeof sorted[0], cmp_double);
    unsigned m = n - 1;
    double median = m % 2 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    if (median <= 0)
        return -1;
    for (unsigned i = 0; i < m; i++) {
        double off = gaps[i] > median ? gaps[i] - median : median - gaps[i];
        if (off * 100.0 > (double)tol * median + 1e-9)
            return -1;
    }
    return median;
}

/* The latest run of consecutive failed attempts (oldest first): pending
 * attempts newer than the run are skipped, a success ends it. */
static unsigned failed_run(const x4_rule_ctx *c, const tracker *t, double *times,
                           uint32_t *frames)
{
    unsigned n = kept(t);
    unsigned run = 0;
    double rev_t[X4_STORM_ATTEMPTS];
    uint32_t rev_f[X4_STORM_ATTEMPTS];
    for (unsigned i = 0; i < n; i++) {
        const x4_assoc *a = nth_latest(t, i);
        x4_outcome o = outcome(c, t, i);
        if (o == X4_ATTEMPT_PENDING && run == 0)
            continue;
        if (o != X4_ATTEMPT_FAILED)
            break;
        rev_t[run] = a->syn_time;
        rev_f[run++] = a->syn_frame;
    }
    for (unsigned i = 0; i < run; i++) {
        times[i] = rev_t[run - 1 - i];
        frames[i] = rev_f[run - 1 - i];
    }
    return run;
}

static void storm_check(x4_rule_ctx *c, const tracker *t)
{
    uint32_t need = c->prefs->storm_attempts;
    if (need > X4_STORM_ATTEMPTS)
        need = X4_STORM_ATTEMPTS;
    double times[X4_STORM_ATTEMPTS];
    uint32_t frames[X4_STORM_ATTEMPTS];
    unsigned run = failed_run(c, t, times, frames);
    if (run < need)
        return;
    unsigned k = run;          /* the longest evenly spaced tail of the run */
    double median = -1;
    for (; k >= need && (median = even_spacing(times + run - k, k, c->prefs->storm_tolerance)) < 0; k--)
        ;
    if (median < 0) {
        set_flagged(c, t, false);  /* spacing broke: a later run may be a storm */
        return;
    }
    if (flagged(c, t))
        return;
    set_flagged(c, t, true);
    x4_flag *f = x4_flag_add(c, X4_P_RECONNECT_STORM, frames[run - k]);
    if (!f)
        return;
    f->count = k;
    f->retry_interval = median;
    x4_flag_message(f, "%u failed connection attempts in a row to port %u, one every %s "
                    "(Open Interval)", k, t->target->port, x4_secs(median).s);
}

/* An attempt's outcome (the state module has just set it). */
static void on_outcome(x4_rule_ctx *c, x4_outcome o)
{
    tracker t;
    if (!tracker_of(c->pair, c->a, &t))
        return;
    if (o == X4_ATTEMPT_SUCCEEDED)
        set_flagged(c, &t, false);
    else
        storm_check(c, &t);
}

static void on_transition(x4_rule_ctx *c, const x4_transition *t)
{
    if (t->kind == X4_TR_ATTEMPT)
        on_attempt(c);
    else
        on_outcome(c, t->outcome);
}

const x4_rule x4_rule_reconnect_storm = {
    .hears = X4_TR_BIT(X4_TR_ATTEMPT) | X4_TR_BIT(X4_TR_OUTCOME),
    .on = on_transition };
