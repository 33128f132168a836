/* network_flapping (KB Q152877): at least x400mta.flap_count associations
 * between the same two hosts lost or refused within x400mta.flap_window
 * seconds.  Flagged once when the count is reached; again only after the
 * window has emptied below the count. */
#include "engine_int.h"

static void trim(x4_pair *p, double now, double window)
{
    unsigned kept = 0;
    for (unsigned i = 0; i < p->n_flaps; i++) {
        if (now - p->flap_time[i] <= window + 1e-9) {
            p->flap_time[kept] = p->flap_time[i];
            p->flap_frame[kept++] = p->flap_frame[i];
        }
    }
    p->n_flaps = kept;
}

static void push(x4_pair *p, double t, uint32_t frame)
{
    if (p->n_flaps == X4_ENGINE_MAX_FLAPS) {
        for (unsigned i = 1; i < p->n_flaps; i++) {
            p->flap_time[i - 1] = p->flap_time[i];
            p->flap_frame[i - 1] = p->flap_frame[i];
        }
        p->n_flaps--;
    }
    p->flap_time[p->n_flaps] = t;
    p->flap_frame[p->n_flaps++] = frame;
}

void x4_flap_event(x4_ctx *c)
{
    x4_pair *p = c->a->pair;
    if (!p)
        return;
    const x4_prefs *pr = &c->e->prefs;
    uint32_t need = pr->flap_count < X4_ENGINE_MAX_FLAPS ? pr->flap_count : X4_ENGINE_MAX_FLAPS;
    trim(p, c->ev->time, pr->flap_window);
    push(p, c->ev->time, c->ev->frame);
    if (p->n_flaps < need) {
        p->flapping = false;
        return;
    }
    if (p->flapping)
        return;
    p->flapping = true;
    x4_flag *f = x4_flag_add(c, X4_P_NETWORK_FLAPPING, p->flap_frame[0]);
    if (!f)
        return;
    f->count = p->n_flaps;
    x4_flag_message(f, "%u associations between these two hosts lost or refused within %.0f s "
                    "(window %u s)", p->n_flaps, c->ev->time - p->flap_time[0], pr->flap_window);
}
