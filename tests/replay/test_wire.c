/* Unit tests of the replayer's byte builders: BER writer, Internet
 * checksum (known vectors and a naive reference), Ethernet/IP/TCP framing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ber_writer.h"
#include "checksum.h"
#include "frame.h"

/* n copies of v: BER contents long enough to need the long length forms. */
static void fill(x4r_buf *b, uint8_t v, size_t n)
{
    while (n--)
        x4r_buf_u8(b, v);
}

static void test_ber_short_and_long_lengths(void **state)
{
    (void)state;
    x4r_buf b = { 0 };
    size_t outer = x4r_ber_open(&b, 0x30);
    x4r_ber_int(&b, 0x02, 5);
    x4r_ber_close(&b, outer);
    const uint8_t short_form[] = { 0x30, 0x03, 0x02, 0x01, 0x05 };
    assert_int_equal(b.len, sizeof short_form);
    assert_memory_equal(b.p, short_form, sizeof short_form);

    b.len = 0;
    outer = x4r_ber_open(&b, 0x04);
    fill(&b, 0xAB, 300);
    x4r_ber_close(&b, outer);
    assert_int_equal(b.len, 1 + 3 + 300);
    assert_int_equal(b.p[1], 0x82);
    assert_int_equal(b.p[2], 0x01);
    assert_int_equal(b.p[3], 0x2C);
    assert_int_equal(b.p[4], 0xAB);
    assert_int_equal(b.p[303], 0xAB);

    b.len = 0;
    outer = x4r_ber_open(&b, 0x04);
    fill(&b, 0x11, 200);
    x4r_ber_close(&b, outer);
    assert_int_equal(b.p[1], 0x81);
    assert_int_equal(b.p[2], 200);
    x4r_buf_free(&b);
}

static void test_ber_nested_long(void **state)
{
    (void)state;
    x4r_buf b = { 0 };
    size_t a = x4r_ber_open(&b, 0xA0);
    size_t s = x4r_ber_open(&b, 0x31);
    fill(&b, 0x00, 130);
    x4r_ber_close(&b, s);
    x4r_ber_close(&b, a);
    /* A0 81 84 | 31 81 82 | 130 bytes */
    assert_int_equal(b.len, 3 + 3 + 130);
    const uint8_t head[] = { 0xA0, 0x81, 0x85, 0x31, 0x81, 0x82 };
    assert_memory_equal(b.p, head, sizeof head);
    x4r_buf_free(&b);
}

static void test_ber_integers(void **state)
{
    (void)state;
    static const struct { long v; uint8_t enc[4]; size_t n; } cases[] = {
        { 0, { 0x00 }, 1 }, { 127, { 0x7F }, 1 }, { 128, { 0x00, 0x80 }, 2 },
        { 256, { 0x01, 0x00 }, 2 }, { -1, { 0xFF }, 1 }, { -129, { 0xFF, 0x7F }, 2 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        x4r_buf b = { 0 };
        x4r_ber_int(&b, 0x02, cases[i].v);
        assert_int_equal(b.len, 2 + cases[i].n);
        assert_int_equal(b.p[1], cases[i].n);
        assert_memory_equal(b.p + 2, cases[i].enc, cases[i].n);
        x4r_buf_free(&b);
    }
}

/* RFC 1071 reference: 16-bit big-endian words, one at a time. */
static uint16_t naive_checksum(const uint8_t *p, size_t n)
{
    uint32_t s = 0;
    for (size_t i = 0; i + 1 < n; i += 2)
        s += (uint32_t)p[i] << 8 | p[i + 1];
    if (n & 1)
        s += (uint32_t)p[n - 1] << 8;
    while (s >> 16)
        s = (s & 0xFFFF) + (s >> 16);
    return (uint16_t)~s;
}

static void test_checksum_known_ipv4_header(void **state)
{
    (void)state;
    /* The classic example header (checksum field zeroed): 0xB861. */
    const uint8_t h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
                            0x00, 0x00, 0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7 };
    assert_int_equal(x4r_csum_fold(x4r_csum_add(0, h, sizeof h)), 0xB861);
    /* RFC 1071 section 3 example words 0001 f203 f4f5 f6f7: sum ddf2, checksum 220d. */
    const uint8_t r[8] = { 0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7 };
    assert_int_equal(x4r_csum_fold(x4r_csum_add(0, r, sizeof r)), 0x220D);
}

static void test_checksum_matches_reference(void **state)
{
    (void)state;
    uint8_t data[1601];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof data; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t)(x >> 16);
    }
    for (size_t n = 0; n <= sizeof data; n += (n < 40 ? 1 : 37))
        assert_int_equal(x4r_csum_fold(x4r_csum_add(0, data, n)), naive_checksum(data, n));
    /* Chained even-length chunks equal one pass. */
    uint32_t s = x4r_csum_add(0, data, 16);
    s = x4r_csum_add(s, data + 16, 1000);
    assert_int_equal(x4r_csum_fold(s), naive_checksum(data, 1016));
    /* All-ones data (carry storms). */
    memset(data, 0xFF, sizeof data);
    assert_int_equal(x4r_csum_fold(x4r_csum_add(0, data, 1600)), naive_checksum(data, 1600));
}

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Verifies the TCP checksum of a frame the way a receiver does. */
static uint16_t tcp_verify(const uint8_t *f, size_t len, bool v6)
{
    size_t ip = 14, tcp = v6 ? 54 : 34;
    size_t alen = v6 ? 16 : 4;
    size_t src = v6 ? ip + 8 : ip + 12;
    uint32_t s = x4r_csum_add(0, f + src, 2 * alen);
    s += 6 + (uint32_t)(len - tcp);
    s = x4r_csum_add(s, f + tcp, len - tcp);
    return x4r_csum_fold(s);
}

static void test_frame_ipv4(void **state)
{
    (void)state;
    x4r_addr a, b;
    assert_true(x4r_addr_parse(&a, "10.0.0.1"));
    assert_true(x4r_addr_parse(&b, "10.0.0.2"));
    const uint8_t payload[] = { 0x03, 0x00, 0x00, 0x0B, 0x06, 0x80, 0x12, 0x34, 0x00, 0x00, 0x03 };
    x4r_segment seg = { .src = &a, .dst = &b, .sport = 1100, .dport = 102, .seq = 1000, .ack = 2000,
                        .flags = X4R_ACK | X4R_PSH, .window = 8192, .ip_id = 7,
                        .payload = payload, .len = sizeof payload };
    uint8_t f[X4R_FRAME_MAX];
    size_t n = x4r_frame_build(f, &seg);
    assert_int_equal(n, 14 + 20 + 20 + sizeof payload);
    assert_int_equal(be16(f + 12), 0x0800);
    assert_memory_equal(f, b.mac, 6);
    assert_memory_equal(f + 6, a.mac, 6);
    assert_int_equal(be16(f + 16), 20 + 20 + sizeof payload);
    assert_int_equal(be16(f + 18), 7);
    assert_int_equal(x4r_csum_fold(x4r_csum_add(0, f + 14, 20)), 0); /* header checksum valid */
    assert_int_equal(be16(f + 34), 1100);
    assert_int_equal(be16(f + 36), 102);
    assert_int_equal(be32(f + 38), 1000);
    assert_int_equal(be32(f + 42), 2000);
    assert_int_equal(f[46], 0x50);
    assert_int_equal(f[47], X4R_ACK | X4R_PSH);
    assert_int_equal(be16(f + 48), 8192);
    assert_int_equal(tcp_verify(f, n, false), 0);
    assert_memory_equal(f + 54, payload, sizeof payload);
}

static void test_frame_syn_mss_and_ipv6(void **state)
{
    (void)state;
    x4r_addr a, b;
    assert_true(x4r_addr_parse(&a, "2001:db8::1"));
    assert_true(x4r_addr_parse(&b, "2001:db8::66"));
    assert_true(a.v6);
    x4r_segment seg = { .src = &a, .dst = &b, .sport = 1100, .dport = 102, .seq = 77,
                        .flags = X4R_SYN, .window = 65535, .mss = 1440 };
    uint8_t f[X4R_FRAME_MAX];
    size_t n = x4r_frame_build(f, &seg);
    assert_int_equal(n, 14 + 40 + 24);
    assert_int_equal(be16(f + 12), 0x86DD);
    assert_int_equal(f[14] >> 4, 6);
    assert_int_equal(be16(f + 18), 24);  /* payload length */
    assert_int_equal(f[20], 6);          /* next header TCP */
    assert_int_equal(f[54 + 12], 0x60);  /* data offset 6 words */
    assert_int_equal(f[54 + 20], 2);     /* MSS option */
    assert_int_equal(be16(f + 54 + 22), 1440);
    assert_int_equal(tcp_verify(f, n, true), 0);
}

static void test_addresses(void **state)
{
    (void)state;
    x4r_addr a;
    assert_false(x4r_addr_parse(&a, "10.0.0"));
    assert_false(x4r_addr_parse(&a, "mta-a"));
    assert_true(x4r_addr_parse(&a, "10.0.0.255"));
    x4r_addr_offset(&a, 2);
    const uint8_t want[4] = { 10, 0, 1, 1 };
    assert_memory_equal(a.ip, want, 4);
    assert_true(x4r_addr_parse(&a, "fe80::ffff:ffff"));
    x4r_addr_offset(&a, 1);
    assert_int_equal(a.ip[11], 0);
    assert_int_equal(a.ip[15], 0);
    assert_int_equal(a.mac[0] & 0x03, 0x02); /* locally administered unicast */
    assert_int_equal(a.mac[1], 0x56);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ber_short_and_long_lengths),
        cmocka_unit_test(test_ber_nested_long),
        cmocka_unit_test(test_ber_integers),
        cmocka_unit_test(test_checksum_known_ipv4_header),
        cmocka_unit_test(test_checksum_matches_reference),
        cmocka_unit_test(test_frame_ipv4),
        cmocka_unit_test(test_frame_syn_mss_and_ipv6),
        cmocka_unit_test(test_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
