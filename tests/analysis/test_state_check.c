/* state_check_failure: each PDU-order error of docs/contract.md (the
 * state_check_failure row; the states of docs/states.md), and the near misses
 * (unknown state, one side missing, non-OSI traffic, retransmissions). */
#include "script.h"

#include <string.h>

static const x4_flag *expect_failure(sc *s, const char *reason)
{
    assert_int_equal(s->tally[X4_P_STATE_CHECK_FAILURE], 1);
    const x4_flag *f = &s->last[X4_P_STATE_CHECK_FAILURE];
    assert_string_equal(f->reason, reason);
    assert_non_null(strstr(f->message, "MSExchangeMTA 1198, KB Q152877"));
    return f;
}

static void dt_before_cc(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_tcp(s, R, "A", 0);
    sc_pdus(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, 0);
    /* related: the CR that put the association in tp-requested */
    assert_int_equal(expect_failure(s, "TP0 DT before CC")->related_frame, 4);
}

static void cc_without_cr(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, R, X4_PDU_TP0_CC, 0);
    expect_failure(s, "CC without CR");
}

static void second_cr(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    expect_failure(s, "second CR");
}

static void retransmitted_cr_is_not_a_second_cr(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_at(s, 1);
    sc_tcp(s, I, "AT", 22);   /* the glue does not decode a retransmission */
    sc_pdus(s, R, X4_PDU_TP0_CC, 0);
    assert_int_equal(sc_canonical(s), 0);
}

static void illegal_tpdu_in_class_0(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_pdus(s, R, X4_PDU_TP0_AK, 0);
    expect_failure(s, "TPDU type illegal in class 0");
}

static void tp0_er_from_the_peer(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_pdus(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, 0);
    sc_pdus(s, R, X4_PDU_TP0_ER, 0);
    expect_failure(s, "TP0 ER from the peer");
}

static void session_data_before_ac(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, 0);
    expect_failure(s, "session data before AC");
}

static void rtse_data_before_accept(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, 0);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_AC, 0);   /* no RTOAC: binding */
    assert_int_equal(s->note.state, X4_ST_BINDING);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_RTTR, 0);
    expect_failure(s, "RTSE data before the accept");
}

static void data_after_release(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, 0);
    expect_failure(s, "data after release");
}

/* A capture that starts mid-association: nothing is out of order. */
static void unknown_state_has_no_order_errors(void **state)
{
    sc *s = *state;
    assert_int_equal(sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, 0)->state,
                     X4_ST_TRANSFER);
    sc_pdus(s, R, X4_PDU_TP0_CC, 0);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA, 0);
    sc_release(s);
    assert_int_equal(sc_canonical(s), 0);
}

/* Only the initiator's side captured: its DT after CR is no evidence. */
static void one_sided_capture_has_no_order_errors(void **state)
{
    sc *s = *state;
    sc_tcp(s, I, "S", 0);
    sc_tcp(s, I, "A", 0);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* S7comm/RDP over TP0: not an OSI session, never state-checked. */
static void non_osi_connection_is_not_checked(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    x4_frame_info fi = fi_not_osi_dt();
    sc_info(s, I, &fi);                 /* DT before any CR */
    sc_info(s, R, &fi);
    fi.n_pdus = 0;
    fi_pdus(&fi, X4_PDU_TP0_ER, 0);
    sc_info(s, R, &fi);
    assert_int_equal(sc_canonical(s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        sc_unit_test(dt_before_cc),
        sc_unit_test(cc_without_cr),
        sc_unit_test(second_cr),
        sc_unit_test(retransmitted_cr_is_not_a_second_cr),
        sc_unit_test(illegal_tpdu_in_class_0),
        sc_unit_test(tp0_er_from_the_peer),
        sc_unit_test(session_data_before_ac),
        sc_unit_test(rtse_data_before_accept),
        sc_unit_test(data_after_release),
        sc_unit_test(unknown_state_has_no_order_errors),
        sc_unit_test(one_sided_capture_has_no_order_errors),
        sc_unit_test(non_osi_connection_is_not_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
