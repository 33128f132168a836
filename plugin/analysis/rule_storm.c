/* reconnect_storm (KB Q232602): at least x400mta.storm_attempts consecutive
 * failed connection attempts from one host to the same responder address and
 * port, evenly spaced (each gap within x400mta.storm_tolerance percent of
 * their median).  An attempt is a connection that starts with a SYN; SYN
 * retransmissions stay in it.  A SYN never answered is known to have failed
 * when the same host tries again (the finer connect_timeout). */
#include "engine_int.h"

#include <stdlib.h>

#define X4_SYN_GIVE_UP 21.0   /* seconds: Windows gives a SYN up after 3 + 6 + 12 s */

/* The history of attempts from side to port; a new one takes a free slot
 * or the least recently used one. */
static x4_tracker *tracker_for(x4_engine *e, x4_pair *p, unsigned side, uint16_t port, double now)
{
    unsigned pick = 0;
    for (unsigned i = 0; i < X4_ENGINE_MAX_TRACKERS; i++) {
        x4_tracker *t = p->trackers[i];
        if (t && t->initiator == side && t->port == port)
            return t;
        x4_tracker *best = p->trackers[pick];
        if (best && (!t || t->last_used < best->last_used))
            pick = i;
    }
    if (!p->trackers[pick] && !(p->trackers[pick] = x4_eng_calloc(e, sizeof(x4_tracker))))
        return NULL;
    x4_tracker *t = p->trackers[pick];
    *t = (x4_tracker){ .used = true, .initiator = (uint8_t)side, .port = port, .last_used = now };
    return t;
}

static x4_attempt *attempt_of(const x4_assoc *a, x4_tracker **tp)
{
    if (!a->pair || a->tracker < 0)
        return NULL;
    x4_tracker *t = a->pair->trackers[a->tracker];
    if (!t)
        return NULL;
    x4_attempt *at = &t->ring[(unsigned)a->attempt % X4_ENGINE_MAX_ATTEMPTS];
    if (at->assoc != a)
        return NULL;          /* evicted from the history */
    *tp = t;
    return at;
}

static void connect_timeout(x4_ctx *c, x4_assoc *old)
{
    if (!x4_once(old, X4_P_CONNECT_TIMEOUT))
        return;
    x4_flag *f = x4_flag_add(c, X4_P_CONNECT_TIMEOUT, old->syn_frame);
    if (!f)
        return;
    f->count = 1;
    x4_flag_message(f, "SYN of association %u got no answer in %s before this new attempt",
                    old->assoc, x4_secs(c->ev->time - old->syn_time).s);
}

void x4_attempt_start(x4_ctx *c)
{
    x4_assoc *a = c->a;
    x4_pair *p = a->pair;
    if (!p)
        return;
    unsigned side = x4_pair_side(p, a);
    x4_tracker *t = tracker_for(c->e, p, side, a->port[X4_DIR_RESPONDER], c->ev->time);
    if (!t)
        return;
    t->last_used = c->ev->time;

    /* Earlier attempts still waiting for a SYN-ACK were given up, when they
     * had to retransmit their SYN or waited longer than a TCP stack tries
     * (about 21 s on Windows); a parallel connect is not a timeout. */
    unsigned n = t->total < X4_ENGINE_MAX_ATTEMPTS ? t->total : X4_ENGINE_MAX_ATTEMPTS;
    for (unsigned i = 0; i < n; i++) {
        x4_attempt *at = &t->ring[(t->total - n + i) % X4_ENGINE_MAX_ATTEMPTS];
        x4_assoc *old = at->assoc;
        if (at->outcome != ATT_PENDING || !old || old->state != X4_ST_TCP_CONNECTING)
            continue;
        if (!old->syn_retrans && c->ev->time - old->syn_time < X4_SYN_GIVE_UP)
            continue;
        connect_timeout(c, old);
        x4_ctx oc = *c;
        oc.a = old;
        x4_attempt_outcome(&oc, old, ATT_FAILED);
        x4_assoc_end(&oc, X4_ST_CLOSED);
    }

    for (unsigned i = 0; i < X4_ENGINE_MAX_TRACKERS; i++)
        if (p->trackers[i] == t)
            a->tracker = (int)i;
    a->attempt = (int)(t->total % (1u << 30));
    t->ring[t->total % X4_ENGINE_MAX_ATTEMPTS] =
        (x4_attempt){ .time = c->ev->time, .frame = c->ev->frame, .outcome = ATT_PENDING, .assoc = a };
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
    double gaps[X4_ENGINE_MAX_ATTEMPTS], sorted[X4_ENGINE_MAX_ATTEMPTS];
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
static unsigned failed_run(const x4_tracker *t, double *times, uint32_t *frames)
{
    unsigned n = t->total < X4_ENGINE_MAX_ATTEMPTS ? t->total : X4_ENGINE_MAX_ATTEMPTS;
    unsigned run = 0;
    double rev_t[X4_ENGINE_MAX_ATTEMPTS];
    uint32_t rev_f[X4_ENGINE_MAX_ATTEMPTS];
    for (unsigned i = 0; i < n; i++) {
        const x4_attempt *at = &t->ring[(t->total - 1 - i) % X4_ENGINE_MAX_ATTEMPTS];
        if (at->outcome == ATT_PENDING && run == 0)
            continue;
        if (at->outcome != ATT_FAILED)
            break;
        rev_t[run] = at->time;
        rev_f[run++] = at->frame;
    }
    for (unsigned i = 0; i < run; i++) {
        times[i] = rev_t[run - 1 - i];
        frames[i] = rev_f[run - 1 - i];
    }
    return run;
}

static void storm_check(x4_ctx *c, x4_tracker *t)
{
    uint32_t need = c->e->prefs.storm_attempts;
    if (need > X4_ENGINE_MAX_ATTEMPTS)
        need = X4_ENGINE_MAX_ATTEMPTS;
    double times[X4_ENGINE_MAX_ATTEMPTS];
    uint32_t frames[X4_ENGINE_MAX_ATTEMPTS];
    unsigned run = failed_run(t, times, frames);
    if (run < need)
        return;
    unsigned k = run;          /* the longest evenly spaced tail of the run */
    double median = -1;
    for (; k >= need && (median = even_spacing(times + run - k, k, c->e->prefs.storm_tolerance)) < 0; k--)
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

void x4_attempt_outcome(x4_ctx *c, x4_assoc *a, x4_outcome o)
{
    if (a->outcome != ATT_PENDING)
        return;
    a->outcome = o;
    x4_tracker *t;
    x4_attempt *at = attempt_of(a, &t);
    if (!at)
        return;
    at->outcome = o;
    if (o == ATT_SUCCEEDED)
        t->storm_flagged = false;
    else
        storm_check(c, t);
}
