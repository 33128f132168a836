/* The public X.400 captures replayed as event scripts (frame by frame, with
 * their times), duplicated frames, mid-connection starts, non-X.400 TP0
 * traffic, and many connections. */
#include "script.h"

#include <stdio.h>
#include <string.h>

/* x400-ping-success: bind, bind result, release, then the responder's RST
 * right after the initiator's FIN. */
static void ping_success(void **state)
{
    sc *s = *state;
    sc_conn(s, 0, 3, 2284);
    sc_open_at(s, (const double[]){ 0.000000, 0.000367, 0.000398, 0.000515, 0.093992 });
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, X4_PDU_RTORQ,
            X4_PDU_P1_BIND_ARG, 0);
    fi_mta(&fi, "percival.smhs.co.uk", false);
    sc_at(s, 0.094084); sc_info(s, I, &fi);
    fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_PRES_CPA, X4_PDU_AARE, X4_PDU_RTOAC,
            X4_PDU_P1_BIND_RES, 0);
    fi_mta(&fi, "guinevere.smhs.co.uk", true);
    sc_at(s, 0.096221); assert_int_equal(sc_info(s, R, &fi)->state, X4_ST_BOUND);
    sc_at(s, 0.096560); sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0);
    sc_at(s, 0.096951); sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0);
    sc_at(s, 0.097004); sc_tcp(s, I, "FA", 0);
    sc_at(s, 0.097172); sc_tcp(s, R, "A", 0);
    sc_at(s, 1.078836); assert_int_equal(sc_tcp(s, R, "R", 0)->state, X4_ST_CLOSED);
    for (unsigned i = 0; i < X4_P_COUNT; i++)
        assert_int_equal(s->tally[i], 0);
}

static x4_frame_info refusal(const char *bind_error, uint32_t code)
{
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_RF, X4_PDU_PRES_CPR, X4_PDU_AARE, X4_PDU_RTORJ,
            X4_PDU_P1_BIND_ERR, 0);
    fi_reason(&fi, X4_LAYER_SESSION, X4_PDU_SES_RF, 2, "rejected by user");
    fi_reason(&fi, X4_LAYER_ACSE, X4_PDU_AARE, 1, "rejected (permanent)");
    fi_reason(&fi, X4_LAYER_P1, X4_PDU_P1_BIND_ERR, code, bind_error);
    return fi;
}

/* The initiator's CN with the bind argument at time cn, the responder's
 * refusal with this P1 bind error at time rf: refused by p1 with it. */
static x4_note *bind_refused_at(sc *s, double cn, double rf, const char *bind_error, uint32_t code)
{
    sc_at(s, cn);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, X4_PDU_RTORQ,
            X4_PDU_P1_BIND_ARG, 0);
    x4_frame_info fi = refusal(bind_error, code);
    sc_at(s, rf);
    x4_note *n = sc_info(s, R, &fi);
    const x4_flag *f = sc_flag(n, X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_P1);
    assert_string_equal(f->reason, bind_error);
    return n;
}

static void ping_refuse(void **state)
{
    sc *s = *state;
    sc_conn(s, 0, 3, 2278);
    sc_open_at(s, (const double[]){ 0.000000, 0.000371, 0.000403, 0.000523, 0.098727 });
    x4_note *n = bind_refused_at(s, 0.098851, 0.107073, "authentication-error", 2);
    assert_int_equal(n->n_flags, 1);
    assert_int_equal(sc_flag(n, X4_P_CONNECT_REFUSED)->related_frame, 6);
    sc_at(s, 0.107139); sc_tcp(s, I, "FA", 0);
    sc_at(s, 0.107337); sc_tcp(s, R, "A", 0);
    sc_at(s, 1.131782); sc_tcp(s, R, "R", 0);
    assert_int_equal(sc_canonical(s), 1);
    assert_int_equal(s->note.state, X4_ST_REFUSED);
}

/* p772-transfer-success: stream 0 refused (bind error busy), stream 1
 * transfers one message; stream 0's late RST lands among stream 1's frames. */
static void p772_transfer(void **state)
{
    sc *s = *state;
    sc_conn(s, 0, 3, 2288);
    sc_open_at(s, (const double[]){ 0.000000, 0.000242, 0.000272, 0.000388, 0.096165 });
    bind_refused_at(s, 0.096255, 0.098491, "busy", 0);
    sc_at(s, 0.098552); sc_tcp(s, I, "FA", 0);
    sc_at(s, 0.098744); sc_tcp(s, R, "A", 0);

    sc_conn(s, 1, 3, 2289);
    sc_at(s, 0.100792); assert_int_equal(sc_tcp(s, I, "S", 0)->assoc, 2);
    sc_at(s, 0.101064); sc_tcp(s, R, "SA", 0);
    sc_at(s, 0.101090); sc_tcp(s, I, "A", 0);
    sc_at(s, 0.101201); sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_at(s, 0.220446); sc_tcp(s, R, "A", 0);
    sc_at(s, 0.246364); sc_pdus(s, R, X4_PDU_TP0_CC, 0);
    sc_at(s, 0.246423); sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ,
                                 X4_PDU_RTORQ, X4_PDU_P1_BIND_ARG, 0);
    sc_at(s, 0.248795); sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_PRES_CPA, X4_PDU_AARE,
                                 X4_PDU_RTOAC, X4_PDU_P1_BIND_RES, 0);
    sc_at(s, 0.249522); sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0);
    sc_at(s, 0.421073); sc_tcp(s, R, "A", 0);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_TP0_DT, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT,
            X4_PDU_SES_AE, X4_PDU_RTTR, X4_PDU_P1_MESSAGE, 0);
    fi_mtsid(&fi, "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050");
    sc_at(s, 0.421112); assert_int_equal(sc_info(s, I, &fi)->state, X4_ST_TRANSFER);
    sc_at(s, 0.621707); sc_tcp(s, R, "A", 0);
    sc_conn(s, 0, 3, 2288);
    sc_at(s, 1.128008); assert_int_equal(sc_tcp(s, R, "R", 0)->state, X4_ST_REFUSED);
    sc_conn(s, 1, 3, 2289);
    sc_at(s, 1.439074); assert_int_equal(sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA, 0)->state,
                                          X4_ST_BOUND);
    sc_at(s, 1.631754); sc_tcp(s, I, "A", 0);
    sc_at(s, 3.782702); sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0);
    sc_at(s, 3.783332); sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0);
    sc_at(s, 3.783400); sc_tcp(s, I, "FA", 0);
    sc_at(s, 3.783569); sc_tcp(s, R, "A", 0);
    sc_at(s, 3.786987); assert_int_equal(sc_tcp(s, R, "R", 0)->state, X4_ST_CLOSED);
    assert_int_equal(sc_canonical(s), 1);
    assert_int_equal(s->tally[X4_P_CONNECT_REFUSED], 1);
}

/* Every frame captured twice; Wireshark marks the copies retransmissions
 * (and the glue does not decode them). */
static void duplicated_frames(void **state)
{
    sc *s = *state;
    static const struct { x4_dir d; const char *fl; uint32_t len; x4_pdu_kind k; } script[] = {
        { I, "S", 0, 0 }, { R, "SA", 0, 0 }, { I, "A", 0, 0 },
        { I, "A", 30, X4_PDU_TP0_CR }, { R, "A", 20, X4_PDU_TP0_CC },
        { I, "A", 200, X4_PDU_SES_CN }, { R, "A", 200, X4_PDU_SES_AC },
        { I, "A", 500, X4_PDU_SES_DT }, { R, "A", 0, 0 },
        { I, "A", 30, X4_PDU_SES_FN }, { R, "A", 30, X4_PDU_SES_DN },
        { I, "FA", 0, 0 }, { R, "A", 0, 0 }, { R, "R", 0, 0 },
    };
    for (unsigned i = 0; i < sizeof script / sizeof script[0]; i++) {
        for (int copy = 0; copy < 2; copy++) {
            char fl[8];
            snprintf(fl, sizeof fl, "%s%s", script[i].fl, copy ? "T" : "");
            x4_frame_info fi = fi_x400();
            bool tpdu = script[i].k == X4_PDU_TP0_CR || script[i].k == X4_PDU_TP0_CC;
            if (script[i].k && !copy && tpdu)
                fi_pdus(&fi, script[i].k, 0);
            else if (script[i].k && !copy)
                fi_pdus(&fi, X4_PDU_TP0_DT, script[i].k, 0);
            s->t += 0.001;
            sc_frame(s, script[i].d, fl, script[i].len, &fi);
        }
    }
    assert_int_equal(sc_canonical(s), 0);
}

/* S7comm: the capture starts mid-connection, requests and responses, the
 * client resets at the end after everything was acknowledged. */
static void s7comm_mid_connection(void **state)
{
    sc *s = *state;
    sc_conn(s, 4, 5, 49152);
    x4_frame_info fi = fi_not_osi_dt();
    for (int i = 0; i < 5; i++) {
        s->t += 0.1;
        assert_int_equal(sc_info(s, I, &fi)->state, X4_ST_UNKNOWN);
        sc_info(s, R, &fi);
        sc_tcp(s, I, "A", 0);
    }
    sc_tcp(s, I, "RA", 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* ICCP refused by COTP DR 'address unknown', several times: a TP0 refusal
 * each (allowed on controls), never a close_before_ok. */
static void iccp_refusals(void **state)
{
    sc *s = *state;
    for (uint32_t i = 0; i < 2; i++) {
        sc_conn(s, i, 7, (uint16_t)(40000 + i));
        s->t += 5;
        sc_handshake(s);
        sc_pdus(s, I, X4_PDU_TP0_CR, 0);
        sc_tp0_dr(s, R, 3, "address unknown");
        sc_tcp(s, R, "FA", 0);
        sc_tcp(s, I, "FA", 0);
    }
    assert_int_equal(s->tally[X4_P_CONNECT_REFUSED], 2);
    assert_int_equal(s->tally[X4_P_CLOSE_BEFORE_OK], 0);
    assert_int_equal(s->tally[X4_P_STATE_CHECK_FAILURE], 0);
}

/* Thousands of interleaved connections between many hosts: tables grow,
 * numbers stay in first-frame order, everything is freed. */
static void many_connections(void **state)
{
    sc *s = *state;
    for (uint32_t i = 0; i < 3000; i++) {
        sc_conn(s, i * 7 + 1, (uint8_t)(1 + i % 200), (uint16_t)(1024 + i));
        s->t += 0.001;
        assert_int_equal(sc_tcp(s, I, "S", 0)->assoc, i + 1);
        sc_tcp(s, R, "SA", 0);
    }
    for (uint32_t i = 0; i < 3000; i++) {
        sc_conn(s, i * 7 + 1, (uint8_t)(1 + i % 200), (uint16_t)(1024 + i));
        sc_tcp(s, I, "FA", 0);
        assert_int_equal(s->note.assoc, i + 1);
    }
    assert_int_equal(sc_canonical(s), 0);
}

static void engine_with_default_prefs(void **state)
{
    (void)state;
    x4_engine *e = x4_engine_new(&x4_alloc_libc, NULL);
    assert_non_null(e);
    x4_tcp_event ev = { .frame = 1, .stream = 0, .addr_len = 16, .src_port = 5000,
                        .dst_port = 102, .syn = true, .rfc1006_port = true };
    x4_note n;
    assert_int_equal(x4_engine_direction(e, &ev), X4_DIR_INITIATOR);
    x4_engine_frame(e, &ev, NULL, &n);
    assert_int_equal(n.assoc, 1);
    x4_engine_free(e);
}

/* iec61850_read: the MMS responder's AC is malformed (the decoders give up
 * on it: TP0 DT only); the initiator then sends data and resets.  The
 * undecoded answer may have been the AC: no close_before_ok, no state check. */
static void undecodable_accept(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_pdus(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, 0);
    sc_pdus(s, R, X4_PDU_TP0_DT, 0);
    sc_tcp(s, I, "A", 0);
    sc_pdus(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_PRES_TD, 0);
    sc_pdus(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_PRES_TD, 0);
    sc_tcp(s, I, "A", 0);
    sc_tcp(s, I, "R", 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* The same in X.400: an undecodable answer to the CN still blocks the
 * close_before_ok guess. */
static void undecodable_answer_in_x400(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, 0);
    sc_pdus(s, R, X4_PDU_TP0_DT, 0);
    sc_at(s, 20);
    sc_tcp(s, I, "FA", 0);
    assert_int_equal(s->tally[X4_P_CLOSE_BEFORE_OK], 0);
}

/* S7comm: the client's last empty DT, then its reset: routine, not a loss. */
static void s7comm_client_reset_after_last_dt(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    x4_frame_info fi = fi_not_osi_dt();
    sc_info(s, I, &fi);
    sc_info(s, R, &fi);
    sc_frame(s, I, "A", 7, &fi);
    sc_tcp(s, I, "RA", 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* The SYN was not captured: the SYN-ACK still opens a known connection. */
static void syn_ack_first(void **state)
{
    sc *s = *state;
    assert_int_equal(sc_tcp(s, R, "SA", 0)->state, X4_ST_TCP_OPEN);
    sc_tcp(s, I, "A", 0);
    assert_int_equal(sc_pdus(s, I, X4_PDU_TP0_CR, 0)->state, X4_ST_TP_REQUESTED);
}

/* No SYN in the capture and both ports high: the engine guesses the lower
 * port is the server, wrongly here.  The CR tells who asks, so the asker's
 * close is the close_before_ok and the other side's DR a refusal. */
static void roles_guessed_backwards(void **state)
{
    sc *s = *state;
    sc_conn(s, 1, 1, 40000);
    s->sport = 1000;         /* the lower port looks like the server: R, the real client */
    sc_tcp(s, R, "A", 0);
    sc_pdus(s, R, X4_PDU_TP0_CR, 0);
    sc_tcp(s, I, "A", 0);
    sc_at(s, 25);
    x4_note *n = sc_tcp(s, R, "FA", 0);
    assert_non_null(sc_flag(n, X4_P_CLOSE_BEFORE_OK));
    assert_int_equal(s->tally[X4_P_CONNECT_REFUSED], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        sc_unit_test(ping_success),
        sc_unit_test(ping_refuse),
        sc_unit_test(p772_transfer),
        sc_unit_test(duplicated_frames),
        sc_unit_test(s7comm_mid_connection),
        sc_unit_test(iccp_refusals),
        sc_unit_test(many_connections),
        cmocka_unit_test(engine_with_default_prefs),
        sc_unit_test(syn_ack_first),
        sc_unit_test(roles_guessed_backwards),
        sc_unit_test(undecodable_accept),
        sc_unit_test(undecodable_answer_in_x400),
        sc_unit_test(s7comm_client_reset_after_last_dt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
