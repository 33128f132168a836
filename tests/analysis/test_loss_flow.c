/* association_lost (reset, retransmissions) and ndata_after_flow_error. */
#include "script.h"

#include <string.h>

static void lost_by_reset_in_transfer(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400_transfer(s, "C=gb;A= ;L=1");
    sc_at(s, 5.0);
    x4_note *n = sc_tcp(s, R, "RA", 0);
    const x4_flag *f = sc_flag(n, X4_P_ASSOCIATION_LOST);
    assert_non_null(f);
    assert_int_equal(f->related_frame, 7);   /* the bind result: transfer began */
    assert_int_equal(n->state, X4_ST_LOST);
    assert_non_null(strstr(f->message, "KB Q232602"));
    assert_non_null(strstr(f->message, "4284/4287/2035"));
    assert_int_equal(sc_canonical(s), 1);
}

static void no_loss_for_reset_after_release(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400_transfer(s, "C=gb;A= ;L=1");
    sc_release(s);
    assert_int_equal(s->note.state, X4_ST_CLOSED);
    assert_int_equal(sc_canonical(s), 0);
}

/* A reset while a segment is unacknowledged, before any bind. */
static void lost_by_reset_with_data_outstanding(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_tcp(s, I, "A", 0);
    sc_pdus(s, I, X4_PDU_TP0_DT, 0);          /* not acknowledged */
    assert_non_null(sc_flag(sc_tcp(s, I, "RA", 0), X4_P_ASSOCIATION_LOST));
    assert_int_equal(s->last[X4_P_ASSOCIATION_LOST].related_frame, 7);
}

static void no_loss_for_reset_of_idle_tp0_connection(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    sc_tcp(s, I, "RA", 0);
    assert_int_equal(sc_canonical(s), 0);
}

static void retransmissions(sc *s, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        s->t += 1 << i;
        sc_tcp(s, I, "AT", 200);
    }
}

static void lost_after_n_retransmissions_not_n_minus_1(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0);
    retransmissions(s, 3);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
    sc_tcp(s, R, "A", 0);                      /* acknowledged: count starts over */
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, 0);
    retransmissions(s, 3);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
    s->t += 16;
    x4_note *n = sc_tcp(s, I, "AT", 200);
    const x4_flag *f = sc_flag(n, X4_P_ASSOCIATION_LOST);
    assert_non_null(f);
    assert_int_equal(f->count, 4);
    assert_int_equal(f->related_frame, n->flags[0].related_frame);
    assert_int_equal(n->state, X4_ST_LOST);
}

/* The preference lost_retransmissions = 2. */
static int lost_after_two(void **state)
{
    x4_prefs p;
    x4_prefs_default(&p);
    p.lost_retransmissions = 2;
    return sc_setup_prefs(state, &p);
}

static void lost_retransmissions_preference(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0);
    retransmissions(s, 1);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
    retransmissions(s, 1);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 1);
}

/* Zero window from the responder while the initiator has data, probes. */
static void zero_window_with_probes(sc *s, unsigned probes)
{
    sc_x400_open(s);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0);
    sc_tcp(s, R, "AZ", 0);
    for (unsigned i = 0; i < probes; i++) {
        s->t += 1;
        sc_tcp(s, I, "AP", 1);
        sc_tcp(s, R, "AZ", 0);
    }
}

static void ndata_after_reset(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 1);
    uint32_t zero_frame = s->frame - 2;
    x4_note *n = sc_tcp(s, R, "R", 0);
    assert_non_null(sc_flag(n, X4_P_FLOW_CONTROL_ERROR));
    assert_null(sc_flag(n, X4_P_NDATA_AFTER_FLOW_ERROR));
    /* The reset is the flow episode's error, not a Q232602 loss. */
    assert_null(sc_flag(n, X4_P_ASSOCIATION_LOST));
    assert_int_equal(n->state, X4_ST_LOST);
    n = sc_tcp(s, I, "A", 300);
    const x4_flag *f = sc_flag(n, X4_P_NDATA_AFTER_FLOW_ERROR);
    assert_non_null(f);
    assert_int_equal(f->related_frame, zero_frame);
    assert_non_null(strstr(f->message, "MSExchangeMTA 2004, KB Q188040"));
}

static void ndata_after_unanswered_probes(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 2);
    assert_int_equal(s->tally[X4_P_FLOW_CONTROL_ERROR], 0);
    s->t += 1;
    x4_note *n = sc_tcp(s, I, "AP", 1);       /* third probe: the limit */
    assert_non_null(sc_flag(n, X4_P_FLOW_CONTROL_ERROR));
    n = sc_tcp(s, I, "A", 500);
    assert_non_null(sc_flag(n, X4_P_NDATA_AFTER_FLOW_ERROR));
    assert_int_equal(n->flags[0].count, 3);
}

static void ndata_after_icmp_error(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 1);
    sc_tcp(s, R, "C", 0);
    assert_int_equal(s->tally[X4_P_FLOW_CONTROL_ERROR], 1);
    sc_tcp(s, I, "A", 100);
    assert_int_equal(s->tally[X4_P_NDATA_AFTER_FLOW_ERROR], 1);
}

static void no_ndata_when_window_reopens(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 1);
    sc_tcp(s, R, "A", 0);                      /* window update */
    sc_tcp(s, I, "A", 1000);
    sc_tcp(s, R, "A", 0);
    assert_int_equal(s->tally[X4_P_NDATA_AFTER_FLOW_ERROR], 0);
    assert_int_equal(s->tally[X4_P_FLOW_CONTROL_ERROR], 0);
}

static void flow_error_without_later_data(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 1);
    sc_tcp(s, R, "R", 0);
    assert_int_equal(s->tally[X4_P_FLOW_CONTROL_ERROR], 1);
    assert_int_equal(s->tally[X4_P_NDATA_AFTER_FLOW_ERROR], 0);
}

/* A zero window with nothing waiting (no probe, all acknowledged) then a
 * reset: the sender had no data to send, so no flow error. */
static void no_flow_error_without_pending_data(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_tcp(s, R, "AZ", 0);
    sc_tcp(s, R, "R", 0);
    sc_tcp(s, I, "A", 100);
    assert_int_equal(s->tally[X4_P_FLOW_CONTROL_ERROR], 0);
    assert_int_equal(s->tally[X4_P_NDATA_AFTER_FLOW_ERROR], 0);
}

/* A bound X.400 association closed with a FIN and no release: the finer
 * closed_without_release, no canonical flag. */
static void fin_without_release(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    sc_x400_transfer(s, "C=gb;A= ;L=1");
    x4_note *n = sc_tcp(s, I, "FA", 0);
    assert_non_null(sc_flag(n, X4_P_CLOSED_WITHOUT_RELEASE));
    assert_int_equal(n->flags[0].related_frame, 7);
    assert_int_equal(n->state, X4_ST_ABORTED);
    sc_tcp(s, R, "FA", 0);
    sc_tcp(s, I, "A", 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* An explicit abort, then the transport reset: association_aborted with its
 * reason, and the reset is not a loss. */
static void abort_then_reset(void **state)
{
    sc *s = *state;
    sc_x400_open(s);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_AB, X4_PDU_RTAB, 0);
    fi_reason(&fi, X4_LAYER_RTSE, X4_PDU_RTAB, 4, "protocolError");
    x4_note *n = sc_info(s, R, &fi);
    const x4_flag *f = sc_flag(n, X4_P_ASSOCIATION_ABORTED);
    assert_non_null(f);
    assert_string_equal(f->reason, "protocolError");
    assert_int_equal(n->state, X4_ST_ABORTED);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(sc_canonical(s), 0);
}

/* The glue finds an ICMP error's stream from the quoted header. */
static void icmp_error_finds_its_stream(void **state)
{
    sc *s = *state;
    sc_conn(s, 41, 1, 2041);
    sc_handshake(s);
    sc_conn(s, 42, 1, 2042);
    sc_handshake(s);
    x4_tcp_event q = { .addr_len = 4, .src_port = 2041, .dst_port = 102 };
    memcpy(q.src_addr, s->cli, 4);
    memcpy(q.dst_addr, s->srv, 4);
    uint32_t stream = 0;
    assert_true(x4_engine_flow_stream(s->e, &q, &stream));
    assert_int_equal(stream, 41);
    q.src_port = 102;                 /* quoted the other way round */
    q.dst_port = 2042;
    memcpy(q.src_addr, s->srv, 4);
    memcpy(q.dst_addr, s->cli, 4);
    assert_true(x4_engine_flow_stream(s->e, &q, &stream));
    assert_int_equal(stream, 42);
    q.dst_port = 9999;
    assert_false(x4_engine_flow_stream(s->e, &q, &stream));
}

/* The quoted flow's latest connection, among many: 3000 connections from
 * 30 clients (the flow table grows several times), then one of their flows
 * reused by a new connection, which the next error names. */
static void icmp_error_finds_latest_of_many(void **state)
{
    sc *s = *state;
    for (uint32_t i = 0; i < 3000; i++) {
        sc_conn(s, 100 + i, (uint8_t)(1 + i % 30), (uint16_t)(3000 + i / 30));
        sc_handshake(s);
    }
    sc_conn(s, 5000, 7, 3050);          /* the flow of stream 100 + 50 * 30 + 6 again */
    sc_handshake(s);
    x4_tcp_event q = { .addr_len = 4, .src_port = 102 };
    memcpy(q.src_addr, s->srv, 4);
    uint32_t stream = 0;
    for (uint32_t i = 0; i < 3000; i += 3) {
        memcpy(q.dst_addr, (uint8_t[]){ 10, 0, 0, (uint8_t)(1 + i % 30) }, 4);
        q.dst_port = (uint16_t)(3000 + i / 30);
        assert_true(x4_engine_flow_stream(s->e, &q, &stream));
        assert_int_equal(stream, i == 1506 ? 5000 : 100 + i);
    }
    memcpy(q.dst_addr, (uint8_t[]){ 10, 0, 0, 7 }, 4);
    q.dst_port = 3050;
    assert_true(x4_engine_flow_stream(s->e, &q, &stream));
    assert_int_equal(stream, 5000);
    q.addr_len = 16;                    /* the same bytes, but not an IPv4 flow */
    assert_false(x4_engine_flow_stream(s->e, &q, &stream));
    q.addr_len = 4;
    q.dst_addr[3] = 31;                 /* no connection from that client */
    assert_false(x4_engine_flow_stream(s->e, &q, &stream));
}

/* q188040-icmp-error: zero window, probes, an ICMP error for the flow, the
 * window reopens and the sender sends (NDATA), the transfer ends and the
 * sender resets: Q188040's precursor, and the reset is not a Q232602 loss. */
static void icmp_error_then_ndata_then_reset(void **state)
{
    sc *s = *state;
    zero_window_with_probes(s, 2);
    s->t += 1.5;
    sc_tcp(s, I, "C", 0);
    s->t += 1;
    sc_tcp(s, R, "A", 0);                      /* window reopens */
    assert_non_null(sc_flag(sc_tcp(s, I, "A", 1460), X4_P_NDATA_AFTER_FLOW_ERROR));
    sc_tcp(s, R, "A", 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, 0);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA, 0);
    sc_tcp(s, I, "A", 0);
    sc_tcp(s, I, "RA", 0);
    assert_int_equal(s->tally[X4_P_NDATA_AFTER_FLOW_ERROR], 1);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 0);
    assert_int_equal(sc_canonical(s), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        sc_unit_test(lost_by_reset_in_transfer),
        sc_unit_test(no_loss_for_reset_after_release),
        sc_unit_test(lost_by_reset_with_data_outstanding),
        sc_unit_test(no_loss_for_reset_of_idle_tp0_connection),
        sc_unit_test(lost_after_n_retransmissions_not_n_minus_1),
        cmocka_unit_test_setup_teardown(lost_retransmissions_preference, lost_after_two, sc_teardown),
        sc_unit_test(ndata_after_reset),
        sc_unit_test(ndata_after_unanswered_probes),
        sc_unit_test(ndata_after_icmp_error),
        sc_unit_test(no_ndata_when_window_reopens),
        sc_unit_test(flow_error_without_later_data),
        sc_unit_test(no_flow_error_without_pending_data),
        sc_unit_test(fin_without_release),
        sc_unit_test(abort_then_reset),
        sc_unit_test(icmp_error_finds_its_stream),
        sc_unit_test(icmp_error_finds_latest_of_many),
        sc_unit_test(icmp_error_then_ndata_then_reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
