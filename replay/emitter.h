/* Where synthesised frames go: a callback (the pcap writer, or a test's
 * collector) behind a clock that keeps timestamps non-decreasing. */
#ifndef X4R_EMITTER_H
#define X4R_EMITTER_H

#include "frame.h"

typedef void (*x4r_frame_fn)(void *ctx, uint64_t t_us, const uint8_t *frame, size_t len);

typedef struct {
    x4r_frame_fn fn;
    void *ctx;
    uint64_t last_us;   /* time of the last frame written */
    uint32_t gap_us;    /* spacing of back-to-back frames (a burst) */
    uint64_t packets;
    uint8_t frame[X4R_FRAME_MAX];
} x4r_emitter;

void x4r_emitter_init(x4r_emitter *em, x4r_frame_fn fn, void *ctx);
/* Frames and emits a segment no earlier than t_us (later when the previous
 * frame is not older than t_us: then last + gap).  Returns the time used. */
uint64_t x4r_emit(x4r_emitter *em, uint64_t t_us, const x4r_segment *seg);

/* Emits an ICMP destination-unreachable frame (same clock rule). */
uint64_t x4r_emit_icmp(x4r_emitter *em, uint64_t t_us, const x4r_icmp *m);

#endif
