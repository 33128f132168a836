#include "tcp_synth.h"

#include <string.h>

static uint16_t advertised_window(const x4r_tcp_side *s);

void x4r_tcp_init(x4r_tcp_conn *c, const x4r_tcp_params *p)
{
    memset(c, 0, sizeof *c);
    for (int d = 0; d < 2; d++) {
        x4r_tcp_side *s = &c->s[d];
        s->addr = p->addr[d];
        s->ip_id = p->ip_id[d];
        s->port = p->port[d];
        s->isn = p->isn[d];
        s->snd_nxt = s->snd_una = p->isn[d];
        s->rcvbuf = p->rcvbuf[d];
        s->reading = true;
        s->adv_wnd = advertised_window(s);
    }
    c->mss = p->mss;
    c->latency_us = p->latency_us;
    c->delack_us = p->delack_us;
}

void x4r_tcp_free(x4r_tcp_conn *c)
{
    for (int d = 0; d < 2; d++) {
        x4r_buf_free(&c->s[d].queue);
        x4r_buf_free(&c->s[d].flight);
    }
}

/* The window side s advertises now. */
static uint16_t advertised_window(const x4r_tcp_side *s)
{
    uint32_t w = s->unread >= s->rcvbuf ? 0 : s->rcvbuf - s->unread;
    return (uint16_t)(w > 65535 ? 65535 : w);
}

static bool delivered(const x4r_tcp_conn *c) { return !c->outage && !c->reset; }

/* Back-off arithmetic saturates: a time past the end of pcap time is then
 * refused by the emitter instead of wrapping round to an early one. */
static uint64_t sat_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }
static uint64_t sat_double(uint64_t a) { return a > UINT64_MAX / 2 ? UINT64_MAX : a * 2; }

/* One retransmission resends at most one maximal unscaled window: more can
 * be unacknowledged only after a reset, where a stack sends on blindly. */
#define X4R_RETRANSMIT_MAX 65535u

static void learn_ack(x4r_tcp_conn *c, x4_dir dir);

/* Writes one segment from side dir; returns its timestamp.  An ACK it
 * carries reaches the peer when the segment is delivered. */
static uint64_t put(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, uint8_t flags,
                    uint32_t seq, const uint8_t *data, size_t len, uint16_t mss)
{
    x4r_tcp_side *s = &c->s[dir], *r = &c->s[x4_dir_peer(dir)];
    x4r_segment seg = {
        .src = s->addr, .dst = r->addr, .sport = s->port, .dport = r->port,
        .seq = seq, .ack = (flags & X4R_ACK) ? s->rcv_nxt : 0, .flags = flags,
        .window = advertised_window(s), .mss = mss, .ip_id = (*s->ip_id)++,
        .payload = data, .len = len,
    };
    if (flags & X4R_ACK) {
        s->ack_pending = false;
        s->segs_unacked = 0;
    }
    s->adv_wnd = seg.window;
    uint64_t at = x4r_emit(em, t, &seg);
    if ((flags & X4R_ACK) && !(flags & X4R_SYN) && delivered(c))
        learn_ack(c, dir);
    return at;
}

/* The peer of dir learns dir's acknowledgement and window. */
static void learn_ack(x4r_tcp_conn *c, x4_dir dir)
{
    x4r_tcp_side *s = &c->s[dir], *r = &c->s[x4_dir_peer(dir)];
    uint32_t acked = s->rcv_nxt - r->snd_una;
    uint32_t outstanding = r->snd_nxt - r->snd_una;
    if (acked > outstanding)
        acked = outstanding;
    uint32_t from_flight = acked < r->flight.len ? acked : (uint32_t)r->flight.len;
    x4r_buf_consume(&r->flight, from_flight);
    r->snd_una += acked;
    r->peer_wnd = s->adv_wnd;
}

static uint64_t send_ack(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    x4r_tcp_side *s = &c->s[dir];
    return put(c, em, dir, t, X4R_ACK, s->snd_nxt, NULL, 0, 0);
}

/* The peer of dir receives len bytes sent by dir at time t. */
static void deliver_data(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, uint32_t len)
{
    x4r_tcp_side *r = &c->s[x4_dir_peer(dir)];
    r->rcv_nxt += len;
    if (!r->reading)
        r->unread += len;
    r->segs_unacked++;
    uint32_t win = advertised_window(r);
    if (r->segs_unacked >= 2 || win < c->mss) {
        send_ack(c, em, x4_dir_peer(dir), t + c->latency_us);
    } else if (!r->ack_pending) {
        r->ack_pending = true;
        r->ack_due = t + c->delack_us;
    }
}

/* Sends what the window allows from dir's queue (consumed once at the end,
 * so a large send costs no repeated moves). */
static void pump(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    x4r_tcp_side *s = &c->s[dir], *r = &c->s[x4_dir_peer(dir)];
    size_t off = 0;
    while (off < s->queue.len) {
        uint32_t inflight = s->snd_nxt - s->snd_una;
        uint32_t usable = s->peer_wnd > inflight ? s->peer_wnd - inflight : 0;
        if (c->reset)
            usable = c->mss; /* a stack that writes after the reset ignores the window */
        if (usable == 0) {
            if (r->ack_pending && delivered(c)) {
                t = send_ack(c, em, x4_dir_peer(dir), r->ack_due > t ? r->ack_due : t);
                continue;
            }
            break;
        }
        size_t left = s->queue.len - off, n = left;
        if (n > c->mss) n = c->mss;
        if (n > usable) n = usable;
        uint8_t flags = X4R_ACK | (n == left ? X4R_PSH : 0);
        t = put(c, em, dir, t, flags, s->snd_nxt, s->queue.p + off, n, 0);
        x4r_buf_put(&s->flight, s->queue.p + off, n);
        off += n;
        s->snd_nxt += (uint32_t)n;
        if (delivered(c))
            deliver_data(c, em, dir, t, (uint32_t)n);
    }
    x4r_buf_consume(&s->queue, off);
}

void x4r_tcp_handshake(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t)
{
    x4r_tcp_side *a = &c->s[0], *b = &c->s[1];
    t = put(c, em, X4_DIR_INITIATOR, t, X4R_SYN, a->snd_nxt, NULL, 0, c->mss);
    a->snd_nxt++;
    b->rcv_nxt = a->snd_nxt;
    b->peer_wnd = a->adv_wnd;
    t = put(c, em, X4_DIR_RESPONDER, t + c->latency_us, X4R_SYN | X4R_ACK, b->snd_nxt, NULL, 0, c->mss);
    b->snd_nxt++;
    a->rcv_nxt = b->snd_nxt;
    a->snd_una = a->snd_nxt;
    a->peer_wnd = b->adv_wnd;
    send_ack(c, em, X4_DIR_INITIATOR, t);
    b->snd_una = b->snd_nxt;
}

void x4r_tcp_refuse(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t)
{
    x4r_tcp_side *a = &c->s[0], *b = &c->s[1];
    t = put(c, em, X4_DIR_INITIATOR, t, X4R_SYN, a->snd_nxt, NULL, 0, c->mss);
    a->snd_nxt++;
    b->rcv_nxt = a->snd_nxt;
    b->snd_nxt = 0;
    b->unread = b->rcvbuf; /* a refusing stack advertises no window */
    put(c, em, X4_DIR_RESPONDER, t + c->latency_us, X4R_RST | X4R_ACK, 0, NULL, 0, 0);
    c->reset = true;
}

void x4r_tcp_syn_unanswered(x4r_tcp_conn *c, x4r_emitter *em, uint64_t t,
                            unsigned retries, uint64_t rto_us)
{
    x4r_tcp_side *a = &c->s[0];
    uint64_t at = t, rto = rto_us;
    for (unsigned i = 0; i <= retries; i++) {
        put(c, em, X4_DIR_INITIATOR, at, X4R_SYN, a->isn, NULL, 0, c->mss);
        at = sat_add(at, rto);
        rto = sat_double(rto);
    }
    a->snd_nxt = a->isn + 1;
    c->outage = true;
}

void x4r_tcp_send(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                  const uint8_t *data, size_t len)
{
    x4r_buf_put(&c->s[dir].queue, data, len);
    pump(c, em, dir, t);
}

void x4r_tcp_fin(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    x4r_tcp_side *s = &c->s[dir], *r = &c->s[x4_dir_peer(dir)];
    t = put(c, em, dir, t, X4R_FIN | X4R_ACK, s->snd_nxt, NULL, 0, 0);
    s->snd_nxt++;
    if (!delivered(c))
        return;
    r->rcv_nxt++;
    send_ack(c, em, x4_dir_peer(dir), t + c->latency_us);
}

void x4r_tcp_rst(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    x4r_tcp_side *s = &c->s[dir];
    put(c, em, dir, t, X4R_RST | X4R_ACK, s->snd_nxt, NULL, 0, 0);
    c->reset = true;
}

void x4r_tcp_ack(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    send_ack(c, em, dir, t);
}

void x4r_tcp_stop_reading(x4r_tcp_conn *c, x4_dir dir)
{
    c->s[dir].reading = false;
}

void x4r_tcp_resume_reading(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t)
{
    x4r_tcp_side *s = &c->s[dir];
    s->reading = true;
    s->unread = 0;
    if (advertised_window(s) != s->adv_wnd) {
        send_ack(c, em, dir, t);
        pump(c, em, x4_dir_peer(dir), t + c->latency_us);
    }
}

void x4r_tcp_probe(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                   unsigned n, uint64_t backoff_us)
{
    x4r_tcp_side *s = &c->s[dir];
    uint8_t byte = s->queue.len ? s->queue.p[0] : 0;
    uint64_t at = t, gap = backoff_us;
    for (unsigned i = 0; i < n; i++) {
        uint64_t sent = put(c, em, dir, at, X4R_ACK, s->snd_nxt, &byte, 1, 0);
        if (delivered(c))
            send_ack(c, em, x4_dir_peer(dir), sent + c->latency_us);
        at = sat_add(at, gap);
        gap = sat_double(gap);
    }
}

void x4r_tcp_retransmit(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                        unsigned n, uint64_t backoff_us)
{
    x4r_tcp_side *s = &c->s[dir];
    uint64_t at = t, gap = backoff_us;
    size_t resend = s->flight.len < X4R_RETRANSMIT_MAX ? s->flight.len : X4R_RETRANSMIT_MAX;
    for (unsigned i = 0; i < n && resend; i++) {
        size_t off = 0;
        uint64_t sent = at;
        while (off < resend) {
            size_t len = resend - off;
            if (len > c->mss) len = c->mss;
            uint8_t flags = X4R_ACK | (off + len == resend ? X4R_PSH : 0);
            sent = put(c, em, dir, sent, flags, s->snd_una + (uint32_t)off,
                       s->flight.p + off, len, 0);
            off += len;
        }
        if (delivered(c)) {
            x4r_tcp_side *r = &c->s[x4_dir_peer(dir)];
            if (r->rcv_nxt - s->snd_una < resend)
                r->rcv_nxt = s->snd_una + (uint32_t)resend;
            send_ack(c, em, x4_dir_peer(dir), sent + c->latency_us);
        }
        at = sat_add(at, gap);
        gap = sat_double(gap);
    }
}

void x4r_tcp_unreachable(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, uint8_t code,
                         const x4r_addr *src, uint16_t *ip_id)
{
    x4r_tcp_side *v = &c->s[x4_dir_peer(dir)], *peer = &c->s[dir];
    x4r_segment orig = {
        .src = v->addr, .dst = peer->addr, .sport = v->port, .dport = peer->port,
        .seq = v->snd_nxt, .ack = v->rcv_nxt, .flags = X4R_ACK | X4R_PSH,
        .window = advertised_window(v), .ip_id = *v->ip_id,
    };
    uint8_t frame[14 + 40 + 24];
    x4r_frame_build(frame, &orig);
    size_t ip_len = v->addr->v6 ? 40 : 20;
    x4r_icmp m = {
        .src = src, .dst = v->addr, .code = code, .ip_id = (*ip_id)++,
        .quoted = frame + 14, .qlen = ip_len + 8, /* IP header + ports and sequence number */
    };
    x4r_emit_icmp(em, t, &m);
}

uint64_t x4r_tcp_next_due(const x4r_tcp_conn *c)
{
    uint64_t due = UINT64_MAX;
    for (int d = 0; d < 2; d++)
        if (c->s[d].ack_pending && c->s[d].ack_due < due)
            due = c->s[d].ack_due;
    return due;
}

void x4r_tcp_flush_acks(x4r_tcp_conn *c, x4r_emitter *em, uint64_t until)
{
    for (;;) {
        int d = -1;
        for (int k = 0; k < 2; k++)
            if (c->s[k].ack_pending && c->s[k].ack_due <= until &&
                (d < 0 || c->s[k].ack_due < c->s[d].ack_due))
                d = k;
        if (d < 0)
            return;
        if (c->reset)
            c->s[d].ack_pending = false; /* a reset stack acknowledges nothing */
        else
            send_ack(c, em, (x4_dir)d, c->s[d].ack_due); /* captured even when the link is out */
    }
}
