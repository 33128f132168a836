#include "play_role.h"
#include "play_link.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A peer step that arrives at most this much after its scenario time keeps
 * the schedule (what follows is timed from the scenario time, so the
 * wake-up latency of two busy processes does not add up hop after hop);
 * later than that, what follows is timed from the arrival, so a slow MTA is
 * never overtaken. */
#define ON_TIME_US 5000u

struct x4p_role {
    x4p_role_cfg cfg;
    x4p_link *c;
    unsigned n_conns;
    int *lfd;                    /* per endpoint (aliases share the first's) */
    unsigned *canon;             /* endpoint -> the endpoint whose listener it uses */
    uint64_t *reopen_at;         /* per endpoint: listen again then (0: no) */
    int accept_ep;               /* endpoint an accept is awaited on, -1 */
    int accept_conn;
    struct pollfd *pf;
    int *pf_owner;               /* conn index, or -1 - endpoint */
    uint64_t t0, prev_real, prev_sched;
    unsigned deviations, failures;
};

uint64_t x4p_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t now(const x4p_role *r) { return x4p_now_us() - r->t0; }

/* ---- reports ------------------------------------------------------------- */

/* "file:line:column: role: connection: text", counted in *count. */
static void report(const x4p_role *r, unsigned *count, x4r_loc loc, const char *conn, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void report(const x4p_role *r, unsigned *count, x4r_loc loc, const char *conn, const char *fmt, ...)
{
    char text[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%u:%u: %s: %s: %s\n", loc.file, loc.line, loc.col, r->cfg.label, conn, text);
    (*count)++;
}

/* The peer did something the scenario does not have. */
#define deviation(r, ...) report((r), &(r)->deviations, __VA_ARGS__)
/* Something failed on this host. */
#define failure(r, ...) report((r), &(r)->failures, __VA_ARGS__)

static void trace(const x4p_role *r, const x4p_step *s, const char *what)
{
    if (!r->cfg.verbose)
        return;
    uint64_t t = now(r);
    fprintf(stderr, "%4llu.%06llu %s: %s line %u: %s %s\n", (unsigned long long)(t / 1000000u),
            (unsigned long long)(t % 1000000u), r->cfg.label, r->cfg.plan->conns[s->conn].name,
            s->loc.line, s->verb, what);
}

/* ---- one connection ------------------------------------------------------ */

static const char *conn_name(const x4p_role *r, unsigned k) { return r->cfg.plan->conns[k].name; }

/* ---- listeners ----------------------------------------------------------- */

static x4p_conn *conn_def(const x4p_role *r, unsigned k) { return &r->cfg.plan->conns[k]; }

static void close_listener(x4p_role *r, unsigned ep)
{
    unsigned e = r->canon[ep];
    if (r->lfd[e] >= 0)
        close(r->lfd[e]);
    r->lfd[e] = -1;
    r->reopen_at[e] = 0;
}

static bool open_listener(x4p_role *r, unsigned ep, const x4p_conn *next, char *err, size_t errlen)
{
    unsigned e = r->canon[ep];
    r->reopen_at[e] = 0;
    if (r->lfd[e] >= 0) {
        x4p_sock_tune(r->lfd[e], next->mss, next->window);
        return true;
    }
    r->lfd[e] = x4p_sock_listen(&r->cfg.endpoint_addr[e], next->mss, next->window, err, errlen);
    return r->lfd[e] >= 0;
}

/* The connect step after step i on the same endpoint (NULL if none). */
static const x4p_step *next_connect_on(const x4p_role *r, unsigned i, unsigned ep)
{
    const x4p_plan *p = r->cfg.plan;
    for (unsigned k = x4p_plan_next_connect(p, i); k < p->n_steps; k = x4p_plan_next_connect(p, k))
        if (r->canon[p->conns[p->steps[k].conn].endpoint] == r->canon[ep])
            return &p->steps[k];
    return NULL;
}

/* After the connect of step i (accepted, or refused at `at`): the listener
 * is tuned for the next connect, closed if that one is to be refused (or
 * there is none), reopened halfway to it after a refusal. */
static void prepare_listener(x4p_role *r, unsigned i, uint64_t at)
{
    const x4p_step *s = &r->cfg.plan->steps[i];
    unsigned ep = conn_def(r, s->conn)->endpoint;
    const x4p_step *next = next_connect_on(r, i, ep);
    char err[256];
    if (!next || conn_def(r, next->conn)->refused) {
        close_listener(r, ep);
        return;
    }
    if (!conn_def(r, s->conn)->refused) {
        if (!open_listener(r, ep, conn_def(r, next->conn), err, sizeof err))
            failure(r, s->loc, conn_name(r, s->conn), "%s", err);
        return;
    }
    close_listener(r, ep);
    r->reopen_at[r->canon[ep]] = at + (next->t_us - s->t_us) / 2 + 1;
}

static void reopen_due(x4p_role *r)
{
    const x4p_plan *p = r->cfg.plan;
    for (unsigned e = 0; e < p->n_endpoints; e++) {
        if (!r->reopen_at[e] || now(r) < r->reopen_at[e])
            continue;
        /* tuned for the first connection still to come on it */
        for (unsigned k = 0; k < p->n_conns; k++)
            if (r->canon[p->conns[k].endpoint] == e && !p->conns[k].refused && r->c[k].fd < 0 &&
                !r->c[k].accepted && !r->c[k].abandoned) {
                char err[256];
                if (!open_listener(r, e, &p->conns[k], err, sizeof err))
                    failure(r, p->conns[k].loc, p->conns[k].name, "%s", err);
                break;
            }
        r->reopen_at[e] = 0;
    }
}

static void accept_one(x4p_role *r)
{
    unsigned e = r->canon[(unsigned)r->accept_ep];
    int fd = x4p_sock_accept(r->lfd[e]);
    if (fd < 0)
        return;
    x4p_link *c = &r->c[r->accept_conn];
    c->fd = fd;
    c->accepted = true;
    c->reading = true;
    r->accept_ep = -1;
}

/* ---- waiting ------------------------------------------------------------- */

static uint64_t next_timer(const x4p_role *r, uint64_t deadline)
{
    for (unsigned e = 0; e < r->cfg.plan->n_endpoints; e++)
        if (r->reopen_at[e] && r->reopen_at[e] < deadline)
            deadline = r->reopen_at[e];
    return deadline;
}

/* One round of I/O on every connection, until something happens or the
 * deadline (relative µs). */
static void service(x4p_role *r, uint64_t deadline)
{
    nfds_t n = 0;
    for (unsigned k = 0; k < r->n_conns; k++)
        if (x4p_link_pollable(&r->c[k])) {
            r->pf[n] = (struct pollfd){ .fd = r->c[k].fd, .events = x4p_link_events(&r->c[k]) };
            r->pf_owner[n++] = (int)k;
        }
    if (r->accept_ep >= 0 && r->lfd[r->canon[r->accept_ep]] >= 0) {
        r->pf[n] = (struct pollfd){ .fd = r->lfd[r->canon[r->accept_ep]], .events = POLLIN };
        r->pf_owner[n++] = -1;
    }
    uint64_t t = now(r), until = next_timer(r, deadline);
    uint64_t wait = until > t ? until - t : 0;
    struct timespec ts = { .tv_sec = (time_t)(wait / 1000000u), .tv_nsec = (long)(wait % 1000000u) * 1000 };
    int rc = ppoll(r->pf, n, &ts, NULL);
    reopen_due(r);
    if (rc <= 0)
        return;
    for (nfds_t i = 0; i < n; i++) {
        if (!r->pf[i].revents)
            continue;
        if (r->pf_owner[i] < 0)
            accept_one(r);
        else
            x4p_link_on_event(&r->c[r->pf_owner[i]], r->pf[i].revents, now(r));
    }
}

typedef bool (*until_fn)(const x4p_role *r, const x4p_link *c, unsigned arg);

/* Services I/O until cond holds (true) or the deadline passes (false). */
static bool wait_for(x4p_role *r, uint64_t deadline, until_fn cond, const x4p_link *c, unsigned arg)
{
    for (;;) {
        if (cond && cond(r, c, arg))
            return true;
        if (now(r) >= deadline)
            return cond == NULL;
        service(r, deadline);
    }
}

static bool connect_completed(const x4p_role *r, const x4p_link *c, unsigned arg)
{
    (void)r; (void)arg;
    return !c->connecting;
}

static bool was_accepted(const x4p_role *r, const x4p_link *c, unsigned arg)
{
    (void)r; (void)arg;
    return c->accepted;
}

static bool expectation_settled(const x4p_role *r, const x4p_link *c, unsigned upto)
{
    (void)r;
    return x4p_expect_done(&c->ex, upto) || c->ex.failed;
}

/* ---- our own steps ------------------------------------------------------- */

static void own_connect(x4p_role *r, const x4p_step *s, x4p_link *c, uint64_t at)
{
    const x4p_conn *d = conn_def(r, s->conn);
    x4p_sockaddr from = { 0 };
    if (r->cfg.host_addr) {
        from = r->cfg.host_addr[d->from_host];
        x4p_addr_set_port(&from, d->from_port);
    } else if (d->from_port) {
        static const unsigned char any[16];
        x4p_addr_make(&from, r->cfg.endpoint_addr[d->endpoint].ss.ss_family == AF_INET6, any, d->from_port);
    }
    char err[256], to[80];
    x4p_addr_format(&r->cfg.endpoint_addr[d->endpoint], true, to, sizeof to);
    c->fd = x4p_sock_connect(&r->cfg.endpoint_addr[d->endpoint], &from, d->mss, d->window, err, sizeof err);
    if (c->fd < 0) {
        failure(r, s->loc, d->name, "%s", err);
        x4p_link_abandon(c);
        return;
    }
    c->connecting = true;
    trace(r, s, to);
    double secs = (double)r->cfg.timeout_us / 1e6;
    if (!wait_for(r, at + r->cfg.timeout_us, connect_completed, c, 0)) {
        deviation(r, s->loc, d->name, "no answer to the SYN to %s within %.1f s", to, secs);
        x4p_link_abandon(c);
        return;
    }
    int e = c->connect_errno;
    if (e == 0 && d->refused)
        deviation(r, s->loc, d->name, "expected the connect to %s refused (RST answering the SYN), but it was accepted", to);
    else if (e == ECONNREFUSED && !d->refused)
        deviation(r, s->loc, d->name, "expected the connection to %s accepted, got it refused (RST answering the SYN)", to);
    else if (e != 0 && e != ECONNREFUSED)
        deviation(r, s->loc, d->name, "the connect to %s failed: %s", to, strerror(e));
    if (e != 0 || d->refused) {
        if (e == ECONNREFUSED && d->refused) {
            close(c->fd);
            c->fd = -1;
        } else {
            x4p_link_abandon(c);
        }
        return;
    }
    c->reading = true;
}

static void own_send(x4p_role *r, const x4p_step *s, x4p_link *c)
{
    if (!x4p_link_send(c, s->bytes.p, s->bytes.len, now(r))) {
        trace(r, s, "not sent: the peer reset the connection");
        return;
    }
    char what[64];
    snprintf(what, sizeof what, "(%zu bytes)", s->bytes.len);
    trace(r, s, what);
}

static void own_step(x4p_role *r, const x4p_step *s, x4p_link *c, uint64_t at)
{
    if (s->kind != X4P_CONNECT && c->fd < 0)
        return;
    switch (s->kind) {
    case X4P_CONNECT: own_connect(r, s, c, at); return;
    case X4P_SEND: own_send(r, s, c); return;
    case X4P_FIN: x4p_link_fin(c); break;
    case X4P_RESET: x4p_link_reset(c); break;
    case X4P_STOP_READING: c->reading = false; break;
    case X4P_RESUME_READING: c->reading = true; break;
    case X4P_PROBE: break;   /* the kernel's persist timer probes the closed window */
    }
    trace(r, s, "");
}

/* ---- the peer's steps ---------------------------------------------------- */

static uint64_t await_accept(x4p_role *r, unsigned i, const x4p_step *s, x4p_link *c, uint64_t target)
{
    const x4p_conn *d = conn_def(r, s->conn);
    if (d->refused) {
        prepare_listener(r, i, target);
        trace(r, s, "refused: no listener");
        return target;
    }
    r->accept_ep = (int)d->endpoint;
    r->accept_conn = (int)s->conn;
    bool ok = wait_for(r, target + r->cfg.timeout_us, was_accepted, c, 0);
    r->accept_ep = -1;
    uint64_t at = now(r);
    if (!ok) {
        char where[80];
        x4p_addr_format(&r->cfg.endpoint_addr[d->endpoint], true, where, sizeof where);
        deviation(r, s->loc, d->name, "expected a connection to %s, none came within %.1f s", where,
                  (double)r->cfg.timeout_us / 1e6);
        x4p_link_abandon(c);
    } else {
        trace(r, s, "accepted");
    }
    prepare_listener(r, i, at);
    return at <= target + ON_TIME_US ? target : at;
}

static uint64_t await_events(x4p_role *r, const x4p_step *s, x4p_link *c, uint64_t target)
{
    unsigned upto = x4p_expect_push(&c->ex, s->expect, s->n_expect);
    if (!c->reading) {
        trace(r, s, "(not reading: checked once this side reads again)");
        return target;
    }
    char missing[512];
    x4p_expect_describe_missing(&c->ex, upto, missing, sizeof missing);
    if (wait_for(r, target + r->cfg.timeout_us, expectation_settled, c, upto) && !c->ex.failed) {
        trace(r, s, "as expected");
        uint64_t at = x4p_expect_done_at(&c->ex, upto);
        return at <= target + ON_TIME_US ? target : at;
    }
    if (!c->ex.failed) {
        deviation(r, s->loc, conn_name(r, s->conn), "expected %s, got nothing within %.1f s of its time",
                  missing, (double)r->cfg.timeout_us / 1e6);
        x4p_link_abandon(c);
    }
    return now(r);
}

/* A mismatch found while this side was not waiting for it (deferred
 * expectations checked when reading resumed) is reported at the next step. */
static bool gave_up(x4p_role *r, const x4p_step *s, x4p_link *c)
{
    if (c->abandoned)
        return true;
    if (!c->ex.failed)
        return false;
    deviation(r, s->loc, conn_name(r, s->conn), "%s", c->ex.why);
    x4p_link_abandon(c);
    return true;
}

static void early_arrivals(x4p_role *r, const x4p_step *s, x4p_link *c, uint64_t at)
{
    char what[512];
    uint64_t first;
    if (x4p_expect_take_early(&c->ex, what, sizeof what, &first))
        deviation(r, s->loc, conn_name(r, s->conn),
                  "got %s at %.3f s, before this step (%s, at %.3f s), where the scenario has it later",
                  what, (double)first / 1e6, s->verb, (double)at / 1e6);
}

static bool is_own(const x4p_role *r, const x4p_step *s)
{
    return s->kind == X4P_CONNECT ? r->cfg.side == X4P_SIDE_INITIATOR : s->dir == (int)r->cfg.side;
}

void x4p_role_run(x4p_role *r, uint64_t t0)
{
    const x4p_plan *p = r->cfg.plan;
    r->t0 = t0;
    struct timespec start = { .tv_sec = (time_t)(t0 / 1000000u), .tv_nsec = (long)(t0 % 1000000u) * 1000 };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &start, NULL) == EINTR)
        ;
    for (unsigned i = 0; i < p->n_steps; i++) {
        const x4p_step *s = &p->steps[i];
        x4p_link *c = &r->c[s->conn];
        if (s->kind != X4P_CONNECT && gave_up(r, s, c))
            continue;
        uint64_t target = r->prev_real + (s->t_us - r->prev_sched), at;
        if (is_own(r, s)) {
            uint64_t begun = now(r);
            wait_for(r, target, NULL, NULL, 0);
            at = begun > target ? begun : target;
            early_arrivals(r, s, c, at);
            own_step(r, s, c, at);
        } else if (s->kind == X4P_CONNECT) {
            at = await_accept(r, i, s, c, target);
        } else if (s->n_expect == 0) {
            at = target;   /* the peer stops or resumes reading, or probes: nothing to see */
        } else {
            at = await_events(r, s, c, target);
        }
        if (s->kind != X4P_CONNECT)
            gave_up(r, s, c);
        r->prev_real = at;
        r->prev_sched = s->t_us;
    }
    for (unsigned k = 0; k < r->n_conns; k++) {
        x4p_link *c = &r->c[k];
        char what[512];
        uint64_t first;
        if (!c->abandoned && c->ex.failed)
            deviation(r, conn_def(r, k)->loc, conn_def(r, k)->name, "%s", c->ex.why);
        else if (!c->abandoned && x4p_expect_take_early(&c->ex, what, sizeof what, &first))
            deviation(r, conn_def(r, k)->loc, conn_def(r, k)->name,
                      "got %s at %.3f s, which the scenario does not have", what, (double)first / 1e6);
    }
}

/* ---- life cycle ---------------------------------------------------------- */

static bool same_endpoint(const x4p_sockaddr *a, const x4p_sockaddr *b)
{
    return a->len == b->len && memcmp(&a->ss, &b->ss, a->len) == 0;
}

x4p_role *x4p_role_new(const x4p_role_cfg *cfg, char *err, size_t errlen)
{
    const x4p_plan *p = cfg->plan;
    x4p_role *r = x4r_xcalloc(1, sizeof *r);
    r->cfg = *cfg;
    r->n_conns = p->n_conns;
    r->c = x4r_xcalloc(p->n_conns + 1, sizeof *r->c);
    for (unsigned k = 0; k < p->n_conns; k++)
        x4p_link_init(&r->c[k], !cfg->side);
    unsigned ne = p->n_endpoints + 1;
    r->lfd = x4r_xcalloc(ne, sizeof *r->lfd);
    r->canon = x4r_xcalloc(ne, sizeof *r->canon);
    r->reopen_at = x4r_xcalloc(ne, sizeof *r->reopen_at);
    r->pf = x4r_xcalloc(p->n_conns + ne, sizeof *r->pf);
    r->pf_owner = x4r_xcalloc(p->n_conns + ne, sizeof *r->pf_owner);
    r->accept_ep = -1;
    for (unsigned e = 0; e < p->n_endpoints; e++) {
        r->lfd[e] = -1;
        r->canon[e] = e;
        for (unsigned f = 0; f < e; f++)
            if (same_endpoint(&cfg->endpoint_addr[e], &cfg->endpoint_addr[f])) {
                r->canon[e] = f;
                break;
            }
    }
    if (cfg->side != X4P_SIDE_RESPONDER)
        return r;
    /* Listen where the first connect to each endpoint will come, unless
     * the scenario refuses that one. */
    for (unsigned i = 0; i < p->n_steps; i++) {
        const x4p_step *s = &p->steps[i];
        if (s->kind != X4P_CONNECT)
            continue;
        const x4p_conn *d = &p->conns[s->conn];
        unsigned e = r->canon[d->endpoint];
        bool first = true;
        for (unsigned j = 0; j < i; j++)
            if (p->steps[j].kind == X4P_CONNECT && r->canon[p->conns[p->steps[j].conn].endpoint] == e)
                first = false;
        if (first && !d->refused && !open_listener(r, e, d, err, errlen)) {
            x4p_role_free(r);
            return NULL;
        }
    }
    return r;
}

unsigned x4p_role_deviations(const x4p_role *r) { return r->deviations; }
unsigned x4p_role_failures(const x4p_role *r) { return r->failures; }

void x4p_role_free(x4p_role *r)
{
    if (!r)
        return;
    for (unsigned k = 0; k < r->n_conns; k++)
        x4p_link_free(&r->c[k]);
    for (unsigned e = 0; e < r->cfg.plan->n_endpoints; e++)
        if (r->lfd[e] >= 0)
            close(r->lfd[e]);
    free(r->c);
    free(r->lfd);
    free(r->canon);
    free(r->reopen_at);
    free(r->pf);
    free(r->pf_owner);
    free(r);
}
