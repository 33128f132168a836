/* TPKT, TP0 and the bounded join buffer: the worked examples of
 * docs/protocol.md,
 * every DR reason and ER cause, class-0-illegal types, LI checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tp0.h"
#include "tpkt.h"
#include "tsdu.h"
#include "x4_test_hex.h"

static uint8_t buf[1024];

#define CR_HEX "03 00 00 1A | 15 E0 00 00 12 34 00 C0 01 0B C1 04 4D 54 41 41 C2 04 4D 54 41 42"
#define CC_HEX "03 00 00 1A | 15 D0 12 34 56 78 00 C0 01 0B C1 04 4D 54 41 41 C2 04 4D 54 41 42"
#define DR_HEX "03 00 00 0B | 06 80 12 34 00 00 03"
#define ER_HEX "03 00 00 09 | 04 70 56 78 02"
#define EXCH_CC_HEX "03 11 00 2C 27 D0 01 CA 00 29 00 C1 0D 53 57 49 53 53 4C 49 46 45 54 53 41 50" \
    " C2 0D 45 58 43 48 41 4E 47 45 54 53 41 50 31 C0 01 0B"

/* A TPKT holding one TPDU of this kind, decoded (into buf). */
static x4_tp0 tpkt_tp0(const char *hex, x4_pdu_kind kind, x4_tpkt *k)
{
    size_t n = x4t_hex(hex, buf, sizeof buf);
    assert_int_equal(x4_tpkt_decode(buf, n, k), X4_OK);
    x4_tp0 t;
    assert_int_equal(x4_tp0_decode(k->tpdu.ptr, k->tpdu.len, &t), X4_OK);
    assert_int_equal(t.kind, kind);
    return t;
}

static void test_tpkt(void **state)
{
    (void)state;
    x4_tpkt k;
    size_t n = x4t_hex(CR_HEX, buf, sizeof buf);
    assert_int_equal(x4_tpkt_decode(buf, n, &k), X4_OK);
    assert_int_equal(k.length, 0x1A);
    assert_int_equal(k.tpdu.len, 0x16);
    buf[0] = 2;
    assert_int_equal(x4_tpkt_decode(buf, n, &k), X4_ERR_MALFORMED);
    n = x4t_hex("03 00 00 06 02 F0", buf, sizeof buf);
    assert_int_equal(x4_tpkt_decode(buf, n, &k), X4_ERR_MALFORMED);
    n = x4t_hex("03 00 00 10 02 F0 80", buf, sizeof buf);
    assert_int_equal(x4_tpkt_decode(buf, n, &k), X4_ERR_TRUNCATED);
    assert_non_null(k.err);
}

static void test_cr_cc(void **state)
{
    (void)state;
    x4_tpkt k;
    x4_tp0 t = tpkt_tp0(CR_HEX, X4_PDU_TP0_CR, &k);
    assert_int_equal(t.src_ref, 0x1234);
    assert_int_equal(t.dst_ref, 0);
    assert_int_equal(t.tpdu_size, 2048);
    assert_int_equal(t.calling_tsap.len, 4);
    assert_memory_equal(t.calling_tsap.ptr, "MTAA", 4);
    assert_memory_equal(t.called_tsap.ptr, "MTAB", 4);
    assert_false(t.class0_illegal);
    assert_false(t.foreign_params);
    t = tpkt_tp0(CC_HEX, X4_PDU_TP0_CC, &k);
    assert_int_equal(t.dst_ref, 0x1234);
    assert_int_equal(t.src_ref, 0x5678);
}

static void test_exchange_cc(void **state)
{
    (void)state;
    x4_tpkt k;
    x4_tp0 t = tpkt_tp0(EXCH_CC_HEX, X4_PDU_TP0_CC, &k);
    assert_int_equal(k.reserved, 0x11);    /* decoded, not refused */
    assert_int_equal(t.calling_tsap.len, 13);
    assert_memory_equal(t.calling_tsap.ptr, "SWISSLIFETSAP", 13);
    assert_memory_equal(t.called_tsap.ptr, "EXCHANGETSAP1", 13);
    assert_int_equal(t.tpdu_size, 2048);
}

static void test_dr_every_reason(void **state)
{
    (void)state;
    static const uint8_t reasons[] = {0x00, 0x01, 0x02, 0x03, 0x80, 0x81, 0x82, 0x83,
                                      0x84, 0x85, 0x87, 0x88, 0x8A};
    x4_tpkt k;
    x4_tp0 t = tpkt_tp0(DR_HEX, X4_PDU_TP0_DR, &k);
    assert_int_equal(t.reason, 0x03);
    assert_string_equal(x4_code_lookup(x4_dr_reason_names, t.reason, "?"), "address unknown");
    for (size_t i = 0; i < sizeof reasons; i++) {
        size_t n = x4t_hex(DR_HEX, buf, sizeof buf);
        buf[n - 1] = reasons[i];
        assert_int_equal(x4_tp0_decode(buf + 4, n - 4, &t), X4_OK);
        assert_int_equal(t.reason, reasons[i]);
        assert_non_null(x4_code_lookup(x4_dr_reason_names, t.reason, NULL));
    }
    /* DR with additional information E0 */
    size_t n = x4t_hex("09 80 12 34 00 00 80 E0 01 41", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
    assert_int_equal(t.add_info.len, 1);
    /* LI below 6 */
    n = x4t_hex("05 80 12 34 00 00 03", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_ERR_MALFORMED);
}

static void test_er_every_cause(void **state)
{
    (void)state;
    x4_tpkt k;
    x4_tp0 t = tpkt_tp0(ER_HEX, X4_PDU_TP0_ER, &k);
    assert_int_equal(t.dst_ref, 0x5678);
    assert_int_equal(t.cause, 2);
    for (uint8_t c = 0; c < 4; c++) {
        size_t n = x4t_hex("04 70 56 78 00", buf, sizeof buf);
        buf[4] = c;
        assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
        assert_int_equal(t.cause, c);
        assert_non_null(x4_code_lookup(x4_er_cause_names, c, NULL));
    }
    /* ER with the invalid-TPDU parameter (Wireshark 4.0 cannot show it) */
    size_t n = x4t_hex("08 70 56 78 02 C1 02 05 60", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
    assert_int_equal(t.invalid_tpdu.len, 2);
    assert_int_equal(t.invalid_tpdu.ptr[1], 0x60);
}

static void test_dt(void **state)
{
    (void)state;
    x4_tp0 t;
    size_t n = x4t_hex("02 F0 80 01 00 01 00", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
    assert_int_equal(t.kind, X4_PDU_TP0_DT);
    assert_true(t.eot);
    assert_int_equal(t.user_data.len, 4);
    n = x4t_hex("02 F0 00 41", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
    assert_false(t.eot);
    n = x4t_hex("03 F0 80 00 41", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_ERR_MALFORMED);
    assert_string_equal(t.err, "TP0 DT LI must be 2");
}

static void test_class0_illegal(void **state)
{
    (void)state;
    static const struct { uint8_t code; x4_pdu_kind kind; } rows[] = {
        {0xC0, X4_PDU_TP0_DC}, {0x60, X4_PDU_TP0_AK}, {0x20, X4_PDU_TP0_EA},
        {0x50, X4_PDU_TP0_RJ}, {0x10, X4_PDU_TP0_ED}, {0x30, X4_PDU_TP0_UNKNOWN},
    };
    x4_tp0 t;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        uint8_t p[] = {0x04, rows[i].code, 0x12, 0x34, 0x00};
        assert_int_equal(x4_tp0_decode(p, sizeof p, &t), X4_OK);
        assert_int_equal(t.kind, rows[i].kind);
        assert_true(t.class0_illegal);
    }
}

static void test_li_checks(void **state)
{
    (void)state;
    x4_tp0 t;
    uint8_t over[] = {0x10, 0xE0, 0, 0};
    assert_int_equal(x4_tp0_decode(over, sizeof over, &t), X4_ERR_TRUNCATED);
    uint8_t ff[] = {0xFF, 0xE0};
    assert_int_equal(x4_tp0_decode(ff, sizeof ff, &t), X4_ERR_MALFORMED);
    /* a known parameter whose length overruns the header */
    size_t n = x4t_hex("09 E0 00 00 12 34 00 C1 05 41 41", buf, sizeof buf);
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_ERR_MALFORMED);
}

static void test_rdp_cookie_is_foreign(void **state)
{
    (void)state;
    /* X.224 CR whose variable part is RDP's "Cookie: mstshash=a\r\n" */
    const char *hex = "1C E0 00 00 00 00 00 43 6F 6F 6B 69 65 3A 20 6D 73 74 73 68 61 73 68 3D 61 0D 0A"
                      " 01 00";
    size_t n = x4t_hex(hex, buf, sizeof buf);
    x4_tp0 t;
    assert_int_equal(x4_tp0_decode(buf, n, &t), X4_OK);
    assert_true(t.foreign_params);
}

static void test_truncation_every_offset(void **state)
{
    (void)state;
    const char *vecs[] = {CR_HEX, CC_HEX, DR_HEX, ER_HEX, EXCH_CC_HEX};
    for (size_t v = 0; v < sizeof vecs / sizeof vecs[0]; v++) {
        size_t n = x4t_hex(vecs[v], buf, sizeof buf);
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *d = x4t_dup(buf, cut);
            x4_tpkt k;
            assert_int_not_equal(x4_tpkt_decode(d, cut, &k), X4_OK);
            free(d);
        }
        /* the TPDU alone, cut inside its header */
        for (size_t cut = 0; cut < (size_t)buf[4] + 1; cut++) {
            uint8_t *d = x4t_dup(buf + 4, cut);
            x4_tp0 t;
            assert_int_not_equal(x4_tp0_decode(d, cut, &t), X4_OK);
            free(d);
        }
    }
}

static void test_join_buffer(void **state)
{
    (void)state;
    x4_buf b;
    x4_buf_init(&b);
    assert_int_equal(x4_buf_append(&b, &x4_alloc_libc, (const uint8_t *)"abcd", 4, 8), X4_OK);
    assert_int_equal(x4_buf_append(&b, &x4_alloc_libc, (const uint8_t *)"efgh", 4, 8), X4_OK);
    assert_int_equal(b.len, 8);
    assert_memory_equal(b.buf, "abcdefgh", 8);
    assert_int_equal(x4_buf_append(&b, &x4_alloc_libc, (const uint8_t *)"i", 1, 8), X4_ERR_LIMIT);
    assert_true(b.overflow);
    assert_int_equal(b.len, 8);
    assert_true(b.cap <= 8);
    x4_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_false(b.overflow);
    x4_buf_free(&b, &x4_alloc_libc);
    assert_null(b.buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tpkt),
        cmocka_unit_test(test_cr_cc),
        cmocka_unit_test(test_exchange_cc),
        cmocka_unit_test(test_dr_every_reason),
        cmocka_unit_test(test_er_every_cause),
        cmocka_unit_test(test_dt),
        cmocka_unit_test(test_class0_illegal),
        cmocka_unit_test(test_li_checks),
        cmocka_unit_test(test_rdp_cookie_is_foreign),
        cmocka_unit_test(test_truncation_every_offset),
        cmocka_unit_test(test_join_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
