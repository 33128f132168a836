/* network_flapping (KB Q152877): at least x400mta.flap_count associations
 * between the same two hosts lost or refused within x400mta.flap_window
 * seconds.  Flagged once when the count is reached; again only after the
 * window has emptied below the count. */
#include "engine_int.h"

static void trim(x4_flaps *p, double now, double window)
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

static void push(x4_flaps *p, double t, uint32_t frame)
{
    if (p->n == X4_ENGINE_MAX_FLAPS) {
        for (unsigned i = 1; i < p->n; i++) {
            p->time[i - 1] = p->time[i];
            p->frame[i - 1] = p->frame[i];
        }
        p->n--;
    }
    p->time[p->n] = t;
    p->frame[p->n++] = frame;
}

void x4_flap_event(x4_ctx *c)
{
    x4_pair *pair = c->a->pair;
    if (!pair || (!pair->flaps && !(pair->flaps = x4_eng_calloc(c->e, sizeof(x4_flaps)))))
        return;
    x4_flaps *p = pair->flaps;
    const x4_prefs *pr = &c->e->prefs;
    uint32_t need = pr->flap_count < X4_ENGINE_MAX_FLAPS ? pr->flap_count : X4_ENGINE_MAX_FLAPS;
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
