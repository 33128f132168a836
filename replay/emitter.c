#include "emitter.h"

void x4r_emitter_init(x4r_emitter *em, x4r_frame_fn fn, void *ctx)
{
    em->fn = fn;
    em->ctx = ctx;
    em->last_us = 0;
    em->gap_us = 12;
    em->packets = 0;
    em->max_packets = 0;
    em->full = em->late = false;
}

/* A frame past a limit is not written; the timeline reports it with the
 * statement that wrote it, and the run fails. */
static uint64_t emit_frame(x4r_emitter *em, uint64_t t_us, size_t len)
{
    uint64_t t = t_us > em->last_us ? t_us : em->last_us + (em->packets ? em->gap_us : 0);
    em->late = em->late || t > X4R_MAX_TIME_US;
    em->full = em->full || (em->max_packets && em->packets >= em->max_packets);
    if (em->late || em->full)
        return em->last_us;
    em->fn(em->ctx, t, em->frame, len);
    em->last_us = t;
    em->packets++;
    return t;
}

uint64_t x4r_emit(x4r_emitter *em, uint64_t t_us, const x4r_segment *seg)
{
    return emit_frame(em, t_us, x4r_frame_build(em->frame, seg));
}

uint64_t x4r_emit_icmp(x4r_emitter *em, uint64_t t_us, const x4r_icmp *m)
{
    return emit_frame(em, t_us, x4r_frame_build_icmp(em->frame, m));
}
