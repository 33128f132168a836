#include "timeline.h"
#include "bytebuf.h"
#include "osi_encode.h"
#include "tcp_synth.h"
#include "schedule.h"
#include "verbs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X4R_FIRST_PORT 1100
#define X4R_COPY_GAP_US 1000000u
#define X4R_IPV6_MSS 1440 /* 1500 - 40 - 20 */

typedef struct {
    x4r_tcp_conn tcp;
    x4r_osi_state osi;
    bool open;
} rconn;

typedef struct {
    x4r_addr addr;
    uint16_t ip_id;
    uint16_t next_port;
} rhost;

/* Encoded bytes of one call, valid for the OSI state they were made in. */
typedef struct {
    bool valid;
    x4r_osi_state before, after;
    x4r_buf bytes;
} cache_entry;

/* Encoded bytes kept for reuse across copies and repeats, at most: beyond
 * it calls are encoded afresh each time (same bytes, more time). */
#define X4R_CACHE_MAX_BYTES (32u << 20)

typedef struct {
    const x4r_scenario *sc;
    x4r_emitter *em;
    rhost *hosts;
    rconn *conns;
    cache_entry *cache;
    x4r_sched sched;      /* statement times; its ctx is this run */
    size_t cached;        /* bytes held by the cache */
    uint64_t base_us;     /* absolute time of scenario time 0 in this copy */
    unsigned long copy;
    unsigned serial;      /* connections opened in this copy */
    x4r_buf tsdu;
} run;

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void x4r_timeline_osi_init(x4r_osi_state *st, x4_mode mode, unsigned serial)
{
    uint64_t refs = mix(0x5EED0000u + serial);
    x4r_osi_state_init(st, mode ? mode : X4_MODE_X410_1984, (uint16_t)(refs | 1),
                       (uint16_t)((refs >> 16) | 1));
}

/* ---- connections --------------------------------------------------------- */

static void flush_due(run *r, uint64_t until_abs)
{
    for (;;) {
        rconn *best = NULL;
        uint64_t due = UINT64_MAX;
        for (unsigned i = 0; i < r->sc->n_conns; i++) {
            if (!r->conns[i].open)
                continue;
            uint64_t d = x4r_tcp_next_due(&r->conns[i].tcp);
            if (d < due) {
                due = d;
                best = &r->conns[i];
            }
        }
        if (!best || due > until_abs)
            return;
        x4r_tcp_flush_acks(&best->tcp, r->em, due);
    }
}

/* Ends a connection's life in the run: its pending delayed ACKs go out, at
 * the latest at `by` (when its slot is reused for a new connect at `by`). */
static void close_conn(run *r, rconn *c, uint64_t by)
{
    if (!c->open)
        return;
    for (int d = 0; d < 2; d++)
        if (c->tcp.s[d].ack_pending && c->tcp.s[d].ack_due > by)
            c->tcp.s[d].ack_due = by;
    x4r_tcp_flush_acks(&c->tcp, r->em, UINT64_MAX);
    x4r_tcp_free(&c->tcp);
    c->open = false;
}

static void do_connect(run *r, const x4r_stmt *st, uint64_t t)
{
    const x4r_params *p = &st->calls[0].p;
    rconn *c = &r->conns[st->conn];
    close_conn(r, c, t);
    rhost *a = &r->hosts[p->from_host], *b = &r->hosts[p->to_host];
    unsigned serial = r->serial++;
    x4r_tcp_params tp = {
        .addr = { &a->addr, &b->addr },
        .ip_id = { &a->ip_id, &b->ip_id },
        .port = { (uint16_t)(p->from_port ? p->from_port : a->next_port++), (uint16_t)p->to_port },
        .isn = { (uint32_t)mix((uint64_t)r->copy << 32 | serial << 1),
                 (uint32_t)mix((uint64_t)r->copy << 32 | serial << 1 | 1) },
        .rcvbuf = { p->window, p->window },
        .mss = (uint16_t)(X4R_GIVEN(p, X4R_P_MSS) || !a->addr.v6 ? p->mss : X4R_IPV6_MSS),
        .latency_us = (uint32_t)p->latency_us,
        .delack_us = (uint32_t)p->delack_us,
    };
    if (a->next_port == 0)
        a->next_port = X4R_FIRST_PORT;
    x4r_tcp_init(&c->tcp, &tp);
    x4r_timeline_osi_init(&c->osi, p->mode, serial);
    c->open = true;
    if (p->refused)
        x4r_tcp_refuse(&c->tcp, r->em, t);
    else if (p->unanswered)
        x4r_tcp_syn_unanswered(&c->tcp, r->em, t, p->retries, p->rto_us);
    else
        x4r_tcp_handshake(&c->tcp, r->em, t);
}

/* Appends the TPKTs of one call to r->tsdu, from the cache when the OSI
 * state matches the one the cached bytes were made in. */
static void encode_call(run *r, rconn *c, const x4r_call *call, x4_dir dir)
{
    cache_entry *e = &r->cache[call->id];
    if (e->valid && memcmp(&e->before, &c->osi, sizeof c->osi) == 0) {
        x4r_buf_put(&r->tsdu, e->bytes.p, e->bytes.len);
        c->osi = e->after;
        return;
    }
    r->cached -= e->bytes.cap;
    e->before = c->osi;
    e->bytes.len = 0;
    x4r_verbs[call->verb].encode(&e->bytes, &c->osi, dir, &call->p);
    e->after = c->osi;
    e->valid = true;
    x4r_buf_put(&r->tsdu, e->bytes.p, e->bytes.len);
    r->cached += e->bytes.cap;
    if (r->cached > X4R_CACHE_MAX_BYTES) {
        r->cached -= e->bytes.cap;
        x4r_buf_free(&e->bytes);
        e->valid = false;
    }
}

/* Bytes side dir would hold that its peer has not acknowledged. */
static size_t unacked_after(const rconn *c, int dir, size_t more)
{
    const x4r_tcp_side *s = &c->tcp.s[dir];
    return s->queue.len + s->flight.len + more;
}

static bool do_send(run *r, const x4r_stmt *st, uint64_t t)
{
    rconn *c = &r->conns[st->conn];
    if (!c->open)
        return x4r_sched_fail(&r->sched, st->loc, "connection '%s' is not open here (it is opened by a connect later or in another repeat block)",
                    r->sc->conn_names[st->conn]);
    const x4r_verb *v0 = &x4r_verbs[st->calls[0].verb];
    if (v0->kind == X4R_VK_ICMP) {
        const x4r_params *p = &st->calls[0].p;
        bool router = X4R_GIVEN(p, X4R_P_FROM);
        rhost *h = router ? &r->hosts[p->from_host] : NULL;
        x4r_tcp_unreachable(&c->tcp, r->em, st->dir, t, (uint8_t)(p->reason >= 0 ? p->reason : 1),
                            router ? &h->addr : c->tcp.s[st->dir].addr,
                            router ? &h->ip_id : c->tcp.s[st->dir].ip_id);
        return true;
    }
    if (v0->kind == X4R_VK_TCP) {
        v0->tcp(&c->tcp, r->em, st->dir, t, &st->calls[0].p);
        return true;
    }
    r->tsdu.len = 0;
    for (unsigned i = 0; i < st->n_calls; i++)
        encode_call(r, c, &st->calls[i], st->dir);
    size_t held = unacked_after(c, st->dir, r->tsdu.len);
    if (held > X4R_MAX_UNACKED_BYTES)
        return x4r_sched_fail(&r->sched, st->loc, "connection '%s' would hold %zu bytes its peer has not acknowledged (it stopped reading, the link is out or the connection was reset); the limit is %u: resume reading or send less",
                    r->sc->conn_names[st->conn], held, X4R_MAX_UNACKED_BYTES);
    x4r_tcp_send(&c->tcp, r->em, st->dir, t, r->tsdu.p, r->tsdu.len);
    return true;
}

/* ---- statements ---------------------------------------------------------- */

static bool perform_stmt(x4r_sched *s, const x4r_stmt *st, uint64_t t)
{
    run *r = s->ctx;
    flush_due(r, r->base_us + t);
    const x4r_params *p0 = st->n_calls ? &st->calls[0].p : NULL;
    switch (st->kind) {
    case X4R_ST_CONNECT:
        do_connect(r, st, r->base_us + t);
        if (p0->unanswered && p0->retries)
            s->busy_until = r->em->last_us;
        return true;
    case X4R_ST_SEND:
        if (!do_send(r, st, r->base_us + t))
            return false;
        if (x4r_verbs[st->calls[0].verb].timed)
            s->busy_until = r->em->last_us;
        return true;
    case X4R_ST_OUTAGE:
    case X4R_ST_RESTORE:
        if (!r->conns[st->conn].open)
            return x4r_sched_fail(s, st->loc, "connection '%s' is not open here", r->sc->conn_names[st->conn]);
        r->conns[st->conn].tcp.outage = st->kind == X4R_ST_OUTAGE;
        return true;
    case X4R_ST_REPEAT:
        return true;   /* the walker runs its iterations */
    }
    return true;
}

/* The emitter's limits, checked after the statement whose frames passed
 * them. */
static bool emitter_ok(run *r, const x4r_stmt *st)
{
    if (r->em->late)
        return x4r_sched_fail(&r->sched, st->loc, "this statement writes frames past 2106-02-07, the last time a pcap timestamp holds (shorten its back-off or retries)");
    if (r->em->full)
        return x4r_sched_fail(&r->sched, st->loc, "the capture would have more than %llu packets, the limit of this run",
                    (unsigned long long)r->em->max_packets);
    return true;
}

/* One statement, then the limits its frames may have passed. */
static bool exec_stmt(x4r_sched *s, const x4r_stmt *st, uint64_t t)
{
    return perform_stmt(s, st, t) && emitter_ok(s->ctx, st);
}

/* ---- copies -------------------------------------------------------------- */

static void setup_copy(run *r, unsigned long copy)
{
    const x4r_scenario *sc = r->sc;
    r->copy = copy;
    r->serial = 0;
    r->sched.base_us = r->base_us;
    for (unsigned i = 0; i < sc->n_hosts; i++) {
        rhost *h = &r->hosts[i];
        h->addr = sc->hosts[i].addr;
        if (sc->hosts[i].initiates && copy) {
            x4r_addr_offset(&h->addr, (uint32_t)copy);
            if (!sc->hosts[i].mac_given)
                x4r_addr_default_mac(&h->addr);
        }
        h->ip_id = (uint16_t)mix(i + 7);
        h->next_port = X4R_FIRST_PORT;
    }
    memset(r->conns, 0, sc->n_conns * sizeof *r->conns);
}

int x4r_run(const x4r_scenario *sc, x4r_emitter *em, unsigned long repeat, char *err, size_t errlen)
{
    run r = { .sc = sc, .em = em };
    x4r_sched_init(&r.sched, sc, exec_stmt, &r, err, errlen);
    r.hosts = x4r_xcalloc(sc->n_hosts, sizeof *r.hosts);
    r.conns = x4r_xcalloc(sc->n_conns, sizeof *r.conns);
    r.cache = x4r_xcalloc(sc->n_calls, sizeof *r.cache);
    r.base_us = sc->epoch_us;
    bool ok = true;
    for (unsigned long k = 0; ok && k < (repeat ? repeat : 1); k++) {
        if (k > 0)
            r.base_us = (em->last_us > r.base_us ? em->last_us : r.base_us) + X4R_COPY_GAP_US;
        setup_copy(&r, k);
        ok = x4r_sched_walk(&r.sched);
        for (unsigned i = 0; i < sc->n_conns; i++)
            close_conn(&r, &r.conns[i], UINT64_MAX);
    }
    for (unsigned i = 0; i < sc->n_calls; i++)
        x4r_buf_free(&r.cache[i].bytes);
    free(r.cache);
    free(r.hosts);
    free(r.conns);
    x4r_buf_free(&r.tsdu);
    return ok ? 0 : -1;
}
