#include "play_capture.h"
#include "bytebuf.h"
#include "pcap_out.h"
#include "play_role.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define X4P_CAPTURE_SNAPLEN 65535
#define X4P_CAPTURE_BUFFER (8u << 20)
#define X4P_CAPTURE_POLL_MS 20

struct x4p_capture {
    pcap_t *pcap;
    x4r_pcap *out;
    pthread_t thread;
    bool running;
    atomic_ullong stop_at;       /* x4p_now_us() after which the thread stops; 0: not yet */
    char *device;
    uint64_t packets;            /* written to out (by the reader thread until it ends) */
};

static bool same_ip(const struct sockaddr *sa, const x4p_sockaddr *a)
{
    if (!sa || sa->sa_family != a->ss.ss_family)
        return false;
    if (sa->sa_family == AF_INET)
        return ((const struct sockaddr_in *)sa)->sin_addr.s_addr ==
               ((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr;
    return memcmp(&((const struct sockaddr_in6 *)sa)->sin6_addr,
                  &((const struct sockaddr_in6 *)&a->ss)->sin6_addr, 16) == 0;
}

void x4p_capture_device_for(const x4p_sockaddr *a, char *dev, size_t n)
{
    snprintf(dev, n, "any");
    if (x4p_addr_is_loopback(a)) {
        snprintf(dev, n, "lo");
        return;
    }
    if (x4p_addr_is_wildcard(a))
        return;
    pcap_if_t *all = NULL;
    char errbuf[PCAP_ERRBUF_SIZE];
    if (pcap_findalldevs(&all, errbuf) != 0)
        return;
    for (pcap_if_t *d = all; d; d = d->next)
        for (pcap_addr_t *pa = d->addresses; pa; pa = pa->next)
            if (same_ip(pa->addr, a)) {
                snprintf(dev, n, "%s", d->name);
                pcap_freealldevs(all);
                return;
            }
    pcap_freealldevs(all);
}

bool x4p_capture_local_for(const x4p_sockaddr *peer, x4p_sockaddr *local)
{
    int fd = socket(peer->ss.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    local->len = sizeof local->ss;
    bool ok = connect(fd, (const struct sockaddr *)&peer->ss, peer->len) == 0 &&
              getsockname(fd, (struct sockaddr *)&local->ss, &local->len) == 0;
    close(fd);
    return ok;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
    x4p_capture *c = (x4p_capture *)(void *)user;
    x4r_pcap_dump_record(c->out, h, bytes);
    c->packets++;
}

static void *reader(void *arg)
{
    x4p_capture *c = arg;
    struct pollfd pf = { .fd = pcap_get_selectable_fd(c->pcap), .events = POLLIN };
    for (;;) {
        unsigned long long stop = atomic_load(&c->stop_at);
        if (stop && x4p_now_us() >= stop)
            break;
        poll(&pf, 1, X4P_CAPTURE_POLL_MS);
        while (pcap_dispatch(c->pcap, -1, on_packet, (u_char *)c) > 0)
            ;
    }
    while (pcap_dispatch(c->pcap, -1, on_packet, (u_char *)c) > 0)
        ;
    return NULL;
}

static x4p_capture *fail(x4p_capture *c, char *err, size_t errlen, const char *fmt, const char *what)
{
    snprintf(err, errlen, fmt, c->device, what);
    if (c->out)
        x4r_pcap_abort(c->out);
    if (c->pcap)
        pcap_close(c->pcap);
    free(c->device);
    free(c);
    return NULL;
}

x4p_capture *x4p_capture_start(const char *path, const char *device, const char *filter,
                               char *err, size_t errlen)
{
    x4p_capture *c = x4r_xcalloc(1, sizeof *c);
    c->device = x4r_xstrdup(device);
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    c->pcap = pcap_create(device, errbuf);
    if (!c->pcap)
        return fail(c, err, errlen, "capture on %s: %s", errbuf);
    /* Each fails only on an activated handle (libpcap 1.10 marks them
     * warn_unused_result): checked all the same. */
    if (pcap_set_snaplen(c->pcap, X4P_CAPTURE_SNAPLEN) != 0 || pcap_set_promisc(c->pcap, 0) != 0 ||
        pcap_set_immediate_mode(c->pcap, 1) != 0 ||
        pcap_set_buffer_size(c->pcap, X4P_CAPTURE_BUFFER) != 0)
        return fail(c, err, errlen, "capture on %s: %s", "cannot set the capture's options");
    int rc = pcap_activate(c->pcap);
    if (rc == PCAP_ERROR_PERM_DENIED)
        return fail(c, err, errlen, "capture on %s: %s (capturing needs root or CAP_NET_RAW)",
                    pcap_geterr(c->pcap));
    if (rc < 0)
        return fail(c, err, errlen, "capture on %s: %s", pcap_geterr(c->pcap));
    struct bpf_program prog;
    if (pcap_compile(c->pcap, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
        return fail(c, err, errlen, "capture filter on %s: %s", pcap_geterr(c->pcap));
    rc = pcap_setfilter(c->pcap, &prog);
    pcap_freecode(&prog);
    if (rc != 0)
        return fail(c, err, errlen, "capture filter on %s: %s", pcap_geterr(c->pcap));
    if (pcap_setnonblock(c->pcap, 1, errbuf) != 0)
        return fail(c, err, errlen, "capture on %s: %s", errbuf);
    c->out = x4r_pcap_open_like(path, c->pcap, err, errlen);
    if (!c->out) {
        char why[512];
        snprintf(why, sizeof why, "%s", err);
        return fail(c, err, errlen, "capture on %s: %s", why);
    }
    if (pthread_create(&c->thread, NULL, reader, c) != 0)
        return fail(c, err, errlen, "capture on %s: %s", strerror(errno));
    c->running = true;
    return c;
}

static void stop(x4p_capture *c, uint64_t linger_us)
{
    if (!c->running)
        return;
    atomic_store(&c->stop_at, (unsigned long long)(x4p_now_us() + linger_us));
    pthread_join(c->thread, NULL);
    c->running = false;
}

int x4p_capture_finish(x4p_capture *c, uint64_t linger_us, uint64_t *packets, char *err, size_t errlen)
{
    stop(c, linger_us);
    struct pcap_stat st = { 0 };
    int rc = 0;
    *packets = c->packets;
    if (pcap_stats(c->pcap, &st) == 0 && st.ps_drop) {
        snprintf(err, errlen, "capture on %s: the kernel dropped %u packets (the capture is incomplete)",
                 c->device, st.ps_drop);
        x4r_pcap_abort(c->out);
        rc = -1;
    } else if (x4r_pcap_commit(c->out, err, errlen) != 0) {
        rc = -1;
    }
    c->out = NULL;
    pcap_close(c->pcap);
    free(c->device);
    free(c);
    return rc;
}

void x4p_capture_abort(x4p_capture *c)
{
    if (!c)
        return;
    stop(c, 0);
    x4r_pcap_abort(c->out);
    pcap_close(c->pcap);
    free(c->device);
    free(c);
}
