/* Unit tests of the TCP synthesiser: handshake and refusals, sequence and
 * acknowledgement arithmetic, MSS segmentation, delayed ACKs, FIN/RST,
 * zero window and probes, retransmissions of the same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "tcp_synth.h"

typedef struct {
    uint64_t t;
    uint16_t sport;
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t win;
    size_t len;
    uint8_t payload[1600];
} pkt;

typedef struct {
    pkt p[64];
    unsigned n;
} sink;

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static void collect(void *ctx, uint64_t t, const uint8_t *f, size_t len)
{
    sink *s = ctx;
    assert_true(s->n < 64);
    pkt *p = &s->p[s->n++];
    size_t tcp = 34, hl = (size_t)(f[tcp + 12] >> 4) * 4;
    /* every frame must carry valid checksums */
    assert_int_equal(x4r_csum_fold(x4r_csum_add(0, f + 14, 20)), 0);
    uint32_t sum = x4r_csum_add(0, f + 26, 8) + 6 + (uint32_t)(len - tcp);
    assert_int_equal(x4r_csum_fold(x4r_csum_add(sum, f + tcp, len - tcp)), 0);
    p->t = t;
    p->sport = be16(f + tcp);
    p->seq = be32(f + tcp + 4);
    p->ack = be32(f + tcp + 8);
    p->flags = f[tcp + 13];
    p->win = be16(f + tcp + 14);
    p->len = len - tcp - hl;
    memcpy(p->payload, f + tcp + hl, p->len < sizeof p->payload ? p->len : sizeof p->payload);
}

typedef struct {
    x4r_addr a, b;
    uint16_t id_a, id_b;
    x4r_tcp_conn c;
    x4r_emitter em;
    sink s;
} fixture;

enum { ISN_A = 1000, ISN_B = 50000, T0 = 1000000 };

static fixture *setup_conn(uint32_t window, uint16_t mss)
{
    fixture *fx = calloc(1, sizeof *fx);
    x4r_addr_parse(&fx->a, "10.0.0.1");
    x4r_addr_parse(&fx->b, "10.0.0.2");
    x4r_tcp_params p = {
        .addr = { &fx->a, &fx->b }, .ip_id = { &fx->id_a, &fx->id_b },
        .port = { 1100, 102 }, .isn = { ISN_A, ISN_B }, .rcvbuf = { window, window },
        .mss = mss, .latency_us = 300, .delack_us = 200000,
    };
    x4r_tcp_init(&fx->c, &p);
    x4r_emitter_init(&fx->em, collect, &fx->s);
    return fx;
}

static void teardown_conn(fixture *fx)
{
    x4r_tcp_free(&fx->c);
    free(fx);
}

static void test_handshake(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    assert_int_equal(fx->s.n, 3);
    pkt *syn = &fx->s.p[0], *synack = &fx->s.p[1], *ack = &fx->s.p[2];
    assert_int_equal(syn->flags, X4R_SYN);
    assert_int_equal(syn->seq, ISN_A);
    assert_int_equal(synack->flags, X4R_SYN | X4R_ACK);
    assert_int_equal(synack->seq, ISN_B);
    assert_int_equal(synack->ack, ISN_A + 1);
    assert_int_equal(ack->flags, X4R_ACK);
    assert_int_equal(ack->seq, ISN_A + 1);
    assert_int_equal(ack->ack, ISN_B + 1);
    assert_true(syn->t == T0 && synack->t == T0 + 300 && ack->t > synack->t);
    teardown_conn(fx);
}

static void test_refused_and_unanswered(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_refuse(&fx->c, &fx->em, T0);
    assert_int_equal(fx->s.n, 2);
    assert_int_equal(fx->s.p[1].flags, X4R_RST | X4R_ACK);
    assert_int_equal(fx->s.p[1].seq, 0);
    assert_int_equal(fx->s.p[1].ack, ISN_A + 1);
    assert_int_equal(fx->s.p[1].win, 0);
    teardown_conn(fx);

    fx = setup_conn(65535, 1460);
    x4r_tcp_syn_unanswered(&fx->c, &fx->em, T0, 2, 3000000);
    assert_int_equal(fx->s.n, 3);
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(fx->s.p[i].flags, X4R_SYN);
        assert_int_equal(fx->s.p[i].seq, ISN_A); /* same SYN retransmitted */
    }
    assert_int_equal(fx->s.p[1].t - fx->s.p[0].t, 3000000);
    assert_int_equal(fx->s.p[2].t - fx->s.p[1].t, 6000000); /* back-off doubles */
    teardown_conn(fx);
}

static void test_segmentation_and_acks(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    uint8_t data[4000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)i;
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 10000, data, sizeof data);
    /* seg 1460, seg 1460, immediate ACK (2 full segments), seg 1080 */
    assert_int_equal(fx->s.n, 3 + 4);
    pkt *s1 = &fx->s.p[3], *s2 = &fx->s.p[4], *a = &fx->s.p[5], *s3 = &fx->s.p[6];
    assert_int_equal(s1->len, 1460);
    assert_int_equal(s1->seq, ISN_A + 1);
    assert_int_equal(s2->seq, ISN_A + 1 + 1460);
    assert_int_equal(a->sport, 102);
    assert_int_equal(a->ack, ISN_A + 1 + 2920);
    assert_int_equal(a->len, 0);
    assert_int_equal(s3->len, 4000 - 2920);
    assert_int_equal(s3->seq, ISN_A + 1 + 2920);
    assert_true(s3->flags & X4R_PSH);
    assert_false(s1->flags & X4R_PSH);
    assert_memory_equal(s3->payload, data + 2920, 1080);
    /* the last segment is acknowledged by the delayed-ACK timer */
    assert_int_equal(x4r_tcp_next_due(&fx->c), s3->t + 200000);
    x4r_tcp_flush_acks(&fx->c, &fx->em, UINT64_MAX);
    assert_int_equal(fx->s.n, 8);
    assert_int_equal(fx->s.p[7].ack, ISN_A + 1 + 4000);
    assert_int_equal(fx->s.p[7].t, s3->t + 200000);
    teardown_conn(fx);
}

static void test_piggybacked_ack_and_fin(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    const uint8_t req[26] = { 3, 0, 0, 26 }, rsp[10] = { 3, 0, 0, 10 };
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 1000, req, sizeof req);
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_RESPONDER, T0 + 5000, rsp, sizeof rsp);
    pkt *r = &fx->s.p[4];
    assert_int_equal(r->sport, 102);
    assert_int_equal(r->ack, ISN_A + 1 + 26); /* the answer carries the ACK */
    assert_int_equal(r->seq, ISN_B + 1);
    x4r_tcp_fin(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 9000);
    pkt *fin = &fx->s.p[5], *finack = &fx->s.p[6];
    assert_int_equal(fin->flags, X4R_FIN | X4R_ACK);
    assert_int_equal(fin->seq, ISN_A + 27);
    assert_int_equal(fin->ack, ISN_B + 11);
    assert_int_equal(finack->ack, ISN_A + 28); /* FIN consumes one */
    x4r_tcp_fin(&fx->c, &fx->em, X4_DIR_RESPONDER, T0 + 10000);
    assert_int_equal(fx->s.p[7].seq, ISN_B + 11);
    assert_int_equal(fx->s.p[8].ack, ISN_B + 12);
    assert_int_equal(fx->s.n, 9);
    teardown_conn(fx);
}

static void test_zero_window_and_probes(void **state)
{
    (void)state;
    fixture *fx = setup_conn(4000, 1000);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    x4r_tcp_stop_reading(&fx->c, X4_DIR_RESPONDER);
    uint8_t data[6000] = { 0 };
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 1000, data, sizeof data);
    /* 4 x 1000 bytes fill the 4000-byte window; the receiver's last ACK
     * advertises 0; 2000 bytes stay queued. */
    pkt *last = &fx->s.p[fx->s.n - 1];
    assert_int_equal(last->sport, 102);
    assert_int_equal(last->win, 0);
    assert_int_equal(last->ack, ISN_A + 1 + 4000);
    assert_int_equal(fx->c.s[0].queue.len, 2000);
    unsigned before = fx->s.n;
    x4r_tcp_probe(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 500000, 2, 500000);
    assert_int_equal(fx->s.n, before + 4);
    pkt *p1 = &fx->s.p[before], *pa = &fx->s.p[before + 1], *p2 = &fx->s.p[before + 2];
    assert_int_equal(p1->len, 1);
    assert_int_equal(p1->seq, ISN_A + 1 + 4000);
    assert_int_equal(pa->ack, ISN_A + 1 + 4000); /* the probe byte is not accepted */
    assert_int_equal(pa->win, 0);
    assert_int_equal(p2->seq, p1->seq);
    assert_int_equal(p2->t - p1->t, 500000);
    /* reading again: window update, then the queued data flows */
    x4r_tcp_resume_reading(&fx->c, &fx->em, X4_DIR_RESPONDER, T0 + 3000000);
    pkt *upd = &fx->s.p[before + 4];
    assert_int_equal(upd->win, 4000);
    assert_int_equal(upd->ack, ISN_A + 1 + 4000);
    assert_int_equal(fx->s.p[before + 5].seq, ISN_A + 1 + 4000);
    assert_int_equal(fx->c.s[0].queue.len, 0);
    teardown_conn(fx);
}

static void test_outage_retransmission_and_reset(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    fx->c.outage = true;
    uint8_t data[2000];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7);
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 1000, data, sizeof data);
    assert_int_equal(fx->s.n, 5); /* two segments, no ACK */
    assert_int_equal(x4r_tcp_next_due(&fx->c), UINT64_MAX);
    x4r_tcp_retransmit(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 300000, 3, 300000);
    assert_int_equal(fx->s.n, 5 + 6);
    for (unsigned k = 0; k < 3; k++) {
        pkt *a = &fx->s.p[5 + 2 * k], *b = &fx->s.p[6 + 2 * k];
        assert_int_equal(a->seq, fx->s.p[3].seq);
        assert_int_equal(a->len, 1460);
        assert_memory_equal(a->payload, data, 1460);
        assert_int_equal(b->seq, fx->s.p[4].seq);
        assert_memory_equal(b->payload, data + 1460, 540);
    }
    assert_int_equal(fx->s.p[7].t - fx->s.p[5].t, 300000);
    assert_int_equal(fx->s.p[9].t - fx->s.p[7].t, 600000);
    x4r_tcp_rst(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 5000000);
    pkt *rst = &fx->s.p[fx->s.n - 1];
    assert_int_equal(rst->flags, X4R_RST | X4R_ACK);
    assert_int_equal(rst->seq, ISN_A + 1 + 2000);
    teardown_conn(fx);
}

static void test_restore_then_retransmit_is_acked(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    fx->c.outage = true;
    uint8_t data[100] = { 1 };
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 1000, data, sizeof data);
    fx->c.outage = false;
    x4r_tcp_retransmit(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 300000, 1, 300000);
    pkt *ack = &fx->s.p[fx->s.n - 1];
    assert_int_equal(ack->sport, 102);
    assert_int_equal(ack->ack, ISN_A + 101);
    assert_int_equal(fx->c.s[0].flight.len, 0);
    teardown_conn(fx);
}

static void test_delayed_ack_during_outage_is_captured_not_delivered(void **state)
{
    (void)state;
    fixture *fx = setup_conn(65535, 1460);
    x4r_tcp_handshake(&fx->c, &fx->em, T0);
    uint8_t data[100] = { 0 };
    x4r_tcp_send(&fx->c, &fx->em, X4_DIR_INITIATOR, T0 + 1000, data, sizeof data);
    assert_int_equal(fx->s.n, 4);
    fx->c.outage = true;
    x4r_tcp_flush_acks(&fx->c, &fx->em, UINT64_MAX);
    assert_int_equal(fx->s.n, 5);
    assert_int_equal(fx->s.p[4].ack, ISN_A + 101);
    assert_int_equal(fx->c.s[0].snd_una, ISN_A + 1); /* the sender never got it */
    assert_int_equal(fx->c.s[0].flight.len, 100);
    teardown_conn(fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handshake),
        cmocka_unit_test(test_refused_and_unanswered),
        cmocka_unit_test(test_segmentation_and_acks),
        cmocka_unit_test(test_piggybacked_ack_and_fin),
        cmocka_unit_test(test_zero_window_and_probes),
        cmocka_unit_test(test_outage_retransmission_and_reset),
        cmocka_unit_test(test_restore_then_retransmit_is_acked),
        cmocka_unit_test(test_delayed_ack_during_outage_is_captured_not_delivered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
