#include "emitter.h"

void x4r_emitter_init(x4r_emitter *em, x4r_frame_fn fn, void *ctx)
{
    em->fn = fn;
    em->ctx = ctx;
    em->last_us = 0;
    em->gap_us = 12;
    em->packets = 0;
}

uint64_t x4r_emit(x4r_emitter *em, uint64_t t_us, const x4r_segment *seg)
{
    uint64_t t = t_us > em->last_us ? t_us : em->last_us + (em->packets ? em->gap_us : 0);
    size_t len = x4r_frame_build(em->frame, seg);
    em->fn(em->ctx, t, em->frame, len);
    em->last_us = t;
    em->packets++;
    return t;
}
