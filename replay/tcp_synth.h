/* TCP synthesis: one connection's sequence space, acknowledgements, windows,
 * segmentation, FIN/RST and retransmissions.  A scenario says what happens;
 * this file decides every number on the wire.
 *
 * Model: the capture sees both directions.  A segment is "delivered" to the
 * peer unless the link is out (outage) or the connection was reset; the peer
 * then acknowledges it by the delayed-ACK rule: at once on every second
 * segment or when its window has closed below one MSS, else after
 * delack_us unless its own data or FIN carries the ACK first. */
#ifndef X4R_TCP_SYNTH_H
#define X4R_TCP_SYNTH_H

#include "bytebuf.h"
#include "emitter.h"
#include "osi_codes.h"   /* x4_dir */

typedef struct {
    const x4r_addr *addr;
    uint16_t *ip_id;     /* the host's IPv4 identification counter */
    uint16_t port;
    uint32_t isn;
    uint32_t snd_nxt, snd_una, rcv_nxt;
    uint32_t rcvbuf;     /* receive buffer: the window when all is read */
    uint32_t unread;     /* bytes received while not reading */
    bool reading;
    uint32_t peer_wnd;   /* last window the peer advertised */
    uint16_t adv_wnd;    /* last window this side advertised */
    bool ack_pending;
    uint64_t ack_due;
    unsigned segs_unacked;
    x4r_buf queue;       /* accepted from the application, not yet sent */
    x4r_buf flight;      /* sent, not yet acknowledged */
} x4r_tcp_side;

typedef struct {
    x4r_tcp_side s[2];   /* [x4_dir]: initiator (client), responder */
    uint16_t mss;
    uint32_t latency_us; /* delay of an automatic answer (SYN-ACK, ACK) */
    uint32_t delack_us;
    bool outage;         /* segments are captured but not delivered */
    bool reset;          /* an RST was sent: nothing is delivered anymore */
} x4r_tcp_conn;

typedef struct {
    const x4r_addr *addr[2];
    uint16_t *ip_id[2];
    uint16_t port[2];
    uint32_t isn[2];
    uint32_t rcvbuf[2];
    uint16_t mss;
    uint32_t latency_us, delack_us;
} x4r_tcp_params;

void x4r_tcp_init(x4r_tcp_conn *c, const x4r_tcp_params *p);
void x4r_tcp_free(x4r_tcp_conn *c);

/* SYN, SYN-ACK, ACK. */
void x4r_tcp_handshake(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t);
/* SYN answered by RST-ACK. */
void x4r_tcp_refuse(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t);
/* SYN plus `retries` retransmissions at t+rto, t+3rto, t+7rto... */
void x4r_tcp_syn_unanswered(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t,
                            unsigned retries, uint64_t rto_us);

/* Queues application bytes from side dir and sends what the window allows. */
void x4r_tcp_send(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                  const uint8_t *data, size_t len);
/* FIN from dir (the peer acknowledges it at once unless undelivered). */
void x4r_tcp_fin(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t);
/* RST-ACK from dir. */
void x4r_tcp_rst(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t);
/* A pure ACK from dir now (flushes a pending delayed ACK). */
void x4r_tcp_ack(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t);

/* Side dir stops consuming received data (its window closes as data
 * arrives) or resumes (all is read: a window update goes out). */
void x4r_tcp_stop_reading(x4r_tcp_conn *c, x4_dir dir);
void x4r_tcp_resume_reading(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t);

/* n zero-window probes from dir (one queued byte each), spaced by a
 * doubling back-off starting at backoff_us; the peer answers each. */
void x4r_tcp_probe(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                   unsigned n, uint64_t backoff_us);
/* n retransmissions of dir's unacknowledged bytes, doubling back-off. */
void x4r_tcp_retransmit(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                        unsigned n, uint64_t backoff_us);

/* An ICMP destination unreachable from src (a router, or dir's own host)
 * to the side !dir, quoting the next segment !dir would send to dir.  It
 * changes no TCP state (a soft error). */
void x4r_tcp_unreachable(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, uint8_t code,
                         const x4r_addr *src, uint16_t *ip_id);

/* Earliest pending delayed ACK (UINT64_MAX if none) and its flush. */
uint64_t x4r_tcp_next_due(const x4r_tcp_conn *c);
void x4r_tcp_flush_acks(x4r_tcp_conn *c, x4r_emitter *em, uint64_t until);

#endif
