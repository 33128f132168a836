/* Presentation, ACSE, RTSE and P1 decoders: the X.410-1984 worked examples,
 * normal-mode PDUs built with the BER helper, every reason table entry, the
 * MTS identifier rendering, partial APDUs and truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "acse.h"
#include "p1.h"
#include "pres.h"
#include "rtse.h"
#include "x4_test_ber.h"
#include "x4_test_vectors.h"

static uint8_t buf[8192];

/* An X.410-mode presentation PDU of this kind and the RTSE APDU it carries. */
static void x410_pres_rtse(const uint8_t *p, size_t n, x4_pres_on on, x4_pdu_kind kind,
                           x4_pdu_kind rtse_kind, x4_pres *pr, x4_rtse *r)
{
    assert_int_equal(x4_pres_decode(p, n, on, pr), X4_OK);
    assert_int_equal(pr->kind, kind);
    assert_int_equal(pr->mode, X4_PRES_MODE_X410);
    assert_int_equal(x4_rtse_decode_x410(pr->x410_rtse, rtse_kind, r), X4_OK);
}

/* The ACSE APDU of the first presentation data value, of this kind. */
static x4_acse acse_of(const x4_pres *pr, x4_pdu_kind kind)
{
    x4_acse a;
    assert_int_equal(x4_acse_decode(pr->pdv[0].data.ptr, pr->pdv[0].data.len, &a), X4_OK);
    assert_int_equal(a.kind, kind);
    return a;
}

/* The RTSE APDU in the ACSE APDU's first EXTERNAL, of this kind. */
static x4_rtse rtse_of(const x4_acse *a, x4_pdu_kind kind)
{
    x4_rtse r;
    assert_int_equal(x4_rtse_decode(a->ext[0].data.ptr, a->ext[0].data.len, &r), X4_OK);
    assert_int_equal(r.kind, kind);
    return r;
}

/* A P1 bind argument, result or error, decoded. */
static x4_p1 bind_of(x4_bytes data, x4_pdu_kind kind)
{
    x4_p1 b;
    assert_int_equal(x4_p1_decode_bind(data.ptr, data.len, kind, &b), X4_OK);
    return b;
}

/* ------------------------------------------------------- X.410-1984 mode */

static void test_pconnect_rtorq_bind(void **state)
{
    (void)state;
    size_t n = x4t_hex(V_PCONNECT, buf, sizeof buf);
    x4_pres pr;
    x4_rtse r;
    x410_pres_rtse(buf, n, X4_PRES_ON_CONNECT, X4_PDU_PRES_CP, X4_PDU_RTORQ, &pr, &r);
    assert_true(pr.has_x410_rtse);
    assert_true(r.x410);
    assert_true(r.has_dialogue);
    assert_int_equal(r.dialogue, X4_RTSE_MONOLOGUE);
    assert_false(r.has_window);
    assert_true(r.has_app_protocol);
    assert_int_equal(r.app_protocol, X4_RTSE_APP_P1);
    assert_true(r.conn_open);
    x4_p1 b = bind_of(r.open_data, X4_PDU_P1_BIND_ARG);
    assert_int_equal(b.kind, X4_PDU_P1_BIND_ARG);
    assert_false(b.wrapped);
    assert_true(b.authenticated);
    assert_string_equal(b.mta_name, "MTA-A");
}

static void test_paccept_rtoac_bind(void **state)
{
    (void)state;
    size_t n = x4t_hex(V_PACCEPT, buf, sizeof buf);
    x4_pres pr;
    x4_rtse r;
    x410_pres_rtse(buf, n, X4_PRES_ON_ACCEPT, X4_PDU_PRES_CPA, X4_PDU_RTOAC, &pr, &r);
    assert_true(r.conn_open);
    assert_string_equal(bind_of(r.open_data, X4_PDU_P1_BIND_RES).mta_name, "MTA-B");
}

static void test_prefuse_every_reason(void **state)
{
    (void)state;
    for (uint8_t rr = 0; rr < 4; rr++) {
        uint8_t p[] = {0x31, 0x03, 0x80, 0x01, rr};
        x4_pres pr;
        x4_rtse r;
        x410_pres_rtse(p, sizeof p, X4_PRES_ON_REFUSE, X4_PDU_PRES_CPR, X4_PDU_RTORJ, &pr, &r);
        assert_true(r.has_refuse_reason);
        assert_int_equal(r.refuse_reason, rr);
        assert_non_null(x4_code_lookup(x4_rtse_refuse_reason_names, rr, NULL));
    }
}

static void test_abort_information_every_reason(void **state)
{
    (void)state;
    for (uint8_t rr = 0; rr < 8; rr++) {
        uint8_t p[] = {0x31, 0x06, 0x80, 0x01, rr, 0x81, 0x01, 0x05};
        x4_pres pr;
        x4_rtse r;
        x410_pres_rtse(p, sizeof p, X4_PRES_ON_ABORT, X4_PDU_PRES_ARU, X4_PDU_RTAB, &pr, &r);
        assert_int_equal(r.abort_reason, rr);
        assert_true(r.has_reflected);
        assert_int_equal(r.reflected, 5);
        assert_non_null(x4_code_lookup(x4_rtse_abort_reason_names, rr, NULL));
    }
}

static void test_empty_opens_and_recover(void **state)
{
    (void)state;
    x4_rtse r;
    size_t n = x4t_ber("A3{80 00}", buf, sizeof buf);   /* [0] IMPLICIT NULL */
    assert_int_equal(x4_rtse_decode_x410((x4_bytes){buf, n}, X4_PDU_RTORQ, &r), X4_OK);
    assert_true(r.conn_open);
    assert_int_equal(r.open_data.len, 0);
    n = x4t_ber("A3{A0{80 00}}", buf, sizeof buf);     /* ISODE */
    assert_int_equal(x4_rtse_decode_x410((x4_bytes){buf, n}, X4_PDU_RTORQ, &r), X4_OK);
    assert_true(r.conn_open);
    assert_int_equal(r.open_data.len, 0);
    n = x4t_ber("80 01 3F A3{A1{14{\"Percival\"}17{\"051001145724Z\"}}}", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode_x410((x4_bytes){buf, n}, X4_PDU_RTORQ, &r), X4_OK);
    assert_true(r.conn_recover);
    assert_int_equal(r.checkpoint, 63);
    assert_int_equal(r.recover_ref.len, 8);
}

/* ------------------------------------------------------------ normal mode */

#define NORMAL_CP \
    "31{A0{80 01 01}A2{81{00 01}82{00 01}" \
    "A4{30{02 01 01 06 04 52 01 00 01 30{06 02 51 01}}" \
    "30{02 01 03 06 04 56 00 02 0C 30{06 02 51 01}}}" \
    "61{30{02 01 01 A0{60{A1{06 04 56 00 01 06}" \
    "BE{28{02 01 03 A0{B0{80 01 3F 82 01 00 A3{A0{B0{A1{80{\"percival\"}A1{16{\"pw\"}}}}}}}}}}}}}}}}"

static void test_normal_cp(void **state)
{
    (void)state;
    size_t n = x4t_ber(NORMAL_CP, buf, sizeof buf);
    x4_pres pr;
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_CONNECT, &pr), X4_OK);
    assert_int_equal(pr.kind, X4_PDU_PRES_CP);
    assert_int_equal(pr.mode, X4_PRES_MODE_NORMAL);
    assert_int_equal(pr.n_ctx, 2);
    assert_int_equal(pr.ctx[1].id, 3);
    assert_true(x4_oid_equal(pr.ctx[1].abstract.ptr, pr.ctx[1].abstract.len,
                             x4_oid_mta_rtse, x4_oid_mta_rtse_len));
    assert_int_equal(pr.calling_psel.len, 2);
    assert_int_equal(pr.n_pdv, 1);
    assert_int_equal(pr.pdv[0].ctx_id, 1);
    x4_acse a = acse_of(&pr, X4_PDU_AARQ);
    assert_true(x4_oid_equal(a.app_context.ptr, a.app_context.len,
                             x4_oid_mts_transfer, x4_oid_mts_transfer_len));
    assert_int_equal(a.n_ext, 1);
    assert_int_equal(a.ext[0].indirect_ref, 3);
    x4_rtse r = rtse_of(&a, X4_PDU_RTORQ);
    assert_false(r.x410);
    assert_int_equal(r.checkpoint, 63);
    x4_p1 b = bind_of(r.open_data, X4_PDU_P1_BIND_ARG);
    assert_true(b.wrapped);
    assert_string_equal(b.mta_name, "percival");
}

static void test_normal_cpr_aare_rtorj_bind_error(void **state)
{
    (void)state;
    /* as in x400-ping-refuse: CPR with an AARE rejected-permanent, user
     * diagnostic no-reason-given, RTORJ userDataRJ with bind error 2 */
    size_t n = x4t_ber("30{A5{30{80 01 00 81 02 51 01}}8A 01 01 61{30{02 01 01 A0{61{"
                       "A1{06 04 56 00 01 06}A2{02 01 01}A3{A1{02 01 01}}"
                       "BE{28{02 01 03 A0{B2{A1{B2{02 01 02}}}}}}}}}}}", buf, sizeof buf);
    x4_pres pr;
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_REFUSE, &pr), X4_OK);
    assert_int_equal(pr.kind, X4_PDU_PRES_CPR);
    assert_int_equal(pr.mode, X4_PRES_MODE_NORMAL);
    assert_true(pr.has_provider_reason);
    assert_int_equal(pr.provider_reason, 1);
    assert_int_equal(pr.n_results, 1);
    x4_acse a = acse_of(&pr, X4_PDU_AARE);
    assert_int_equal(a.result, X4_ACSE_REJECTED_PERMANENT);
    assert_int_equal(a.diag_source, 1);
    assert_int_equal(a.diag, 1);
    x4_rtse r = rtse_of(&a, X4_PDU_RTORJ);
    x4_p1 b = bind_of(r.user_data_rj, X4_PDU_P1_BIND_ERR);
    assert_int_equal(b.kind, X4_PDU_P1_BIND_ERR);
    assert_true(b.has_error);
    assert_string_equal(x4_code_lookup(x4_p1_bind_error_names, b.error, "?"),
                        "authentication-error");
}

static void test_aru_arp(void **state)
{
    (void)state;
    x4_pres pr;
    size_t n = x4t_ber("30{80 01 02 81 01 05}", buf, sizeof buf);
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_ABORT, &pr), X4_OK);
    assert_int_equal(pr.kind, X4_PDU_PRES_ARP);
    assert_int_equal(pr.abort_reason, 2);
    for (uint32_t i = 0; i <= 6; i++)
        assert_non_null(x4_code_lookup(x4_pres_abort_reason_names, i, NULL));
    n = x4t_ber("A0{A0{30{02 01 01}}61{30{02 01 01 A0{64{80 01 01}}}}}", buf, sizeof buf);
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_ABORT, &pr), X4_OK);
    assert_int_equal(pr.kind, X4_PDU_PRES_ARU);
    assert_int_equal(pr.n_pdv, 1);
    x4_acse a = acse_of(&pr, X4_PDU_ABRT);
    assert_int_equal(a.abort_source, 1);
}

static void test_user_data_forms(void **state)
{
    (void)state;
    x4_pres pr;
    /* fully-encoded with indefinite lengths, octet-aligned, simply-encoded */
    size_t n = x4t_hex("61 80 30 80 02 01 03 A0 80 02 01 07 00 00 00 00 00 00", buf, sizeof buf);
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_DATA, &pr), X4_OK);
    assert_int_equal(pr.kind, X4_PDU_PRES_TD);
    assert_int_equal(pr.n_pdv, 1);
    assert_int_equal(pr.pdv[0].ctx_id, 3);
    assert_int_equal(pr.pdv[0].encoding, X4_PDV_SINGLE_ASN1);
    assert_int_equal(pr.pdv[0].data.len, 3);
    n = x4t_ber("61{30{06 02 51 01 02 01 05 81{41 42}}}", buf, sizeof buf);
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_DATA, &pr), X4_OK);
    assert_int_equal(pr.pdv[0].encoding, X4_PDV_OCTET_ALIGNED);
    assert_int_equal(pr.pdv[0].ctx_id, 5);
    n = x4t_ber("40{41 42}", buf, sizeof buf);
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_DATA, &pr), X4_OK);
    assert_int_equal(pr.pdv[0].encoding, X4_PDV_SIMPLE);
    n = x4t_ber("61{30{A0{02 01 01}}}", buf, sizeof buf);          /* no context id */
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_DATA, &pr), X4_ERR_MALFORMED);
    n = x4t_ber("A0{02 01 01}", buf, sizeof buf);                  /* MMS-looking */
    assert_int_equal(x4_pres_decode(buf, n, X4_PRES_ON_DATA, &pr), X4_ERR_UNSUPPORTED);
}

static void test_acse_release_and_tables(void **state)
{
    (void)state;
    x4_acse a;
    size_t n = x4t_ber("62{80 01 00}", buf, sizeof buf);
    assert_int_equal(x4_acse_decode(buf, n, &a), X4_OK);
    assert_int_equal(a.kind, X4_PDU_RLRQ);
    assert_true(a.has_reason);
    n = x4t_ber("63{80 01 01}", buf, sizeof buf);
    assert_int_equal(x4_acse_decode(buf, n, &a), X4_OK);
    assert_int_equal(a.kind, X4_PDU_RLRE);
    assert_int_equal(a.reason, 1);
    n = x4t_ber("61{A1{06 04 56 00 01 06}A2{02 01 02}A3{A2{02 01 02}}}", buf, sizeof buf);
    assert_int_equal(x4_acse_decode(buf, n, &a), X4_OK);
    assert_int_equal(a.result, X4_ACSE_REJECTED_TRANSIENT);
    assert_int_equal(a.diag_source, 2);
    assert_string_equal(x4_code_lookup(x4_acse_diag_provider_names, a.diag, "?"),
                        "no-common-acse-version");
    for (uint32_t i = 0; i <= 14; i++)
        assert_non_null(x4_code_lookup(x4_acse_diag_user_names, i, NULL));
    n = x4t_ber("A0{02 01 01}", buf, sizeof buf);
    assert_int_equal(x4_acse_decode(buf, n, &a), X4_ERR_UNSUPPORTED);
}

static void test_rtse_normal_forms(void **state)
{
    (void)state;
    x4_rtse r;
    size_t n = x4t_hex("02 01 02", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    assert_int_equal(r.kind, X4_PDU_RTTP);
    assert_int_equal(r.priority, 2);
    n = x4t_ber("B1{80 01 00 81 01 05 A2{A0{B1{A1{80{\"b\"}}}}}}", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    assert_int_equal(r.kind, X4_PDU_RTOAC);
    assert_int_equal(r.window, 5);
    assert_true(r.conn_open);
    n = x4t_ber("B6{80 01 04 A2{05 00}}", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    assert_int_equal(r.kind, X4_PDU_RTAB);
    assert_int_equal(r.abort_reason, X4_RTAB_PROTOCOL_ERROR);
    assert_int_equal(r.user_data_ab.len, 2);
    n = x4t_ber("30{02 01 01}", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_ERR_UNSUPPORTED);
}

static x4_status collect(void *ctx, const uint8_t *p, size_t n)
{
    uint8_t **w = ctx;
    memcpy(*w, p, n);
    *w += n;
    return X4_OK;
}

static void test_rttr_segments(void **state)
{
    (void)state;
    x4_rtse r;
    uint8_t out[64], *w = out;
    size_t n = x4t_hex("24 80 04 02 41 42 24 80 04 01 43 00 00 04 01 44 00 00", buf, sizeof buf);
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    assert_int_equal(r.kind, X4_PDU_RTTR);
    assert_true(r.rttr_constructed);
    assert_int_equal(x4_rtse_rttr_walk(&r, collect, &w), X4_OK);
    assert_int_equal(w - out, 4);
    assert_memory_equal(out, "ABCD", 4);
    n = x4t_hex("04 02 41 42", buf, sizeof buf);
    w = out;
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    assert_int_equal(x4_rtse_rttr_walk(&r, collect, &w), X4_OK);
    assert_int_equal(w - out, 2);
    n = x4t_hex("24 04 02 02 41 42", buf, sizeof buf);           /* a non-OCTET-STRING segment */
    assert_int_equal(x4_rtse_decode(buf, n, &r), X4_OK);
    w = out;
    assert_int_equal(x4_rtse_rttr_walk(&r, collect, &w), X4_ERR_MALFORMED);
}

/* -------------------------------------------------------------------- P1 */

static void test_bind_every_error(void **state)
{
    (void)state;
    static const uint8_t codes[] = {0, 2, 3, 4, 5};
    for (size_t i = 0; i < sizeof codes; i++) {
        uint8_t wrapped[] = {0xB2, 0x03, 0x02, 0x01, codes[i]};
        uint8_t bare[] = {0x02, 0x01, codes[i]};
        x4_p1 b;
        assert_int_equal(x4_p1_decode_bind(wrapped, sizeof wrapped, X4_PDU_P1_BIND_ARG, &b), X4_OK);
        assert_int_equal(b.kind, X4_PDU_P1_BIND_ERR);
        assert_true(b.wrapped);
        assert_int_equal(b.error, codes[i]);
        assert_int_equal(x4_p1_decode_bind(bare, sizeof bare, X4_PDU_P1_BIND_ERR, &b), X4_OK);
        assert_int_equal(b.error, codes[i]);
        assert_non_null(x4_code_lookup(x4_p1_bind_error_names, codes[i], NULL));
    }
    uint8_t unauth[] = {0x05, 0x00};
    x4_p1 b;
    assert_int_equal(x4_p1_decode_bind(unauth, 2, X4_PDU_P1_BIND_ARG, &b), X4_OK);
    assert_false(b.authenticated);
    assert_false(b.has_mta_name);
    uint8_t junk[] = {0x30, 0x00};
    assert_int_equal(x4_p1_decode_bind(junk, 2, X4_PDU_P1_BIND_ARG, &b), X4_ERR_MALFORMED);
}

static void test_mtsid_example(void **state)
{
    (void)state;
    size_t n = x4t_hex(V_MESSAGE, buf, sizeof buf);
    x4_p1 m;
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_OK);
    assert_int_equal(m.kind, X4_PDU_P1_MESSAGE);
    assert_true(m.has_mtsid);
    assert_string_equal(m.mtsid.text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    assert_string_equal(m.mtsid.country, "US");
    assert_int_equal(m.mtsid.apdu, X4_PDU_P1_MESSAGE);
}

static void test_mtsid_forms(void **state)
{
    (void)state;
    x4_p1 m;
    /* no PRMD, numeric country, MTSID not first in the SET, report */
    size_t n = x4t_ber("A1{31{60{} 64{63{61{12{\"234\"}}62{13{\" \"}}}16{\"x\"}}}31{}}", buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_OK);
    assert_int_equal(m.kind, X4_PDU_P1_REPORT);
    assert_string_equal(m.mtsid.text, "C=234;A= ;L=x");
    /* the real p772 form: EXTERNAL around the message, indefinite lengths */
    n = x4t_hex("28 80 02 01 05 A0 80 A0 80 31 80 64 35 63 11 61 04 13 02 67 62 62 03 13 01 20"
                " 13 04 73 6D 68 73 16 20 70 65 72 63 69 76 61 6C 2E 73 3A 30 35 35 36 38 30"
                " 3A 32 30 30 35 31 30 30 31 31 31 33 30 35 30 00 00 04 00 00 00 00 00 00 00",
                buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_OK);
    assert_string_equal(m.mtsid.text, "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050");
    /* zero-length PRMD (Exchange precursor) still renders */
    n = x4t_ber("A2{64{63{61{13{\"au\"}}62{13{\"otc\"}}13{}}16{\"L\"}}}", buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_OK);
    assert_int_equal(m.kind, X4_PDU_P1_PROBE);
    assert_string_equal(m.mtsid.text, "C=au;A=otc;P=;L=L");
    /* not an MTS-APDU */
    n = x4t_ber("30{}", buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_ERR_UNSUPPORTED);
    /* an envelope without an identifier */
    n = x4t_ber("A0{31{46 01 02}04 00}", buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, false, &m), X4_ERR_MALFORMED);
}

static void test_partial_apdu(void **state)
{
    (void)state;
    size_t n = x4t_hex(V_MESSAGE, buf, sizeof buf);
    /* the MTSID ends at offset 4 + 32; before that, "not enough yet" */
    size_t end = 4 + 32;
    for (size_t cut = 0; cut <= n; cut++) {
        uint8_t *d = x4t_dup(buf, cut);
        x4_p1 m;
        x4_status s = x4_p1_decode_apdu(d, cut, true, &m);
        if (cut < end)
            assert_int_equal(s, X4_ERR_TRUNCATED);
        else {
            assert_int_equal(s, X4_OK);
            assert_string_equal(m.mtsid.text, "C=US;A=ADMD;P=PRMD;L=ABC123");
        }
        free(d);
    }
}

static void test_partial_complete_envelope_without_id(void **state)
{
    (void)state;
    /* a whole envelope with no identifier is malformed even in partial mode */
    size_t n = x4t_hex("A0 20 31 03 46 01 02 04 05 41", buf, sizeof buf);
    x4_p1 m;
    assert_int_equal(x4_p1_decode_apdu(buf, n, true, &m), X4_ERR_MALFORMED);
    n = x4t_hex("A0 80 31 80 46 01 02", buf, sizeof buf);
    assert_int_equal(x4_p1_decode_apdu(buf, n, true, &m), X4_ERR_TRUNCATED);
}

static void test_random_bytes(void **state)
{
    (void)state;
    /* every decoder on pseudo-random input: any status, never a bad read */
    uint32_t seed = 12345;
    for (int round = 0; round < 20000; round++) {
        size_t n = 1 + round % 97;
        uint8_t *d = malloc(n);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            d[i] = (uint8_t)(seed >> 16);
        }
        if (n > 1 && round % 3 == 0)
            d[0] = (uint8_t[]){0x31, 0x30, 0xA0, 0x61, 0x28, 0x24, 0xB0, 0x60}[round % 8];
        x4_pres pr; x4_acse a; x4_rtse r; x4_p1 m;
        for (int on = 0; on <= X4_PRES_ON_DATA; on++)
            (void)x4_pres_decode(d, n, (x4_pres_on)on, &pr);
        (void)x4_acse_decode(d, n, &a);
        (void)x4_rtse_decode(d, n, &r);
        (void)x4_rtse_decode_x410((x4_bytes){d, n}, X4_PDU_RTORQ, &r);
        (void)x4_p1_decode_bind(d, n, X4_PDU_P1_BIND_ARG, &m);
        (void)x4_p1_decode_apdu(d, n, round & 1, &m);
        free(d);
    }
}

static void test_truncation_every_offset(void **state)
{
    (void)state;
    const char *vecs[] = {V_PCONNECT, V_PACCEPT, V_MESSAGE, "31 03 80 01 02"};
    for (size_t v = 0; v < sizeof vecs / sizeof vecs[0]; v++) {
        size_t n = x4t_hex(vecs[v], buf, sizeof buf);
        for (size_t cut = 0; cut < n; cut++) {
            uint8_t *d = x4t_dup(buf, cut);
            x4_pres pr;
            x4_p1 m;
            assert_int_not_equal(x4_pres_decode(d, cut, X4_PRES_ON_CONNECT, &pr), X4_OK);
            assert_int_not_equal(x4_pres_decode(d, cut, X4_PRES_ON_REFUSE, &pr), X4_OK);
            assert_int_not_equal(x4_p1_decode_apdu(d, cut, false, &m), X4_OK);
            assert_int_not_equal(x4_p1_decode_bind(d, cut, X4_PDU_P1_BIND_ARG, &m), X4_OK);
            x4_rtse r;
            assert_int_not_equal(x4_rtse_decode(d, cut, &r), X4_OK);
            x4_acse a;
            assert_int_not_equal(x4_acse_decode(d, cut, &a), X4_OK);
            free(d);
        }
    }
    size_t n = x4t_ber(NORMAL_CP, buf, sizeof buf);
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *d = x4t_dup(buf, cut);
        x4_pres pr;
        assert_int_not_equal(x4_pres_decode(d, cut, X4_PRES_ON_CONNECT, &pr), X4_OK);
        free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pconnect_rtorq_bind),
        cmocka_unit_test(test_paccept_rtoac_bind),
        cmocka_unit_test(test_prefuse_every_reason),
        cmocka_unit_test(test_abort_information_every_reason),
        cmocka_unit_test(test_empty_opens_and_recover),
        cmocka_unit_test(test_normal_cp),
        cmocka_unit_test(test_normal_cpr_aare_rtorj_bind_error),
        cmocka_unit_test(test_aru_arp),
        cmocka_unit_test(test_user_data_forms),
        cmocka_unit_test(test_acse_release_and_tables),
        cmocka_unit_test(test_rtse_normal_forms),
        cmocka_unit_test(test_rttr_segments),
        cmocka_unit_test(test_bind_every_error),
        cmocka_unit_test(test_mtsid_example),
        cmocka_unit_test(test_mtsid_forms),
        cmocka_unit_test(test_partial_apdu),
        cmocka_unit_test(test_partial_complete_envelope_without_id),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_truncation_every_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
