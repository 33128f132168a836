/* The whole stack through x4_conn: the worked associations of
 * docs/protocol.md in X.410-1984 mode, a normal-mode association, transfers split
 * over DTs and over activity chunks, refusals and aborts at every layer,
 * other protocols over RFC1006 (quiet), mid-capture starts, bounds and
 * truncation of every TPKT at every offset. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "osi_stack.h"
#include "x4_test_ber.h"
#include "x4_test_vectors.h"

static uint8_t tsdu[70000], tpkt[70000];

/* Wrap a TSDU (BER-DSL text) in TPKT + TP0 DT. */
static size_t dt(const char *dsl, bool eot)
{
    size_t n = x4t_ber(dsl, tsdu, sizeof tsdu);
    size_t len = n + 7;
    tpkt[0] = 3; tpkt[1] = 0; tpkt[2] = (uint8_t)(len >> 8); tpkt[3] = (uint8_t)len;
    tpkt[4] = 2; tpkt[5] = 0xF0; tpkt[6] = eot ? 0x80 : 0x00;
    memcpy(tpkt + 7, tsdu, n);
    return len;
}

static x4_status feed_raw(x4_conn *c, x4_dir d, size_t n, x4_frame_info *fi)
{
    uint8_t *copy = x4t_dup(tpkt, n);      /* exact-size block for ASan */
    x4_frame_info_init(fi);
    x4_status s = x4_conn_feed_tpkt(c, d, copy, n, fi);
    free(copy);
    return s;
}

static x4_status feed_hex(x4_conn *c, x4_dir d, const char *hex, x4_frame_info *fi)
{
    return feed_raw(c, d, x4t_hex(hex, tpkt, sizeof tpkt), fi);
}

static x4_status feed_dt(x4_conn *c, x4_dir d, const char *dsl, x4_frame_info *fi)
{
    return feed_raw(c, d, dt(dsl, true), fi);
}

/* "TP0 DT,SES CN,..." for compact comparisons. */
static const char *pdus(const x4_frame_info *fi)
{
    static char s[512];
    s[0] = '\0';
    for (unsigned k = 0; k < fi->n_pdus; k++) {
        if (k)
            strcat(s, ",");
        strcat(s, x4_pdu_kind_name(fi->pdus[k].kind));
    }
    return s;
}

static bool has_reason(const x4_frame_info *fi, x4_layer l, const char *text)
{
    for (unsigned k = 0; k < fi->n_reasons; k++)
        if (fi->reasons[k].layer == l && strcmp(fi->reasons[k].text, text) == 0)
            return true;
    return false;
}

/* CR, CC, CN, AC of the worked 1984 example. */
static x4_conn *open_1984(void)
{
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    x4_frame_info fi;
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, V_CR, &fi), X4_OK);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_CC, &fi), X4_OK);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, V_CN_TPKT, &fi), X4_OK);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_AC_TPKT, &fi), X4_OK);
    return c;
}

static void test_1984_association(void **state)
{
    (void)state;
    x4_conn *c = x4_conn_new(NULL);
    x4_frame_info fi;
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, V_CR, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 CR");
    assert_string_equal(fi.calling_tsap, "MTAA");
    assert_string_equal(fi.called_tsap, "MTAB");
    assert_int_equal(fi.tpdu_size, 2048);
    assert_int_equal(fi.mode, X4_MODE_UNKNOWN);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_CC, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 CC");
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, V_CN_TPKT, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES CN,RTORQ,P1 bind-argument");
    assert_int_equal(fi.mode, X4_MODE_X410_1984);
    assert_true(fi.x400);
    assert_false(fi.not_osi);
    assert_int_equal(fi.n_mtas, 1);
    assert_string_equal(fi.mtas[0].name, "MTA-A");
    assert_false(fi.mtas[0].is_responder);
    assert_int_equal(fi.mtas[0].dir, X4_DIR_INITIATOR);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_AC_TPKT, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES AC,RTOAC,P1 bind-result");
    assert_string_equal(fi.mtas[0].name, "MTA-B");
    assert_true(fi.mtas[0].is_responder);
    assert_int_equal(fi.n_errors, 0);
    assert_int_equal(fi.mode, X4_MODE_X410_1984);
    assert_true(fi.x400);
    x4_conn_free(c);
}

static void test_tpdu_flags(void **state)
{
    (void)state;
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    x4_frame_info fi;
    /* Exchange 4.0's CC with reserved byte 0x11 still decodes, flagged */
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER,
        "03 11 00 2C 27 D0 01 CA 00 29 00 C1 0D 53 57 49 53 53 4C 49 46 45 54 53 41 50"
        " C2 0D 45 58 43 48 41 4E 47 45 54 53 41 50 31 C0 01 0B", &fi), X4_OK);
    assert_true(fi.tpkt_reserved_nonzero);
    assert_string_equal(fi.calling_tsap, "SWISSLIFETSAP");
    assert_int_equal(fi.tpdu_size, 2048);
    /* an AK is recognised and flagged, not an error */
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, "03 00 00 09 04 60 12 34 00", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 AK");
    assert_true(fi.class0_illegal);
    assert_false(fi.tpkt_reserved_nonzero);
    assert_int_equal(fi.mode, X4_MODE_UNKNOWN);
    assert_false(fi.x400);
    x4_conn_free(c);
}

static void test_1984_transfer(void **state)
{
    (void)state;
    x4_conn *c = open_1984();
    x4_frame_info fi;
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AS, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES AS");
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT V_MESSAGE, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,RTTR,P1 message");
    assert_int_equal(fi.n_mtsids, 1);
    assert_string_equal(fi.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    assert_int_equal(fi.mtsids[0].apdu, X4_PDU_P1_MESSAGE);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AE, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES AE");
    assert_int_equal(fi.n_mtsids, 0);
    assert_int_equal(fi.n_errors, 0);
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER, "01 00 2A 03 2A 01 31", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES AEA");
    /* RT-TURN-PLEASE: PT with the priority as user data; RT-TURN-GIVE: GTC */
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER, "02[10 01 01 C1[02 01 02]]", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES PT,RTTP");
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, "15 00", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GTC");
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER, "16 00", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GTA");
    /* orderly release: FN, DN */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, "09 03 11 01 01", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES FN");
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER, "0A 00", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES DN");
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(c);
}

static void test_1984_transfer_over_three_dts(void **state)
{
    (void)state;
    x4_conn *c = open_1984();
    x4_frame_info fi;
    size_t n = x4t_ber(V_GT_DT V_MESSAGE, tsdu, sizeof tsdu);
    uint8_t whole[256];
    memcpy(whole, tsdu, n);
    size_t cuts[] = {0, 7, 20, n};
    for (int i = 0; i < 3; i++) {
        size_t len = cuts[i + 1] - cuts[i] + 7;
        tpkt[0] = 3; tpkt[1] = 0; tpkt[2] = 0; tpkt[3] = (uint8_t)len;
        tpkt[4] = 2; tpkt[5] = 0xF0; tpkt[6] = i == 2 ? 0x80 : 0x00;
        memcpy(tpkt + 7, whole + cuts[i], cuts[i + 1] - cuts[i]);
        assert_int_equal(feed_raw(c, X4_DIR_INITIATOR, len, &fi), X4_OK);
        if (i < 2)
            assert_string_equal(pdus(&fi), "TP0 DT");
    }
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,RTTR,P1 message");
    assert_string_equal(fi.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    x4_conn_free(c);
}

static void test_1984_transfer_in_chunks(void **state)
{
    (void)state;
    /* checkpointing: the APDU is cut into session DTs between AS and AE */
    x4_conn *c = open_1984();
    x4_frame_info fi;
    uint8_t msg[128];
    size_t n = x4t_hex(V_MESSAGE, msg, sizeof msg);
    char a[200] = V_GT_DT, b[300] = V_GT_DT;
    for (size_t i = 0; i < 10; i++)
        sprintf(a + strlen(a), " %02X", msg[i]);
    for (size_t i = 10; i < n; i++)
        sprintf(b + strlen(b), " %02X", msg[i]);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AS, &fi), X4_OK);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, a, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,RTTR");
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, "01 00 31 00", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES MIP");
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, b, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,RTTR,P1 message");
    assert_string_equal(fi.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AE, &fi), X4_OK);
    assert_int_equal(fi.n_mtsids, 0);
    assert_int_equal(fi.n_errors, 0);
    /* an activity that ends before the identifier arrived is an error */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AS, &fi), X4_OK);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, a, &fi), X4_OK);
    assert_int_not_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AE, &fi), X4_OK);
    assert_int_equal(fi.errors[0].layer, X4_LAYER_P1);
    x4_conn_free(c);
}

static void test_refusals_and_aborts(void **state)
{
    (void)state;
    x4_frame_info fi;
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    feed_hex(c, X4_DIR_INITIATOR, V_CR, &fi);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_DR, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DR");
    assert_true(has_reason(&fi, X4_LAYER_TP0, "address unknown"));
    assert_int_equal(fi.reasons[0].pdu, X4_PDU_TP0_DR);
    assert_int_equal(fi.reasons[0].code, 3);
    x4_conn_free(c);

    c = x4_conn_new(&x4_alloc_libc);
    feed_hex(c, X4_DIR_INITIATOR, V_CR, &fi);
    feed_hex(c, X4_DIR_RESPONDER, V_CC, &fi);
    feed_hex(c, X4_DIR_INITIATOR, V_CN_TPKT, &fi);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_RF_RTORJ_TPKT, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES RF,RTORJ");
    assert_true(has_reason(&fi, X4_LAYER_SESSION, "rejection by called SS-user"));
    assert_true(has_reason(&fi, X4_LAYER_RTSE, "validationFailure"));
    x4_conn_free(c);

    c = x4_conn_new(&x4_alloc_libc);
    feed_hex(c, X4_DIR_INITIATOR, V_CN_TPKT, &fi);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_RF_SPM_TPKT, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES RF");
    assert_true(has_reason(&fi, X4_LAYER_SESSION, "session selector unknown"));
    x4_conn_free(c);

    c = open_1984();
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, V_AB_RTAB_TPKT, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES AB,RTAB");
    assert_true(has_reason(&fi, X4_LAYER_SESSION, "user abort"));
    assert_true(has_reason(&fi, X4_LAYER_RTSE, "temporaryProblem"));
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, V_ER, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 ER");
    assert_true(has_reason(&fi, X4_LAYER_TP0, "invalid TPDU type"));
    x4_conn_free(c);
}

#define NORMAL_CN "0D[05[13 01 00 16 01 02]14 02 02 49 C1[" \
    "31{A0{80 01 01}A2{A4{30{02 01 01 06 04 52 01 00 01 30{06 02 51 01}}" \
    "30{02 01 03 06 04 56 00 02 0C 30{06 02 51 01}}}" \
    "61{30{02 01 01 A0{60{A1{06 04 56 00 01 06}BE{28{02 01 03 A0{" \
    "B0{80 01 3F 82 01 00 A3{A0{B0{A1{80{\"percival.smhs.co.uk\"}A1{16{\"pw\"}}}}}}}}}}}}}}}}]]"
#define NORMAL_RF "0C[11 01 01 14 02 02 49 32[02 30{8A 01 00 61{30{02 01 01 A0{61{" \
    "A1{06 04 56 00 01 06}A2{02 01 01}A3{A1{02 01 01}}" \
    "BE{28{02 01 03 A0{B2{A1{B2{02 01 00}}}}}}}}}}}]]"

static void test_normal_mode(void **state)
{
    (void)state;
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    x4_frame_info fi;
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, NORMAL_CN, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES CN,PRES CP,AARQ,RTORQ,P1 bind-argument");
    assert_int_equal(fi.mode, X4_MODE_NORMAL);
    assert_string_equal(fi.mtas[0].name, "percival.smhs.co.uk");
    /* transfer: AS, then an RTTR in a PDV of the RTSE context (3) */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AS, &fi), X4_OK);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR,
                             V_GT_DT "61{30{02 01 03 A0{04{28{02 01 05 A0{" V_MESSAGE "}}}}}}",
                             &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,PRES TD,RTTR,P1 message");
    assert_string_equal(fi.mtsids[0].text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    /* release */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, "09[11 01 01 C1[61{30{02 01 01 A0{62{80 01 00}}}}]]",
                             &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES FN,RLRQ");
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(c);

    c = x4_conn_new(&x4_alloc_libc);
    feed_dt(c, X4_DIR_INITIATOR, NORMAL_CN, &fi);
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER, NORMAL_RF, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES RF,PRES CPR,AARE,RTORJ,P1 bind-error");
    assert_true(has_reason(&fi, X4_LAYER_P1, "busy"));
    assert_true(has_reason(&fi, X4_LAYER_ACSE, "rejected-permanent"));
    assert_true(has_reason(&fi, X4_LAYER_PRES, "reason-not-specified"));
    x4_conn_free(c);
}

static void test_other_protocols_are_quiet(void **state)
{
    (void)state;
    x4_frame_info fi;
    /* S7comm: CR/CC with TSAPs, then DTs whose payload starts 0x32 */
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR,
        "03 00 00 16 11 E0 00 00 00 01 00 C0 01 0A C1 02 01 00 C2 02 01 02", &fi), X4_OK);
    assert_false(fi.not_osi);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR,
        "03 00 00 19 02 F0 80 32 01 00 00 00 00 00 08 00 00 F0 00 00 01 00 01 01 E0", &fi), X4_OK);
    assert_true(fi.not_osi);
    assert_false(fi.x400);
    assert_int_equal(fi.n_errors, 0);
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, "03 00 00 09 02 F0 80 72 01", &fi), X4_OK);
    assert_true(fi.not_osi);
    x4_conn_free(c);

    /* RDP: CR with a cookie, then MCS data */
    c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR,
        "03 00 00 21 1C E0 00 00 00 00 00 43 6F 6F 6B 69 65 3A 20 6D 73 74 73 68 61 73 68 3D 61 0D 0A 01 00",
        &fi), X4_OK);
    assert_true(fi.not_osi);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, "03 00 00 0C 02 F0 80 7F 65 82 01 00", &fi), X4_OK);
    assert_true(fi.not_osi);
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(c);

    /* MMS: normal presentation + ACSE with MMS contexts, no RTSE */
    c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR,
        "0D[05[13 01 00 16 01 02]14 02 00 02 C1[31{A0{80 01 01}A2{"
        "A4{30{02 01 01 06 04 52 01 00 01 30{06 02 51 01}}30{02 01 03 06 05 28 CA 22 02 01 30{06 02 51 01}}}"
        "61{30{02 01 01 A0{60{A1{06 05 28 CA 22 02 03}BE{28{02 01 03 A0{A8{80 01 01}}}}}}}}}}]]", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES CN,PRES CP,AARQ");
    assert_int_equal(fi.mode, X4_MODE_UNKNOWN);         /* not an X.400 mode */
    assert_false(fi.x400);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT "61{30{02 01 03 A0{A0{02 01 01 A1{}}}}}", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,PRES TD");
    assert_int_equal(fi.n_errors, 0);
    /* a quirk in the MMS peer's session encoding is not ours to flag, but
     * the AC is still an AC */
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, "03 00 00 0C 02 F0 80 0E 09 C1 00 31", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES AC");
    assert_int_equal(fi.n_errors, 0);
    assert_false(fi.x400);
    x4_conn_free(c);
}

static void test_mid_capture(void **state)
{
    (void)state;
    x4_frame_info fi;
    /* normal mode data with no connect seen: inferred, no errors */
    x4_conn *c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR,
                             V_GT_DT "61{30{02 01 03 A0{24 80 04{28{02 01 05 A0{" V_MESSAGE "}}}00 00}}}",
                             &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,PRES TD,RTTR,P1 message");
    assert_int_equal(fi.mode, X4_MODE_NORMAL);
    assert_true(fi.x400);
    /* something unreadable in another PDV stays silent */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT "61{30{02 01 07 A0{04{A0 05 31}}}}", &fi), X4_OK);
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(c);

    /* 1984 mode: a session DT whose user information is an MTS-APDU */
    c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT V_MESSAGE, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES DT,RTTR,P1 message");
    assert_int_equal(fi.mode, X4_MODE_X410_1984);
    /* a continuation chunk of an activity we did not see: silent */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT "11 22 33 44", &fi), X4_OK);
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(c);

    /* a normal-mode capture that starts at the AC: the X.400 application
     * context says which EXTERNAL is RTSE */
    c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_dt(c, X4_DIR_RESPONDER,
        "0E[05[13 01 00 16 01 02]14 02 02 49 C1[31{A0{80 01 01}A2{A5{30{80 01 00}}"
        "61{30{02 01 01 A0{61{A1{06 04 56 00 01 06}A2{02 01 00}BE{28{02 01 03 A0{"
        "B1{80 01 00 A2{A0{B1{A1{80{\"guinevere\"}}}}}}}}}}}}}}}]]", &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES AC,PRES CPA,AARE,RTOAC,P1 bind-result");
    assert_string_equal(fi.mtas[0].name, "guinevere");
    assert_true(fi.mtas[0].is_responder);
    assert_int_equal(fi.n_reasons, 0);
    x4_conn_free(c);

    /* the middle of a TSDU (EOT=0 tail) from a capture that started late */
    c = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, "03 00 00 0B 02 F0 80 A0 31 04 04", &fi), X4_OK);
    assert_int_equal(fi.n_errors, 0);
    assert_true(fi.not_osi);
    x4_conn_free(c);
}

static void test_errors_where_we_know_the_protocol(void **state)
{
    (void)state;
    x4_frame_info fi;
    x4_conn *c = open_1984();
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, "02 00 00 07 02 F0 80", &fi), X4_ERR_MALFORMED);
    assert_int_equal(fi.errors[0].layer, X4_LAYER_TPKT);
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, "03 00 00 08 03 F0 80 00", &fi), X4_ERR_MALFORMED);
    assert_int_equal(fi.errors[0].layer, X4_LAYER_TP0);
    assert_string_equal(fi.errors[0].what, "TP0 DT LI must be 2");
    assert_int_equal(feed_hex(c, X4_DIR_INITIATOR, "03 00 00 0A 02 F0 80 01 00 01", &fi), X4_ERR_TRUNCATED);
    assert_int_equal(fi.errors[0].layer, X4_LAYER_SESSION);
    /* an X.400 AC with a bad LI: listed, and an error */
    assert_int_equal(feed_hex(c, X4_DIR_RESPONDER, "03 00 00 0B 02 F0 80 0E 09 16 01", &fi), X4_ERR_TRUNCATED);
    assert_string_equal(pdus(&fi), "TP0 DT,SES AC");
    assert_int_equal(fi.errors[0].layer, X4_LAYER_SESSION);
    /* on a fresh connection a broken non-connect SPDU string is not OSI */
    x4_conn *f = x4_conn_new(&x4_alloc_libc);
    assert_int_equal(feed_hex(f, X4_DIR_INITIATOR, "03 00 00 0C 02 F0 80 16 03 01 05 00", &fi), X4_OK);
    assert_true(fi.not_osi);
    assert_int_equal(fi.n_errors, 0);
    x4_conn_free(f);
    /* BER that overruns inside the X.400 association */
    assert_int_not_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT "A0 50 31 02 64 00", &fi), X4_OK);
    assert_int_equal(fi.errors[0].layer, X4_LAYER_P1);
    /* later TPKTs still decode */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_DT V_MESSAGE, &fi), X4_OK);
    assert_int_equal(fi.n_mtsids, 1);
    x4_conn_free(c);
}

static void test_several_tpkts_one_frame(void **state)
{
    (void)state;
    x4_conn *c = open_1984();
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    const char *parts[] = {V_GT_AS, V_GT_DT V_MESSAGE, V_GT_AE};
    for (int i = 0; i < 3; i++) {
        size_t n = dt(parts[i], true);
        assert_int_equal(x4_conn_feed_tpkt(c, X4_DIR_INITIATOR, tpkt, n, &fi), X4_OK);
    }
    assert_string_equal(pdus(&fi),
        "TP0 DT,SES GT,SES AS,TP0 DT,SES GT,SES DT,RTTR,P1 message,TP0 DT,SES GT,SES AE");
    assert_int_equal(fi.n_mtsids, 1);
    /* the PDU list is bounded */
    for (int i = 0; i < 20; i++) {
        size_t n = dt(V_GT_AS, true);
        x4_conn_feed_tpkt(c, X4_DIR_INITIATOR, tpkt, n, &fi);
    }
    assert_int_equal(fi.n_pdus, X4_MAX_PDUS);
    assert_true(fi.pdus_dropped);
    x4_conn_free(c);
}

static void test_tsdu_cap(void **state)
{
    (void)state;
    x4_conn *c = open_1984();
    x4_frame_info fi;
    size_t chunk = 65000;
    memset(tsdu, 0x41, chunk);
    size_t len = chunk + 7;
    tpkt[0] = 3; tpkt[1] = 0; tpkt[2] = (uint8_t)(len >> 8); tpkt[3] = (uint8_t)len;
    tpkt[4] = 2; tpkt[5] = 0xF0; tpkt[6] = 0;
    memcpy(tpkt + 7, tsdu, chunk);
    unsigned limit_errors = 0;
    for (size_t sent = 0; sent <= X4_MAX_BUFFERED + chunk; sent += chunk) {
        x4_frame_info_init(&fi);
        if (x4_conn_feed_tpkt(c, X4_DIR_INITIATOR, tpkt, len, &fi) == X4_ERR_LIMIT)
            limit_errors++;
    }
    assert_int_equal(limit_errors, 1);               /* reported once */
    tpkt[6] = 0x80;                                   /* the end: dropped quietly */
    x4_frame_info_init(&fi);
    assert_int_equal(x4_conn_feed_tpkt(c, X4_DIR_INITIATOR, tpkt, len, &fi), X4_OK);
    /* the next TSDU decodes again */
    assert_int_equal(feed_dt(c, X4_DIR_INITIATOR, V_GT_AS, &fi), X4_OK);
    assert_string_equal(pdus(&fi), "TP0 DT,SES GT,SES AS");
    x4_conn_free(c);
}

static void test_truncation_every_offset(void **state)
{
    (void)state;
    const char *vecs[] = {V_CR, V_CC, V_CN_TPKT, V_AC_TPKT, V_DR, V_RF_RTORJ_TPKT,
                          V_RF_SPM_TPKT, V_AB_RTAB_TPKT, V_ER};
    for (size_t v = 0; v < sizeof vecs / sizeof vecs[0]; v++) {
        size_t n = x4t_hex(vecs[v], tpkt, sizeof tpkt);
        for (size_t cut = 0; cut < n; cut++) {
            x4_conn *c = open_1984();
            x4t_hex(vecs[v], tpkt, sizeof tpkt);      /* open_1984 reused tpkt */
            x4_frame_info fi;
            assert_int_not_equal(feed_raw(c, X4_DIR_INITIATOR, cut, &fi), X4_OK);
            assert_true(fi.n_errors > 0);
            x4_conn_free(c);
        }
    }
    /* the same TPKTs with their length field cut to match: the TP0 or
     * session layer must notice instead */
    const char *sessions[] = {V_CN_TPKT, V_AC_TPKT, V_RF_RTORJ_TPKT, V_AB_RTAB_TPKT};
    for (size_t v = 0; v < sizeof sessions / sizeof sessions[0]; v++) {
        size_t n = x4t_hex(sessions[v], tpkt, sizeof tpkt);
        for (size_t cut = 8; cut < n; cut++) {
            x4_conn *c = open_1984();
            x4t_hex(sessions[v], tpkt, sizeof tpkt);
            tpkt[2] = 0;
            tpkt[3] = (uint8_t)cut;
            x4_frame_info fi;
            x4_status st = feed_raw(c, X4_DIR_INITIATOR, cut, &fi);
            if (st == X4_OK)
                print_error("vector %zu cut %zu decoded\n", v, cut);
            assert_int_not_equal(st, X4_OK);
            x4_conn_free(c);
        }
    }
}

/* Every byte of every worked TPKT replaced by a few values, fed after the
 * connect: any status, never a bad read (ASan), and the connection can be
 * fed further. */
static void test_mutations(void **state)
{
    (void)state;
    const char *vecs[] = {V_CN_TPKT, V_AC_TPKT, V_RF_RTORJ_TPKT, V_AB_RTAB_TPKT, V_ER, V_DR};
    static const uint8_t values[] = {0x00, 0x01, 0x7F, 0x80, 0x81, 0xFF};
    for (size_t v = 0; v < sizeof vecs / sizeof vecs[0]; v++) {
        uint8_t orig[256];
        size_t n = x4t_hex(vecs[v], orig, sizeof orig);
        for (size_t pos = 0; pos < n; pos++) {
            for (size_t k = 0; k < sizeof values; k++) {
                x4_conn *c = open_1984();
                memcpy(tpkt, orig, n);
                tpkt[pos] = values[k];
                x4_frame_info fi;
                (void)feed_raw(c, X4_DIR_INITIATOR, n, &fi);
                assert_true(fi.n_errors <= X4_MAX_ERRORS);
                /* the connection goes on (a mutated CN may have changed the
                 * mode, a mutated EOT may hold a TSDU open: any status) */
                (void)feed_dt(c, X4_DIR_INITIATOR, V_GT_DT V_MESSAGE, &fi);
                (void)feed_dt(c, X4_DIR_RESPONDER, V_GT_AE, &fi);
                x4_conn_free(c);
            }
        }
    }
}

/* Pseudo-random TP0 payloads on a fresh connection and after a connect. */
static void test_random_payloads(void **state)
{
    (void)state;
    uint32_t seed = 777;
    for (int conn = 0; conn < 2; conn++) {
        x4_conn *c = conn ? open_1984() : x4_conn_new(&x4_alloc_libc);
        for (int round = 0; round < 5000; round++) {
            size_t body = round % 300;
            size_t n = 7 + body;
            tpkt[0] = 3; tpkt[1] = 0; tpkt[2] = (uint8_t)(n >> 8); tpkt[3] = (uint8_t)n;
            tpkt[4] = 2; tpkt[5] = 0xF0; tpkt[6] = (round % 5) ? 0x80 : 0x00;
            for (size_t i = 0; i < body; i++) {
                seed = seed * 1103515245u + 12345u;
                tpkt[7 + i] = (uint8_t)(seed >> 16);
            }
            if (body > 4 && round % 2) {        /* steer into deeper layers */
                tpkt[7] = 0x01; tpkt[8] = 0x00; tpkt[9] = 0x01; tpkt[10] = 0x00;
            }
            x4_frame_info fi;
            (void)feed_raw(c, round & 1 ? X4_DIR_RESPONDER : X4_DIR_INITIATOR, n, &fi);
        }
        x4_conn_free(c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_1984_association),
        cmocka_unit_test(test_tpdu_flags),
        cmocka_unit_test(test_1984_transfer),
        cmocka_unit_test(test_1984_transfer_over_three_dts),
        cmocka_unit_test(test_1984_transfer_in_chunks),
        cmocka_unit_test(test_refusals_and_aborts),
        cmocka_unit_test(test_normal_mode),
        cmocka_unit_test(test_other_protocols_are_quiet),
        cmocka_unit_test(test_mid_capture),
        cmocka_unit_test(test_errors_where_we_know_the_protocol),
        cmocka_unit_test(test_several_tpkts_one_frame),
        cmocka_unit_test(test_tsdu_cap),
        cmocka_unit_test(test_truncation_every_offset),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_random_payloads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
