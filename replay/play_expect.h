/* What one side of a played connection must see from its peer, and whether
 * it did.  An event is a PDU at a layer that means something (TP0 DTs and
 * session give/please tokens only carry: a real MTA cuts and concatenates
 * them its own way), the peer's FIN or its reset.  The expected events come
 * from decoding the scenario's own encoding with the plugin's decoders; the
 * arrived ones from decoding what the socket read with the same decoders,
 * so a peer that answers differently is named in the plugin's words:
 * "expected TP0 CC, got TP0 DR reason congestion". */
#ifndef X4P_PLAY_EXPECT_H
#define X4P_PLAY_EXPECT_H

#include "osi_stack.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { X4P_EV_PDU, X4P_EV_FIN, X4P_EV_RST, X4P_EV_BAD } x4p_ev_kind;

typedef struct {
    x4p_ev_kind kind;
    x4_pdu_kind pdu;           /* PDU */
    int64_t reason;            /* PDU: its reason code, -1 when it has none */
    const char *text;          /* PDU: reason name; BAD: what the decoders rejected (static) */
} x4p_event;

/* A peer that sends more than this many events on one connection is not
 * following any scenario: the connection is given up. */
#define X4P_MAX_EVENTS 4096

/* Appends the events of one decoded TPKT to *list (grown with realloc). */
void x4p_events_of_frame(const x4_frame_info *fi, x4p_event **list, unsigned *n);
/* Same event: same kind and PDU, and the same reason when want has one. */
bool x4p_event_matches(const x4p_event *want, const x4p_event *got);
/* "TP0 DR reason congestion", "FIN", "RST". */
void x4p_event_describe(const x4p_event *e, char *buf, size_t n);

typedef struct {
    x4p_event *want;           /* every expectation pushed so far, in order */
    unsigned *want_step;       /* the first want index of the step each belongs to */
    unsigned *matched_at;      /* the got index each matched */
    unsigned n_want, matched;
    x4p_event *got;            /* everything that arrived */
    uint64_t *got_at;          /* when each arrived (the caller's clock) */
    unsigned n_got, got_head;  /* got[got_head..] arrived but not yet matched */
    unsigned early_seen;       /* got[..early_seen] were reported as early */
    bool failed;
    char why[512];             /* the first mismatch, in words */
} x4p_expect;

void x4p_expect_free(x4p_expect *x);
/* Adds one step's expected events; returns the count a caller waits for
 * (x4p_expect_done(x, count)). */
unsigned x4p_expect_push(x4p_expect *x, const x4p_event *ev, unsigned n);
/* An event arrived at time t; matches what it can. */
void x4p_expect_arrive(x4p_expect *x, const x4p_event *ev, uint64_t t);
bool x4p_expect_done(const x4p_expect *x, unsigned count);
/* When the last event of a done count arrived (0 for an empty count). */
uint64_t x4p_expect_done_at(const x4p_expect *x, unsigned count);
/* Arrivals no step expects yet, not reported before: true with them
 * described in buf ("TP0 CC + SES AC") and *first_at the arrival time of
 * the first; then they count as reported. */
bool x4p_expect_take_early(x4p_expect *x, char *buf, size_t n, uint64_t *first_at);
/* Describes what the step being waited for still lacks ("TP0 CC"). */
void x4p_expect_describe_missing(const x4p_expect *x, unsigned count, char *buf, size_t n);

#endif
