/* Connect phase: a healthy association, connect_refused at every layer,
 * close_before_ok and its near misses, late_ok. */
#include "script.h"

#include <string.h>

static void healthy_association_has_no_flag(void **state)
{
    sc *s = *state;
    assert_int_equal(sc_tcp(s, I, "S", 0)->state, X4_ST_TCP_CONNECTING);
    assert_int_equal(sc_tcp(s, R, "SA", 0)->state, X4_ST_TCP_OPEN);
    sc_tcp(s, I, "A", 0);
    assert_int_equal(sc_pdus(s, I, X4_PDU_TP0_CR, 0)->state, X4_ST_TP_REQUESTED);
    assert_int_equal(sc_pdus(s, R, X4_PDU_TP0_CC, 0)->state, X4_ST_TP_OPEN);
    assert_int_equal(sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, X4_PDU_P1_BIND_ARG, 0)->state,
                     X4_ST_SESSION_REQUESTED);
    assert_int_equal(sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_RTOAC, X4_PDU_P1_BIND_RES, 0)->state,
                     X4_ST_BOUND);
    sc_x400_transfer(s, "C=gb;A= ;P=smhs;L=1");
    assert_int_equal(s->note.state, X4_ST_BOUND);
    assert_int_equal(sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0)->state, X4_ST_RELEASING);
    assert_int_equal(sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0)->state, X4_ST_CLOSED);
    sc_tcp(s, I, "FA", 0);
    sc_tcp(s, R, "A", 0);
    sc_at(s, 1.0);
    x4_note *n = sc_tcp(s, R, "RA", 0);   /* the MTA-normal reset after release */
    assert_int_equal(n->state, X4_ST_CLOSED);
    assert_int_equal(n->assoc, 1);
    for (unsigned i = 0; i < X4_P_COUNT; i++)
        assert_int_equal(s->tally[i], 0);
}

static void refused_by_tcp_reset_to_syn(void **state)
{
    sc *s = *state;
    sc_tcp(s, I, "S", 0);
    sc_at(s, 0.001);
    x4_note *n = sc_tcp(s, R, "RA", 0);
    const x4_flag *f = sc_flag(n, X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_TCP);
    assert_int_equal(f->related_frame, 1);
    assert_int_equal(n->state, X4_ST_REFUSED);
    assert_non_null(strstr(f->message, "KB Q152877"));
    assert_non_null(strstr(f->message, "1277"));
    assert_int_equal(sc_canonical(s), 1);
}

static void refused_by_tp0_dr(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    x4_note *n = sc_tp0_dr(s, R, 3, "address unknown");
    const x4_flag *f = sc_flag(n, X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_TP0);
    assert_string_equal(f->reason, "address unknown");
    assert_int_equal(f->related_frame, 4);
    /* The initiator's close after a refusal is not a close before OK. */
    sc_tcp(s, I, "FA", 0);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(s->tally[X4_P_CLOSE_BEFORE_OK], 0);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
    assert_int_equal(sc_canonical(s), 1);
}

/* x400-ping-refuse: the responder's one frame carries SES RF + CPR + AARE
 * reject + RTORJ + P1 bind error: refused by p1 with the bind error. */
static x4_frame_info ping_refuse_frame(bool x400)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.x400 = x400;
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_RF, X4_PDU_PRES_CPR, X4_PDU_AARE, X4_PDU_RTORJ,
            X4_PDU_P1_BIND_ERR, 0);
    fi_reason(&fi, X4_LAYER_SESSION, X4_PDU_SES_RF, 2, "rejected by user");
    fi_reason(&fi, X4_LAYER_PRES, X4_PDU_PRES_CPR, 0, "reason not specified");
    fi_reason(&fi, X4_LAYER_ACSE, X4_PDU_AARE, 1, "rejected (permanent)");
    if (x400) {
        fi_reason(&fi, X4_LAYER_RTSE, X4_PDU_RTORJ, 2, "validationFailure");
        fi_reason(&fi, X4_LAYER_P1, X4_PDU_P1_BIND_ERR, 2, "authentication-error");
    }
    return fi;
}

static void refused_by_p1_bind_error(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, X4_PDU_RTORQ,
            X4_PDU_P1_BIND_ARG, 0);
    x4_frame_info fi = ping_refuse_frame(true);
    x4_note *n = sc_info(s, R, &fi);
    const x4_flag *f = sc_flag(n, X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_P1);
    assert_string_equal(f->reason, "authentication-error");
    assert_int_equal(f->related_frame, 6);
    assert_int_equal(n->n_flags, 1);              /* no state check on the refusal's PDUs */
    sc_tcp(s, I, "FA", 0);
    sc_tcp(s, R, "A", 0);
    sc_at(s, 1.1);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(s->note.state, X4_ST_REFUSED);
    assert_int_equal(sc_canonical(s), 1);
}

static void refused_by_rtse_in_x410_mode(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, X4_PDU_P1_BIND_ARG, 0);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_RF, X4_PDU_RTORJ, 0);
    fi_reason(&fi, X4_LAYER_SESSION, X4_PDU_SES_RF, 2, "rejected by user");
    fi_reason(&fi, X4_LAYER_RTSE, X4_PDU_RTORJ, 0, "rtsBusy");
    const x4_flag *f = sc_flag(sc_info(s, R, &fi), X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_RTSE);
    assert_string_equal(f->reason, "rtsBusy");
}

/* MMS/ICCP refusals carry CPR and AARE too, but only X.400 gets rtse/p1. */
static void non_x400_refusal_is_the_session_s(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_pdus(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, 0);
    x4_frame_info fi = ping_refuse_frame(false);
    const x4_flag *f = sc_flag(sc_info(s, R, &fi), X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_SESSION);
    assert_string_equal(f->reason, "rejected by user");
}

static void close_before_ok_after_cr(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_at(s, 0.1);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_tcp(s, R, "A", 0);
    sc_at(s, 30.1);
    x4_note *n = sc_tcp(s, I, "FA", 0);
    const x4_flag *f = sc_flag(n, X4_P_CLOSE_BEFORE_OK);
    assert_non_null(f);
    assert_int_equal(f->related_frame, 4);
    assert_true(f->ok_wait > 29.99 && f->ok_wait < 30.01);
    assert_non_null(strstr(f->message, "initiator closed 30.0 s after its TP0 CR with no CC: "
                                       "precursor of MSExchangeMTA 4258/4283, KB Q319936"));
    assert_int_equal(n->state, X4_ST_CLOSED);
    /* The CC arriving now is the finer late_ok, not a state error. */
    sc_at(s, 31.0);
    n = sc_pdus(s, R, X4_PDU_TP0_CC, 0);
    assert_non_null(sc_flag(n, X4_P_LATE_OK));
    assert_int_equal(sc_flag(n, X4_P_LATE_OK)->related_frame, 6);
    assert_int_equal(sc_canonical(s), 1);
}

static void close_before_ok_after_cn_by_reset(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_at(s, 1.0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, 0);
    sc_at(s, 21.0);
    const x4_flag *f = sc_flag(sc_tcp(s, I, "RA", 0), X4_P_CLOSE_BEFORE_OK);
    assert_non_null(f);
    assert_int_equal(f->related_frame, 6);
    assert_non_null(strstr(f->message, "initiator reset 20.0 s after its session CN with no AC"));
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
}

/* The generic wording (x400mta.mta_profile generic): the same flag, the
 * same "what happened", then what it usually means, with no Exchange
 * event or fix; the flag remembers its wording. */
static void close_before_ok_in_the_generic_wording(void **state)
{
    (void)state;
    x4_prefs p;
    x4_prefs_default(&p);
    p.wording = X4_WORDING_GENERIC;
    sc s;
    sc_init(&s, &p);
    sc_handshake(&s);
    sc_at(&s, 0.1);
    sc_pdus(&s, I, X4_PDU_TP0_CR, 0);
    sc_tcp(&s, R, "A", 0);
    sc_at(&s, 30.1);
    const x4_flag *f = sc_flag(sc_tcp(&s, I, "FA", 0), X4_P_CLOSE_BEFORE_OK);
    assert_non_null(f);
    assert_int_equal(f->wording, X4_WORDING_GENERIC);
    assert_int_equal(f->related_frame, 4);
    assert_string_equal(f->message, "initiator closed 30.0 s after its TP0 CR with no CC: "
                                    "the caller gave up waiting: the called MTA confirms "
                                    "too slowly (KB Q319936)");
    assert_null(strstr(f->message, "MSExchangeMTA"));
    sc_free(&s);
}

static void close_before_ok_by_tp0_dr(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_tcp(s, R, "A", 0);
    sc_at(s, 5.0);
    assert_non_null(sc_flag(sc_pdus(s, I, X4_PDU_TP0_DR, 0), X4_P_CLOSE_BEFORE_OK));
    assert_int_equal(s->tally[X4_P_CONNECT_REFUSED], 0);
}

/* A capture holding only the initiator's side cannot tell a missing CC from
 * one it did not record. */
static void no_close_before_ok_without_responder_frames(void **state)
{
    sc *s = *state;
    sc_tcp(s, I, "S", 0);
    sc_tcp(s, I, "A", 0);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_at(s, 30.0);
    sc_tcp(s, I, "FA", 0);
    assert_int_equal(sc_canonical(s), 0);
}

static void no_close_before_ok_after_confirm(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_tcp(s, I, "FA", 0);
    assert_int_equal(sc_canonical(s), 0);
    assert_int_equal(s->note.state, X4_ST_CLOSED);
}

static void responder_reset_before_confirm_is_a_tcp_refusal(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    const x4_flag *f = sc_flag(sc_tcp(s, R, "RA", 0), X4_P_CONNECT_REFUSED);
    assert_non_null(f);
    assert_int_equal(f->refused_by, X4_REFUSED_TCP);
    assert_int_equal(s->tally[X4_P_CLOSE_BEFORE_OK], 0);
}

static void association_numbers_and_non_rfc1006(void **state)
{
    sc *s = *state;
    sc_conn(s, 7, 1, 3000);
    assert_int_equal(sc_tcp(s, I, "S", 0)->assoc, 1);
    sc_conn(s, 3, 1, 3001);
    assert_int_equal(sc_tcp(s, I, "S", 0)->assoc, 2);
    sc_conn(s, 7, 1, 3000);
    assert_int_equal(sc_tcp(s, R, "SA", 0)->assoc, 1);
    sc_conn(s, 9, 1, 3002);
    s->rfc1006 = false;
    x4_note *n = sc_tcp(s, I, "S", 0);
    assert_int_equal(n->assoc, 0);
    assert_int_equal(n->n_flags, 0);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(s->note.n_flags, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        sc_unit_test(healthy_association_has_no_flag),
        sc_unit_test(refused_by_tcp_reset_to_syn),
        sc_unit_test(refused_by_tp0_dr),
        sc_unit_test(refused_by_p1_bind_error),
        sc_unit_test(refused_by_rtse_in_x410_mode),
        sc_unit_test(non_x400_refusal_is_the_session_s),
        sc_unit_test(close_before_ok_after_cr),
        sc_unit_test(close_before_ok_after_cn_by_reset),
        sc_unit_test(close_before_ok_by_tp0_dr),
        cmocka_unit_test(close_before_ok_in_the_generic_wording),
        sc_unit_test(no_close_before_ok_without_responder_frames),
        sc_unit_test(no_close_before_ok_after_confirm),
        sc_unit_test(responder_reset_before_confirm_is_a_tcp_refusal),
        sc_unit_test(association_numbers_and_non_rfc1006),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
