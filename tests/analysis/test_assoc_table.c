/* assoc_table: per-association statistics from hand-written frames. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "assoc_table.h"

/* A frame from the initiator 10.0.0.1:1100 to the responder 10.0.0.2:102
 * (or back when dir is the responder). */
static x4_at_frame frame(uint32_t assoc, uint32_t num, double t, x4_dir dir, x4_state st)
{
    x4_at_frame f = { .assoc = assoc, .frame = num, .time = t, .dir = dir, .state = st };
    int back = dir == X4_DIR_RESPONDER;
    f.src_host = back ? "10.0.0.2" : "10.0.0.1";
    f.dst_host = back ? "10.0.0.1" : "10.0.0.2";
    f.src_port = back ? 102 : 1100;
    f.dst_port = back ? 1100 : 102;
    return f;
}

static void healthy_association(void **state)
{
    (void)state;
    x4_assoc_table t;
    x4_at_init(&t);
    static const uint16_t cr[] = { X4_PDU_TP0_CR };
    static const uint16_t cn[] = { X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_P1_BIND_ARG };
    static const uint16_t ac[] = { X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_P1_BIND_RES };
    static const uint16_t msg[] = { X4_PDU_TP0_DT, X4_PDU_TP0_DT, X4_PDU_SES_DT, X4_PDU_P1_MESSAGE };
    static const uint16_t fn[] = { X4_PDU_TP0_DT, X4_PDU_SES_FN };
    static const char *const mta_a[] = { "MTA-A" }, *const mta_b[] = { "MTA-B" };

    x4_at_frame f = frame(1, 1, 100.0, X4_DIR_INITIATOR, X4_ST_TCP_CONNECTING);
    f.tcp = X4_AT_SYN;
    assert_true(x4_at_add(&t, &f));
    f = frame(1, 2, 100.001, X4_DIR_RESPONDER, X4_ST_TCP_OPEN);
    f.tcp = X4_AT_SYN;
    x4_at_add(&t, &f);
    f = frame(1, 3, 100.002, X4_DIR_INITIATOR, X4_ST_TP_REQUESTED);
    f.pdus = cr; f.n_pdus = 1; f.payload_len = 30;
    f.calling_tsap = "CALLING"; f.called_tsap = "CALLED";
    x4_at_add(&t, &f);
    f = frame(1, 4, 100.1, X4_DIR_INITIATOR, X4_ST_SESSION_REQUESTED);
    f.pdus = cn; f.n_pdus = 3; f.payload_len = 200; f.mode = X4_MODE_X410_1984;
    f.mtas = mta_a; f.n_mtas = 1;
    x4_at_add(&t, &f);
    f = frame(1, 5, 100.2, X4_DIR_RESPONDER, X4_ST_BOUND);
    f.pdus = ac; f.n_pdus = 3; f.payload_len = 150; f.mode = X4_MODE_X410_1984;
    f.mtas = mta_b; f.n_mtas = 1;
    x4_at_add(&t, &f);
    f = frame(1, 6, 101.0, X4_DIR_INITIATOR, X4_ST_TRANSFER);
    f.pdus = msg; f.n_pdus = 4; f.payload_len = 1000;
    x4_at_add(&t, &f);
    f = frame(1, 7, 102.0, X4_DIR_INITIATOR, X4_ST_RELEASING);
    f.pdus = fn; f.n_pdus = 2; f.payload_len = 20;
    x4_at_add(&t, &f);
    f = frame(1, 8, 102.5, X4_DIR_RESPONDER, X4_ST_CLOSED);
    f.tcp = X4_AT_FIN;
    x4_at_add(&t, &f);

    const x4_assoc_row *r = x4_at_row(&t, 1);
    assert_non_null(r);
    assert_null(x4_at_row(&t, 2));
    assert_string_equal(r->initiator_host, "10.0.0.1");
    assert_int_equal(r->initiator_port, 1100);
    assert_string_equal(r->responder_host, "10.0.0.2");
    assert_int_equal(r->responder_port, 102);
    assert_string_equal(r->calling_tsap, "CALLING");
    assert_string_equal(r->called_tsap, "CALLED");
    assert_string_equal(r->mta[X4_DIR_INITIATOR], "MTA-A");
    assert_string_equal(r->mta[X4_DIR_RESPONDER], "MTA-B");
    assert_int_equal(r->mode, X4_MODE_X410_1984);
    assert_int_equal(r->state, X4_ST_CLOSED);
    assert_string_equal(x4_at_ended(r), "release by initiator");  /* FN before the FIN */
    assert_int_equal(r->frames[0], 5);
    assert_int_equal(r->frames[1], 3);
    assert_int_equal(r->pdus[0], 1 + 1 + 2 + 1);   /* TP0 TPDUs only */
    assert_int_equal(r->pdus[1], 1);
    assert_int_equal(r->bytes[0], 30 + 200 + 1000 + 20);
    assert_int_equal(r->bytes[1], 150);
    assert_int_equal(r->p1_transfers, 1);
    assert_true(x4_at_duration(r) > 2.499 && x4_at_duration(r) < 2.501);
    char pre[64];
    x4_at_precursors(r, pre, sizeof pre);
    assert_string_equal(pre, "");
    x4_at_reset(&t);
    assert_int_equal(t.n_rows, 0);
}

static x4_flag flag(x4_precursor_id id, x4_refuser by, const char *reason)
{
    x4_flag fl;
    memset(&fl, 0, sizeof fl);
    fl.id = id;
    fl.refused_by = by;
    fl.reason = reason;
    return fl;
}

static void refusals_pairs_and_totals(void **state)
{
    (void)state;
    x4_assoc_table t;
    x4_at_init(&t);

    /* 1: SYN answered by RST (refused by tcp). */
    x4_at_frame f = frame(1, 1, 0.0, X4_DIR_INITIATOR, X4_ST_TCP_CONNECTING);
    f.tcp = X4_AT_SYN;
    x4_at_add(&t, &f);
    x4_flag refused = flag(X4_P_CONNECT_REFUSED, X4_REFUSED_TCP, "reset answering the SYN");
    f = frame(1, 2, 0.001, X4_DIR_RESPONDER, X4_ST_REFUSED);
    f.tcp = X4_AT_RST; f.flags = &refused; f.n_flags = 1;
    x4_at_add(&t, &f);
    /* 3 (2 never seen: a gap): reset in transfer, two flags on one frame. */
    x4_flag two[2] = { flag(X4_P_ASSOCIATION_LOST, X4_REFUSED_NONE, NULL),
                       flag(X4_P_NETWORK_FLAPPING, X4_REFUSED_NONE, NULL) };
    f = frame(3, 5, 10.0, X4_DIR_RESPONDER, X4_ST_LOST);
    f.tcp = X4_AT_RST; f.flags = two; f.n_flags = 2;
    x4_at_add(&t, &f);
    f = frame(3, 6, 11.0, X4_DIR_INITIATOR, X4_ST_LOST);
    f.flags = two; f.n_flags = 1;
    x4_at_add(&t, &f);
    /* 4: another pair of hosts, SYN never answered. */
    f = frame(4, 7, 20.0, X4_DIR_INITIATOR, X4_ST_TCP_CONNECTING);
    f.src_host = "10.9.9.9"; f.tcp = X4_AT_SYN;
    x4_at_add(&t, &f);
    /* An ICMP error on association 4 counts no bytes and ends nothing. */
    f = frame(4, 8, 21.0, X4_DIR_RESPONDER, X4_ST_TCP_CONNECTING);
    f.src_host = "192.0.2.254"; f.tcp = X4_AT_ICMP | X4_AT_RST; f.payload_len = 99;
    x4_at_add(&t, &f);

    assert_string_equal(x4_at_ended(x4_at_row(&t, 1)), "refused by tcp: reset answering the SYN");
    assert_null(x4_at_row(&t, 2));
    const x4_assoc_row *r3 = x4_at_row(&t, 3);
    assert_string_equal(r3->initiator_host, "10.0.0.1");
    assert_string_equal(x4_at_ended(r3), "RST by responder");
    char pre[128];
    x4_at_precursors(r3, pre, sizeof pre);
    assert_string_equal(pre, "association_lost(2),network_flapping");
    const x4_assoc_row *r4 = x4_at_row(&t, 4);
    assert_string_equal(r4->initiator_host, "10.9.9.9");
    assert_string_equal(x4_at_ended(r4), "no answer");
    assert_int_equal(r4->bytes[1], 0);
    assert_int_equal(r4->frames[1], 0);

    x4_at_pair *pairs;
    unsigned n = x4_at_pairs(&t, &pairs);
    assert_int_equal(n, 2);
    assert_string_equal(pairs[0].host[0], "10.0.0.1");
    assert_string_equal(pairs[0].host[1], "10.0.0.2");
    assert_int_equal(pairs[0].assocs, 2);
    assert_int_equal(pairs[0].flag_count[X4_P_CONNECT_REFUSED], 1);
    assert_int_equal(pairs[0].flag_count[X4_P_ASSOCIATION_LOST], 2);
    assert_string_equal(pairs[1].host[0], "10.9.9.9");
    assert_int_equal(pairs[1].assocs, 1);
    free(pairs);

    uint32_t counts[X4_P_COUNT], assocs[X4_P_COUNT];
    x4_at_totals(&t, counts, assocs);
    assert_int_equal(counts[X4_P_CONNECT_REFUSED], 1);
    assert_int_equal(counts[X4_P_ASSOCIATION_LOST], 2);
    assert_int_equal(assocs[X4_P_ASSOCIATION_LOST], 1);
    assert_int_equal(counts[X4_P_NETWORK_FLAPPING], 1);
    assert_int_equal(counts[X4_P_DUPLICATE_MTSID], 0);
    x4_at_reset(&t);
}

static void pairs_are_unordered_and_assoc_zero_ignored(void **state)
{
    (void)state;
    x4_assoc_table t;
    x4_at_init(&t);
    x4_at_frame f = frame(0, 1, 0.0, X4_DIR_INITIATOR, X4_ST_TCP_CONNECTING);
    assert_false(x4_at_add(&t, &f));
    f = frame(1, 1, 0.0, X4_DIR_INITIATOR, X4_ST_TCP_CONNECTING);
    x4_at_add(&t, &f);
    f = frame(40, 2, 1.0, X4_DIR_RESPONDER, X4_ST_TCP_CONNECTING);   /* 10.0.0.1 called 10.0.0.2 back */
    f.src_host = "10.0.0.1"; f.dst_host = "10.0.0.2";
    x4_at_add(&t, &f);
    assert_int_equal(t.n_rows, 40);
    assert_string_equal(x4_at_row(&t, 40)->initiator_host, "10.0.0.2");
    x4_at_pair *pairs;
    assert_int_equal(x4_at_pairs(&t, &pairs), 1);
    assert_int_equal(pairs[0].assocs, 2);
    free(pairs);
    x4_at_reset(&t);
    assert_int_equal(x4_at_pairs(&t, &pairs), 0);
    assert_null(pairs);
}

/* Each ending, first event wins; nothing ended: open at capture end. */
static void endings(void **state)
{
    (void)state;
    x4_assoc_table t;
    x4_at_init(&t);
    static const uint16_t ab[] = { X4_PDU_TP0_DT, X4_PDU_SES_AB, X4_PDU_RTAB };
    static const uint16_t dr[] = { X4_PDU_TP0_DR };
    static const uint16_t dt[] = { X4_PDU_TP0_DT, X4_PDU_SES_DT };

    x4_at_frame f = frame(1, 1, 0.0, X4_DIR_RESPONDER, X4_ST_ABORTED);
    f.pdus = ab; f.n_pdus = 3;
    x4_at_add(&t, &f);
    f = frame(1, 2, 0.1, X4_DIR_INITIATOR, X4_ST_ABORTED);
    f.tcp = X4_AT_RST;                              /* later: does not replace the abort */
    x4_at_add(&t, &f);
    f = frame(2, 3, 1.0, X4_DIR_INITIATOR, X4_ST_CLOSED);
    f.pdus = dr; f.n_pdus = 1;
    x4_at_add(&t, &f);
    f = frame(3, 4, 2.0, X4_DIR_INITIATOR, X4_ST_TRANSFER);
    f.pdus = dt; f.n_pdus = 2;
    x4_at_add(&t, &f);
    f = frame(3, 5, 3.0, X4_DIR_INITIATOR, X4_ST_LOST);
    f.tcp = X4_AT_RETRANSMISSION;
    x4_at_add(&t, &f);
    f = frame(4, 6, 4.0, X4_DIR_INITIATOR, X4_ST_BOUND);
    x4_at_add(&t, &f);

    assert_string_equal(x4_at_ended(x4_at_row(&t, 1)), "abort by responder");
    assert_string_equal(x4_at_ended(x4_at_row(&t, 2)), "TP0 DR by initiator");
    assert_string_equal(x4_at_ended(x4_at_row(&t, 3)), "retransmissions unanswered");
    assert_string_equal(x4_at_ended(x4_at_row(&t, 4)), "open at capture end");
    assert_int_equal(x4_at_row(&t, 1)->pdus[X4_DIR_RESPONDER], 1);
    x4_at_reset(&t);
}

/* A short buffer gets a truncated, terminated list. */
static void precursor_list_truncates(void **state)
{
    (void)state;
    x4_assoc_row r;
    memset(&r, 0, sizeof r);
    r.flag_count[X4_P_CONNECT_REFUSED] = 3;
    r.flag_count[X4_P_NETWORK_FLAPPING] = 1;
    char big[64], small[8];
    x4_at_precursors(&r, big, sizeof big);
    assert_string_equal(big, "connect_refused(3),network_flapping");
    x4_at_precursors(&r, small, sizeof small);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "connect", 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(healthy_association),
        cmocka_unit_test(refusals_pairs_and_totals),
        cmocka_unit_test(pairs_are_unordered_and_assoc_zero_ignored),
        cmocka_unit_test(endings),
        cmocka_unit_test(precursor_list_truncates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
