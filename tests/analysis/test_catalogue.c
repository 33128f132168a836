/* The catalogue says exactly what the contract says (docs/contract.md,
 * canonical and finer precursors). */
#include "script.h"

#include <string.h>

typedef struct {
    x4_precursor_id id;
    const char *name, *kb;
    uint16_t events[4];
    unsigned n;
} spec_row;

static const spec_row spec[] = {
    { X4_P_CONNECT_REFUSED, "connect_refused", "Q152877", {1277, 1004, 1008}, 3 },
    { X4_P_CLOSE_BEFORE_OK, "close_before_ok", "Q319936", {4258, 4283}, 2 },
    { X4_P_NDATA_AFTER_FLOW_ERROR, "ndata_after_flow_error", "Q188040", {2004}, 1 },
    { X4_P_ASSOCIATION_LOST, "association_lost", "Q232602", {4284, 4287, 2035}, 3 },
    { X4_P_RECONNECT_STORM, "reconnect_storm", "Q232602", {4284, 4287, 2035, 1209}, 4 },
    { X4_P_DUPLICATE_MTSID, "duplicate_mtsid", "Q152897", {4282, 4283, 4284, 4287}, 4 },
    { X4_P_STATE_CHECK_FAILURE, "state_check_failure", "Q152877", {1198}, 1 },
    { X4_P_NETWORK_FLAPPING, "network_flapping", "Q152877", {1004, 1008}, 2 },
};

static void canonical_rows_match_spec(void **state)
{
    (void)state;
    unsigned canonical = 0;
    for (unsigned i = 0; i < X4_P_COUNT; i++)
        canonical += x4_catalogue[i].canonical;
    assert_int_equal(canonical, 8);
    for (unsigned i = 0; i < sizeof spec / sizeof spec[0]; i++) {
        const x4_precursor_def *d = x4_precursor_get(spec[i].id);
        assert_non_null(d);
        assert_string_equal(d->id, spec[i].name);
        assert_string_equal(d->kb, spec[i].kb);
        assert_true(d->canonical);
        assert_int_equal(d->n_event_ids, spec[i].n);
        for (unsigned k = 0; k < spec[i].n; k++)
            assert_int_equal(d->event_ids[k], spec[i].events[k]);
        assert_ptr_equal(x4_precursor_find(spec[i].name), d);
    }
}

static void every_row_is_complete(void **state)
{
    (void)state;
    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        const x4_precursor_def *d = &x4_catalogue[i];
        assert_int_equal(d->pid, i);
        assert_non_null(d->id);
        assert_non_null(d->summary);
        assert_non_null(d->title);
        assert_non_null(d->prefs);
        assert_true(d->n_event_ids > 0 && d->n_event_ids <= X4_CAT_MAX_EVENTS);
        assert_true(strlen(d->resolution) > 10);
        assert_true(d->group <= X4_GROUP_MALFORMED);
        assert_true(d->severity <= X4_SEV_ERROR);
        for (unsigned j = 0; j < i; j++)
            assert_true(strcmp(d->id, x4_catalogue[j].id) != 0);
    }
    assert_null(x4_precursor_find("no_such_precursor"));
    assert_null(x4_precursor_get(X4_P_COUNT));
}

static void resolutions_follow_the_articles(void **state)
{
    (void)state;
    assert_non_null(strstr(x4_catalogue[X4_P_ASSOCIATION_LOST].resolution, "Service Pack 3"));
    assert_non_null(strstr(x4_catalogue[X4_P_ASSOCIATION_LOST].resolution, "5.5.2614.0"));
    assert_non_null(strstr(x4_catalogue[X4_P_CLOSE_BEFORE_OK].resolution, "6.0.2656.20"));
    assert_non_null(strstr(x4_catalogue[X4_P_CLOSE_BEFORE_OK].resolution, "Service Pack 4"));
    assert_non_null(strstr(x4_catalogue[X4_P_DUPLICATE_MTSID].resolution, "4.0 U.S. Service Pack 2"));
    assert_non_null(strstr(x4_catalogue[X4_P_CONNECT_REFUSED].resolution, "4.0 U.S. Service Pack 2"));
    assert_non_null(strstr(x4_catalogue[X4_P_NDATA_AFTER_FLOW_ERROR].resolution, "service pack"));
}

/* Words an administrator of another MTA should not meet in the generic
 * wording: they belong to Exchange (case-insensitive). */
static const char *const exchange_words[] = {
    "exchange", "msexchange", "emsmta", "service pack", "hotfix", " sp2", " sp3", " sp4",
};

static bool has_exchange_word(const char *text)
{
    char lower[512];
    size_t n = strlen(text);
    assert_true(n < sizeof lower);
    for (size_t i = 0; i <= n; i++)
        lower[i] = (char)((text[i] >= 'A' && text[i] <= 'Z') ? text[i] + 32 : text[i]);
    for (unsigned k = 0; k < sizeof exchange_words / sizeof exchange_words[0]; k++)
        if (strstr(lower, exchange_words[k]))
            return true;
    return false;
}

/* The generic wording: every row has it, it never speaks of Exchange, and
 * its meaning is short enough that the longest "what happened" the rules
 * write (110 characters) keeps its room in the 191 of a message. */
static void generic_wording_is_complete(void **state)
{
    (void)state;
    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        const x4_precursor_def *d = &x4_catalogue[i];
        assert_non_null(d->meaning);
        assert_non_null(d->advice);
        assert_true(strlen(d->meaning) >= 20 && strlen(d->meaning) <= 64);
        assert_true(strlen(d->advice) > 40);
        assert_false(has_exchange_word(d->meaning));
        assert_false(has_exchange_word(d->advice));
        assert_false(has_exchange_word(d->title));
        assert_true(has_exchange_word(d->resolution) || strstr(d->resolution, "Microsoft"));
        assert_ptr_equal(x4_precursor_resolution(d, X4_WORDING_EXCHANGE), d->resolution);
        assert_ptr_equal(x4_precursor_resolution(d, X4_WORDING_GENERIC), d->advice);
        assert_non_null(strstr(d->title, d->kb));
    }
    assert_string_equal(x4_wording_name(X4_WORDING_EXCHANGE), "exchange");
    assert_string_equal(x4_wording_name(X4_WORDING_GENERIC), "generic");
    assert_null(x4_wording_name(X4_WORDING_COUNT));
}

static void refuser_names(void **state)
{
    (void)state;
    assert_string_equal(x4_refuser_name(X4_REFUSED_TCP), "tcp");
    assert_string_equal(x4_refuser_name(X4_REFUSED_TP0), "tp0");
    assert_string_equal(x4_refuser_name(X4_REFUSED_SESSION), "session");
    assert_string_equal(x4_refuser_name(X4_REFUSED_RTSE), "rtse");
    assert_string_equal(x4_refuser_name(X4_REFUSED_P1), "p1");
    assert_string_equal(x4_refuser_name(X4_REFUSED_NONE), "");
}

static void preference_defaults_and_table(void **state)
{
    (void)state;
    x4_prefs p;
    x4_prefs_default(&p);
    assert_int_equal(p.lost_retransmissions, 4);
    assert_int_equal(p.storm_attempts, 3);
    assert_int_equal(p.storm_tolerance, 20);
    assert_int_equal(p.flap_count, 3);
    assert_int_equal(p.flap_window, 300);
    assert_true(x4_pref_defs_count >= 5);
    for (unsigned i = 0; i < x4_pref_defs_count; i++) {
        const x4_pref_def *d = &x4_pref_defs[i];
        assert_true(d->offset + sizeof(uint32_t) <= sizeof(x4_prefs));
        assert_int_equal(*(const uint32_t *)((const char *)&p + d->offset), d->def);
        assert_non_null(d->title);
        assert_non_null(d->description);
        for (unsigned j = 0; j < i; j++)
            assert_true(d->offset != x4_pref_defs[j].offset);
    }
    assert_int_equal(p.wording, X4_WORDING_EXCHANGE);
    p.storm_attempts = 0;
    p.flap_window = 0;
    p.wording = X4_WORDING_COUNT;
    x4_prefs_sanitize(&p);
    assert_int_equal(p.storm_attempts, 2);
    assert_int_equal(p.flap_window, 1);
    assert_int_equal(p.wording, X4_WORDING_EXCHANGE);
    p.wording = X4_WORDING_GENERIC;
    x4_prefs_sanitize(&p);
    assert_int_equal(p.wording, X4_WORDING_GENERIC);
}

static void state_names(void **state)
{
    (void)state;
    assert_string_equal(x4_state_name(X4_ST_TCP_OPEN), "tcp-open");
    assert_string_equal(x4_state_name(X4_ST_TP_REQUESTED), "tp-requested");
    assert_string_equal(x4_state_name(X4_ST_SESSION_REQUESTED), "session-requested");
    assert_string_equal(x4_state_name(X4_ST_LOST), "lost");
    assert_string_equal(x4_state_name(X4_ST_COUNT), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(canonical_rows_match_spec),
        cmocka_unit_test(every_row_is_complete),
        cmocka_unit_test(resolutions_follow_the_articles),
        cmocka_unit_test(generic_wording_is_complete),
        cmocka_unit_test(refuser_names),
        cmocka_unit_test(preference_defaults_and_table),
        cmocka_unit_test(state_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
