/* Engine identity and robustness: on fixed random and structured event
 * streams (2.4 million frames over four preference sets) the engine never
 * crashes or over-reads (the ASan/UBSan build runs this too), every note is
 * well formed, and every note hashes to the recorded digest.  A refactor of plugin/analysis must not
 * change one of them.  When it does on purpose, or to find the first
 * differing frame:
 *     X4_NOTES_DUMP=/tmp/new.txt build/tests/analysis/test_analysis_identity
 * and the same with the older build, then diff the two files. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "script.h"

/* FNV-1a 64 of everything printed; the dump file when asked. */
static uint64_t digest = 1469598103934665603ull;
static FILE *dump;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    for (size_t i = 0; i < len; i++)
        digest = (digest ^ (uint8_t)line[i]) * 1099511628211ull;
    if (dump)
        fputs(line, dump);
}

/* Well formed: few flags, known ids and states, each message ended and
 * naming its article. */
static void check_note(const x4_note *n)
{
    bool ok = n->n_flags <= X4_NOTE_MAX_FLAGS && n->state < X4_ST_COUNT;
    for (unsigned i = 0; ok && i < n->n_flags; i++) {
        const x4_flag *f = &n->flags[i];
        ok = f->id < X4_P_COUNT && memchr(f->message, 0, sizeof f->message) &&
             strstr(f->message, x4_catalogue[f->id].kb);
    }
    if (!ok) {
        fprintf(stderr, "malformed note on frame of association %u\n", n->assoc);
        exit(1);
    }
}

static void print_note(uint32_t frame, const x4_note *n)
{
    check_note(n);
    out("%u a%u d%d s%d", frame, n->assoc, n->dir, n->state);
    for (unsigned i = 0; i < n->n_flags; i++) {
        const x4_flag *f = &n->flags[i];
        out(" |%d r%u b%d %s w%.6f i%.6f c%u ", f->id, f->related_frame, f->refused_by,
            f->reason ? f->reason : "-", f->ok_wait, f->retry_interval, f->count);
        out("%s", f->message);
    }
    out("\n");
}

/* Structured: connections that follow plausible X.400 sequences with
 * random deviations, several per host pair, interleaved. */
typedef struct {
    uint32_t stream;
    uint8_t client;
    uint16_t cport, sport;
    unsigned step;
    uint32_t seq[2];
    bool done;
} conn;

static const int script_pdus[][7] = {
    { X4_PDU_TP0_CR, 0 },
    { X4_PDU_TP0_CC, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, X4_PDU_RTORQ, X4_PDU_P1_BIND_ARG, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_PRES_CPA, X4_PDU_AARE, X4_PDU_RTOAC, X4_PDU_P1_BIND_RES, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, X4_PDU_P1_MESSAGE, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0 },
    { X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0 },
};
static const int script_dir[] = { 0, 1, 0, 1, 0, 0, 1, 0, 1 };

static const int deviations[][4] = {
    { X4_PDU_TP0_DR, 0 }, { X4_PDU_SES_RF, 0 }, { X4_PDU_RTORJ, 0 }, { X4_PDU_P1_BIND_ERR, 0 },
    { X4_PDU_SES_AB, X4_PDU_RTAB, 0 }, { X4_PDU_TP0_ER, 0 }, { X4_PDU_SES_AI, 0 }, { X4_PDU_ABRT, 0 },
    { X4_PDU_TP0_AK, 0 }, { X4_PDU_SES_DT, 0 }, { X4_PDU_TP0_CR, 0 }, { X4_PDU_TP0_CC, 0 },
};

static void structured(uint32_t seed, unsigned frames, const x4_prefs *p)
{
    x4_engine *e = x4_engine_new(&x4_alloc_libc, p);
    conn cs[12];
    uint32_t next_stream = 1;
    memset(cs, 0, sizeof cs);
    for (unsigned i = 0; i < 12; i++)
        cs[i].done = true;
    double t = 0;
    static const char *mtsids[] = { "C=gb;A= ;L=x1", "C=gb;A= ;L=x2", "C=us;A=a;P=p;L=x3" };
    for (uint32_t frame = 1; frame <= frames; frame++) {
        t += (sc_rnd(&seed) % 3000) / 1000.0;
        if (sc_rnd(&seed) % 9 == 0)
            t += 30.0 * (1 + sc_rnd(&seed) % 2) + (sc_rnd(&seed) % 100) / 100.0;
        conn *c = &cs[sc_rnd(&seed) % 12];
        if (c->done) {
            c->done = false;
            c->step = 0;
            c->stream = next_stream++;
            c->client = (uint8_t)(1 + sc_rnd(&seed) % 3);
            c->cport = (uint16_t)(3000 + c->stream);
            c->sport = sc_rnd(&seed) % 5 == 0 ? 103 : 102;
            c->seq[0] = sc_rnd(&seed);
            c->seq[1] = sc_rnd(&seed);
        }
        x4_tcp_event ev;
        x4_frame_info fi;
        memset(&ev, 0, sizeof ev);
        x4_frame_info_init(&fi);
        ev.frame = frame;
        ev.time = t;
        ev.stream = c->stream;
        ev.addr_len = 4;
        ev.rfc1006_port = true;
        ev.has_seq = sc_rnd(&seed) % 4 != 0;
        ev.window = 8192;
        uint32_t r = sc_rnd(&seed) % 100;
        int dir = 0;
        unsigned st = c->step;
        if (st == 0) { ev.syn = true; dir = 0; if (r < 20) c->step = 100; else c->step++; }
        else if (st == 100) { /* SYN retransmission or refusal or nothing */
            if (r < 40) { ev.syn = true; ev.retransmission = r < 30; dir = 0; }
            else if (r < 70) { ev.rst = true; ev.ack = true; dir = 1; c->done = true; }
            else { c->done = true; continue; }
        }
        else if (st == 1) { ev.syn = ev.ack = true; dir = 1; c->step++; }
        else if (st == 2) { ev.ack = true; dir = 0; c->step++; }
        else {
            unsigned k = st - 3;
            ev.ack = true;
            if (k >= 9 || r < 6) {
                ev.fin = r % 2; ev.rst = !ev.fin; dir = (int)(sc_rnd(&seed) % 2);
                c->done = sc_rnd(&seed) % 3 != 0;
            } else if (r < 14) {
                const int *d = deviations[sc_rnd(&seed) % 12];
                for (unsigned i = 0; d[i]; i++)
                    fi.pdus[fi.n_pdus++] = (x4_pdu){ (x4_pdu_kind)d[i], 0 };
                if (d[0] == X4_PDU_P1_BIND_ERR)
                    fi_reason(&fi, X4_LAYER_P1, X4_PDU_P1_BIND_ERR, 2, "authentication-error");
                if (d[0] == X4_PDU_TP0_DR)
                    fi_reason(&fi, X4_LAYER_TP0, X4_PDU_TP0_DR, 3, "address unknown");
                if (d[0] == X4_PDU_SES_AB)
                    fi_reason(&fi, X4_LAYER_RTSE, X4_PDU_RTAB, 3, "temporaryProblem");
                fi.x400 = sc_rnd(&seed) % 2;
                ev.payload_len = 20 + sc_rnd(&seed) % 200;
                dir = (int)(sc_rnd(&seed) % 2);
            } else if (r < 22) {
                ev.zero_window = true; ev.window = 0; dir = (int)(sc_rnd(&seed) % 2);
            } else if (r < 28) {
                ev.zero_window_probe = true; ev.payload_len = 1; dir = (int)(sc_rnd(&seed) % 2);
            } else if (r < 36) {
                ev.retransmission = true; ev.payload_len = 100; dir = (int)(sc_rnd(&seed) % 2);
            } else if (r < 40) {
                ev.icmp_error = true; dir = (int)(sc_rnd(&seed) % 2);
            } else if (r < 48) {
                dir = (int)(sc_rnd(&seed) % 2); ev.duplicate_ack = r < 44;
            } else {
                for (unsigned i = 0; script_pdus[k][i]; i++)
                    fi.pdus[fi.n_pdus++] = (x4_pdu){ (x4_pdu_kind)script_pdus[k][i], 0 };
                fi.x400 = k >= 2;
                if (k == 2) fi_mta(&fi, sc_rnd(&seed) % 4 ? "mta-a" : "mta-c", false);
                if (k == 3) fi_mta(&fi, "mta-b", true);
                if (k == 5) {
                    fi_mtsid(&fi, mtsids[sc_rnd(&seed) % 3]);
                    if (sc_rnd(&seed) % 5 == 0)
                        fi_mtsid(&fi, mtsids[sc_rnd(&seed) % 3]);
                }
                dir = script_dir[k];
                if (sc_rnd(&seed) % 7 != 0)
                    c->step++;
                ev.payload_len = 40 + sc_rnd(&seed) % 400;
            }
        }
        uint8_t cli[4] = {10, 0, 0, c->client}, srv[4] = {10, 0, 1, 1};
        memcpy(ev.src_addr, dir ? srv : cli, 4);
        memcpy(ev.dst_addr, dir ? cli : srv, 4);
        ev.src_port = dir ? c->sport : c->cport;
        ev.dst_port = dir ? c->cport : c->sport;
        ev.seq_num = c->seq[dir];
        ev.ack_num = c->seq[!dir];
        if (!ev.retransmission)
            c->seq[dir] += ev.payload_len + (ev.syn || ev.fin);
        if (ev.icmp_error) {
            uint32_t stream;
            ev.syn = ev.ack = ev.fin = ev.rst = false;
            ev.has_seq = false;
            ev.window = 0;
            ev.payload_len = 0;
            if (!x4_engine_flow_stream(e, &ev, &stream))
                continue;
            ev.stream = stream;
        }
        x4_note n;
        x4_engine_direction(e, &ev);
        x4_engine_frame(e, &ev, &fi, &n);
        print_note(frame, &n);
    }
    x4_engine_free(e);
}

/* Recorded with the engine as it was before the state/rules split. */
#define RECORDED_DIGEST 0xf4642ab24125e489ull

int main(void)
{
    const unsigned frames = 300000;
    const char *path = getenv("X4_NOTES_DUMP");
    if (path && !(dump = fopen(path, "w"))) {
        perror(path);
        return 1;
    }
    for (uint32_t round = 0; round < 4; round++) {
        x4_prefs p;
        x4_prefs_default(&p);
        p.storm_attempts = 2 + round;
        p.lost_retransmissions = 1 + round;
        p.flap_count = 2 + round;
        p.zero_window_probes = 1 + round;
        x4_engine *e = x4_engine_new(&x4_alloc_libc, &p);
        uint32_t seed = 0x9e3779b9u + round;
        double t = 0;
        out("== random %u\n", round);
        for (uint32_t frame = 1; frame <= frames; frame++) {
            x4_tcp_event ev;
            x4_frame_info fi;
            x4_note n;
            t += (sc_rnd(&seed) % 1000) / 100.0;
            sc_random_frame(&seed, &ev, &fi, frame, t);
            x4_engine_direction(e, &ev);
            x4_engine_frame(e, &ev, &fi, &n);
            print_note(frame, &n);
        }
        x4_engine_free(e);
        out("== structured %u\n", round);
        structured(0x1234567u + round * 7919u, frames, &p);
    }
    if (dump)
        fclose(dump);
    printf("notes digest %016llx, recorded %016llx\n", (unsigned long long)digest,
           (unsigned long long)RECORDED_DIGEST);
    return digest == RECORDED_DIGEST ? 0 : 1;
}
