/* BER reader: lengths of every form, end-of-contents, depth limit,
 * iteration, integers, and truncation at every offset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "ber.h"
#include "x4_test_hex.h"

static uint8_t buf[4096];

/* Reads one element from hex (into buf). */
static x4_status read_hex(const char *hex, x4_ber_tlv *t)
{
    size_t n = x4t_hex(hex, buf, sizeof buf);
    return x4_ber_read(buf, n, t);
}

/* Writes `levels` nested indefinite SEQUENCEs into buf; returns the length. */
static size_t nested_sequences(int levels)
{
    size_t n = 0;
    for (int i = 0; i < levels; i++) { buf[n++] = 0x30; buf[n++] = 0x80; }
    for (int i = 0; i < levels; i++) { buf[n++] = 0; buf[n++] = 0; }
    return n;
}

static void test_short_length(void **state)
{
    (void)state;
    x4_ber_tlv t;
    assert_int_equal(read_hex("04 03 61 62 63", &t), X4_OK);
    assert_int_equal(t.ident, 0x04);
    assert_int_equal(t.cls, 0);
    assert_false(t.constructed);
    assert_int_equal(t.content.len, 3);
    assert_int_equal(t.hdr_len, 2);
    assert_int_equal(t.total_len, 5);
    assert_memory_equal(t.content.ptr, "abc", 3);
}

static void test_long_lengths(void **state)
{
    (void)state;
    x4_ber_tlv t;
    /* 81 xx */
    memset(buf, 0, sizeof buf);
    buf[0] = 0x04; buf[1] = 0x81; buf[2] = 0x80;
    assert_int_equal(x4_ber_read(buf, 3 + 0x80, &t), X4_OK);
    assert_int_equal(t.content.len, 0x80);
    assert_int_equal(t.hdr_len, 3);
    /* 82 xx xx */
    buf[1] = 0x82; buf[2] = 0x01; buf[3] = 0x47;
    assert_int_equal(x4_ber_read(buf, 4 + 0x147, &t), X4_OK);
    assert_int_equal(t.content.len, 0x147);
    assert_int_equal(x4_ber_read(buf, 4 + 0x146, &t), X4_ERR_TRUNCATED);
    /* 84: four length octets are allowed, 85 is not */
    assert_int_equal(read_hex("04 84 00 00 00 01 41", &t), X4_OK);
    assert_int_equal(t.content.len, 1);
    assert_int_equal(read_hex("04 85 00 00 00 00 01 41", &t), X4_ERR_MALFORMED);
    /* a huge announced length never moves a pointer */
    assert_int_equal(read_hex("04 84 FF FF FF FF 41", &t), X4_ERR_TRUNCATED);
}

static void test_indefinite(void **state)
{
    (void)state;
    /* 61 80 30 80 02 01 03 00 00 00 00: nested indefinite lengths */
    x4_ber_tlv t, in;
    assert_int_equal(read_hex("61 80 30 80 02 01 03 00 00 00 00 FF", &t), X4_OK);
    assert_true(t.indefinite);
    assert_int_equal(t.content.len, 7);
    assert_int_equal(t.total_len, 11);
    assert_int_equal(x4_ber_read(t.content.ptr, t.content.len, &in), X4_OK);
    assert_int_equal(in.ident, 0x30);
    assert_int_equal(in.content.len, 3);
    /* missing end-of-contents */
    assert_int_equal(read_hex("61 80 30 80 02 01 03 00 00", &t), X4_ERR_TRUNCATED);
    /* indefinite on a primitive is invalid */
    assert_int_equal(read_hex("04 80 00 00", &t), X4_ERR_MALFORMED);
}

static void test_prefix(void **state)
{
    (void)state;
    size_t n = x4t_hex("A0 80 31 80 64 03 01 02 03 04 10", buf, sizeof buf);
    x4_ber_tlv t;
    assert_int_equal(x4_ber_read(buf, n, &t), X4_ERR_TRUNCATED);
    assert_int_equal(x4_ber_read_prefix(buf, n, &t), X4_OK);
    assert_false(t.complete);
    x4_ber_iter it;
    x4_ber_tlv set, m;
    x4_ber_iter_init(&it, t.content, true);
    assert_true(x4_ber_next(&it, &set));
    assert_int_equal(set.ident, 0x31);
    assert_false(set.complete);
    x4_ber_iter_init(&it, set.content, true);
    assert_true(x4_ber_next(&it, &m));
    assert_int_equal(m.ident, 0x64);
    assert_true(m.complete);
    assert_true(x4_ber_next(&it, &m));
    assert_false(m.complete);
    /* a header that does not fit is still an error */
    assert_int_equal(x4_ber_read_prefix(buf, 1, &t), X4_ERR_TRUNCATED);
}

static void test_high_tag(void **state)
{
    (void)state;
    /* [128] constructed */
    x4_ber_tlv t;
    assert_int_equal(read_hex("BF 81 00 01 05", &t), X4_OK);
    assert_int_equal(t.number, 128);
    assert_int_equal(t.cls, 2);
    assert_true(t.constructed);
    assert_int_equal(t.content.len, 1);
    /* too many tag octets */
    assert_int_equal(read_hex("1F 81 81 81 81 01 00", &t), X4_ERR_MALFORMED);
}

static void test_depth_limit(void **state)
{
    (void)state;
    /* X4_BER_MAX_DEPTH+1 nested indefinite SEQUENCEs */
    x4_ber_tlv t;
    size_t n = nested_sequences(X4_BER_MAX_DEPTH + 1);
    assert_int_equal(x4_ber_read(buf, n, &t), X4_ERR_DEPTH);
    /* one level less fits */
    n = nested_sequences(X4_BER_MAX_DEPTH - 1);
    assert_int_equal(x4_ber_read(buf, n, &t), X4_OK);
}

static void test_iter_and_find(void **state)
{
    (void)state;
    size_t n = x4t_hex("80 01 3F 81 01 05 82 01 00 A3 02 80 00", buf, sizeof buf);
    x4_bytes c = {buf, n};
    x4_ber_iter it;
    x4_ber_tlv t;
    int count = 0;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t))
        count++;
    assert_int_equal(count, 4);
    assert_int_equal(it.status, X4_OK);
    uint32_t v;
    assert_true(x4_ber_find_uint(c, 0x81, &v));
    assert_int_equal(v, 5);
    assert_true(x4_ber_find_uint(c, 0x80, &v));
    assert_int_equal(v, 0x3F);
    assert_false(x4_ber_find(c, 0x84, &t));
    /* an element that overruns stops iteration with an error */
    n = x4t_hex("80 01 01 81 05 01", buf, sizeof buf);
    x4_ber_iter_init(&it, (x4_bytes){buf, n}, false);
    assert_true(x4_ber_next(&it, &t));
    assert_false(x4_ber_next(&it, &t));
    assert_int_equal(it.status, X4_ERR_TRUNCATED);
}

static void test_uint(void **state)
{
    (void)state;
    uint32_t v;
    uint8_t a[] = {0x00, 0xFF}, b[] = {0x01, 0x02, 0x03, 0x04, 0x05}, z[] = {0};
    assert_int_equal(x4_ber_uint((x4_bytes){a, 2}, &v), X4_OK);
    assert_int_equal(v, 255);
    assert_int_equal(x4_ber_uint((x4_bytes){b, 5}, &v), X4_ERR_LIMIT);
    assert_int_equal(x4_ber_uint((x4_bytes){z, 0}, &v), X4_ERR_MALFORMED);
    assert_int_equal(x4_ber_uint((x4_bytes){z, 1}, &v), X4_OK);
    assert_int_equal(v, 0);
}

/* Every proper prefix of a well-formed element is an error, never a read
 * past the end (each cut is a fresh heap block for ASan). */
static void test_truncation_every_offset(void **state)
{
    (void)state;
    const char *vectors[] = {
        "31 24 A0 03 80 01 00 A1 1D 82 01 00 A3 15 A0 13 A1 11 80 05 4D 54 41 2D 41"
        " A1 08 16 06 73 65 63 72 65 74 84 01 01",
        "61 80 30 80 02 01 03 A0 80 24 80 04 02 41 42 00 00 00 00 00 00 00 00",
        "64 1E 63 14 61 04 13 02 55 53 62 06 13 04 41 44 4D 44 13 04 50 52 4D 44"
        " 16 06 41 42 43 31 32 33",
    };
    for (size_t v = 0; v < sizeof vectors / sizeof vectors[0]; v++) {
        size_t n = x4t_hex(vectors[v], buf, sizeof buf);
        x4_ber_tlv t;
        assert_int_equal(x4_ber_read(buf, n, &t), X4_OK);
        assert_int_equal(t.total_len, n);
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *d = x4t_dup(buf, cut);
            assert_int_not_equal(x4_ber_read(d, cut, &t), X4_OK);
            free(d);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_length),
        cmocka_unit_test(test_long_lengths),
        cmocka_unit_test(test_indefinite),
        cmocka_unit_test(test_prefix),
        cmocka_unit_test(test_high_tag),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_iter_and_find),
        cmocka_unit_test(test_uint),
        cmocka_unit_test(test_truncation_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
