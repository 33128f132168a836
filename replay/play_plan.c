#include "play_plan.h"
#include "osi_encode.h"
#include "schedule.h"
#include "timeline.h"
#include "verbs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What each TCP action of the language becomes on a socket, or why no
 * socket can do it. */
static const struct {
    const char *verb;
    int kind;                    /* x4p_step_kind, or -1: not playable */
    const char *why;
} tcp_actions[] = {
    { "fin", X4P_FIN, NULL },
    { "reset", X4P_RESET, NULL },
    { "stop-reading", X4P_STOP_READING, NULL },
    { "resume-reading", X4P_RESUME_READING, NULL },
    { "probe", X4P_PROBE, NULL },
    { "ack", -1, "a pure ACK on demand: the kernel decides when to acknowledge" },
    { "retransmit", -1, "retransmissions are the kernel's: it repeats only what the network lost, on its own timer" },
    { "unreachable", -1, "an ICMP error comes from a router or the peer's stack, not from a socket" },
};

typedef struct {
    x4r_osi_state osi;
    x4_conn *model;              /* decodes our own bytes into what the peer must see */
    bool unplayable;             /* its connect was refused here: skip its steps quietly */
    bool fin[2], reset, stopped[2];
    x4r_loc fin_loc[2], reset_loc;
} inst;

typedef struct {
    x4p_plan *plan;
    x4r_buf *refusals;
    unsigned n_refusals;
    x4r_loc *seen;               /* locations already refused (repeats run a line often) */
    int *slot;                   /* scenario connection slot -> plan connection, -1 */
    inst *inst;
} builder;

static void refuse(builder *b, x4r_loc loc, const char *verb, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void refuse(builder *b, x4r_loc loc, const char *verb, const char *fmt, ...)
{
    for (unsigned i = 0; i < b->n_refusals; i++)
        if (b->seen[i].line == loc.line && b->seen[i].col == loc.col)
            return;
    b->seen = x4r_xrealloc(b->seen, (b->n_refusals + 1) * sizeof *b->seen);
    b->seen[b->n_refusals++] = loc;
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    char line[1024];
    int n = snprintf(line, sizeof line, "%s:%u:%u: %s cannot be played live: %s\n", loc.file, loc.line,
                     loc.col, verb, why);
    x4r_buf_put(b->refusals, line, n > 0 && (size_t)n < sizeof line ? (size_t)n : strlen(line));
}

static x4p_step *add_step(builder *b, x4p_step_kind kind, unsigned conn, int dir, uint64_t t,
                          x4r_loc loc, const char *verb)
{
    x4p_plan *p = b->plan;
    p->steps = x4r_xrealloc(p->steps, (p->n_steps + 1) * sizeof *p->steps);
    x4p_step *s = &p->steps[p->n_steps++];
    *s = (x4p_step){ .kind = kind, .conn = conn, .dir = dir, .t_us = t, .loc = loc, .verb = verb };
    return s;
}

static unsigned endpoint_of(x4p_plan *p, int host, unsigned port)
{
    for (unsigned i = 0; i < p->n_endpoints; i++)
        if (p->endpoints[i].host == host && p->endpoints[i].port == port)
            return i;
    p->endpoints = x4r_xrealloc(p->endpoints, (p->n_endpoints + 1) * sizeof *p->endpoints);
    p->endpoints[p->n_endpoints] = (x4p_endpoint){ host, port };
    return p->n_endpoints++;
}

static bool on_connect(builder *b, const x4r_stmt *st, uint64_t t)
{
    x4p_plan *p = b->plan;
    const x4r_call *call = &st->calls[0];
    const x4r_params *prm = &call->p;
    unsigned k = p->n_conns;
    p->conns = x4r_xrealloc(p->conns, (k + 1) * sizeof *p->conns);
    b->inst = x4r_xrealloc(b->inst, (k + 1) * sizeof *b->inst);
    p->conns[k] = (x4p_conn){
        .name = p->sc->conn_names[st->conn], .from_host = prm->from_host, .to_host = prm->to_host,
        .from_port = prm->from_port, .to_port = prm->to_port,
        .endpoint = endpoint_of(p, prm->to_host, prm->to_port), .refused = prm->refused,
        .mss = X4R_GIVEN(prm, X4R_P_MSS) || !p->sc->hosts[prm->from_host].addr.v6 ? prm->mss : 1440,
        .window = prm->window, .loc = call->loc,
    };
    p->n_conns++;
    inst *in = &b->inst[k];
    memset(in, 0, sizeof *in);
    x4r_timeline_osi_init(&in->osi, prm->mode, k);
    in->model = x4_conn_new(&x4_alloc_libc);
    b->slot[st->conn] = (int)k;
    if (prm->unanswered) {
        in->unplayable = true;
        refuse(b, call->loc, "connect ... unanswered",
               "the peer's kernel answers every SYN a socket sends; an unanswered SYN is the network's doing (drop it with a firewall rule on the lab network)");
        return true;
    }
    add_step(b, X4P_CONNECT, k, 0, t, call->loc, "connect");
    return true;
}

/* What the other side must see of bytes side dir sends: our own TPKTs
 * decoded by the connection's model decoder. */
static void expect_bytes(inst *in, x4p_step *s)
{
    const uint8_t *q = s->bytes.p;
    size_t left = s->bytes.len;
    while (left >= X4_TPKT_HDR_LEN) {
        size_t len = (size_t)q[2] << 8 | q[3];
        if (len < X4_TPKT_HDR_LEN || len > left)
            break;   /* our encoders write whole TPKTs: not reached */
        x4_frame_info fi;
        x4_frame_info_init(&fi);
        x4_conn_feed_tpkt(in->model, (x4_dir)s->dir, q, len, &fi);
        x4p_events_of_frame(&fi, &s->expect, &s->n_expect);
        q += len;
        left -= len;
    }
}

/* The state rules a socket imposes on sending: none after a reset, no data
 * after this side's FIN.  True when the call may go ahead. */
static bool may_send(builder *b, inst *in, const x4r_call *c, int dir, bool is_data)
{
    const char *verb = x4r_verbs[c->verb].name;
    if (in->reset) {
        refuse(b, c->loc, verb, "the connection was reset at line %u; the kernel sends nothing more on it",
               in->reset_loc.line);
        return false;
    }
    if (is_data && in->fin[dir]) {
        refuse(b, c->loc, verb, "this side sent its FIN at line %u; a socket cannot send after shutdown",
               in->fin_loc[dir].line);
        return false;
    }
    return true;
}

static bool on_osi(builder *b, const x4r_stmt *st, uint64_t t, unsigned k)
{
    inst *in = &b->inst[k];
    for (unsigned i = 0; i < st->n_calls; i++)
        if (!may_send(b, in, &st->calls[i], st->dir, true))
            return true;
    x4p_step *s = add_step(b, X4P_SEND, k, st->dir, t, st->calls[0].loc, x4r_verbs[st->calls[0].verb].name);
    for (unsigned i = 0; i < st->n_calls; i++)
        x4r_verbs[st->calls[i].verb].encode(&s->bytes, &in->osi, st->dir, &st->calls[i].p);
    expect_bytes(in, s);
    return true;
}

static uint64_t backoff_span(const x4r_params *p)
{
    uint64_t span = 0, step = p->backoff_us;
    for (unsigned i = 0; i < p->count; i++, step *= 2)
        span += step;
    return span;
}

static bool on_tcp(builder *b, x4r_sched *s, const x4r_stmt *st, uint64_t t, unsigned k)
{
    inst *in = &b->inst[k];
    const x4r_call *c = &st->calls[0];
    const char *verb = x4r_verbs[c->verb].name;
    int kind = -1;
    const char *why = "x400replay play has no socket operation for it";
    for (unsigned i = 0; i < sizeof tcp_actions / sizeof tcp_actions[0]; i++)
        if (strcmp(tcp_actions[i].verb, verb) == 0) {
            kind = tcp_actions[i].kind;
            why = tcp_actions[i].why;
        }
    if (kind < 0) {
        refuse(b, c->loc, verb, "%s", why);
        return true;
    }
    if (!may_send(b, in, c, st->dir, false))
        return true;
    int d = st->dir, other = !d;
    switch ((x4p_step_kind)kind) {
    case X4P_FIN:
        if (in->fin[d]) {
            refuse(b, c->loc, verb, "this side already sent its FIN at line %u", in->fin_loc[d].line);
            return true;
        }
        in->fin[d] = true;
        in->fin_loc[d] = c->loc;
        break;
    case X4P_RESET:
        in->reset = true;
        in->reset_loc = c->loc;
        break;
    case X4P_STOP_READING: in->stopped[d] = true; break;
    case X4P_RESUME_READING: in->stopped[d] = false; break;
    case X4P_PROBE:
        if (!in->stopped[other]) {
            refuse(b, c->loc, verb, "the kernel probes only a closed window: the other side must stop-reading first");
            return true;
        }
        s->busy_until = s->base_us + t + backoff_span(&c->p);
        break;
    default: break;
    }
    x4p_step *step = add_step(b, (x4p_step_kind)kind, k, d, t, c->loc, verb);
    if (kind == X4P_PROBE)
        step->span_us = backoff_span(&c->p);
    if (kind == X4P_FIN || kind == X4P_RESET) {
        step->expect = x4r_xcalloc(1, sizeof *step->expect);
        step->expect[0] = (x4p_event){ .kind = kind == X4P_FIN ? X4P_EV_FIN : X4P_EV_RST, .reason = -1 };
        step->n_expect = 1;
    }
    return true;
}

static bool on_stmt(x4r_sched *s, const x4r_stmt *st, uint64_t t)
{
    builder *b = s->ctx;
    switch (st->kind) {
    case X4R_ST_CONNECT:
        return on_connect(b, st, t);
    case X4R_ST_OUTAGE:
    case X4R_ST_RESTORE:
        refuse(b, st->loc, st->kind == X4R_ST_OUTAGE ? "outage" : "restore",
               "a network outage is not a socket operation (to reproduce one, drop the path with a firewall rule on the lab network)");
        return true;
    case X4R_ST_REPEAT:
        return true;
    case X4R_ST_SEND:
        break;
    }
    int k = b->slot[st->conn];
    if (k < 0)
        return x4r_sched_fail(s, st->loc, "connection '%s' is not open here (it is opened by a connect later or in another repeat block)",
                              b->plan->sc->conn_names[st->conn]);
    if (b->inst[k].unplayable)
        return true;
    if (b->plan->conns[k].refused) {
        refuse(b, st->calls[0].loc, x4r_verbs[st->calls[0].verb].name,
               "connection '%s' was refused (line %u): there is nothing to send on", b->plan->conns[k].name,
               b->plan->conns[k].loc.line);
        return true;
    }
    if (x4r_verbs[st->calls[0].verb].kind == X4R_VK_OSI)
        return on_osi(b, st, t, (unsigned)k);
    return on_tcp(b, s, st, t, (unsigned)k);
}

int x4p_plan_build(const x4r_scenario *sc, x4p_plan *plan, x4r_buf *refusals, char *err, size_t errlen)
{
    memset(plan, 0, sizeof *plan);
    plan->sc = sc;
    builder b = { .plan = plan, .refusals = refusals };
    b.slot = x4r_xcalloc(sc->n_conns ? sc->n_conns : 1, sizeof *b.slot);
    for (unsigned i = 0; i < sc->n_conns; i++)
        b.slot[i] = -1;
    x4r_sched sched;
    x4r_sched_init(&sched, sc, on_stmt, &b, err, errlen);
    bool ok = x4r_sched_walk(&sched);
    for (unsigned i = 0; i < plan->n_conns; i++)
        x4_conn_free(b.inst[i].model);
    free(b.inst);
    free(b.slot);
    free(b.seen);
    if (!ok)
        return -1;
    return (int)b.n_refusals;
}

void x4p_plan_free(x4p_plan *plan)
{
    for (unsigned i = 0; i < plan->n_steps; i++) {
        x4r_buf_free(&plan->steps[i].bytes);
        free(plan->steps[i].expect);
    }
    free(plan->steps);
    free(plan->conns);
    free(plan->endpoints);
    memset(plan, 0, sizeof *plan);
}

unsigned x4p_plan_next_connect(const x4p_plan *plan, unsigned i)
{
    for (unsigned k = i + 1; k < plan->n_steps; k++)
        if (plan->steps[k].kind == X4P_CONNECT)
            return k;
    return plan->n_steps;
}
