/* One side of a live play, initiator or responder: walks the plan's steps in
 * order.  Its own steps (sends, FIN, reset, stop/resume reading, and for the
 * initiator the connects) happen at their scenario times, measured from
 * when the previous step happened: a peer that answers late (more than a
 * few milliseconds) shifts what follows instead of being overtaken.  The peer's steps are awaited: a
 * connection accepted (responder), the PDUs decoded from what the socket
 * reads, its FIN or reset; a peer that does otherwise, or nothing within
 * the timeout, is reported at the scenario line it departed from, and that
 * connection is given up (the others go on).  Arrivals the scenario has
 * only after one of our own steps are reported too (the peer was faster
 * than the scenario: e.g. an MTA that confirms before the caller gives up).
 *
 * The responder listens on each endpoint (address and port) the plan's
 * connections go to.  A connect the scenario has refused finds no listener:
 * it is closed from the accept before it until halfway to the next connect
 * to that endpoint, so the peer's kernel answers the SYN with RST. */
#ifndef X4P_PLAY_ROLE_H
#define X4P_PLAY_ROLE_H

#include "play_plan.h"
#include "play_socket.h"

typedef enum { X4P_SIDE_INITIATOR = 0, X4P_SIDE_RESPONDER = 1 } x4p_side;

typedef struct {
    x4p_side side;
    const x4p_plan *plan;
    const x4p_sockaddr *endpoint_addr; /* per plan endpoint: where to connect / listen */
    const x4p_sockaddr *host_addr;     /* per scenario host: initiator source (NULL: the kernel's) */
    uint64_t timeout_us;               /* how long past its time a peer step may take */
    bool verbose;                      /* one line per step on stderr */
    const char *label;                 /* "initiator" or "responder" in messages */
} x4p_role_cfg;

typedef struct x4p_role x4p_role;

/* The responder starts listening here (so a loopback initiator finds it).
 * NULL with err when a listener cannot be opened. */
x4p_role *x4p_role_new(const x4p_role_cfg *cfg, char *err, size_t errlen);
/* Plays every step; t0 is the x4p_now_us() of scenario time 0. */
void x4p_role_run(x4p_role *r, uint64_t t0);
/* Differences from the scenario reported (the peer's), and local failures
 * (a socket operation that failed on this host). */
unsigned x4p_role_deviations(const x4p_role *r);
unsigned x4p_role_failures(const x4p_role *r);
/* Closes whatever is still open (after the capture has stopped, so the
 * capture holds only what the scenario asked for). */
void x4p_role_free(x4p_role *r);

/* CLOCK_MONOTONIC in microseconds. */
uint64_t x4p_now_us(void);

#endif
