/* Session SPDUs: worked examples, every SI code by position, 1- and 3-byte
 * lengths, PGIs, RF reasons, transport disconnect, truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "session.h"
#include "x4_test_hex.h"
#include "x4_test_vectors.h"

static uint8_t buf[70000];

static x4_status dec(const char *hex, x4_spdu_list *l)
{
    size_t n = x4t_hex(hex, buf, sizeof buf);
    return x4_session_decode(buf, n, l);
}

/* Decodes hex; its first SPDU is of this kind. */
static const x4_spdu *first_spdu(const char *hex, x4_spdu_list *l, x4_pdu_kind kind)
{
    assert_int_equal(dec(hex, l), X4_OK);
    assert_int_equal(l->spdus[0].kind, kind);
    return &l->spdus[0];
}

/* Every cut of hex from `from` octets up to its whole length is an error. */
static void every_cut_fails(const char *hex, size_t from)
{
    size_t n = x4t_hex(hex, buf, sizeof buf);
    for (size_t cut = from; cut < n; cut++) {
        uint8_t *d = x4t_dup(buf, cut);
        x4_spdu_list l;
        assert_int_not_equal(x4_session_decode(d, cut, &l), X4_OK);
        free(d);
    }
}

static void test_cn(void **state)
{
    (void)state;
    x4_spdu_list l;
    const x4_spdu *s = first_spdu(V_CN, &l, X4_PDU_SES_CN);
    assert_int_equal(l.n, 1);
    assert_true(s->has_options);
    assert_int_equal(s->options, 0);
    assert_true(s->has_version);
    assert_int_equal(s->version, 1);
    assert_true(s->has_sreq);
    assert_int_equal(s->sreq, X4_SREQ_RTS);
    assert_int_equal(s->calling_ssel.len, 0);
    assert_int_equal(s->user_data.len, 0x26);
    assert_int_equal(s->user_data.ptr[0], 0x31);
}

static void test_ac(void **state)
{
    (void)state;
    x4_spdu_list l;
    const x4_spdu *s = first_spdu(V_AC, &l, X4_PDU_SES_AC);
    assert_int_equal(l.n, 1);
    assert_int_equal(s->sreq, 0x0249);
    assert_int_equal(s->user_data.len, 0x20);
}

static void test_rf(void **state)
{
    (void)state;
    x4_spdu_list l;
    const x4_spdu *s = first_spdu(V_RF_RTORJ, &l, X4_PDU_SES_RF);
    assert_true(s->has_tdisc);
    assert_int_equal(s->tdisc, X4_TDISC_RELEASE);
    assert_true(s->has_reason);
    assert_int_equal(s->reason, X4_RF_USER_DATA);
    assert_int_equal(s->user_data.len, 5);        /* the PRefuse 31 03 80 01 02 */
    assert_int_equal(s->user_data.ptr[0], 0x31);
    assert_int_equal(dec(V_RF_SPM, &l), X4_OK);
    assert_int_equal(l.spdus[0].reason, X4_RF_SSEL_UNKNOWN);
    assert_int_equal(l.spdus[0].user_data.len, 0);
}

static void test_rf_every_reason(void **state)
{
    (void)state;
    static const uint8_t reasons[] = {0x00, 0x01, 0x02, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86};
    for (size_t i = 0; i < sizeof reasons; i++) {
        uint8_t p[] = {0x0C, 0x03, 0x32, 0x01, reasons[i]};
        x4_spdu_list l;
        assert_int_equal(x4_session_decode(p, sizeof p, &l), X4_OK);
        assert_int_equal(l.spdus[0].reason, reasons[i]);
        assert_non_null(x4_code_lookup(x4_rf_reason_names, reasons[i], NULL));
    }
}

static void test_ab_and_tdisc(void **state)
{
    (void)state;
    x4_spdu_list l;
    const x4_spdu *s = first_spdu(V_AB_RTAB, &l, X4_PDU_SES_AB);
    assert_int_equal(s->tdisc, X4_TDISC_RELEASE | X4_TDISC_USER_ABORT);
    assert_int_equal(s->user_data.len, 5);
    for (const x4_code_name *r = x4_tdisc_bit_names; r->name; r++) {
        uint8_t p[] = {0x19, 0x03, 0x11, 0x01, (uint8_t)r->value};
        assert_int_equal(x4_session_decode(p, sizeof p, &l), X4_OK);
        assert_int_equal(l.spdus[0].tdisc, r->value);
    }
}

static void test_position_resolves_shared_codes(void **state)
{
    (void)state;
    x4_spdu_list l;
    assert_int_equal(dec("19 00", &l), X4_OK);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_AB);
    assert_int_equal(dec("01 00 19 00", &l), X4_OK);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_AI);
    assert_int_equal(dec("1A 00", &l), X4_OK);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_AA);
    assert_int_equal(dec("01 00 1A 00", &l), X4_OK);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_AIA);
    assert_int_equal(dec("01 00", &l), X4_OK);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_GT);
    assert_int_equal(dec(V_GT_DT " 41 42", &l), X4_OK);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_GT);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_DT);
    assert_int_equal(l.spdus[1].user_data.len, 2);
    assert_int_equal(dec("02 03 10 01 01 01 00", &l), X4_OK);   /* PT + DT */
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_PT);
    assert_true(l.spdus[0].has_token);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_DT);
}

static void test_every_si(void **state)
{
    (void)state;
    static const struct { uint8_t si; x4_pdu_kind alone; } first[] = {
        {0x0D, X4_PDU_SES_CN}, {0x0E, X4_PDU_SES_AC}, {0x0C, X4_PDU_SES_RF},
        {0x09, X4_PDU_SES_FN}, {0x0A, X4_PDU_SES_DN}, {0x08, X4_PDU_SES_NF},
        {0x19, X4_PDU_SES_AB}, {0x1A, X4_PDU_SES_AA}, {0x01, X4_PDU_SES_GT},
        {0x02, X4_PDU_SES_PT}, {0x15, X4_PDU_SES_GTC}, {0x16, X4_PDU_SES_GTA},
        {0x05, X4_PDU_SES_EX},
    };
    static const struct { uint8_t si; x4_pdu_kind after; } cat2[] = {
        {0x01, X4_PDU_SES_DT}, {0x2D, X4_PDU_SES_AS}, {0x29, X4_PDU_SES_AE},
        {0x2A, X4_PDU_SES_AEA}, {0x31, X4_PDU_SES_MIP}, {0x32, X4_PDU_SES_MIA},
        {0x19, X4_PDU_SES_AI}, {0x1A, X4_PDU_SES_AIA}, {0x1D, X4_PDU_SES_AR},
        {0x39, X4_PDU_SES_AD}, {0x3A, X4_PDU_SES_ADA}, {0x21, X4_PDU_SES_TD},
        {0x00, X4_PDU_SES_ER}, {0x30, X4_PDU_SES_ED}, {0x35, X4_PDU_SES_RS},
        {0x22, X4_PDU_SES_RA},
    };
    x4_spdu_list l;
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) {
        uint8_t p[] = {first[i].si, 0x00};
        assert_int_equal(x4_session_decode(p, sizeof p, &l), X4_OK);
        assert_int_equal(l.spdus[0].kind, first[i].alone);
    }
    for (size_t i = 0; i < sizeof cat2 / sizeof cat2[0]; i++) {
        uint8_t p[] = {0x01, 0x00, cat2[i].si, 0x00};
        assert_int_equal(x4_session_decode(p, sizeof p, &l), X4_OK);
        assert_int_equal(l.spdus[1].kind, cat2[i].after);
    }
    /* category-2 SPDUs may not start a TSDU: S7comm's 0x32 and 0x72 fail */
    uint8_t s7[] = {0x32, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00};
    assert_int_not_equal(x4_session_decode(s7, sizeof s7, &l), X4_OK);
    s7[0] = 0x72;
    assert_int_not_equal(x4_session_decode(s7, sizeof s7, &l), X4_OK);
}

static void test_activity_spdus(void **state)
{
    (void)state;
    x4_spdu_list l;
    assert_int_equal(dec(V_GT_AS, &l), X4_OK);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_AS);
    assert_int_equal(l.spdus[1].activity_id.len, 3);    /* 02 01 00: INTEGER 0 */
    assert_int_equal(dec(V_GT_AE, &l), X4_OK);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_AE);
    assert_int_equal(l.spdus[1].serial.len, 1);
    assert_int_equal(l.spdus[1].serial.ptr[0], '1');
}

static void test_long_lengths_and_pgi(void **state)
{
    (void)state;
    /* CN with a 3-byte LI and a 3-byte C1 length of 300, plus a connection
     * identifier PGI holding calling reference and common reference. */
    size_t n = 0;
    uint8_t *p = buf;
    size_t ud = 300, pgi = 2 + 3 + 2 + 2;
    size_t li = (2 + pgi) + (4 + ud);
    p[n++] = 0x0D; p[n++] = 0xFF; p[n++] = (uint8_t)(li >> 8); p[n++] = (uint8_t)li;
    p[n++] = 0x01; p[n++] = (uint8_t)pgi;
    p[n++] = 0x0A; p[n++] = 0x03; p[n++] = 'a'; p[n++] = 'b'; p[n++] = 'c';
    p[n++] = 0x0B; p[n++] = 0x00;
    p[n++] = 0x16; p[n++] = 0x01;   /* (value below) */
    p[n - 1] = 0x00;                /* version PI with zero length */
    p[n++] = 0xC1; p[n++] = 0xFF; p[n++] = (uint8_t)(ud >> 8); p[n++] = (uint8_t)ud;
    memset(p + n, 0x41, ud);
    n += ud;
    x4_spdu_list l;
    assert_int_equal(x4_session_decode(p, n, &l), X4_OK);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_CN);
    assert_int_equal(l.spdus[0].calling_ref.len, 3);
    assert_int_equal(l.spdus[0].user_data.len, ud);
    /* the same with the LI one short of the data: the C1 overruns */
    p[3] = (uint8_t)(li - 1);
    assert_int_not_equal(x4_session_decode(p, n - 1, &l), X4_OK);
}

static void test_overrun_and_empty(void **state)
{
    (void)state;
    x4_spdu_list l;
    assert_int_equal(dec("0D 03 C1 09 41", &l), X4_ERR_MALFORMED);
    assert_non_null(l.err);
    assert_int_equal(dec("0D 05 C1", &l), X4_ERR_TRUNCATED);
    assert_int_equal(x4_session_decode(buf, 0, &l), X4_ERR_TRUNCATED);
    assert_int_equal(dec("01 00 77 00", &l), X4_ERR_MALFORMED);
}

static void test_truncated_spdu_is_listed(void **state)
{
    (void)state;
    /* an AC whose LI is one too long (seen from an MMS stack) */
    x4_spdu_list l;
    assert_int_equal(dec("0E 0B 05 06 13 01 00 16 01 02 14 02", &l), X4_ERR_TRUNCATED);
    assert_int_equal(l.n, 1);
    assert_true(l.spdus[0].truncated);
    assert_int_equal(l.spdus[0].kind, X4_PDU_SES_AC);
    assert_true(l.spdus[0].has_version);
    /* GT then a DT-less overrun: the GT and the truncated SPDU */
    assert_int_equal(dec("01 00 2D 05 29 03", &l), X4_ERR_TRUNCATED);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.spdus[1].kind, X4_PDU_SES_AS);
    assert_true(l.spdus[1].truncated);
}

static void test_many_spdus_bounded(void **state)
{
    (void)state;
    /* GT + AS + ... more than the list holds is reported as dropped */
    size_t n = 0;
    buf[n++] = 0x01; buf[n++] = 0x00;
    for (int i = 0; i < 3 * X4_SES_MAX_SPDUS; i++) {
        buf[n++] = 0x01; buf[n++] = 0x00;   /* GT GT GT ... */
    }
    x4_spdu_list l;
    assert_int_equal(x4_session_decode(buf, n, &l), X4_OK);
    assert_true(l.n <= X4_SES_MAX_SPDUS);
}

static void test_truncation_every_offset(void **state)
{
    (void)state;
    /* single-SPDU vectors: every proper prefix is an error */
    const char *single[] = {V_CN, V_AC, V_RF_RTORJ, V_RF_SPM, V_AB_RTAB};
    for (size_t v = 0; v < sizeof single / sizeof single[0]; v++)
        every_cut_fails(single[v], 0);
    /* GT + X: a cut inside the second SPDU is an error */
    const char *pairs[] = {V_GT_AS, V_GT_AE};
    for (size_t v = 0; v < 2; v++)
        every_cut_fails(pairs[v], 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cn),
        cmocka_unit_test(test_ac),
        cmocka_unit_test(test_rf),
        cmocka_unit_test(test_rf_every_reason),
        cmocka_unit_test(test_ab_and_tdisc),
        cmocka_unit_test(test_position_resolves_shared_codes),
        cmocka_unit_test(test_every_si),
        cmocka_unit_test(test_activity_spdus),
        cmocka_unit_test(test_long_lengths_and_pgi),
        cmocka_unit_test(test_overrun_and_empty),
        cmocka_unit_test(test_truncated_spdu_is_listed),
        cmocka_unit_test(test_many_spdus_bounded),
        cmocka_unit_test(test_truncation_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
