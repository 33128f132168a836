/* osi_codes: the name tables the plugin prints and the replayer relies on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "osi_codes.h"
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
        cmocka_unit_test(test_misc_names),
        cmocka_unit_test(test_libc_alloc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
