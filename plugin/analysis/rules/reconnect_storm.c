/* reconnect_storm (KB Q232602): at least x400mta.storm_attempts consecutive
 * failed connection attempts from one host to the same responder address and
 * port, evenly spaced (each gap within x400mta.storm_tolerance percent of
 * their median).  An attempt is a connection that starts with a SYN (SYN
 * retransmissions stay in it); the state module says when one starts and how
 * it turned out.
 *
 * The rule's own data per pair of hosts: the latest X4_STORM_ATTEMPTS
 * attempts to each of its connect targets (targets.h). */
#include "rules/rule.h"

#include <stdlib.h>

#define X4_STORM_ATTEMPTS 16   /* attempt history per connect target */

/* An attempt: its connection (whose SYN gives its time and frame) and how
 * it turned out. */
typedef struct {
    const x4_assoc *assoc;
    x4_outcome outcome;
} attempt;

/* The attempts to one target (a history, targets.h). */
typedef struct {
    uint16_t port;
    bool storm_flagged;       /* current run already flagged */
    uint8_t cap;
    uint32_t total;           /* attempts since the slot was taken */
    attempt *ring;
} tracker;

typedef struct {
    x4_target targets[X4_TARGETS];
    tracker *trackers[X4_TARGETS];  /* allocated on a target's first attempt */
} storm_data;

static tracker *tracker_for(x4_rule_ctx *c, storm_data *sd)
{
    const x4_assoc *a = c->a;
    bool fresh;
    unsigned i = x4_target_slot(sd->targets, x4_pair_side(a->pair, a), a->port[X4_DIR_RESPONDER],
                                c->ev->time, &fresh);
    if (!sd->trackers[i] && !(sd->trackers[i] = x4_rule_calloc(c->alloc, sizeof(tracker))))
        return NULL;
    tracker *t = sd->trackers[i];
    if (fresh) {
        t->port = a->port[X4_DIR_RESPONDER];
        t->storm_flagged = false;
        t->total = 0;
    }
    return t;
}

static unsigned kept(const tracker *t)
{
    return t->total < X4_STORM_ATTEMPTS ? t->total : X4_STORM_ATTEMPTS;
}

static attempt *nth_latest(const tracker *t, unsigned k)
{
    return &t->ring[x4_history_slot(t->total - 1 - k, X4_STORM_ATTEMPTS)];
}

/* Association a's attempt, while still in a history. */
static attempt *attempt_of(storm_data *sd, const x4_assoc *a, tracker **tp)
{
    for (unsigned i = 0; i < X4_TARGETS; i++) {
        tracker *t = sd->trackers[i];
        if (!t)
            continue;
        for (unsigned k = 0, n = kept(t); k < n; k++) {
            attempt *at = nth_latest(t, k);
            if (at->assoc == a) {
                *tp = t;
                return at;
            }
        }
    }
    return NULL;
}

static void on_attempt(x4_rule_ctx *c)
{
    storm_data *sd = x4_rule_data(c, sizeof *sd);
    tracker *t = sd ? tracker_for(c, sd) : NULL;
    if (!t)
        return;
    attempt *room = x4_history_room(c->alloc, (void **)&t->ring, &t->cap, t->total,
                                    sizeof *t->ring, X4_STORM_ATTEMPTS);
    if (!room)
        return;
    *room = (attempt){ .assoc = c->a, .outcome = X4_ATTEMPT_PENDING };
    t->total++;
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
static unsigned failed_run(const tracker *t, double *times, uint32_t *frames)
{
    unsigned n = kept(t);
    unsigned run = 0;
    double rev_t[X4_STORM_ATTEMPTS];
    uint32_t rev_f[X4_STORM_ATTEMPTS];
    for (unsigned i = 0; i < n; i++) {
        const attempt *at = nth_latest(t, i);
        if (at->outcome == X4_ATTEMPT_PENDING && run == 0)
            continue;
        if (at->outcome != X4_ATTEMPT_FAILED)
            break;
        rev_t[run] = at->assoc->syn_time;
        rev_f[run++] = at->assoc->syn_frame;
    }
    for (unsigned i = 0; i < run; i++) {
        times[i] = rev_t[run - 1 - i];
        frames[i] = rev_f[run - 1 - i];
    }
    return run;
}

static void storm_check(x4_rule_ctx *c, tracker *t)
{
    uint32_t need = c->prefs->storm_attempts;
    if (need > X4_STORM_ATTEMPTS)
        need = X4_STORM_ATTEMPTS;
    double times[X4_STORM_ATTEMPTS];
    uint32_t frames[X4_STORM_ATTEMPTS];
    unsigned run = failed_run(t, times, frames);
    if (run < need)
        return;
    unsigned k = run;          /* the longest evenly spaced tail of the run */
    double median = -1;
    for (; k >= need && (median = even_spacing(times + run - k, k, c->prefs->storm_tolerance)) < 0; k--)
        ;
    if (median < 0) {
        t->storm_flagged = false;  /* spacing broke: a later run may be a storm */
        return;
    }
    if (t->storm_flagged)
        return;
    t->storm_flagged = true;
    x4_flag *f = x4_flag_add(c, X4_P_RECONNECT_STORM, frames[run - k]);
    if (!f)
        return;
    f->count = k;
    f->retry_interval = median;
    x4_flag_message(f, "%u failed connection attempts in a row to port %u, one every %s "
                    "(Open Interval)", k, t->port, x4_secs(median).s);
}

static void on_outcome(x4_rule_ctx *c, x4_outcome o)
{
    storm_data *sd = x4_rule_data_peek(c);
    tracker *t;
    attempt *at = sd ? attempt_of(sd, c->a, &t) : NULL;
    if (!at)
        return;
    at->outcome = o;
    if (o == X4_ATTEMPT_SUCCEEDED)
        t->storm_flagged = false;
    else
        storm_check(c, t);
}

static void on_transition(x4_rule_ctx *c, const x4_transition *t)
{
    if (t->kind == X4_TR_ATTEMPT)
        on_attempt(c);
    else
        on_outcome(c, t->outcome);
}

static void free_data(const x4_alloc *alloc, void *data)
{
    storm_data *sd = data;
    for (unsigned i = 0; i < X4_TARGETS; i++) {
        if (sd->trackers[i])
            x4_rule_free(alloc, sd->trackers[i]->ring);
        x4_rule_free(alloc, sd->trackers[i]);
    }
    x4_rule_free(alloc, sd);
}

const x4_rule x4_rule_reconnect_storm = {
    .hears = X4_TR_BIT(X4_TR_ATTEMPT) | X4_TR_BIT(X4_TR_OUTCOME),
    .on = on_transition, .free_data = free_data };
