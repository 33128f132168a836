/* New connections and their roles, the TCP handshake, and connect attempts:
 * each connection whose first SYN is seen is an attempt of its initiator
 * to reach the responder's port; an earlier attempt still without a SYN-ACK
 * is abandoned when the same host tries again. */
#include "state/assoc.h"

#include <string.h>

#define X4_SYN_GIVE_UP 21.0   /* seconds: Windows gives a SYN up after 3 + 6 + 12 s */

/* The server side of a connection first seen without a SYN: the RFC1006
 * well-known port, else the lower port (clients use ephemeral ports). */
bool x4_state_dst_is_server(const x4_tcp_event *ev)
{
    if (ev->syn)
        return !ev->ack;
    if (ev->dst_port == X4_TCP_PORT_RFC1006 || ev->src_port == X4_TCP_PORT_RFC1006)
        return ev->dst_port == X4_TCP_PORT_RFC1006;
    return ev->dst_port <= ev->src_port;
}

/* The pair of hosts of a new connection, and which of its addresses is the
 * initiator's. */
static x4_pair *pair_of(x4_engine *e, const x4_tcp_event *ev, uint8_t *side)
{
    bool src_inits = x4_state_dst_is_server(ev);
    const uint8_t *init = src_inits ? ev->src_addr : ev->dst_addr;
    const uint8_t *resp = src_inits ? ev->dst_addr : ev->src_addr;
    return x4_pair_get(e, init, resp, ev->addr_len <= 16 ? ev->addr_len : 16, side);
}

static void set_ports(x4_assoc *a, const x4_tcp_event *ev)
{
    x4_dir src = x4_state_dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
    a->port[src] = ev->src_port;
    a->port[x4_peer(src)] = ev->dst_port;
}

x4_assoc *x4_state_create(x4_engine *e, const x4_tcp_event *ev)
{
    uint8_t side;
    x4_pair *p = pair_of(e, ev, &side);
    x4_assoc *a = p ? x4_conn_add(e, ev->stream) : NULL;
    if (!a)
        return NULL;
    a->assoc = ++e->n_assocs;
    a->pair = p;
    a->side = side;
    set_ports(a, ev);
    x4_flow_table_add(e, a);
    /* A SYN-ACK first (the SYN not captured) still shows a new connection. */
    a->state = !ev->syn ? X4_ST_UNKNOWN : ev->ack ? X4_ST_TCP_OPEN : X4_ST_NONE;
    a->known = ev->syn;
    x4_pair_open(p, a);
    return a;
}

x4_dir x4_state_dir(const x4_assoc *a, const x4_tcp_event *ev)
{
    bool init = ev->src_port == a->port[X4_DIR_INITIATOR] &&
                memcmp(ev->src_addr, x4_addr(a, X4_DIR_INITIATOR), x4_addr_len(a)) == 0;
    return init ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
}

/* An earlier attempt waiting for its SYN-ACK was given up when it had to
 * retransmit its SYN or waited longer than a TCP stack tries; a parallel
 * connect is not abandoned. */
static bool abandoned(const x4_assoc *old, double now)
{
    if (old->outcome != X4_ATTEMPT_PENDING || old->state != X4_ST_TCP_CONNECTING)
        return false;
    return old->syn_retrans || now - old->syn_time >= X4_SYN_GIVE_UP;
}

/* The earlier attempts to this target, oldest first. */
static void abandon_older(x4_frame *f, const x4_connect_target *t)
{
    uint32_t total = t->n;
    uint32_t n = total < X4_TARGET_CONNECTS ? total : X4_TARGET_CONNECTS;
    for (uint32_t i = 0; i < n; i++) {
        x4_assoc *old = t->ring[x4_history_slot(total - n + i, X4_TARGET_CONNECTS)];
        if (!abandoned(old, f->ev->time))
            continue;
        x4_emit(f, old, &(x4_transition){ .kind = X4_TR_ABANDONED });
        x4_state_settle(f, old, X4_ATTEMPT_FAILED);
        x4_state_end(f, old, X4_ST_CLOSED, X4_END_ABANDONED);
    }
}

/* The slot of (side, port) at time now: the one already for it, else a new
 * one while the pair has fewer than X4_TARGETS, else the least recently
 * used, whose attempts then start over.  NULL when out of memory. */
static x4_connect_target *target_slot(x4_engine *e, x4_pair *p, unsigned side, uint16_t port,
                                      double now)
{
    unsigned pick = 0;
    for (unsigned i = 0; i < p->n_targets; i++) {
        x4_connect_target *t = &p->targets[i];
        if (t->side == side && t->port == port) {
            t->last_used = now;
            return t;
        }
        if (t->last_used < p->targets[pick].last_used)
            pick = i;
    }
    if (p->n_targets < X4_TARGETS) {
        x4_connect_target *fresh = x4_history_room(&e->alloc, (void **)&p->targets, &p->targets_cap,
                                                   p->n_targets, sizeof *p->targets, X4_TARGETS);
        if (!fresh)
            return NULL;
        *fresh = (x4_connect_target){ .ring = NULL, .cap = 0 };
        pick = p->n_targets++;
    }
    x4_connect_target *t = &p->targets[pick];
    t->side = (uint8_t)side;
    t->port = port;
    t->last_used = now;
    t->n = 0;
    return t;
}

static void attempt(x4_frame *f)
{
    x4_assoc *a = f->a;
    x4_pair *p = a->pair;
    x4_connect_target *t = target_slot(f->e, p, a->side, a->port[X4_DIR_RESPONDER],
                                       f->ev->time);
    if (!t)
        return;
    x4_assoc **room = x4_history_room(&f->e->alloc, (void **)&t->ring, &t->cap, t->n,
                                      sizeof *t->ring, X4_TARGET_CONNECTS);
    if (!room)
        return;
    abandon_older(f, t);
    *room = a;
    t->n++;
    x4_emit(f, a, &(x4_transition){ .kind = X4_TR_ATTEMPT });
}

static void syn(x4_frame *f)
{
    x4_assoc *a = f->a;
    if (a->syn_frame || f->ev->retransmission) {
        a->syn_retrans++;     /* SYN retransmission: the same attempt */
        return;
    }
    a->syn_frame = f->ev->frame;
    a->syn_time = f->ev->time;
    if (a->state == X4_ST_NONE || a->state == X4_ST_UNKNOWN) {
        a->state = X4_ST_TCP_CONNECTING;
        a->known = true;
    }
    attempt(f);
}

void x4_state_tcp_open(x4_frame *f)
{
    x4_assoc *a = f->a;
    const x4_tcp_event *ev = f->ev;

    if (ev->syn && !ev->ack && f->dir == X4_DIR_INITIATOR) {
        syn(f);
        return;
    }
    if (a->state != X4_ST_TCP_CONNECTING || ev->rst)
        return;
    /* SYN-ACK, or the initiator's ACK when the SYN-ACK was not captured. */
    if ((ev->syn && ev->ack && f->dir == X4_DIR_RESPONDER) ||
        (!ev->syn && ev->ack && f->dir == X4_DIR_INITIATOR)) {
        a->state = X4_ST_TCP_OPEN;
        x4_emit(f, a, &(x4_transition){ .kind = X4_TR_CONNECTED });
    }
}
