/* Unit tests of the live player's plan and expectations: a healthy scenario
 * becomes steps whose expectations are the PDUs the plugin's decoders read
 * back from our own bytes; every step no socket can produce is refused at
 * its file:line:column with a reason; and a peer that answers otherwise is
 * described in the plugin's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "play_expect.h"
#include "play_plan.h"
#include "scenario.h"

#define HEAD "scenario t\nhost a 10.0.0.1\nhost b 10.0.0.2\n"
/* HEAD is three lines: a statement after it is on line 4. */
#define OPEN "at 0s connect c from a to b\nc -> tp0-cr\n+4ms c <- tp0-cc\nc -> connect-request mta A password p\n+10ms c <- connect-accept mta B password p\n"
/* OPEN is lines 4 to 8. */

typedef struct {
    x4r_scenario *sc;
    x4p_plan plan;
    x4r_buf refusals;
    int rc;
} built;

static void build(built *b, const char *text)
{
    char err[1024];
    memset(b, 0, sizeof *b);
    b->sc = x4r_scenario_parse("t.x4s", text, NULL, 0, err, sizeof err);
    if (!b->sc)
        fail_msg("parse failed: %s", err);
    b->rc = x4p_plan_build(b->sc, &b->plan, &b->refusals, err, sizeof err);
    x4r_buf_u8(&b->refusals, 0);
}

static void unbuild(built *b)
{
    x4p_plan_free(&b->plan);
    x4r_buf_free(&b->refusals);
    x4r_scenario_free(b->sc);
}

static void expect_events(const x4p_step *s, const char *want)
{
    char got[512] = "";
    for (unsigned i = 0; i < s->n_expect; i++) {
        char one[160];
        x4p_event_describe(&s->expect[i], one, sizeof one);
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " + " : "", one);
    }
    if (strcmp(got, want) != 0)
        fail_msg("line %u (%s): expected \"%s\", planned \"%s\"", s->loc.line, s->verb, want, got);
}

static void test_healthy_plan(void **state)
{
    (void)state;
    built b;
    build(&b, HEAD OPEN
          "+50ms c -> transfer mtsid \"C=US;A=ADMD;L=X-1\" size 3000\n"
          "+8ms c <- transfer-ack\n"
          "+1s c -> release-request\n"
          "c <- release-response\n"
          "c -> fin\n"
          "+1ms c <- fin\n");
    assert_int_equal(b.rc, 0);
    assert_int_equal(b.plan.n_conns, 1);
    assert_int_equal(b.plan.n_steps, 11);
    const x4p_step *s = b.plan.steps;
    assert_int_equal(s[0].kind, X4P_CONNECT);
    assert_int_equal(s[1].kind, X4P_SEND);
    assert_int_equal(s[1].dir, 0);
    assert_int_equal(s[1].t_us, 1000);          /* pace 1ms after the connect */
    expect_events(&s[1], "TP0 CR");
    assert_int_equal(s[2].dir, 1);
    assert_int_equal(s[2].t_us, 5000);
    expect_events(&s[2], "TP0 CC");
    expect_events(&s[3], "SES CN + RTORQ + P1 bind-argument");
    expect_events(&s[4], "SES AC + RTOAC + P1 bind-result");
    /* three TSDUs, the data one cut into DTs: the carriers are not expected */
    expect_events(&s[5], "SES AS + SES DT + RTTR + P1 message + SES AE");
    assert_true(s[5].bytes.len > 3000);
    expect_events(&s[6], "SES AEA");
    expect_events(&s[7], "SES FN");
    expect_events(&s[9], "FIN");
    assert_int_equal(s[9].kind, X4P_FIN);
    assert_int_equal(s[10].dir, 1);
    unbuild(&b);
}

static void test_refusal_reasons(void **state)
{
    (void)state;
    built b;
    build(&b, HEAD OPEN
          "c -> tp0-dr reason congestion and tp0-dr\n"  /* 9: fine (two DRs, one send) */
          "c <- reset\n"                                 /* 10 */
          "c -> transfer mtsid \"C=US;A=ADMD;L=X-1\"\n"  /* 11: data after a reset */
          "at 1s connect d from a to b:103 unanswered\n" /* 12 */
          "at 2s connect e from a to b\n"                /* 13 */
          "e -> fin\n"                                   /* 14 */
          "e -> session-data\n"                          /* 15: data after own FIN */
          "e -> fin\n"                                   /* 16: second FIN */
          "e <- ack\n"                                   /* 17 */
          "e <- retransmit times 2\n"                    /* 18 */
          "e -> probe\n"                                 /* 19: the peer reads */
          "e outage\n"                                   /* 20 */
          "e <- unreachable reason host\n"               /* 21 */
          "at 9s connect f from a to b refused\n"        /* 22 */
          "f -> tp0-cr\n");                              /* 23 */
    const char *want[] = {
        "t.x4s:11:6: transfer cannot be played live: the connection was reset at line 10",
        "t.x4s:12:7: connect ... unanswered cannot be played live: the peer's kernel answers every SYN",
        "t.x4s:15:6: session-data cannot be played live: this side sent its FIN at line 14",
        "t.x4s:16:6: fin cannot be played live: this side already sent its FIN at line 14",
        "t.x4s:17:6: ack cannot be played live: a pure ACK on demand",
        "t.x4s:18:6: retransmit cannot be played live: retransmissions are the kernel's",
        "t.x4s:19:6: probe cannot be played live: the kernel probes only a closed window",
        "t.x4s:20:1: outage cannot be played live: a network outage is not a socket operation",
        "t.x4s:21:6: unreachable cannot be played live: an ICMP error comes from a router",
        "t.x4s:23:6: tp0-cr cannot be played live: connection 'f' was refused (line 22)",
    };
    const unsigned n = sizeof want / sizeof want[0];
    const char *text = (const char *)b.refusals.p;
    assert_int_equal(b.rc, (int)n);
    const char *line = text;
    for (unsigned i = 0; i < n; i++) {
        if (strncmp(line, want[i], strlen(want[i])) != 0)
            fail_msg("refusal %u: expected \"%s...\", got:\n%s", i, want[i], text);
        line = strchr(line, '\n');
        assert_non_null(line);
        line++;
    }
    assert_string_equal(line, "");
    unbuild(&b);
}

static void test_refusals_once_per_line(void **state)
{
    (void)state;
    built b;
    build(&b, HEAD "repeat 5 times every 10s\nconnect r from a to b unanswered\nend\n");
    assert_int_equal(b.rc, 1);   /* the line runs five times, it is refused once */
    assert_non_null(strstr((const char *)b.refusals.p, "t.x4s:5:1: connect ... unanswered"));
    unbuild(&b);
}

static void test_timing_error(void **state)
{
    (void)state;
    built b;
    build(&b, HEAD "at 5s connect c from a to b\nat 1s c -> fin\n");
    assert_int_equal(b.rc, -1);
    unbuild(&b);
}

static x4p_event pdu(x4_pdu_kind k, int64_t reason, const char *text)
{
    return (x4p_event){ .kind = X4P_EV_PDU, .pdu = k, .reason = reason, .text = text };
}

static void test_expect_mismatch_in_words(void **state)
{
    (void)state;
    x4p_expect x = { 0 };
    x4p_event cc = pdu(X4_PDU_TP0_CC, -1, NULL);
    unsigned upto = x4p_expect_push(&x, &cc, 1);
    assert_false(x4p_expect_done(&x, upto));
    x4p_event dr = pdu(X4_PDU_TP0_DR, X4_DR_CONGESTION, "congestion at TSAP");
    x4p_expect_arrive(&x, &dr, 7);
    assert_true(x.failed);
    assert_string_equal(x.why, "expected TP0 CC, got TP0 DR reason congestion at TSAP");
    x4p_expect_free(&x);
}

static void test_expect_reason_and_order(void **state)
{
    (void)state;
    x4p_expect x = { 0 };
    x4p_event want[] = { pdu(X4_PDU_SES_RF, X4_RF_SPM_CONGESTION, "SPM congestion at connect time"),
                         { .kind = X4P_EV_FIN, .reason = -1 } };
    unsigned upto = x4p_expect_push(&x, want, 2);
    x4p_event rf = pdu(X4_PDU_SES_RF, X4_RF_SPM_CONGESTION, "SPM congestion at connect time");
    x4p_expect_arrive(&x, &rf, 10);
    assert_false(x4p_expect_done(&x, upto));
    x4p_event fin = { .kind = X4P_EV_FIN, .reason = -1 };
    x4p_expect_arrive(&x, &fin, 20);
    assert_true(x4p_expect_done(&x, upto));
    assert_int_equal(x4p_expect_done_at(&x, upto), 20);
    /* the same PDU for another reason is a difference */
    x4p_event dr_want = pdu(X4_PDU_TP0_DR, X4_DR_ADDRESS_UNKNOWN, "address unknown");
    x4p_expect_push(&x, &dr_want, 1);
    x4p_event dr_got = pdu(X4_PDU_TP0_DR, X4_DR_CONGESTION, "congestion at TSAP");
    x4p_expect_arrive(&x, &dr_got, 30);
    assert_true(x.failed);
    assert_string_equal(x.why, "expected TP0 DR reason address unknown, got TP0 DR reason congestion at TSAP");
    x4p_expect_free(&x);
}

static void test_expect_early_and_partial(void **state)
{
    (void)state;
    x4p_expect x = { 0 };
    x4p_event cc = pdu(X4_PDU_TP0_CC, -1, NULL);
    char what[128];
    uint64_t at = 0;
    x4p_expect_arrive(&x, &cc, 3);          /* before any step expects it */
    assert_true(x4p_expect_take_early(&x, what, sizeof what, &at));
    assert_string_equal(what, "TP0 CC");
    assert_int_equal(at, 3);
    assert_false(x4p_expect_take_early(&x, what, sizeof what, &at));   /* reported once */
    unsigned upto = x4p_expect_push(&x, &cc, 1);
    assert_true(x4p_expect_done(&x, upto));
    /* a step half answered: what is missing, then the mismatch names the whole step */
    x4p_event want[] = { pdu(X4_PDU_SES_AC, -1, NULL), pdu(X4_PDU_RTOAC, -1, NULL) };
    upto = x4p_expect_push(&x, want, 2);
    x4p_event ac = pdu(X4_PDU_SES_AC, -1, NULL);
    x4p_expect_arrive(&x, &ac, 5);
    x4p_expect_describe_missing(&x, upto, what, sizeof what);
    assert_string_equal(what, "RTOAC");
    x4p_event rst = { .kind = X4P_EV_RST, .reason = -1 };
    x4p_expect_arrive(&x, &rst, 6);
    assert_string_equal(x.why, "expected SES AC + RTOAC, got SES AC + RST");
    x4p_expect_free(&x);
}

static void test_events_skip_carriers(void **state)
{
    (void)state;
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    x4_pdu_kind kinds[] = { X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA };
    for (unsigned i = 0; i < 3; i++)
        fi.pdus[fi.n_pdus++] = (x4_pdu){ kinds[i], X4_DIR_RESPONDER };
    x4p_event *ev = NULL;
    unsigned n = 0;
    x4p_events_of_frame(&fi, &ev, &n);
    assert_int_equal(n, 1);
    assert_int_equal(ev[0].pdu, X4_PDU_SES_AEA);
    /* raw TP0 data (no session inside) is what there is to expect */
    fi.n_pdus = 1;
    fi.not_osi = true;
    x4p_events_of_frame(&fi, &ev, &n);
    assert_int_equal(n, 2);
    assert_int_equal(ev[1].pdu, X4_PDU_TP0_DT);
    free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_healthy_plan),
        cmocka_unit_test(test_refusal_reasons),
        cmocka_unit_test(test_refusals_once_per_line),
        cmocka_unit_test(test_timing_error),
        cmocka_unit_test(test_expect_mismatch_in_words),
        cmocka_unit_test(test_expect_reason_and_order),
        cmocka_unit_test(test_expect_early_and_partial),
        cmocka_unit_test(test_events_skip_carriers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
