#include "play_cli.h"
#include "play_capture.h"
#include "play_netns.h"
#include "play_plan.h"
#include "play_role.h"
#include "scenario_load.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_LOCAL = 1, EXIT_USAGE = 2, EXIT_PEER = 3 };

#define DEFAULT_TIMEOUT_US 10000000u
#define CAPTURE_LINGER_US 300000u   /* the last ACKs (delayed ACK: 40-200 ms on Linux) */
#define START_LEAD_US 20000u        /* both loopback roles start from the same instant */
#define FILTER_HEAD "tcp and ("

const char x4p_play_usage[] =
    "  x400replay play SCENARIO --as initiator --to ADDR:PORT [options]\n"
    "  x400replay play SCENARIO --as responder --listen [ADDR:]PORT [options]\n"
    "  x400replay play SCENARIO --loopback [options]\n"
    "  x400replay play SCENARIO --check [-v]\n";

const char x4p_play_options[] =
    "Options of play:\n"
    "  --capture FILE.pcap  capture the played connections (libpcap; root or\n"
    "                       CAP_NET_RAW); the file appears only when complete\n"
    "  --set KEY=VALUE      override the scenario's 'default KEY VALUE'\n"
    "  --timeout SECONDS    how long past its scenario time to wait for the peer (10)\n"
    "  --check              only check that sockets can play every step (and with\n"
    "                       -v print the plan); sends nothing\n"
    "  -v, --verbose        one line per step on stderr, with its time\n";

typedef struct {
    const char *scenario, *as, *to, *listen, *capture;
    bool loopback, check, verbose;
    x4r_setting sets[X4R_MAX_SETTINGS];
    unsigned n_sets;
    uint64_t timeout_us;
} play_args;

static bool parse_seconds(const char *s, uint64_t *us)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v > 0) || v > 86400)
        return false;
    *us = (uint64_t)(v * 1e6 + 0.5);
    return true;
}

static int parse_args(int argc, char **argv, play_args *a)
{
    memset(a, 0, sizeof *a);
    a->timeout_us = DEFAULT_TIMEOUT_US;
    static const char *const with_value[] = { "--as", "--to", "--listen", "--capture", "--timeout" };
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        bool valued = false;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            valued = valued || strcmp(arg, with_value[k]) == 0;
        if (valued && i + 1 >= argc)
            return x4r_usage_error("%s needs a value", arg);
        if (strcmp(arg, "--as") == 0) {
            a->as = argv[++i];
        } else if (strcmp(arg, "--to") == 0) {
            a->to = argv[++i];
        } else if (strcmp(arg, "--listen") == 0) {
            a->listen = argv[++i];
        } else if (strcmp(arg, "--capture") == 0) {
            a->capture = argv[++i];
        } else if (strcmp(arg, "--timeout") == 0) {
            if (!parse_seconds(argv[++i], &a->timeout_us))
                return x4r_usage_error("--timeout %s: expected seconds, e.g. 10 or 2.5", argv[i]);
        } else if (strcmp(arg, "--loopback") == 0) {
            a->loopback = true;
        } else if (strcmp(arg, "--check") == 0) {
            a->check = true;
        } else if (strcmp(arg, "-v") == 0 || strcmp(arg, "--verbose") == 0) {
            a->verbose = true;
        } else {
            int rc = x4r_common_arg(argc, argv, &i, &a->scenario, a->sets, &a->n_sets);
            if (rc)
                return rc;
        }
    }
    if (!a->scenario)
        return x4r_usage_error("play needs a SCENARIO (a built-in name or a file)%s", "");
    if (a->check)
        return a->as || a->to || a->listen || a->loopback || a->capture
                   ? x4r_usage_error("--check takes no --as, --to, --listen, --loopback or --capture%s", "")
                   : EXIT_OK;
    if (a->loopback)
        return a->as || a->to || a->listen ? x4r_usage_error("--loopback plays both roles: no --as, --to or --listen%s", "")
                                           : EXIT_OK;
    if (!a->as)
        return x4r_usage_error("play needs --as initiator --to ADDR:PORT, --as responder --listen [ADDR:]PORT, --loopback or --check%s", "");
    if (strcmp(a->as, "initiator") == 0)
        return !a->to || a->listen ? x4r_usage_error("--as initiator needs --to ADDR:PORT (and no --listen)%s", "") : EXIT_OK;
    if (strcmp(a->as, "responder") == 0)
        return !a->listen || a->to ? x4r_usage_error("--as responder needs --listen [ADDR:]PORT (and no --to)%s", "") : EXIT_OK;
    return x4r_usage_error("--as %s: expected initiator or responder", a->as);
}

/* ---- --check ------------------------------------------------------------- */

static void print_plan(const x4p_plan *p)
{
    static const char *const side[] = { "initiator", "responder" };
    for (unsigned i = 0; i < p->n_steps; i++) {
        const x4p_step *s = &p->steps[i];
        printf("%llu.%06llu\t%s\tline %u\t%s %s", (unsigned long long)(s->t_us / 1000000u),
               (unsigned long long)(s->t_us % 1000000u), p->conns[s->conn].name, s->loc.line,
               side[s->kind == X4P_CONNECT ? 0 : s->dir], s->verb);
        if (s->kind == X4P_CONNECT && p->conns[s->conn].refused)
            printf(" (refused: no listener)");
        for (unsigned k = 0; k < s->n_expect; k++) {
            char one[160];
            x4p_event_describe(&s->expect[k], one, sizeof one);
            printf("%s%s", k ? " + " : "\t", one);
        }
        putchar('\n');
    }
}

/* ---- where the roles play ------------------------------------------------ */

typedef struct {
    x4p_sockaddr *endpoint;      /* per plan endpoint */
    x4p_sockaddr *host;          /* per scenario host (loopback), else NULL */
    char device[64];
    char filter[2048];
    char where[128];
} placement;

/* Loopback: each scenario host gets an address of its own, 127.N.M.(h+1)
 * (IPv6 hosts: ::1), so the capture tells the hosts apart as the synthetic
 * one does.  N.M is 0.0 in the private namespace; on the host's loopback it
 * comes from the process id, so plays running at the same time neither
 * share a port nor see each other in their captures. */
static bool loop_addr(const x4r_scenario *sc, int host, unsigned port, uint16_t net, x4p_sockaddr *out)
{
    unsigned char ip[16] = { 0 };
    bool v6 = sc->hosts[host].addr.v6;
    if (v6) {
        ip[15] = 1;
    } else {
        if (host > 253)
            return false;
        ip[0] = 127;
        ip[1] = (unsigned char)(net >> 8);
        ip[2] = (unsigned char)net;
        ip[3] = (unsigned char)(host + 1);
    }
    x4p_addr_make(out, v6, ip, port);
    return true;
}

static void filter_append(placement *pl, const x4p_sockaddr *a, bool with_host)
{
    char host[64], term[128];
    x4p_addr_format(a, false, host, sizeof host);
    if (with_host)
        snprintf(term, sizeof term, "(host %s and port %u)", host, x4p_addr_port(a));
    else
        snprintf(term, sizeof term, "(port %u)", x4p_addr_port(a));
    if (strstr(pl->filter, term))
        return;
    size_t n = strlen(pl->filter);
    snprintf(pl->filter + n, sizeof pl->filter - n, "%s%s", n > strlen(FILTER_HEAD) ? " or " : "", term);
}

static int place(const play_args *a, const x4p_plan *p, bool netns, placement *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->endpoint = x4r_xcalloc(p->n_endpoints + 1, sizeof *pl->endpoint);
    snprintf(pl->filter, sizeof pl->filter, FILTER_HEAD);
    char err[256];
    x4p_sockaddr given;
    if (a->loopback) {
        uint16_t net = netns ? 0 : (uint16_t)(getpid() % 65535 + 1);
        pl->host = x4r_xcalloc(p->sc->n_hosts + 1, sizeof *pl->host);
        for (unsigned h = 0; h < p->sc->n_hosts; h++)
            if (!loop_addr(p->sc, (int)h, 0, net, &pl->host[h]))
                return x4r_usage_error("--loopback: the scenario has more than 254 hosts%s", "");
        for (unsigned e = 0; e < p->n_endpoints; e++) {
            loop_addr(p->sc, p->endpoints[e].host, p->endpoints[e].port, net, &pl->endpoint[e]);
            filter_append(pl, &pl->endpoint[e], true);
        }
        snprintf(pl->device, sizeof pl->device, "lo");
    } else {
        bool initiator = a->to != NULL;
        if (!x4p_addr_parse(initiator ? a->to : a->listen, !initiator, &given, err, sizeof err))
            return x4r_usage_error("%s", err);
        for (unsigned e = 0; e < p->n_endpoints; e++)
            pl->endpoint[e] = given;
        filter_append(pl, &given, !x4p_addr_is_wildcard(&given));
        x4p_sockaddr local = given;
        if (initiator && !x4p_capture_local_for(&given, &local))
            local = given;
        x4p_capture_device_for(&local, pl->device, sizeof pl->device);
        x4p_addr_format(&given, true, pl->where, sizeof pl->where);
    }
    size_t n = strlen(pl->filter);
    snprintf(pl->filter + n, sizeof pl->filter - n, ")");
    return EXIT_OK;
}

static void placement_free(placement *pl)
{
    free(pl->endpoint);
    free(pl->host);
}

/* ---- playing ------------------------------------------------------------- */

typedef struct {
    x4p_role *role;
    uint64_t t0;
} role_thread;

static void *run_role(void *arg)
{
    role_thread *rt = arg;
    x4p_role_run(rt->role, rt->t0);
    return NULL;
}

static x4p_role *new_role(const play_args *a, const x4p_plan *p, const placement *pl, x4p_side side)
{
    x4p_role_cfg cfg = {
        .side = side, .plan = p, .endpoint_addr = pl->endpoint, .host_addr = pl->host,
        .timeout_us = a->timeout_us, .verbose = a->verbose,
        .label = side == X4P_SIDE_INITIATOR ? "initiator" : "responder",
    };
    char err[512];
    x4p_role *r = x4p_role_new(&cfg, err, sizeof err);
    if (!r)
        fprintf(stderr, "x400replay: %s: %s\n", cfg.label, err);
    return r;
}

/* Plays the roles (one, or both over loopback: the responder in a thread). */
static void play_roles(x4p_role *initiator, x4p_role *responder)
{
    uint64_t t0 = x4p_now_us() + START_LEAD_US;
    role_thread rt = { responder, t0 };
    pthread_t th;
    bool threaded = initiator && responder && pthread_create(&th, NULL, run_role, &rt) == 0;
    if (initiator)
        x4p_role_run(initiator, t0);
    if (threaded)
        pthread_join(th, NULL);
    else if (responder)
        x4p_role_run(responder, t0);
}

static int play(const play_args *a, const x4p_plan *p)
{
    bool netns = false, offload_off = false;
    if (a->loopback) {
        char why[256];
        netns = x4p_netns_enter(&offload_off, why, sizeof why);
        if (!netns)
            fprintf(stderr, "x400replay: %s; playing on this host's loopback\n", why);
    }
    placement pl;
    int rc = place(a, p, netns, &pl);
    if (rc != EXIT_OK) {
        placement_free(&pl);
        return rc;
    }
    x4p_capture *cap = NULL;
    char err[768];
    if (a->capture) {
        cap = x4p_capture_start(a->capture, pl.device, pl.filter, err, sizeof err);
        if (!cap) {
            fprintf(stderr, "x400replay: %s\n", err);
            placement_free(&pl);
            return EXIT_LOCAL;
        }
    }
    bool want_i = a->loopback || a->to, want_r = a->loopback || a->listen;
    x4p_role *resp = want_r ? new_role(a, p, &pl, X4P_SIDE_RESPONDER) : NULL;
    x4p_role *init = want_i && (!want_r || resp) ? new_role(a, p, &pl, X4P_SIDE_INITIATOR) : NULL;
    if ((want_r && !resp) || (want_i && !init)) {
        x4p_capture_abort(cap);
        x4p_role_free(resp);
        x4p_role_free(init);
        placement_free(&pl);
        return EXIT_LOCAL;
    }
    play_roles(init, resp);
    unsigned dev = (init ? x4p_role_deviations(init) : 0) + (resp ? x4p_role_deviations(resp) : 0);
    unsigned fails = (init ? x4p_role_failures(init) : 0) + (resp ? x4p_role_failures(resp) : 0);
    uint64_t packets = 0;
    rc = fails ? EXIT_LOCAL : dev ? EXIT_PEER : EXIT_OK;
    if (cap && x4p_capture_finish(cap, CAPTURE_LINGER_US, &packets, err, sizeof err) != 0) {
        fprintf(stderr, "x400replay: %s\n", err);
        rc = EXIT_LOCAL;
    }
    x4p_role_free(init);
    x4p_role_free(resp);
    const char *where = a->loopback ? !netns ? "over this host's loopback"
                                    : offload_off ? "over loopback (private namespace, segmentation offload off)"
                                                  : "over loopback (private namespace)"
                        : pl.where;
    fprintf(stderr, "x400replay: %s: %u steps on %u connection%s %s%s; ", p->sc->name, p->n_steps, p->n_conns,
            p->n_conns == 1 ? "" : "s", a->loopback ? "" : a->to ? "as initiator to " : "as responder on ", where);
    if (dev)
        fprintf(stderr, "%u difference%s from the scenario (above)", dev, dev == 1 ? "" : "s");
    else
        fprintf(stderr, "played as the scenario says");
    if (cap && rc != EXIT_LOCAL)
        fprintf(stderr, "; %llu packets in %s", (unsigned long long)packets, a->capture);
    fputc('\n', stderr);
    placement_free(&pl);
    return rc;
}

int x4p_cmd_play(int argc, char **argv)
{
    play_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    char err[1024];
    x4r_scenario *sc = x4r_scenario_load(a.scenario, a.sets, a.n_sets, err, sizeof err);
    if (!sc) {
        fprintf(stderr, "%s\n", err);
        return EXIT_USAGE;
    }
    x4p_plan plan;
    x4r_buf refusals = { 0 };
    int n = x4p_plan_build(sc, &plan, &refusals, err, sizeof err);
    if (n < 0) {
        fprintf(stderr, "%s\n", err);
        rc = EXIT_USAGE;
    } else if (n > 0) {
        fwrite(refusals.p, 1, refusals.len, stderr);
        fprintf(stderr, "x400replay: %s: %d step%s no socket can play; nothing was sent (x400replay write makes its capture)\n",
                sc->name, n, n == 1 ? "" : "s");
        rc = EXIT_USAGE;
    } else if (a.check) {
        if (a.verbose)
            print_plan(&plan);
        printf("%s: playable live: %u connection%s, %u steps\n", sc->name, plan.n_conns,
               plan.n_conns == 1 ? "" : "s", plan.n_steps);
    } else {
        rc = play(&a, &plan);
    }
    x4r_buf_free(&refusals);
    x4p_plan_free(&plan);
    x4r_scenario_free(sc);
    return rc;
}
