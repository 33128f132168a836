#include "emitter.h"

void x4r_emitter_init(x4r_emitter *em, x4r_frame_fn fn, void *ctx)
{
    em->fn = fn;
    em->ctx = ctx;
    em->last_us = 0;
    em->gap_us = 12;
    em->packets = 0;
}

static uint64_t emit_frame(x4r_emitter *em, uint64_t t_us, size_t len)
{
    uint64_t t = t_us > em->last_us ? t_us : em->last_us + (em->packets ? em->gap_us : 0);
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
