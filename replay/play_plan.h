/* The plan of a live play: a scenario flattened into the steps both sides
 * take, in order, with their scenario times (schedule.c), the bytes each
 * OSI step sends (the same encoders as `write`, with the same TP0
 * references), and what the other side must see of it (decoded back with
 * the plugin's decoders: play_expect.h).  Steps a socket cannot produce are
 * refused here, before anything is sent, each with file:line:column and why. */
#ifndef X4P_PLAY_PLAN_H
#define X4P_PLAY_PLAN_H

#include "bytebuf.h"
#include "play_expect.h"
#include "scenario.h"

typedef enum {
    X4P_CONNECT,         /* the initiator connects, the responder accepts (or refuses) */
    X4P_SEND,            /* OSI bytes: one send() */
    X4P_FIN,             /* shutdown(SHUT_WR) once what is queued has gone */
    X4P_RESET,           /* SO_LINGER 0, close: RST */
    X4P_STOP_READING,    /* no recv() any more: the small receive buffer fills, window 0 */
    X4P_RESUME_READING,  /* recv() again */
    X4P_PROBE            /* a wait: the kernel probes the closed window on its own timer */
} x4p_step_kind;

/* One connection of the play (each `connect` a scenario runs makes one). */
typedef struct {
    const char *name;            /* the scenario's connection name */
    int from_host, to_host;      /* scenario host indexes */
    unsigned from_port;          /* 0: ephemeral */
    unsigned to_port;
    unsigned endpoint;           /* index of (to_host, to_port) in the plan's endpoints */
    bool refused;                /* the responder refuses the SYN (RST) */
    unsigned mss, window;        /* TCP_MAXSEG, SO_RCVBUF */
    x4r_loc loc;
} x4p_conn;

typedef struct {
    int host;
    unsigned port;
} x4p_endpoint;

typedef struct {
    x4p_step_kind kind;
    unsigned conn;               /* index into conns */
    int dir;                     /* the side that acts: 0 initiator, 1 responder */
    uint64_t t_us;               /* scenario time */
    uint64_t span_us;            /* PROBE: the back-off it spans */
    x4r_loc loc;
    const char *verb;            /* for reports ("tp0-cr", "fin"...) */
    x4r_buf bytes;               /* SEND: the TPKTs */
    x4p_event *expect;           /* what the other side must see */
    unsigned n_expect;
} x4p_step;

typedef struct {
    const x4r_scenario *sc;
    x4p_conn *conns;
    unsigned n_conns;
    x4p_endpoint *endpoints;
    unsigned n_endpoints;
    x4p_step *steps;
    unsigned n_steps;
} x4p_plan;

/* Builds the plan.  Returns 0; or -1 with a timing error (one line) in err;
 * or the number of steps a socket cannot play, each reported on its own
 * line of *refusals ("file:line:column: ... cannot be played live: why"). */
int x4p_plan_build(const x4r_scenario *sc, x4p_plan *plan, x4r_buf *refusals, char *err, size_t errlen);
void x4p_plan_free(x4p_plan *plan);

/* Index of the next CONNECT step after step i (n_steps if none). */
unsigned x4p_plan_next_connect(const x4p_plan *plan, unsigned i);

#endif
