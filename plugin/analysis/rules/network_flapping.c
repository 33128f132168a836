/* network_flapping (KB Q152877): at least x400mta.flap_count associations
 * between the same two hosts lost or refused within x400mta.flap_window
 * seconds.  Flagged once when the count is reached; again only after the
 * window has emptied below the count.
 *
 * The rule's own data per pair of hosts: the latest X4_FLAPS_PER_PAIR losses
 * and refusals (so flap_count above it acts as it), in an array that grows
 * to that by doubling. */
#include "rules/rule.h"

#include <string.h>

#define X4_FLAPS_PER_PAIR 32

typedef struct {
    double time;
    uint32_t frame;
} flap;

typedef struct {
    flap *recent;             /* oldest first */
    unsigned n, cap;
    bool flapping;            /* flagged; cleared when the window empties */
} flaps;

static void trim(flaps *p, double now, double window)
{
    unsigned kept = 0;
    for (unsigned i = 0; i < p->n; i++)
        if (now - p->recent[i].time <= window + 1e-9)
            p->recent[kept++] = p->recent[i];
    p->n = kept;
}

static bool push(x4_rule_ctx *c, flaps *p, double t, uint32_t frame)
{
    if (p->n == X4_FLAPS_PER_PAIR) {
        memmove(p->recent, p->recent + 1, (p->n - 1) * sizeof *p->recent);
        p->n--;
    }
    if (p->n == p->cap) {
        unsigned cap = p->cap ? p->cap * 2 : 2;
        flap *grown = c->alloc->realloc(c->alloc->ctx, p->recent, cap * sizeof *grown);
        if (!grown)
            return false;
        p->recent = grown;
        p->cap = cap;
    }
    p->recent[p->n++] = (flap){ t, frame };
    return true;
}

static void on_ended(x4_rule_ctx *c, const x4_transition *t)
{
    if (t->end != X4_END_REFUSED && t->end != X4_END_LOST)
        return;
    flaps *p = x4_rule_data(c, sizeof *p);
    if (!p)
        return;
    const x4_prefs *pr = c->prefs;
    uint32_t need = pr->flap_count < X4_FLAPS_PER_PAIR ? pr->flap_count : X4_FLAPS_PER_PAIR;
    trim(p, c->ev->time, pr->flap_window);
    if (!push(c, p, c->ev->time, c->ev->frame))
        return;
    if (p->n < need) {
        p->flapping = false;
        return;
    }
    if (p->flapping)
        return;
    p->flapping = true;
    x4_flag *f = x4_flag_add(c, X4_P_NETWORK_FLAPPING, p->recent[0].frame);
    if (!f)
        return;
    f->count = p->n;
    x4_flag_message(f, "%u associations between these two hosts lost or refused within %s "
                    "(window %u s)", p->n, x4_secs(c->ev->time - p->recent[0].time).s, pr->flap_window);
}

static void free_data(const x4_alloc *alloc, void *data)
{
    flaps *p = data;
    x4_rule_free(alloc, p->recent);
    x4_rule_free(alloc, p);
}

const x4_rule x4_rule_network_flapping = {
    .hears = X4_TR_BIT(X4_TR_ENDED), .on = on_ended, .free_data = free_data };
