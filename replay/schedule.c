#include "schedule.h"

#include "emitter.h"   /* X4R_MAX_TIME_US: the last time a pcap record holds */

#include <stdarg.h>
#include <stdio.h>

void x4r_sched_init(x4r_sched *s, const x4r_scenario *sc, x4r_sched_fn fn, void *ctx,
                    char *err, size_t errlen)
{
    *s = (x4r_sched){ .sc = sc, .on_stmt = fn, .ctx = ctx, .err = err, .errlen = errlen };
}

bool x4r_sched_fail(x4r_sched *s, x4r_loc loc, const char *fmt, ...)
{
    if (s->failed)
        return false;
    s->failed = true;
    int n = snprintf(s->err, s->errlen, "%s:%u:%u: ", loc.file, loc.line, loc.col);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < s->errlen)
        vsnprintf(s->err + n, s->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

static const char *fmt_time(char *buf, size_t n, uint64_t us)
{
    snprintf(buf, n, "%llu.%06llus", (unsigned long long)(us / 1000000u),
             (unsigned long long)(us % 1000000u));
    return buf;
}

static bool resolve_time(x4r_sched *s, const x4r_stmt *st, uint64_t origin, uint64_t *t)
{
    switch (st->when) {
    case X4R_WHEN_AT: *t = origin + st->when_us; break;
    case X4R_WHEN_AFTER: *t = s->prev_us + st->when_us; break;
    default: *t = s->started ? s->prev_us + s->sc->pace_us : s->prev_us; break;
    }
    if (s->started && *t < s->prev_us) {
        char a[32], b[32];
        return x4r_sched_fail(s, st->loc, "this statement's time %s is before the previous statement's (%s)",
                              fmt_time(a, sizeof a, *t), fmt_time(b, sizeof b, s->prev_us));
    }
    if (*t > X4R_MAX_TIME_US - s->base_us) {
        char a[32];
        return x4r_sched_fail(s, st->loc, "this statement's time %s is past 2106-02-07, the last time a pcap timestamp holds",
                              fmt_time(a, sizeof a, *t));
    }
    if (s->base_us + *t < s->busy_until) {
        char a[32], b[32];
        return x4r_sched_fail(s, st->loc, "this statement's time %s falls inside an earlier back-off (SYN retries, probes or retransmissions run until %s): start it later",
                              fmt_time(a, sizeof a, *t), fmt_time(b, sizeof b, s->busy_until - s->base_us));
    }
    s->prev_us = *t;
    s->started = true;
    return true;
}

static bool walk_block(x4r_sched *s, const x4r_stmt *list, unsigned n, uint64_t origin);

static bool walk_repeat(x4r_sched *s, const x4r_stmt *st, uint64_t t)
{
    for (unsigned i = 0; i < st->times; i++) {
        uint64_t start;
        if (__builtin_mul_overflow((uint64_t)i, st->every_us, &start) ||
            __builtin_add_overflow(start, t, &start) || start > X4R_MAX_TIME_US - s->base_us)
            return x4r_sched_fail(s, st->loc, "repeat iteration %u would start past 2106-02-07, the last time a pcap timestamp holds",
                                  i + 1);
        if (i > 0 && start < s->prev_us) {
            char a[32], b[32];
            return x4r_sched_fail(s, st->loc, "repeat iteration %u would start at %s, before the previous iteration ends (%s): make 'every' longer",
                                  i + 1, fmt_time(a, sizeof a, start), fmt_time(b, sizeof b, s->prev_us));
        }
        s->prev_us = start;
        s->started = false;
        if (!walk_block(s, st->body, st->n_body, start))
            return false;
    }
    return true;
}

static bool walk_block(x4r_sched *s, const x4r_stmt *list, unsigned n, uint64_t origin)
{
    for (unsigned i = 0; i < n; i++) {
        const x4r_stmt *st = &list[i];
        uint64_t t;
        if (!resolve_time(s, st, origin, &t))
            return false;
        if (!s->on_stmt(s, st, t))
            return false;
        if (st->kind == X4R_ST_REPEAT && !walk_repeat(s, st, t))
            return false;
    }
    return true;
}

bool x4r_sched_walk(x4r_sched *s)
{
    s->prev_us = 0;
    s->started = false;
    s->busy_until = 0;
    return walk_block(s, s->sc->stmts, s->sc->n_stmts, 0);
}
