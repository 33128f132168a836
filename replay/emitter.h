/* Where synthesised frames go: a callback (the pcap writer, or a test's
 * collector) behind a clock that keeps timestamps non-decreasing. */
#ifndef X4R_EMITTER_H
#define X4R_EMITTER_H

#include "frame.h"

typedef void (*x4r_frame_fn)(void *ctx, uint64_t t_us, const uint8_t *frame, size_t len);

/* The last time a pcap record holds (32-bit seconds: 2106-02-07). */
#define X4R_MAX_TIME_US (4294967295ull * 1000000u + 999999u)

typedef struct {
    x4r_frame_fn fn;
    void *ctx;
    uint64_t last_us;   /* time of the last frame written */
    uint32_t gap_us;    /* spacing of back-to-back frames (a burst) */
    uint64_t packets;
    uint64_t max_packets; /* frames past this many are dropped (0: no limit) */
    bool full;          /* a frame was dropped for max_packets */
    bool late;          /* a frame's time passed X4R_MAX_TIME_US */
    uint8_t frame[X4R_FRAME_MAX];
} x4r_emitter;

void x4r_emitter_init(x4r_emitter *em, x4r_frame_fn fn, void *ctx);
/* Frames and emits a segment no earlier than t_us (later when the previous
 * frame is not older than t_us: then last + gap).  Returns the time used. */
uint64_t x4r_emit(x4r_emitter *em, uint64_t t_us, const x4r_segment *seg);

/* Emits an ICMP destination-unreachable frame (same clock rule). */
uint64_t x4r_emit_icmp(x4r_emitter *em, uint64_t t_us, const x4r_icmp *m);

#endif
