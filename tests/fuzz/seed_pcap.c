/* Seeds for the fuzz targets from a capture of RFC1006 traffic (the
 * replayer's captures/ and fixtures: never the public captures, which stay
 * out of the repository).  scripts/fuzz --seed runs it, then minimises what
 * it writes into corpus/ with libFuzzer's merge.
 *
 *   fuzz_seed IN.pcap OUTDIR
 *
 * writes OUTDIR/stack/<hash> (one per TCP connection: its TPKTs in capture
 * order, fuzz_stack.c's format), OUTDIR/engine/<hash> (the capture's
 * frames, fuzz_engine.c's format) and, for each decoder, OUTDIR/<layer>/<hash>:
 * every input the stack hands that decoder while decoding the capture.
 * Those are caught by linking with -Wl,--wrap=<decoder> (tests/fuzz/
 * CMakeLists.txt), so the seeds are what the plugin's own walk produces. */
#define _DEFAULT_SOURCE /* libpcap needs u_char & co */
#include "acse.h"
#include "ber.h"
#include "catalogue.h"
#include "osi_stack.h"
#include "p1.h"
#include "pres.h"
#include "rtse.h"
#include "session.h"
#include "tp0.h"
#include "tpkt.h"

#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CONNS 256
#define MAX_SEED (1u << 16)  /* bytes per stack/engine seed: libFuzzer's -max_len */

static const char *outdir;

typedef struct { uint8_t *p; size_t len, cap; } bytes;

static void put(bytes *b, const void *d, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
}
static void put8(bytes *b, uint8_t v) { put(b, &v, 1); }
static void put16(bytes *b, uint16_t v) { put8(b, (uint8_t)(v >> 8)); put8(b, (uint8_t)v); }

/* OUTDIR/<dir>/<FNV-1a of the bytes, with the selector byte first>. */
static void seed(const char *dir, int selector, const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    uint8_t sel = (uint8_t)selector;
    if (selector >= 0)
        h = (h ^ sel) * 1099511628211ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", outdir, dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/%s/%016llx", outdir, dir, (unsigned long long)h);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    if (selector >= 0)
        fputc(sel, f);
    fwrite(p, 1, n, f);
    fclose(f);
}

/* ------------------------------------------- the decoders, seen from outside */

#define WRAP(ret, name, params) ret __real_##name params; ret __wrap_##name params
WRAP(x4_status, x4_tpkt_decode, (const uint8_t *p, size_t len, x4_tpkt *o))
{
    seed("tpkt", -1, p, len);
    return __real_x4_tpkt_decode(p, len, o);
}
WRAP(x4_status, x4_tp0_decode, (const uint8_t *p, size_t len, x4_tp0 *o))
{
    seed("tp0", -1, p, len);
    return __real_x4_tp0_decode(p, len, o);
}
WRAP(x4_status, x4_session_decode, (const uint8_t *p, size_t len, x4_spdu_list *o))
{
    seed("session", -1, p, len);
    return __real_x4_session_decode(p, len, o);
}
WRAP(x4_status, x4_pres_decode, (const uint8_t *p, size_t len, x4_pres_on on, x4_pres *o))
{
    seed("pres", on, p, len);
    return __real_x4_pres_decode(p, len, on, o);
}
WRAP(x4_status, x4_acse_decode, (const uint8_t *p, size_t len, x4_acse *o))
{
    seed("acse", -1, p, len);
    return __real_x4_acse_decode(p, len, o);
}
WRAP(x4_status, x4_rtse_decode, (const uint8_t *p, size_t len, x4_rtse *o))
{
    seed("rtse", 0, p, len);
    return __real_x4_rtse_decode(p, len, o);
}
WRAP(x4_status, x4_rtse_decode_x410, (x4_bytes f, x4_pdu_kind kind, x4_rtse *o))
{
    static const x4_pdu_kind kinds[] = {X4_PDU_RTORQ, X4_PDU_RTOAC, X4_PDU_RTORJ, X4_PDU_RTAB};
    for (int k = 0; k < 4; k++)
        if (kinds[k] == kind)
            seed("rtse", 2 + k, f.ptr, f.len);
    return __real_x4_rtse_decode_x410(f, kind, o);
}
WRAP(x4_status, x4_p1_decode_bind, (const uint8_t *p, size_t len, x4_pdu_kind expect, x4_p1 *o))
{
    seed("p1", expect == X4_PDU_P1_BIND_ARG ? 0 : expect == X4_PDU_P1_BIND_RES ? 1 : 2, p, len);
    return __real_x4_p1_decode_bind(p, len, expect, o);
}
WRAP(x4_status, x4_p1_decode_apdu, (const uint8_t *p, size_t len, bool partial, x4_p1 *o))
{
    seed("p1", partial ? 4 : 3, p, len);
    return __real_x4_p1_decode_apdu(p, len, partial, o);
}
WRAP(x4_status, x4_ber_read, (const uint8_t *p, size_t len, x4_ber_tlv *t))
{
    if (len >= 16)   /* the small ones are parts of the larger */
        seed("ber", -1, p, len);
    return __real_x4_ber_read(p, len, t);
}

/* ------------------------------------------------------ TCP reassembly */

typedef struct {
    uint8_t key[2][18];      /* address + port of each side; [0] initiator */
    size_t keylen;
    bool used;
    uint32_t next_seq[2];
    bool have_seq[2];
    bytes pending[2];        /* bytes of an unfinished TPKT */
    bytes stack;             /* fuzz_stack.c records */
    x4_conn *osi;
    uint32_t last_seq[2], last_ack[2];
} conn;

static conn conns[MAX_CONNS];
static bytes engine;
static double last_time;
static unsigned n_conns;

typedef struct {
    const uint8_t *src, *dst;
    size_t alen;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t window;
    const uint8_t *payload;
    size_t len;
} segment;

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)rd16(p) << 16 | rd16(p + 2); }

static bool parse(const uint8_t *f, size_t n, segment *s)
{
    if (n < 14)
        return false;
    uint16_t type = rd16(f + 12);
    const uint8_t *ip = f + 14, *tcp;
    size_t left = n - 14, iplen;
    if (type == 0x0800 && left >= 20 && ip[9] == 6) {
        size_t hl = (size_t)(ip[0] & 15) * 4;
        iplen = rd16(ip + 2);
        if (iplen > left || hl > iplen)
            return false;
        s->src = ip + 12, s->dst = ip + 16, s->alen = 4;
        tcp = ip + hl, left = iplen - hl;
    } else if (type == 0x86DD && left >= 40 && ip[6] == 6) {
        iplen = 40 + (size_t)rd16(ip + 4);
        if (iplen > left)
            return false;
        s->src = ip + 8, s->dst = ip + 24, s->alen = 16;
        tcp = ip + 40, left = iplen - 40;
    } else {
        return false;
    }
    size_t thl = left >= 20 ? (size_t)(tcp[12] >> 4) * 4 : 0;
    if (thl < 20 || thl > left)
        return false;
    s->sport = rd16(tcp), s->dport = rd16(tcp + 2);
    s->seq = rd32(tcp + 4), s->ack = rd32(tcp + 8);
    s->flags = tcp[13];
    s->window = rd16(tcp + 14);
    s->payload = tcp + thl, s->len = left - thl;
    return s->sport == 102 || s->dport == 102;
}

static void side_key(uint8_t *k, const uint8_t *addr, size_t alen, uint16_t port)
{
    memset(k, 0, 18);
    memcpy(k, addr, alen);
    k[16] = (uint8_t)(port >> 8), k[17] = (uint8_t)port;
}

/* The connection of a segment and the sender's side (0: initiator). */
static conn *find(const segment *s, int *dir)
{
    uint8_t a[18], b[18];
    side_key(a, s->src, s->alen, s->sport);
    side_key(b, s->dst, s->alen, s->dport);
    bool new_syn = (s->flags & 0x12) == 0x02;
    for (unsigned i = n_conns; i-- > 0;) {
        conn *c = &conns[i];
        for (int d = 0; d < 2; d++)
            if (memcmp(c->key[d], a, 18) == 0 && memcmp(c->key[!d], b, 18) == 0 &&
                !(new_syn && c->stack.len)) {
                *dir = d;
                return c;
            }
    }
    if (n_conns == MAX_CONNS)
        return NULL;
    conn *c = &conns[n_conns++];
    bool src_initiates = new_syn || s->dport == 102;
    memcpy(c->key[0], src_initiates ? a : b, 18);
    memcpy(c->key[1], src_initiates ? b : a, 18);
    c->osi = x4_conn_new(NULL);
    *dir = src_initiates ? 0 : 1;
    return c;
}

/* Whole TPKTs completed by this segment's new bytes. */
static unsigned take_tpkts(conn *c, int dir, const segment *s, bytes *out, uint16_t *lens)
{
    const uint8_t *p = s->payload;
    size_t n = s->len;
    if (c->have_seq[dir]) {
        uint32_t old = c->next_seq[dir] - s->seq;   /* bytes already seen */
        if (old >= n && old < (1u << 31))
            return 0;
        if (old < (1u << 31))
            p += old, n -= old;
    }
    c->have_seq[dir] = true;
    c->next_seq[dir] = s->seq + (uint32_t)s->len;
    bytes *b = &c->pending[dir];
    put(b, p, n);
    unsigned k = 0;
    size_t off = 0;
    while (b->len - off >= 4) {
        size_t tl = rd16(b->p + off + 2);
        if (b->p[off] != 3 || tl < 4)
            tl = b->len - off;               /* not TPKT framing: all of it */
        if (b->len - off < tl)
            break;
        if (k < 8) {
            put(out, b->p + off, tl);
            lens[k++] = (uint16_t)tl;
        }
        off += tl;
    }
    memmove(b->p, b->p + off, b->len - off);
    b->len -= off;
    return k;
}

static uint8_t log2_ms(double dt)
{
    double ms = dt * 1000.0;
    uint8_t e = 0;
    while (e < 31 && (double)(1ull << (e + 1)) <= ms)
        e++;
    return e;
}

static void frame(const struct pcap_pkthdr *h, const uint8_t *f)
{
    segment s;
    int dir;
    if (!parse(f, h->caplen, &s))
        return;
    conn *c = find(&s, &dir);
    if (!c)
        return;
    /* fuzz_engine.c's slots: 0-11 IPv4, 12-15 IPv6 */
    unsigned idx = (unsigned)(c - conns), slot = s.alen == 16 ? 12 + idx % 4 : idx % 12;
    bool retrans = c->have_seq[dir] && s.len && (int32_t)(c->next_seq[dir] - s.seq) > 0;
    bytes tp = {0};
    uint16_t lens[8];
    unsigned n = take_tpkts(c, dir, &s, &tp, lens);
    uint8_t ctl = (uint8_t)dir;
    size_t off = 0;
    x4_frame_info info;
    x4_frame_info_init(&info);
    for (unsigned i = 0; i < n; i++) {
        if (c->stack.len + 3 + lens[i] <= MAX_SEED) {
            put8(&c->stack, ctl);
            put16(&c->stack, lens[i]);
            put(&c->stack, tp.p + off, lens[i]);
        }
        x4_conn_feed_tpkt(c->osi, (x4_dir)dir, tp.p + off, lens[i], &info);
        ctl |= 2;   /* the frame's next TPKTs share its frame info */
        off += lens[i];
    }
    double t = (double)h->ts.tv_sec + (double)h->ts.tv_usec / 1e6;
    size_t need = 11 + 1 + tp.len + 2 * n;
    if (engine.len + need <= MAX_SEED) {
        put8(&engine, (uint8_t)(slot | (dir ? 16 : 0) | (n ? 32 : 0)));
        uint8_t fl = (uint8_t)(((s.flags & 0x02) ? 1 : 0) | ((s.flags & 0x10) ? 2 : 0) |
                               ((s.flags & 0x01) ? 4 : 0) | ((s.flags & 0x04) ? 8 : 0) |
                               (s.window == 0 && !(s.flags & 0x07) ? 16 : 0) |
                               (retrans ? 64 : 0));
        put8(&engine, fl);
        put8(&engine, (uint8_t)(1 | (last_time ? log2_ms(t - last_time) << 3 : 0)));
        put16(&engine, s.window);
        put16(&engine, (uint16_t)s.len);
        put16(&engine, (uint16_t)(s.seq - c->last_seq[dir]));
        put16(&engine, (uint16_t)(s.ack - c->last_ack[dir]));
        if (n) {
            put8(&engine, (uint8_t)(n > 4 ? 4 : n));
            off = 0;
            for (unsigned i = 0; i < n && i < 4; i++) {
                put16(&engine, lens[i]);
                put(&engine, tp.p + off, lens[i]);
                off += lens[i];
            }
        }
    }
    c->last_seq[dir] = s.seq, c->last_ack[dir] = s.ack;
    last_time = t;
    free(tp.p);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: fuzz_seed IN.pcap OUTDIR\n", stderr);
        return 2;
    }
    outdir = argv[2];
    mkdir(outdir, 0777);
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(argv[1], err);
    if (!pc) {
        fprintf(stderr, "%s: %s\n", argv[1], err);
        return 1;
    }
    struct pcap_pkthdr *h;
    const u_char *f;
    while (pcap_next_ex(pc, &h, &f) == 1)
        frame(h, f);
    pcap_close(pc);
    /* engine: default preferences (a zero byte each) before the records */
    bytes e = {0};
    for (unsigned i = 0; i < x4_pref_defs_count; i++)
        put8(&e, 0);
    put(&e, engine.p, engine.len);
    seed("engine", -1, e.p, e.len);
    for (unsigned i = 0; i < n_conns; i++) {
        if (conns[i].stack.len)
            seed("stack", -1, conns[i].stack.p, conns[i].stack.len);
        x4_conn_free(conns[i].osi);
    }
    return 0;
}
