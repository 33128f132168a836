/* duplicate_mtsid: same association, another open association between the
 * same MTAs; not after an interrupt, not after the first association ended
 * (RTSE recovery), not for non-X.400 traffic. */
#include "script.h"

#include <stdio.h>
#include <string.h>

#define ID1 "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050"
#define ID2 "C=gb;A= ;P=smhs;L=percival.s:055681:20051001113051"

static void open_bound(sc *s, uint32_t stream, uint16_t cport, double t)
{
    sc_conn(s, stream, 1, cport);
    sc_at(s, t);
    sc_x400_open(s);
}

static void duplicate_in_same_association(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400_transfer(s, ID1);
    uint32_t first = s->frame - 3;
    sc_x400_transfer(s, ID2);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 1);
    const x4_flag *f = &s->last[X4_P_DUPLICATE_MTSID];
    assert_int_equal(f->related_frame, first);
    assert_non_null(strstr(f->message, "4282/4283/4284/4287, KB Q152897"));
    assert_int_equal(sc_canonical(s), 1);
}

static void duplicate_across_open_associations(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400_transfer(s, ID1);
    open_bound(s, 2, 2001, 10);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 1);
    assert_non_null(strstr(s->last[X4_P_DUPLICATE_MTSID].message, "of association 1"));
}

/* The first association was lost; the resend on a new one is RTSE recovery. */
static void resend_after_loss_is_not_a_duplicate(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400_transfer(s, ID1);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 1);
    open_bound(s, 2, 2001, 10);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
}

/* The first association is stalled (retransmitting, not yet ended). */
static void resend_while_first_stalls_is_not_a_duplicate(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_P1_MESSAGE, 0);
    fi_mtsid(&fi, ID1);
    sc_info(s, I, &fi);
    sc_at(s, 3);
    sc_tcp(s, I, "AT", 100);
    open_bound(s, 2, 2001, 10);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
}

/* RTSE retries a transfer after an activity interrupt/discard. */
static void resend_after_interrupt_is_not_a_duplicate(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400_transfer(s, ID1);
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AD, 0);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_ADA, 0);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
    /* ... but a third copy without a new interrupt is one. */
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 1);
}

/* A duplicated frame (Wireshark: retransmission) carries the same PDUs. */
static void retransmitted_frame_is_not_a_duplicate(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_P1_MESSAGE, 0);
    fi_mtsid(&fi, ID1);
    sc_info(s, I, &fi);
    /* same bytes again, flagged as a retransmission by TCP analysis */
    s->frame++;
    x4_tcp_event dup = { .frame = s->frame, .time = s->t, .stream = 1, .addr_len = 4,
                         .src_port = 2000, .dst_port = 102, .ack = true, .payload_len = 100,
                         .window = 8192, .retransmission = true, .rfc1006_port = true };
    memcpy(dup.src_addr, s->cli, 4);
    memcpy(dup.dst_addr, s->srv, 4);
    x4_note n;
    x4_engine_frame(s->e, &dup, &fi, &n);
    assert_null(sc_flag(&n, X4_P_DUPLICATE_MTSID));
}

/* Different MTAs behind the same two hosts are not the same pair. */
static void other_mta_names_are_not_the_same_pair(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    sc_x400_transfer(s, ID1);
    sc_conn(s, 2, 1, 2001);
    sc_tp0_open(s);
    x4_frame_info fi = fi_x400();
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_RTORQ, X4_PDU_P1_BIND_ARG, 0);
    fi_mta(&fi, "lancelot", false);
    sc_info(s, I, &fi);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_RTOAC, X4_PDU_P1_BIND_RES, 0);
    sc_x400_transfer(s, ID1);
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
}

/* Without X.400 evidence an "identifier" is no MTSID. */
static void non_x400_traffic_never_duplicates(void **state)
{
    sc *s = *state;
    sc_tp0_open(s);
    for (int i = 0; i < 2; i++) {
        x4_frame_info fi;
        x4_frame_info_init(&fi);
        fi_pdus(&fi, X4_PDU_TP0_DT, 0);
        fi_mtsid(&fi, ID1);
        sc_info(s, I, &fi);
        sc_tcp(s, R, "A", 0);
    }
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
}

/* Many identifiers: the per-pair history stays bounded and still works. */
static void many_identifiers_stay_bounded(void **state)
{
    sc *s = *state;
    open_bound(s, 1, 2000, 0);
    char id[64];
    for (int i = 0; i < 600; i++) {
        snprintf(id, sizeof id, "C=gb;A= ;L=msg%d", i);
        sc_x400_transfer(s, id);
    }
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 0);
    sc_x400_transfer(s, "C=gb;A= ;L=msg599");
    assert_int_equal(s->tally[X4_P_DUPLICATE_MTSID], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        sc_unit_test(duplicate_in_same_association),
        sc_unit_test(duplicate_across_open_associations),
        sc_unit_test(resend_after_loss_is_not_a_duplicate),
        sc_unit_test(resend_while_first_stalls_is_not_a_duplicate),
        sc_unit_test(resend_after_interrupt_is_not_a_duplicate),
        sc_unit_test(retransmitted_frame_is_not_a_duplicate),
        sc_unit_test(other_mta_names_are_not_the_same_pair),
        sc_unit_test(non_x400_traffic_never_duplicates),
        sc_unit_test(many_identifiers_stay_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
