/* network_flapping (KB Q152877): at least x400mta.flap_count associations
 * between the same two hosts lost or refused within x400mta.flap_window
 * seconds.  Flagged once when the count is reached; again only after the
 * window has emptied below the count.
 *
 * The rule's own data per pair of hosts: the latest X4_FLAPS_PER_PAIR losses
 * and refusals (so flap_count above it acts as it). */
#include "rules/rule.h"

#define X4_FLAPS_PER_PAIR 32

typedef struct {
    double time[X4_FLAPS_PER_PAIR];
    uint32_t frame[X4_FLAPS_PER_PAIR];
    unsigned n;
    bool flapping;            /* flagged; cleared when the window empties */
} flaps;

static void trim(flaps *p, double now, double window)
{
    unsigned kept = 0;
    for (unsigned i = 0; i < p->n; i++) {
        if (now - p->time[i] <= window + 1e-9) {
            p->time[kept] = p->time[i];
            p->frame[kept++] = p->frame[i];
        }
    }
    p->n = kept;
}

static void push(flaps *p, double t, uint32_t frame)
{
    if (p->n == X4_FLAPS_PER_PAIR) {
        for (unsigned i = 1; i < p->n; i++) {
            p->time[i - 1] = p->time[i];
            p->frame[i - 1] = p->frame[i];
        }
        p->n--;
    }
    p->time[p->n] = t;
    p->frame[p->n++] = frame;
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
    push(p, c->ev->time, c->ev->frame);
    if (p->n < need) {
        p->flapping = false;
        return;
    }
    if (p->flapping)
        return;
    p->flapping = true;
    x4_flag *f = x4_flag_add(c, X4_P_NETWORK_FLAPPING, p->frame[0]);
    if (!f)
        return;
    f->count = p->n;
    x4_flag_message(f, "%u associations between these two hosts lost or refused within %s "
                    "(window %u s)", p->n, x4_secs(c->ev->time - p->time[0]).s, pr->flap_window);
}

const x4_rule x4_rule_network_flapping = { .hears = X4_TR_BIT(X4_TR_ENDED), .on = on_ended };
