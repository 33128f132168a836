/* osi_codes and mtsid: the names the plugin prints, the keywords the
 * scenario language accepts, and the MTS identifier's text form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "osi_codes.h"
#include "mtsid.h"
#include "x4_common.h"
#include "osi_stack.h"

static void test_lookup(void **state)
{
    (void)state;
    assert_string_equal(x4_code_lookup(x4_dr_reason_names, 0x03, "?"), "address unknown");
    assert_string_equal(x4_code_lookup(x4_dr_reason_names, 0x86, "?"), "?");
    assert_null(x4_code_lookup(NULL, 1, NULL));
}

static void test_p1_bind_errors(void **state)
{
    (void)state;
    static const struct { uint32_t v; const char *n; } want[] = {
        {0, "busy"}, {2, "authentication-error"}, {3, "unacceptable-dialogue-mode"},
        {4, "unacceptable-security-context"}, {5, "inadequate-association-confidentiality"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(x4_code_lookup(x4_p1_bind_error_names, want[i].v, "?"), want[i].n);
    assert_string_equal(x4_code_lookup(x4_p1_bind_error_names, 1, "?"), "?");
}

static void test_rtse_reasons(void **state)
{
    (void)state;
    const char *rj[] = {"rtsBusy", "cannotRecover", "validationFailure", "unacceptableDialogueMode"};
    for (uint32_t i = 0; i < 4; i++)
        assert_string_equal(x4_code_lookup(x4_rtse_refuse_reason_names, i, "?"), rj[i]);
    const char *ab[] = {"localSystemProblem", "invalidParameter", "unrecognizedActivity",
                        "temporaryProblem", "protocolError", "permanentProblem",
                        "userError", "transferCompleted"};
    for (uint32_t i = 0; i < 8; i++)
        assert_string_equal(x4_code_lookup(x4_rtse_abort_reason_names, i, "?"), ab[i]);
}

static void test_dr_er_rf_tables(void **state)
{
    (void)state;
    static const uint8_t dr[] = {0x00, 0x01, 0x02, 0x03, 0x80, 0x81, 0x82, 0x83, 0x84,
                                 0x85, 0x87, 0x88, 0x8A};
    for (size_t i = 0; i < sizeof dr; i++)
        assert_non_null(x4_code_lookup(x4_dr_reason_names, dr[i], NULL));
    assert_null(x4_code_lookup(x4_dr_reason_names, 0x86, NULL));
    assert_null(x4_code_lookup(x4_dr_reason_names, 0x89, NULL));
    assert_string_equal(x4_code_lookup(x4_dr_reason_names, 0x80, "?"), "normal");
    assert_string_equal(x4_code_lookup(x4_er_cause_names, 2, "?"), "invalid TPDU type");
    for (uint32_t i = 0; i < 4; i++)
        assert_non_null(x4_code_lookup(x4_er_cause_names, i, NULL));
    static const uint8_t rf[] = {0x00, 0x01, 0x02, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86};
    for (size_t i = 0; i < sizeof rf; i++)
        assert_non_null(x4_code_lookup(x4_rf_reason_names, rf[i], NULL));
    assert_string_equal(x4_code_lookup(x4_rf_reason_names, 0x81, "?"), "session selector unknown");
}

static void test_pdu_kinds(void **state)
{
    (void)state;
    /* every kind has a name and both tables agree */
    for (int k = X4_PDU_TP0_CR; k < X4_PDU_KIND_COUNT; k++) {
        const char *a = x4_pdu_kind_name((x4_pdu_kind)k);
        const char *b = x4_code_lookup(x4_pdu_kind_names, (uint32_t)k, NULL);
        assert_non_null(b);
        assert_string_equal(a, b);
    }
    assert_string_equal(x4_pdu_kind_name(X4_PDU_TP0_CR), "TP0 CR");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_SES_CN), "SES CN");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_PRES_CP), "PRES CP");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_AARQ), "AARQ");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_RTORQ), "RTORQ");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_RTTR), "RTTR");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_P1_BIND_ARG), "P1 bind-argument");
    assert_string_equal(x4_pdu_kind_name(X4_PDU_P1_MESSAGE), "P1 message");
    assert_string_equal(x4_pdu_kind_name((x4_pdu_kind)9999), "unknown");
    assert_int_equal(x4_pdu_kind_layer(X4_PDU_SES_AB), X4_LAYER_SESSION);
    assert_int_equal(x4_pdu_kind_layer(X4_PDU_RTAB), X4_LAYER_RTSE);
    assert_int_equal(x4_pdu_kind_layer(X4_PDU_P1_PROBE), X4_LAYER_P1);
    assert_int_equal(x4_pdu_kind_layer(X4_PDU_ABRT), X4_LAYER_ACSE);
    assert_string_equal(x4_layer_name(X4_LAYER_TP0), "TP0");
}

/* The indexed display name is the table's, for every value a byte holds
 * (the record stores kinds one byte each), NONE and non-kinds included. */
static void test_pdu_kind_display(void **state)
{
    (void)state;
    for (uint32_t v = 0; v < 256; v++)
        assert_string_equal(x4_pdu_kind_display(v, "fallback"),
                            x4_code_lookup(x4_pdu_kind_names, v, "fallback"));
    assert_string_equal(x4_pdu_kind_display(X4_PDU_NONE, "fallback"), "fallback");
    assert_string_equal(x4_pdu_kind_display(UINT32_MAX, "fallback"), "fallback");
}

static void test_misc_names(void **state)
{
    (void)state;
    assert_string_equal(x4_mode_name(X4_MODE_X410_1984), "x410-1984");
    assert_string_equal(x4_mode_name(X4_MODE_NORMAL), "normal");
    assert_string_equal(x4_mode_name(X4_MODE_UNKNOWN), "unknown");
    assert_string_equal(x4_status_name(X4_ERR_TRUNCATED), "truncated");
    assert_string_equal(x4_status_name((x4_status)77), "unknown");
    assert_string_equal(x4_code_lookup(x4_acse_result_names, 1, "?"), "rejected-permanent");
    assert_string_equal(x4_code_lookup(x4_acse_diag_user_names, 1, "?"), "no-reason-given");
    assert_true(x4_oid_is_x400(x4_oid_mta_rtse, x4_oid_mta_rtse_len));
    assert_false(x4_oid_is_x400(x4_oid_acse, x4_oid_acse_len));
    assert_true(x4_oid_equal(x4_oid_ber, 2, (const uint8_t *)"\x51\x01", 2));
}

/* Every keyword the scenario language has accepted: it must stay accepted,
 * with the same code (docs/scenario-language.md). */
typedef struct {
    const x4_code_name *table;
    const char *keyword;
    uint32_t code;
} keyword_case;

static void test_keywords_accepted(void **state)
{
    (void)state;
    static const keyword_case cases[] = {
        {x4_mode_keywords, "x410-1984", X4_MODE_X410_1984}, {x4_mode_keywords, "x410", X4_MODE_X410_1984},
        {x4_mode_keywords, "normal", X4_MODE_NORMAL},
        {x4_dr_reason_keywords, "not-specified", 0x00}, {x4_dr_reason_keywords, "congestion", 0x01},
        {x4_dr_reason_keywords, "not-attached", 0x02}, {x4_dr_reason_keywords, "address-unknown", 0x03},
        {x4_dr_reason_keywords, "normal", 0x80}, {x4_dr_reason_keywords, "remote-congestion", 0x81},
        {x4_dr_reason_keywords, "negotiation-failed", 0x82}, {x4_dr_reason_keywords, "duplicate-reference", 0x83},
        {x4_dr_reason_keywords, "mismatched-references", 0x84}, {x4_dr_reason_keywords, "protocol-error", 0x85},
        {x4_dr_reason_keywords, "reference-overflow", 0x87}, {x4_dr_reason_keywords, "refused", 0x88},
        {x4_dr_reason_keywords, "header-invalid", 0x8A},
        {x4_er_cause_keywords, "not-specified", 0}, {x4_er_cause_keywords, "invalid-parameter", 1},
        {x4_er_cause_keywords, "invalid-tpdu-type", 2}, {x4_er_cause_keywords, "invalid-parameter-value", 3},
        {x4_rf_reason_keywords, "rejected", 0x00}, {x4_rf_reason_keywords, "user-congestion", 0x01},
        {x4_rf_reason_keywords, "rejected-by-user", 0x02}, {x4_rf_reason_keywords, "selector-unknown", 0x81},
        {x4_rf_reason_keywords, "not-attached", 0x82}, {x4_rf_reason_keywords, "spm-congestion", 0x83},
        {x4_rf_reason_keywords, "versions-not-supported", 0x84}, {x4_rf_reason_keywords, "spm-no-reason", 0x85},
        {x4_rf_reason_keywords, "implementation-restriction", 0x86},
        {x4_rtse_refuse_reason_keywords, "busy", 0}, {x4_rtse_refuse_reason_keywords, "rts-busy", 0},
        {x4_rtse_refuse_reason_keywords, "cannot-recover", 1},
        {x4_rtse_refuse_reason_keywords, "validation-failure", 2},
        {x4_rtse_refuse_reason_keywords, "unacceptable-dialogue-mode", 3},
        {x4_rtse_abort_reason_keywords, "local-system-problem", 0},
        {x4_rtse_abort_reason_keywords, "invalid-parameter", 1},
        {x4_rtse_abort_reason_keywords, "unrecognized-activity", 2},
        {x4_rtse_abort_reason_keywords, "temporary-problem", 3},
        {x4_rtse_abort_reason_keywords, "protocol-error", 4},
        {x4_rtse_abort_reason_keywords, "permanent-problem", 5},
        {x4_rtse_abort_reason_keywords, "user-error", 6},
        {x4_rtse_abort_reason_keywords, "transfer-completed", 7},
        {x4_p1_bind_error_keywords, "busy", 0}, {x4_p1_bind_error_keywords, "authentication-error", 2},
        {x4_p1_bind_error_keywords, "unacceptable-dialogue-mode", 3},
        {x4_p1_bind_error_keywords, "unacceptable-security-context", 4},
        {x4_p1_bind_error_keywords, "inadequate-association-confidentiality", 5},
        {x4_rtse_dialogue_keywords, "monologue", 0}, {x4_rtse_dialogue_keywords, "two-way", 1},
        {x4_p1_apdu_keywords, "message", X4_PDU_P1_MESSAGE}, {x4_p1_apdu_keywords, "report", X4_PDU_P1_REPORT},
        {x4_p1_apdu_keywords, "probe", X4_PDU_P1_PROBE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t code = 9999;
        if (!x4_code_find(cases[i].table, cases[i].keyword, &code))
            fail_msg("keyword '%s' is no longer accepted", cases[i].keyword);
        assert_int_equal(code, cases[i].code);
    }
    uint32_t code = 7;
    assert_false(x4_code_find(x4_mode_keywords, "X410", &code));   /* keywords are exact */
    assert_false(x4_code_find(x4_rtse_refuse_reason_keywords, "rtsBusy", &code));
    assert_false(x4_code_find(NULL, "busy", &code));
    assert_int_equal(code, 7);
}

/* A keyword table and the name table of the same family list the same codes
 * (a row with a keyword always has the name the plugin prints for it). */
static void test_keywords_have_names(void **state)
{
    (void)state;
    static const struct { const x4_code_name *kw, *names; bool every_name; } families[] = {
        {x4_mode_keywords, x4_mode_names, true}, {x4_dr_reason_keywords, x4_dr_reason_names, true},
        {x4_er_cause_keywords, x4_er_cause_names, true}, {x4_rf_reason_keywords, x4_rf_reason_names, true},
        {x4_rtse_refuse_reason_keywords, x4_rtse_refuse_reason_names, true},
        {x4_rtse_abort_reason_keywords, x4_rtse_abort_reason_names, true},
        {x4_p1_bind_error_keywords, x4_p1_bind_error_names, true},
        {x4_p1_apdu_keywords, x4_pdu_kind_names, false},  /* three of all the kinds */
    };
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        for (const x4_code_name *k = families[f].kw; k->name; k++)
            assert_non_null(x4_code_lookup(families[f].names, k->value, NULL));
        for (const x4_code_name *n = families[f].names; families[f].every_name && n->name; n++) {
            bool listed = false;
            for (const x4_code_name *k = families[f].kw; k->name; k++)
                listed = listed || k->value == n->value;
            assert_true(listed);
        }
    }
    assert_string_equal(x4_mode_name(X4_MODE_X410_1984), "x410-1984");
    assert_string_equal(x4_mode_name((x4_mode)7), "unknown");
}

static void test_p1_apdu_tags(void **state)
{
    (void)state;
    static const struct { uint8_t tag; x4_pdu_kind kind; } rows[] = {
        {0xA0, X4_PDU_P1_MESSAGE}, {0xA1, X4_PDU_P1_REPORT}, {0xA2, X4_PDU_P1_PROBE},
    };
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(x4_kind_of_tag(x4_p1_apdu_tags, X4_P1_APDU_COUNT, rows[i].tag), rows[i].kind);
        assert_int_equal(x4_tag_of_kind(x4_p1_apdu_tags, X4_P1_APDU_COUNT, rows[i].kind), rows[i].tag);
    }
    assert_int_equal(x4_kind_of_tag(x4_p1_apdu_tags, X4_P1_APDU_COUNT, 0xA3), X4_PDU_NONE);
    assert_int_equal(x4_tag_of_kind(x4_p1_apdu_tags, X4_P1_APDU_COUNT, X4_PDU_RTTR), 0);
}

static void test_mtsid_text(void **state)
{
    (void)state;
    x4_mtsid m;
    assert_true(x4_mtsid_parse("C=US;A=ADMD;P=PRMD;L=ABC123", &m));
    assert_string_equal(m.country, "US");
    assert_string_equal(m.admd, "ADMD");
    assert_true(m.has_prmd);
    assert_string_equal(m.prmd, "PRMD");
    assert_string_equal(m.local, "ABC123");
    assert_string_equal(m.text, "C=US;A=ADMD;P=PRMD;L=ABC123");
    assert_true(x4_mtsid_parse("C=gb;A= ;L=percival.s:055680", &m));
    assert_false(m.has_prmd);
    assert_string_equal(m.admd, " ");
    assert_string_equal(m.text, "C=gb;A= ;L=percival.s:055680");
    /* an empty ADMD or PRMD is allowed, and a trailing ';' */
    assert_true(x4_mtsid_parse("C=DE;A=;P=;L=x;", &m));
    assert_true(m.has_prmd);
    assert_string_equal(m.text, "C=DE;A=;P=;L=x");
    /* X.411's bounds: country 1..3, domains 0..16, local 1..32 */
    assert_true(x4_mtsid_parse("C=123;A=1234567890123456;P=1234567890123456;"
                               "L=12345678901234567890123456789012", &m));
    static const char *const bad[] = {
        "", "C=US", "C=US;L=x", "A=B;C=US;L=x", "C=;A=B;L=x", "C=USA1;A=B;L=x", "C=US;A=B;L=",
        "C=US;A=12345678901234567;L=x", "C=US;A=B;P=12345678901234567;L=x",
        "C=US;A=B;L=123456789012345678901234567890123", "C=US;A=B;L=x;y", "C=US;A=B;Q=z;L=x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (x4_mtsid_parse(bad[i], &m))
            fail_msg("'%s' parsed as an MTS identifier", bad[i]);
    /* format is what the decoders show */
    x4_mtsid f = {.has_prmd = false};
    snprintf(f.country, sizeof f.country, "FR");
    snprintf(f.admd, sizeof f.admd, "ATLAS");
    snprintf(f.local, sizeof f.local, "42");
    x4_mtsid_format(&f);
    assert_string_equal(f.text, "C=FR;A=ATLAS;L=42");
}

/* x4_text_put cuts where snprintf would, for every buffer size. */
static void test_text_put(void **state)
{
    (void)state;
    static const char *const parts[] = { "C=", "GB", ";A=", "", ";L=", "0123456789" };
    for (size_t size = 1; size <= 24; size++) {
        char want[24], got[24];
        snprintf(want, size, "%s%s%s%s%s%s", parts[0], parts[1], parts[2], parts[3], parts[4],
                 parts[5]);
        size_t n = 0;
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            n = x4_text_put(got, size, n, parts[i]);
        assert_string_equal(got, want);
        assert_int_equal(n, strlen(want));
    }
    char untouched[2] = { 'x', 'y' };
    assert_int_equal(x4_text_put(untouched, 0, 0, "abc"), 0);
    assert_int_equal(untouched[0], 'x');
}

static void test_libc_alloc(void **state)
{
    (void)state;
    void *p = x4_alloc_libc.realloc(x4_alloc_libc.ctx, NULL, 16);
    assert_non_null(p);
    assert_null(x4_alloc_libc.realloc(x4_alloc_libc.ctx, p, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup),
        cmocka_unit_test(test_p1_bind_errors),
        cmocka_unit_test(test_rtse_reasons),
        cmocka_unit_test(test_dr_er_rf_tables),
        cmocka_unit_test(test_pdu_kinds),
        cmocka_unit_test(test_pdu_kind_display),
        cmocka_unit_test(test_misc_names),
        cmocka_unit_test(test_keywords_accepted),
        cmocka_unit_test(test_keywords_have_names),
        cmocka_unit_test(test_p1_apdu_tags),
        cmocka_unit_test(test_mtsid_text),
        cmocka_unit_test(test_text_put),
        cmocka_unit_test(test_libc_alloc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
