/* The time of every statement of a scenario: walks the statements in order,
 * resolves `at`, `+` and pace times, runs `repeat` blocks iteration by
 * iteration, and rejects times that go backwards or fall inside an earlier
 * back-off.  Whoever runs the scenario (the TCP synthesiser's timeline, the
 * live player's planner) gets each statement once per execution, with its
 * scenario time, and never re-implements these rules. */
#ifndef X4R_SCHEDULE_H
#define X4R_SCHEDULE_H

#include "scenario.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct x4r_sched x4r_sched;

/* Called for every statement at its scenario time t, a REPEAT once before
 * its iterations (which the walker runs).  False stops the walk (after
 * x4r_sched_fail). */
typedef bool (*x4r_sched_fn)(x4r_sched *s, const x4r_stmt *st, uint64_t t);

struct x4r_sched {
    const x4r_scenario *sc;
    x4r_sched_fn on_stmt;
    void *ctx;
    uint64_t base_us;     /* absolute time of scenario time 0 (the back-off check) */
    uint64_t busy_until;  /* absolute end of the latest timed action; set by on_stmt */
    uint64_t prev_us;     /* scenario time of the previous statement */
    bool started;
    char *err;
    size_t errlen;
    bool failed;
};

/* Prepares a walk (prev 0, no back-off running). */
void x4r_sched_init(x4r_sched *s, const x4r_scenario *sc, x4r_sched_fn fn, void *ctx,
                    char *err, size_t errlen);
/* Walks the whole scenario once; false on the first error (in s->err). */
bool x4r_sched_walk(x4r_sched *s);
/* Records "file:line:column: message" (the first error only); returns false. */
bool x4r_sched_fail(x4r_sched *s, x4r_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
