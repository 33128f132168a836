#include "play_link.h"
#include "play_socket.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define NOT_A_TPKT "not a TPKT (RFC 1006 version 3 and a length of at least 7 expected)"

void x4p_link_init(x4p_link *c, int peer)
{
    *c = (x4p_link){ .fd = -1, .peer = peer, .wire = x4_conn_new(&x4_alloc_libc) };
}

void x4p_link_free(x4p_link *c)
{
    if (c->fd >= 0)
        close(c->fd);
    x4_conn_free(c->wire);
    x4p_expect_free(&c->ex);
    x4r_buf_free(&c->in);
    x4r_buf_free(&c->out);
    c->fd = -1;
}

static void arrive(x4p_link *c, x4p_ev_kind kind, uint64_t now)
{
    x4p_event e = { .kind = kind, .reason = -1, .text = kind == X4P_EV_BAD ? NOT_A_TPKT : NULL };
    x4p_expect_arrive(&c->ex, &e, now);
}

void x4p_link_abandon(x4p_link *c)
{
    c->abandoned = true;
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}

static void decode_input(x4p_link *c, uint64_t now)
{
    size_t used = 0;
    while (c->in.len - used >= X4_TPKT_HDR_LEN) {
        const uint8_t *p = c->in.p + used;
        size_t len = (size_t)p[2] << 8 | p[3];
        if (p[0] != X4_TPKT_VERSION || len < X4_TPKT_MIN_LEN) {
            arrive(c, X4P_EV_BAD, now);
            used = c->in.len;
            break;
        }
        if (c->in.len - used < len)
            break;
        x4_frame_info fi;
        x4_frame_info_init(&fi);
        x4_conn_feed_tpkt(c->wire, (x4_dir)c->peer, p, len, &fi);
        x4p_event *ev = NULL;
        unsigned n = 0;
        x4p_events_of_frame(&fi, &ev, &n);
        for (unsigned i = 0; i < n; i++)
            x4p_expect_arrive(&c->ex, &ev[i], now);
        free(ev);
        used += len;
    }
    x4r_buf_consume(&c->in, used);
}

static void peer_reset(x4p_link *c, uint64_t now)
{
    if (c->peer_rst)
        return;
    c->peer_rst = true;
    c->out.len = c->out_off = 0;
    arrive(c, X4P_EV_RST, now);
}

/* Reads what is there, at most READ_ROUNDS buffers at a time (a peer that
 * floods does not keep the other connections and the clock waiting); a
 * connection whose peer already departed from the scenario is not read on. */
#define READ_ROUNDS 16

static void read_input(x4p_link *c, uint64_t now)
{
    uint8_t buf[65536];
    for (unsigned round = 0; round < READ_ROUNDS && !c->ex.failed; round++) {
        ssize_t n = recv(c->fd, buf, sizeof buf, 0);
        if (n > 0) {
            x4r_buf_put(&c->in, buf, (size_t)n);
            decode_input(c, now);
            continue;
        }
        if (n == 0) {
            c->peer_fin = true;
            arrive(c, X4P_EV_FIN, now);
        } else if (errno == ECONNRESET || errno == EPIPE) {
            peer_reset(c, now);
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            peer_reset(c, now);   /* ETIMEDOUT, EHOSTUNREACH: the connection is gone too */
        }
        return;
    }
}

static void flush_output(x4p_link *c, uint64_t now)
{
    while (c->out_off < c->out.len) {
        ssize_t n = send(c->fd, c->out.p + c->out_off, c->out.len - c->out_off, MSG_NOSIGNAL);
        if (n > 0) {
            c->out_off += (size_t)n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        peer_reset(c, now);
        return;
    }
    c->out.len = c->out_off = 0;
    if (c->fin_pending && !c->fin_sent) {
        x4p_sock_fin(c->fd);
        c->fin_sent = true;
    }
}

short x4p_link_events(const x4p_link *c)
{
    if (c->connecting)
        return POLLOUT;
    short ev = 0;
    if (c->reading && !c->peer_fin)
        ev |= POLLIN;
    if (c->out_off < c->out.len)
        ev |= POLLOUT;
    return ev;
}

bool x4p_link_pollable(const x4p_link *c)
{
    return c->fd >= 0 && !c->abandoned && !c->ex.failed && !c->peer_rst && !(c->peer_fin && c->fin_sent);
}

void x4p_link_on_event(x4p_link *c, short re, uint64_t now)
{
    if (c->connecting) {
        c->connecting = false;
        c->connect_errno = x4p_sock_connect_result(c->fd);
        return;
    }
    if (re & POLLIN)
        read_input(c, now);
    if ((re & (POLLERR | POLLHUP)) && !c->peer_rst) {
        int e = x4p_sock_error(c->fd);
        if (e)
            peer_reset(c, now);
    }
    if ((re & POLLOUT) && !c->peer_rst)
        flush_output(c, now);
}

bool x4p_link_send(x4p_link *c, const uint8_t *tpkts, size_t len, uint64_t now)
{
    const uint8_t *q = tpkts;
    size_t left = len;
    while (left >= X4_TPKT_HDR_LEN) {   /* the wire decoder learns the association from both sides */
        size_t n = (size_t)q[2] << 8 | q[3];
        x4_frame_info fi;
        x4_frame_info_init(&fi);
        x4_conn_feed_tpkt(c->wire, (x4_dir)!c->peer, q, n, &fi);
        q += n;
        left -= n;
    }
    if (c->peer_rst)
        return false;
    x4r_buf_put(&c->out, tpkts, len);
    flush_output(c, now);
    return true;
}

void x4p_link_fin(x4p_link *c)
{
    c->fin_pending = true;
    if (c->out_off >= c->out.len && !c->peer_rst && !c->fin_sent) {
        x4p_sock_fin(c->fd);
        c->fin_sent = true;
    }
}

void x4p_link_reset(x4p_link *c)
{
    x4p_sock_reset(c->fd);
    c->fd = -1;
}
