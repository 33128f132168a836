/* Encoder round trips: every PDU the replayer writes is decoded by the
 * plugin's own decoders (osi_stack.h, the whole stack TPKT by TPKT), in
 * X.410-1984 mode and in normal mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "osi_encode.h"
#include "osi_stack.h"
#include "verbs.h"

typedef struct {
    x4_conn *conn;
    x4r_osi_state st;
    x4_frame_info info;
    char pdus[512];
    unsigned tpkts;
} rt;

static rt *rt_new(x4_mode mode)
{
    static rt r;
    memset(&r, 0, sizeof r);
    r.conn = x4_conn_new(&x4_alloc_libc);
    x4r_osi_state_init(&r.st, mode, 0x1234, 0x5678);
    return &r;
}

static void rt_free(rt *r) { x4_conn_free(r->conn); }

/* Encodes one verb from dir, feeds every TPKT, renders the PDU names. */
static const char *rt_run(rt *r, const char *verb, x4_dir dir, const x4r_params *p)
{
    int v = x4r_verb_find(verb);
    assert_true(v >= 0);
    x4r_buf out = { 0 };
    x4r_verbs[v].encode(&out, &r->st, dir, p);
    x4_frame_info_init(&r->info);
    r->tpkts = 0;
    for (size_t off = 0; off < out.len;) {
        assert_true(out.len - off >= 4);
        assert_int_equal(out.p[off], 3);
        size_t n = (size_t)out.p[off + 2] << 8 | out.p[off + 3];
        assert_true(n >= 7 && off + n <= out.len);
        x4_status s = x4_conn_feed_tpkt(r->conn, dir,
                                        out.p + off, n, &r->info);
        if (s != X4_OK)
            fail_msg("%s: decoder said %s: %s", verb, x4_status_name(s),
                     r->info.n_errors ? r->info.errors[0].what : "?");
        off += n;
        r->tpkts++;
    }
    x4r_buf_free(&out);
    r->pdus[0] = '\0';
    for (unsigned k = 0; k < r->info.n_pdus; k++) {
        if (k)
            strcat(r->pdus, ", ");
        strcat(r->pdus, x4_pdu_kind_name(r->info.pdus[k].kind));
    }
    assert_int_equal(r->info.n_errors, 0);
    return r->pdus;
}

static x4r_params params(void)
{
    x4r_params p;
    x4r_params_defaults(&p);
    return p;
}

static bool has_reason(const x4_frame_info *i, x4_layer layer, uint32_t code)
{
    for (unsigned k = 0; k < i->n_reasons; k++)
        if (i->reasons[k].layer == layer && i->reasons[k].code == code)
            return true;
    return false;
}

static void connect_x410(rt *r)
{
    x4r_params p = params();
    p.calling = "MTAA";
    p.called = "MTAB";
    assert_string_equal(rt_run(r, "tp0-cr", X4_DIR_INITIATOR, &p), "TP0 CR");
    assert_string_equal(r->info.calling_tsap, "MTAA");
    assert_string_equal(r->info.called_tsap, "MTAB");
    assert_int_equal(r->info.tpdu_size, 2048);
    assert_string_equal(rt_run(r, "tp0-cc", X4_DIR_RESPONDER, &p), "TP0 CC");
}

static void test_x410_worked_example_bytes(void **state)
{
    (void)state;
    /* docs/protocol.md, worked examples: the CN with RTORQ and the bind MTA-A/secret. */
    static const uint8_t cn[] = {
        0x03, 0x00, 0x00, 0x40, 0x02, 0xF0, 0x80, 0x0D, 0x37, 0x05, 0x09, 0x13, 0x01, 0x00,
        0x16, 0x01, 0x01, 0x1A, 0x01, 0x00, 0x14, 0x02, 0x02, 0x49, 0xC1, 0x26, 0x31, 0x24,
        0xA0, 0x03, 0x80, 0x01, 0x00, 0xA1, 0x1D, 0x82, 0x01, 0x00, 0xA3, 0x15, 0xA0, 0x13,
        0xA1, 0x11, 0x80, 0x05, 'M', 'T', 'A', '-', 'A', 0xA1, 0x08, 0x16, 0x06,
        's', 'e', 'c', 'r', 'e', 't', 0x84, 0x01, 0x01 };
    x4r_osi_state st;
    x4r_osi_state_init(&st, X4_MODE_X410_1984, 0x1234, 0x5678);
    x4r_params p = params();
    p.mta = "MTA-A";
    p.password = "secret";
    x4r_buf out = { 0 };
    x4r_enc_connect_request(&out, &st, X4_DIR_INITIATOR, &p);
    assert_int_equal(out.len, sizeof cn);
    assert_memory_equal(out.p, cn, sizeof cn);
    /* The CR: 15 E0 00 00 12 34 00 C0 01 0B C1 04 MTAA C2 04 MTAB. */
    static const uint8_t cr[] = { 0x03, 0x00, 0x00, 0x1A, 0x15, 0xE0, 0x00, 0x00, 0x12, 0x34, 0x00,
                                  0xC0, 0x01, 0x0B, 0xC1, 0x04, 'M', 'T', 'A', 'A', 0xC2, 0x04,
                                  'M', 'T', 'A', 'B' };
    out.len = 0;
    p.calling = "MTAA";
    p.called = "MTAB";
    x4r_enc_tp0_cr(&out, &st, X4_DIR_INITIATOR, &p);
    assert_memory_equal(out.p, cr, sizeof cr);
    /* Transfer framing: GT+AS 01 00 2D 05 29 03 02 01 01, GT+AE 01 00 29 03 2A 01 31. */
    static const uint8_t as[] = { 0x03, 0x00, 0x00, 0x10, 0x02, 0xF0, 0x80,
                                  0x01, 0x00, 0x2D, 0x05, 0x29, 0x03, 0x02, 0x01, 0x01 };
    static const uint8_t ae[] = { 0x03, 0x00, 0x00, 0x0E, 0x02, 0xF0, 0x80,
                                  0x01, 0x00, 0x29, 0x03, 0x2A, 0x01, 0x31 };
    out.len = 0;
    p.mtsid = "C=US;A=ADMD;P=PRMD;L=ABC123";
    p.size = 10;
    x4r_enc_transfer(&out, &st, X4_DIR_INITIATOR, &p);
    assert_memory_equal(out.p, as, sizeof as);
    assert_memory_equal(out.p + out.len - sizeof ae, ae, sizeof ae);
    /* The MTS identifier example of docs/protocol.md. */
    static const uint8_t mtsid[] = { 0x64, 0x1E, 0x63, 0x14, 0x61, 0x04, 0x13, 0x02, 0x55, 0x53,
                                     0x62, 0x06, 0x13, 0x04, 0x41, 0x44, 0x4D, 0x44, 0x13, 0x04,
                                     0x50, 0x52, 0x4D, 0x44, 0x16, 0x06, 0x41, 0x42, 0x43, 0x31,
                                     0x32, 0x33 };
    bool found = false;
    for (size_t i = 0; i + sizeof mtsid <= out.len; i++)
        found = found || memcmp(out.p + i, mtsid, sizeof mtsid) == 0;
    assert_true(found);
    x4r_buf_free(&out);
}

static void test_x410_association(void **state)
{
    (void)state;
    rt *r = rt_new(X4_MODE_X410_1984);
    connect_x410(r);
    x4r_params p = params();
    p.mta = "MTA-A";
    p.password = "secret";
    assert_string_equal(rt_run(r, "connect-request", X4_DIR_INITIATOR, &p), "TP0 DT, SES CN, RTORQ, P1 bind-argument");
    assert_int_equal(r->info.mode, X4_MODE_X410_1984);
    assert_int_equal(r->info.n_mtas, 1);
    assert_string_equal(r->info.mtas[0].name, "MTA-A");
    p.mta = "MTA-B";
    assert_string_equal(rt_run(r, "connect-accept", X4_DIR_RESPONDER, &p), "TP0 DT, SES AC, RTOAC, P1 bind-result");
    assert_string_equal(r->info.mtas[0].name, "MTA-B");

    x4r_params t = params();
    t.mtsid = "C=US;A=ADMD;P=PRMD;L=A-1";
    t.size = 300;
    rt_run(r, "transfer", X4_DIR_INITIATOR, &t);
    assert_int_equal(r->tpkts, 3);
    assert_int_equal(r->info.n_mtsids, 1);
    assert_string_equal(r->info.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=A-1");
    assert_int_equal(r->info.mtsids[0].apdu, X4_PDU_P1_MESSAGE);
    assert_string_equal(rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t), "TP0 DT, SES GT, SES AEA");

    /* larger than the TPDU size: the APDU spans several DTs */
    t.mtsid = "C=DE;A=VIAT;L=BIG";
    t.size = 7000;
    rt_run(r, "transfer", X4_DIR_INITIATOR, &t);
    assert_true(r->tpkts >= 6);
    assert_int_equal(r->info.n_mtsids, 1);
    assert_string_equal(r->info.mtsids[0].text, "C=DE;A=VIAT;L=BIG");
    rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t);

    t.kind = X4_PDU_P1_REPORT;
    t.mtsid = "C=US;A=ADMD;L=R-1";
    rt_run(r, "transfer", X4_DIR_INITIATOR, &t);
    assert_int_equal(r->info.mtsids[0].apdu, X4_PDU_P1_REPORT);
    rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t);
    t.kind = X4_PDU_P1_PROBE;
    t.mtsid = "C=US;A=ADMD;L=P-1";
    rt_run(r, "transfer", X4_DIR_INITIATOR, &t);
    assert_int_equal(r->info.mtsids[0].apdu, X4_PDU_P1_PROBE);
    rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t);

    /* the same transfer step by step */
    t.kind = X4_PDU_P1_MESSAGE;
    t.mtsid = "C=US;A=ADMD;P=PRMD;L=STEP-1";
    assert_string_equal(rt_run(r, "activity-start", X4_DIR_INITIATOR, &t), "TP0 DT, SES GT, SES AS");
    rt_run(r, "transfer-data", X4_DIR_INITIATOR, &t);
    assert_non_null(strstr(r->pdus, "SES GT, SES DT"));
    assert_string_equal(r->info.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=STEP-1");
    assert_string_equal(rt_run(r, "activity-end", X4_DIR_INITIATOR, &t), "TP0 DT, SES GT, SES AE");
    rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t);

    assert_string_equal(rt_run(r, "release-request", X4_DIR_INITIATOR, &p), "TP0 DT, SES FN");
    assert_string_equal(rt_run(r, "release-response", X4_DIR_RESPONDER, &p), "TP0 DT, SES DN");
    rt_free(r);
}

static void test_x410_refusals_and_abort(void **state)
{
    (void)state;
    rt *r = rt_new(X4_MODE_X410_1984);
    x4r_params p = params();
    p.reason = X4_DR_ADDRESS_UNKNOWN;
    assert_string_equal(rt_run(r, "tp0-cr", X4_DIR_INITIATOR, &p), "TP0 CR");
    assert_string_equal(rt_run(r, "tp0-dr", X4_DIR_RESPONDER, &p), "TP0 DR");
    assert_true(has_reason(&r->info, X4_LAYER_TP0, X4_DR_ADDRESS_UNKNOWN));
    rt_free(r);

    r = rt_new(X4_MODE_X410_1984);
    connect_x410(r);
    p = params();
    p.mta = "MTA-A";
    rt_run(r, "connect-request", X4_DIR_INITIATOR, &p);
    p.reason = X4_RTORJ_BUSY;
    rt_run(r, "connect-refuse", X4_DIR_RESPONDER, &p);
    assert_non_null(strstr(r->pdus, "SES RF"));
    assert_non_null(strstr(r->pdus, "RTORJ"));
    assert_true(has_reason(&r->info, X4_LAYER_RTSE, X4_RTORJ_BUSY));
    rt_free(r);

    r = rt_new(X4_MODE_X410_1984);
    connect_x410(r);
    p = params();
    rt_run(r, "connect-request", X4_DIR_INITIATOR, &p);
    p.reason = X4_RF_SPM_CONGESTION;
    assert_string_equal(rt_run(r, "session-refuse", X4_DIR_RESPONDER, &p), "TP0 DT, SES RF");
    assert_true(has_reason(&r->info, X4_LAYER_SESSION, X4_RF_SPM_CONGESTION));
    rt_free(r);

    r = rt_new(X4_MODE_X410_1984);
    connect_x410(r);
    p = params();
    rt_run(r, "connect-request", X4_DIR_INITIATOR, &p);
    rt_run(r, "connect-accept", X4_DIR_RESPONDER, &p);
    p.reason = X4_RTAB_PROTOCOL_ERROR;
    rt_run(r, "abort", X4_DIR_RESPONDER, &p);
    assert_non_null(strstr(r->pdus, "SES AB"));
    assert_non_null(strstr(r->pdus, "RTAB"));
    assert_true(has_reason(&r->info, X4_LAYER_RTSE, X4_RTAB_PROTOCOL_ERROR));
    rt_free(r);

    r = rt_new(X4_MODE_X410_1984);
    connect_x410(r);
    p = params();
    p.reason = X4_ER_INVALID_TYPE;
    assert_string_equal(rt_run(r, "tp0-er", X4_DIR_RESPONDER, &p), "TP0 ER");
    rt_free(r);
}

static void test_normal_association(void **state)
{
    (void)state;
    rt *r = rt_new(X4_MODE_NORMAL);
    connect_x410(r);
    x4r_params p = params();
    p.mta = "mta-a.example.org";
    p.password = "secret";
    p.checkpoint = 63;
    p.given |= 1u << X4R_P_CHECKPOINT;
    assert_string_equal(rt_run(r, "connect-request", X4_DIR_INITIATOR, &p),
                        "TP0 DT, SES CN, PRES CP, AARQ, RTORQ, P1 bind-argument");
    assert_int_equal(r->info.mode, X4_MODE_NORMAL);
    assert_string_equal(r->info.mtas[0].name, "mta-a.example.org");
    p.mta = "mta-b.example.org";
    assert_string_equal(rt_run(r, "connect-accept", X4_DIR_RESPONDER, &p),
                        "TP0 DT, SES AC, PRES CPA, AARE, RTOAC, P1 bind-result");
    x4r_params t = params();
    t.mtsid = "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050";
    t.size = 5000;
    rt_run(r, "transfer", X4_DIR_INITIATOR, &t);
    assert_non_null(strstr(r->pdus, "RTTR"));
    assert_int_equal(r->info.n_mtsids, 1);
    assert_string_equal(r->info.mtsids[0].text, "C=gb;A= ;P=smhs;L=percival.s:055680:20051001113050");
    rt_run(r, "transfer-ack", X4_DIR_RESPONDER, &t);
    assert_string_equal(rt_run(r, "release-request", X4_DIR_INITIATOR, &p), "TP0 DT, SES FN, RLRQ");
    assert_string_equal(rt_run(r, "release-response", X4_DIR_RESPONDER, &p), "TP0 DT, SES DN, RLRE");
    rt_free(r);
}

static void test_normal_refusal_and_abort(void **state)
{
    (void)state;
    rt *r = rt_new(X4_MODE_NORMAL);
    connect_x410(r);
    x4r_params p = params();
    p.mta = "mta-a";
    rt_run(r, "connect-request", X4_DIR_INITIATOR, &p);
    p.bind_error = X4_P1_ERR_AUTHENTICATION;
    rt_run(r, "connect-refuse", X4_DIR_RESPONDER, &p);
    assert_non_null(strstr(r->pdus, "SES RF"));
    assert_non_null(strstr(r->pdus, "RTORJ"));
    assert_non_null(strstr(r->pdus, "P1 bind-error"));
    assert_true(has_reason(&r->info, X4_LAYER_P1, X4_P1_ERR_AUTHENTICATION));
    rt_free(r);

    r = rt_new(X4_MODE_NORMAL);
    connect_x410(r);
    p = params();
    rt_run(r, "connect-request", X4_DIR_INITIATOR, &p);
    rt_run(r, "connect-accept", X4_DIR_RESPONDER, &p);
    p.reason = X4_RTAB_TEMPORARY_PROBLEM;
    rt_run(r, "abort", X4_DIR_INITIATOR, &p);
    assert_non_null(strstr(r->pdus, "SES AB"));
    rt_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_x410_worked_example_bytes),
        cmocka_unit_test(test_x410_association),
        cmocka_unit_test(test_x410_refusals_and_abort),
        cmocka_unit_test(test_normal_association),
        cmocka_unit_test(test_normal_refusal_and_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
