/* Unit tests of the scenario language: a full scenario parses into the
 * expected statements, variables and --set work, and every error path gives
 * "file:line:column: message" at the right place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "timeline.h"
#include "verbs.h"

#define HEAD "scenario t\nhost a 10.0.0.1\nhost b 10.0.0.2\n"
/* HEAD is three lines: a statement after it is on line 4. */

static void check_error(const char *text, x4r_setting *sets, unsigned n_sets,
                        unsigned line, unsigned col, const char *needle)
{
    char err[1024];
    x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, sets, n_sets, err, sizeof err);
    if (sc) {
        x4r_scenario_free(sc);
        fail_msg("parsed without error, expected %u:%u %s:\n%s", line, col, needle, text);
    }
    char where[64];
    snprintf(where, sizeof where, "t.x4s:%u:%u: ", line, col);
    if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, needle))
        fail_msg("got \"%s\", expected \"%s...%s\" for:\n%s", err, where, needle, text);
}

static void discard(void *ctx, uint64_t t, const uint8_t *f, size_t n)
{
    (void)ctx; (void)t; (void)f; (void)n;
}

static void check_run_error(const char *text, unsigned line, unsigned col, const char *needle)
{
    char err[1024];
    x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
    if (!sc)
        fail_msg("parse failed: %s", err);
    x4r_emitter em;
    x4r_emitter_init(&em, discard, NULL);
    int rc = x4r_run(sc, &em, 1, err, sizeof err);
    x4r_scenario_free(sc);
    assert_int_equal(rc, -1);
    char where[64];
    snprintf(where, sizeof where, "t.x4s:%u:%u: ", line, col);
    if (strncmp(err, where, strlen(where)) != 0 || !strstr(err, needle))
        fail_msg("got \"%s\", expected \"%s...%s\"", err, where, needle);
}

static void test_full_scenario(void **state)
{
    (void)state;
    const char *text =
        "# comment\n"
        "scenario demo   # trailing comment\n"
        "kb Q232602\n"
        "precursors association_lost, reconnect_storm\n"
        "tcp-anomalies retransmission\n"
        "description \"a \\\"quoted\\\" text\"\n"
        "default gap 30s\n"
        "default peer 10.0.0.9\n"
        "host a 10.0.0.1 mac 00:11:22:33:44:55\n"
        "host b $peer\n"
        "mode normal\n"
        "pace 5ms\n"
        "at 1s connect c1 from a to b:102 mss 1000 window 8192\n"
        "c1 -> tp0-cr calling MTAA called MTAB tpdu-size 4096\n"
        "+${gap} c1 <- tp0-cc\n"
        "c1 -> transfer mtsid \"C=US;A=ADMD;L=X1\" size 10 \\\n"
        "       and transfer mtsid C=US;A=ADMD;P=P;L=X2 kind probe\n"
        "c1 outage\n"
        "c1 -> retransmit times 3 backoff 1s\n"
        "+$gap repeat 2 times every 1min\n"
        "  connect r from a to b unanswered retries 1\n"
        "end\n";
    char err[512];
    x4r_setting sets[] = { { "peer", "192.0.2.7", false } };
    x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, sets, 1, err, sizeof err);
    if (!sc)
        fail_msg("%s", err);
    assert_string_equal(sc->name, "demo");
    assert_string_equal(sc->kb, "Q232602");
    assert_string_equal(sc->description, "a \"quoted\" text");
    assert_int_equal(sc->n_precursors, 2);
    assert_string_equal(sc->precursors[1], "reconnect_storm");
    assert_int_equal(sc->n_expect_tcp, 1);
    assert_int_equal(sc->n_hosts, 2);
    assert_true(sc->hosts[0].mac_given);
    assert_int_equal(sc->hosts[0].addr.mac[5], 0x55);
    assert_int_equal(sc->hosts[1].addr.ip[0], 192); /* --set overrides the default */
    assert_int_equal(sc->hosts[1].addr.ip[3], 7);
    assert_true(sc->hosts[0].initiates);
    assert_false(sc->hosts[1].initiates);
    assert_int_equal(sc->pace_us, 5000);
    assert_int_equal(sc->n_conns, 2);
    assert_int_equal(sc->n_stmts, 7);

    const x4r_stmt *st = sc->stmts;
    assert_int_equal(st[0].kind, X4R_ST_CONNECT);
    assert_int_equal(st[0].when, X4R_WHEN_AT);
    assert_int_equal(st[0].when_us, 1000000);
    const x4r_params *cp = &st[0].calls[0].p;
    assert_int_equal(cp->from_host, 0);
    assert_int_equal(cp->to_host, 1);
    assert_int_equal(cp->to_port, 102);
    assert_int_equal(cp->mss, 1000);
    assert_int_equal(cp->window, 8192);
    assert_int_equal(cp->mode, X4_MODE_NORMAL); /* from the mode directive */

    assert_int_equal(st[1].kind, X4R_ST_SEND);
    assert_int_equal(st[1].when, X4R_WHEN_PACE);
    assert_int_equal(st[1].dir, X4_DIR_INITIATOR);
    assert_string_equal(x4r_verbs[st[1].calls[0].verb].name, "tp0-cr");
    assert_string_equal(st[1].calls[0].p.calling, "MTAA");
    assert_int_equal(st[1].calls[0].p.tpdu_size, 4096);
    assert_true(X4R_GIVEN(&st[1].calls[0].p, X4R_P_TPDU_SIZE));
    assert_false(X4R_GIVEN(&st[1].calls[0].p, X4R_P_SRC_REF));

    assert_int_equal(st[2].when, X4R_WHEN_AFTER);
    assert_int_equal(st[2].when_us, 30000000);
    assert_int_equal(st[2].dir, X4_DIR_RESPONDER);

    assert_int_equal(st[3].n_calls, 2);
    assert_string_equal(st[3].calls[1].p.mtsid, "C=US;A=ADMD;P=P;L=X2");
    assert_int_equal(st[3].calls[1].p.kind, X4_PDU_P1_PROBE);

    assert_int_equal(st[4].kind, X4R_ST_OUTAGE);
    assert_int_equal(st[5].calls[0].p.count, 3);
    assert_int_equal(st[5].calls[0].p.backoff_us, 1000000);

    assert_int_equal(st[6].kind, X4R_ST_REPEAT);
    assert_int_equal(st[6].when_us, 30000000);
    assert_int_equal(st[6].times, 2);
    assert_int_equal(st[6].every_us, 60000000);
    assert_int_equal(st[6].n_body, 1);
    assert_true(st[6].body[0].calls[0].p.unanswered);
    assert_int_equal(st[6].body[0].calls[0].p.retries, 1);
    x4r_scenario_free(sc);
}

/* The parser takes its keywords from the decoders' tables: aliases and
 * numbers included, and the defaults are the same codes. */
static void test_keyword_parameters(void **state)
{
    (void)state;
    const char *text =
        "scenario k\n"
        "mode x410\n"
        "host a 10.0.0.1\n"
        "host b 10.0.0.2\n"
        "connect c from a to b\n"
        "c <- connect-refuse reason rts-busy bind-error authentication-error\n"
        "c <- tp0-dr reason 0x86\n"
        "c -> transfer-data mtsid C=US;A=;L=x kind report\n"
        "c -> connect-request dialogue two-way\n"
        "c -> abort\n";
    char err[512];
    x4r_scenario *sc = x4r_scenario_parse("k.x4s", text, NULL, 0, err, sizeof err);
    if (!sc)
        fail_msg("%s", err);
    assert_int_equal(sc->mode, X4_MODE_X410_1984);
    const x4r_stmt *st = sc->stmts;
    assert_int_equal(st[0].calls[0].p.mode, X4_MODE_X410_1984);
    assert_int_equal(st[1].calls[0].p.reason, X4_RTORJ_BUSY);
    assert_int_equal(st[1].calls[0].p.bind_error, X4_P1_ERR_AUTHENTICATION);
    assert_int_equal(st[2].calls[0].p.reason, 0x86);
    assert_int_equal(st[3].calls[0].p.kind, X4_PDU_P1_REPORT);
    assert_int_equal(st[4].calls[0].p.dialogue, X4_RTSE_TWA);
    assert_int_equal(st[5].calls[0].p.reason, -1);          /* not given: the encoder's default */
    assert_int_equal(st[5].calls[0].p.kind, X4_PDU_P1_MESSAGE);
    assert_int_equal(st[5].calls[0].p.dialogue, X4_RTSE_MONOLOGUE);
    x4r_scenario_free(sc);
}

static void test_durations(void **state)
{
    (void)state;
    static const struct { const char *d; uint64_t us; } cases[] = {
        { "250us", 250 }, { "1.5ms", 1500 }, { "2s", 2000000 }, { "0.25s", 250000 },
        { "2min", 120000000 }, { "1h", 3600000000ull },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256], err[256];
        snprintf(text, sizeof text, HEAD "at %s connect c from a to b\n", cases[i].d);
        x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
        if (!sc)
            fail_msg("%s: %s", cases[i].d, err);
        assert_int_equal(sc->stmts[0].when_us, cases[i].us);
        x4r_scenario_free(sc);
    }
}

static void test_lexer_errors(void **state)
{
    (void)state;
    check_error(HEAD "description \"open\n", NULL, 0, 4, 13, "unterminated string");
    check_error(HEAD "description \"a\\qb\"\n", NULL, 0, 4, 16, "unknown escape");
    check_error(HEAD "host c ${x\n", NULL, 0, 4, 8, "missing }");
    check_error(HEAD "host c $ 10.0.0.3\n", NULL, 0, 4, 8, "must be followed by a variable name");
    check_error(HEAD "host c $nope\n", NULL, 0, 4, 8, "unknown variable $nope");
    check_error(HEAD "connect c from a to b!\n", NULL, 0, 4, 22, "unexpected character '!'");
    check_error(HEAD "+$nope connect c from a to b\n", NULL, 0, 4, 2, "unknown variable $nope");
}

static void test_header_errors(void **state)
{
    (void)state;
    check_error("host a 10.0.0.1\nconnect c from a to a\n", NULL, 0, 1, 1, "missing 'scenario NAME'");
    check_error("scenario t\n", NULL, 0, 1, 1, "no statements");
    check_error("scenario\n", NULL, 0, 1, 9, "expected a scenario name, found end of line");
    check_error("scenario t extra\n", NULL, 0, 1, 12, "unexpected 'extra'");
    check_error(HEAD "precursors connect_refused, bogus\n", NULL, 0, 4, 29, "unknown precursor 'bogus'");
    check_error(HEAD "precursors connect_refused close_before_ok\n", NULL, 0, 4, 28, "expected ',' or the end");
    check_error(HEAD "tcp-anomalies zero_window, nonsense\n", NULL, 0, 4, 28, "unknown TCP anomaly");
    check_error(HEAD "host 1x 10.0.0.3\n", NULL, 0, 4, 6, "cannot name a host");
    check_error(HEAD "host a 10.0.0.3\n", NULL, 0, 4, 6, "already declared");
    check_error(HEAD "host c 10.0.0.300\n", NULL, 0, 4, 8, "not an IPv4 or IPv6 address");
    check_error(HEAD "host c 10.0.0.3 mac 00:11:22\n", NULL, 0, 4, 21, "not a MAC address");
    check_error(HEAD "default 9x 1\n", NULL, 0, 4, 9, "cannot name a variable");
    check_error(HEAD "default x 1\ndefault x 2\n", NULL, 0, 5, 9, "already defined");
    check_error(HEAD "epoch yesterday\n", NULL, 0, 4, 7, "epoch must be seconds");
    check_error(HEAD "mode x25\n", NULL, 0, 4, 6, "mode is x410-1984 or normal");
    check_error(HEAD "pace soon\n", NULL, 0, 4, 6, "not a duration");
    check_error(HEAD "kb Q1\nkb Q2\n", NULL, 0, 5, 1, "'kb' is given twice");
    check_error(HEAD "connect c from a to b\n", (x4r_setting[]){ { "nope", "1", false } }, 1,
                1, 1, "--set nope: this scenario has no variable 'nope'");
}

static void test_statement_errors(void **state)
{
    (void)state;
    check_error(HEAD "at soon connect c from a to b\n", NULL, 0, 4, 4, "not a duration");
    check_error(HEAD "at 5 connect c from a to b\n", NULL, 0, 4, 4, "'5' is not a duration");
    check_error(HEAD "+1x connect c from a to b\n", NULL, 0, 4, 1, "not a duration");
    check_error(HEAD "\"text\"\n", NULL, 0, 4, 1, "expected a statement, found text");
    check_error(HEAD ", x\n", NULL, 0, 4, 1, "expected a statement, found ','");
    check_error(HEAD "connect c from a\n", NULL, 0, 4, 1, "needs 'from HOST' and 'to HOST[:PORT]'");
    check_error(HEAD "connect c from a to z\n", NULL, 0, 4, 21, "unknown host 'z'");
    check_error(HEAD "connect c from a to b:0\n", NULL, 0, 4, 21, "not a port number");
    check_error(HEAD "connect c from a to b:http\n", NULL, 0, 4, 21, "not a port number");
    check_error(HEAD "connect c from a to b refused unanswered\n", NULL, 0, 4, 1, "either refused or unanswered");
    check_error(HEAD "host v6 2001:db8::1\nconnect c from a to v6\n", NULL, 0, 5, 1, "not both IPv4 or both IPv6");
    check_error(HEAD "connect c from a to b mss 10\n", NULL, 0, 4, 27, "mss must be a number from 64 to 65457");
    check_error(HEAD "connect c from a to b mss\n", NULL, 0, 4, 26, "expected a value");
    check_error(HEAD "connect c from a to b colour red\n", NULL, 0, 4, 23, "connect takes no parameter 'colour'");
    check_error(HEAD "connect c from a to b mss 1000 mss 900\n", NULL, 0, 4, 32, "given twice");
    check_error(HEAD "connect c from a to b mode x25\n", NULL, 0, 4, 28, "unknown mode 'x25'");
    check_error(HEAD "connect a from a to b\n", NULL, 0, 4, 9, "cannot name a connection");
    check_error(HEAD "connect fin from a to b\n", NULL, 0, 4, 9, "cannot name a connection");
    check_error(HEAD "c -> fin\n", NULL, 0, 4, 1, "unknown connection or statement 'c'");
    check_error(HEAD "connect c from a to b\nc => fin\n", NULL, 0, 5, 3, "expected '->' (initiator sends)");
    check_error(HEAD "connect c from a to b\nc ->\n", NULL, 0, 5, 5, "expected an action");
    check_error(HEAD "connect c from a to b\nc -> dance\n", NULL, 0, 5, 6, "unknown action 'dance'");
    check_error(HEAD "connect c from a to b\nc -> connect\n", NULL, 0, 5, 6, "unknown action 'connect'");
    check_error(HEAD "connect c from a to b\nc -> fin times 2\n", NULL, 0, 5, 10, "fin takes no parameter 'times'");
    check_error(HEAD "connect c from a to b\nc -> tp0-cr tpdu-size 1000\n", NULL, 0, 5, 6, "not a power of two");
    check_error(HEAD "connect c from a to b\nc -> tp0-cr tpdu-size 16384\n", NULL, 0, 5, 23, "from 128 to 8192");
    check_error(HEAD "connect c from a to b\nc -> tp0-cr calling 0123456789012345678901234567890123\n",
                NULL, 0, 5, 21, "calling must be 0 to 32 characters");
    check_error(HEAD "connect c from a to b\nc -> tp0-dr reason why\n", NULL, 0, 5, 20,
                "unknown reason 'why' for tp0-dr (one of: not-specified");
    check_error(HEAD "connect c from a to b\nc -> tp0-dr reason 300\n", NULL, 0, 5, 20, "unknown reason '300'");
    check_error(HEAD "connect c from a to b\nc -> tp0-er cause 9\n", NULL, 0, 5, 19, "unknown cause '9'");
    check_error(HEAD "connect c from a to b\nc -> transfer size 10\n", NULL, 0, 5, 6, "transfer needs 'mtsid");
    check_error(HEAD "connect c from a to b\nc -> transfer mtsid \"C=US;L=x\"\n", NULL, 0, 5, 6, "is not C=<country>");
    check_error(HEAD "connect c from a to b\nc -> transfer mtsid \"C=US;A=B;L=\"\n", NULL, 0, 5, 6, "is not C=<country>");
    check_error(HEAD "connect c from a to b\nc -> transfer mtsid \"C=USA1;A=B;L=x\"\n", NULL, 0, 5, 6, "is not C=<country>");
    check_error(HEAD "connect c from a to b\nc -> fin and fin\n", NULL, 0, 5, 10, "'and' joins PDUs only");
    check_error(HEAD "connect c from a to b\nc -> tp0-cr and fin\n", NULL, 0, 5, 17, "'and' joins PDUs only; fin");
    check_error(HEAD "connect c from a to b\nc -> transfer-ack and\n", NULL, 0, 5, 22, "expected an action");
}

static void test_repeat_errors(void **state)
{
    (void)state;
    check_error(HEAD "repeat 0 times every 1s\nend\n", NULL, 0, 4, 8, "repeat count must be 1..100000");
    check_error(HEAD "repeat 3 every 1s\nend\n", NULL, 0, 4, 10, "expected 'times'");
    check_error(HEAD "repeat 3 times each 1s\nend\n", NULL, 0, 4, 16, "expected 'every'");
    check_error(HEAD "repeat 3 times every 1s\n", NULL, 0, 4, 1, "repeat block has no 'end'");
    check_error(HEAD "repeat 3 times every 1s\nend\n", NULL, 0, 4, 1, "empty repeat block");
    check_error(HEAD "end\n", NULL, 0, 4, 1, "'end' without a repeat block");
    check_error(HEAD "repeat 3 times every 1s\nhost c 10.0.0.3\nend\n", NULL, 0, 5, 1,
                "'host' is not allowed inside a repeat block");
    check_error(HEAD "repeat 2 times every 1s\nconnect c from a to b\nend x\n", NULL, 0, 6, 5, "unexpected 'x'");
    char deep[2048] = HEAD;
    for (int i = 0; i < 9; i++)
        strcat(deep, "repeat 2 times every 1h\n");
    strcat(deep, "connect c from a to b\n");
    for (int i = 0; i < 9; i++)
        strcat(deep, "end\n");
    check_error(deep, NULL, 0, 12, 1, "nest deeper than 8");
}

static void test_run_errors(void **state)
{
    (void)state;
    check_run_error(HEAD "at 5s connect c from a to b\nat 1s c -> fin\n", 5, 1,
                    "time 1.000000s is before the previous statement's (5.000000s)");
    check_run_error(HEAD "repeat 3 times every 1s\nconnect c from a to b\n+2s c -> fin\nend\n", 4, 1,
                    "repeat iteration 2 would start at 1.000000s");
    check_run_error(HEAD "repeat 2 times every 5s\nconnect c from a to b unanswered\nend\n", 5, 1,
                    "falls inside an earlier back-off");
    check_run_error(HEAD "connect c from a to b\nc -> probe times 3 backoff 1s\n+1s c -> fin\n", 6, 1,
                    "time 1.001000s falls inside an earlier back-off");
}

/* The limits of scenario.h and emitter.h: refused where a scenario asks
 * for more, located at the statement that asks. */
static void test_limits(void **state)
{
    (void)state;
    /* 100000 x 101 statements: the outer repeat passes 10 000 000. */
    check_error(HEAD "repeat 100000 times every 1ms\nrepeat 101 times every 1us\nconnect c from a to b\nend\nend\n",
                NULL, 0, 4, 1, "runs at most 10000000 statements");
    /* Two repeats of 6 000 000: the second passes the scenario's total. */
    check_error(HEAD "repeat 60000 times every 1ms\nrepeat 100 times every 1us\nconnect c from a to b\nend\nend\n"
                     "repeat 60000 times every 1ms\nrepeat 100 times every 1us\nconnect c from a to b\nend\nend\n",
                NULL, 0, 9, 1, "runs more than 10000000 statements");
    /* 17 joined transfers of 1 MiB: the 17th passes 16 MiB. */
    char big[4096] = HEAD "connect c from a to b\nc -> transfer mtsid C=US;A=B;L=x size 1048576";
    for (int i = 1; i < 17; i++)
        strcat(big, " and transfer mtsid C=US;A=B;L=x size 1048576");
    strcat(big, "\n");
    check_error(big, NULL, 0, 5, 6 + 16 * 45, "one statement sends at most 16777216");
    /* The peer stops reading: 64 MiB queue, then the statement that passes it. */
    check_run_error(HEAD "connect c from a to b\nc <- stop-reading\nrepeat 80 times every 1s\n"
                         "c -> transfer mtsid C=US;A=B;L=x size 1048576\nend\n",
                    7, 1, "would hold");
    /* Times past 2106-02-07 (32-bit pcap seconds). */
    check_run_error(HEAD "epoch 4102444800\nat 200000000s connect c from a to b\n", 5, 1,
                    "past 2106-02-07");
    check_run_error(HEAD "epoch 4102444800\nconnect c from a to b unanswered retries 20 rto 100000000s\n",
                    5, 1, "writes frames past 2106-02-07");
    check_run_error(HEAD "epoch 4102444800\nconnect c from a to b\nrepeat 100000 times every 1000000000s\n"
                         "c -> ack\nend\n",
                    6, 1, "would start past 2106-02-07");
}

typedef struct {
    uint64_t packets, payload;
} counter;

/* Counts frames and their TCP payload bytes (IPv4: 14 + 20 + TCP header). */
static void count_frame(void *ctx, uint64_t t, const uint8_t *f, size_t n)
{
    counter *c = ctx;
    (void)t;
    c->packets++;
    c->payload += n - 34 - (size_t)(f[34 + 12] >> 4) * 4;
}

static counter run_counting(const char *text, uint64_t max_packets, int want_rc, const char *needle)
{
    char err[1024];
    x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
    if (!sc)
        fail_msg("parse failed: %s", err);
    counter c = {0};
    static x4r_emitter em;
    x4r_emitter_init(&em, count_frame, &c);
    em.max_packets = max_packets;
    int rc = x4r_run(sc, &em, 1, err, sizeof err);
    x4r_scenario_free(sc);
    assert_int_equal(rc, want_rc);
    if (needle && !strstr(err, needle))
        fail_msg("got \"%s\", expected \"%s\"", err, needle);
    return c;
}

/* Raw user data given in hex reaches the wire as those bytes. */
static void test_hex_user_data(void **state)
{
    (void)state;
    check_error(HEAD "connect c from a to b\nc -> session-data hex 308\n", NULL, 0, 5, 6, "pairs of hex digits");
    check_error(HEAD "connect c from a to b\nc -> tp0-dt hex 30zz\n", NULL, 0, 5, 6, "pairs of hex digits");
    check_error(HEAD "connect c from a to b\nc -> tp0-dt hex 3080 size 4\n", NULL, 0, 5, 6, "size or hex, not both");
    check_error(HEAD "connect c from a to b\nc -> transfer-ack hex 00\n", NULL, 0, 5, 19, "takes no parameter 'hex'");
    /* tp0-dt hex 3080abcd: TPKT 03 00 00 0b, DT 02 f0 80, then the 4 bytes. */
    const char *text = HEAD "connect c from a to b\nc -> tp0-dt hex 3080aBcD\n";
    counter c = run_counting(text, 0, 0, NULL);
    assert_int_equal(c.payload, 4 + 3 + 4);
}

/* A run's packet limit (the fuzz target's budget) stops it with a located
 * error; a retransmission after a reset resends at most 65535 bytes. */
static void test_run_budgets(void **state)
{
    (void)state;
    const char *many = HEAD "repeat 1000 times every 1s\nconnect c from a to b\nc -> fin\nend\n";
    counter c = run_counting(many, 0, 0, NULL);
    assert_int_equal(c.packets, 1000 * 5);
    c = run_counting(many, 100, -1, "t.x4s:5:1: the capture would have more than 100 packets");
    assert_int_equal(c.packets, 100);

    const char *sent = HEAD "connect c from a to b\nc -> reset\nc -> session-data size 200000\n";
    char resent[512];
    snprintf(resent, sizeof resent, "%sc -> retransmit times 2 backoff 1s\n", sent);
    counter before = run_counting(sent, 0, 0, NULL), after = run_counting(resent, 0, 0, NULL);
    assert_true(before.payload > 200000);
    assert_int_equal(after.payload - before.payload, 2 * 65535);
}

/* Every prefix of every built-in scenario either parses or fails with a
 * located message (and, under the sanitizers, without a memory error). */
static void test_truncated_scenarios(void **state)
{
    (void)state;
    DIR *d = opendir(X4R_SCENARIO_DIR);
    assert_non_null(d);
    struct dirent *e;
    unsigned files = 0;
    while ((e = readdir(d)) != NULL) {
        if (!strstr(e->d_name, ".x4s"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", X4R_SCENARIO_DIR, e->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char text[65536];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        char err[1024];
        x4r_scenario *full = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
        if (!full)
            fail_msg("%s: %s", e->d_name, err);
        x4r_scenario_free(full);
        for (size_t cut = 0; cut < n; cut += 7) {
            char saved = text[cut];
            text[cut] = '\0';
            x4r_scenario *sc = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
            if (sc)
                x4r_scenario_free(sc);
            else if (strncmp(err, "t.x4s:", 6) != 0)
                fail_msg("%s cut at %zu: unlocated error \"%s\"", e->d_name, cut, err);
            text[cut] = saved;
        }
        files++;
    }
    closedir(d);
    assert_true(files >= 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_scenario),
        cmocka_unit_test(test_keyword_parameters),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_lexer_errors),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_statement_errors),
        cmocka_unit_test(test_repeat_errors),
        cmocka_unit_test(test_run_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_run_budgets),
        cmocka_unit_test(test_hex_user_data),
        cmocka_unit_test(test_truncated_scenarios),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
