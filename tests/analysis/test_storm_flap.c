/* reconnect_storm (spacing tolerance edges, SYN retransmissions, timeouts)
 * and network_flapping (window edges). */
#include "script.h"

#include <string.h>

/* One attempt refused by a TCP reset, on its own stream and port. */
static x4_note *refused_attempt(sc *s, uint32_t stream, double t)
{
    sc_conn(s, stream, 1, (uint16_t)(2000 + stream));
    sc_at(s, t);
    sc_tcp(s, I, "S", 0);
    sc_at(s, t + 0.001);
    return sc_tcp(s, R, "RA", 0);
}

static x4_prefs storm_only(void)
{
    x4_prefs p;
    x4_prefs_default(&p);
    p.flap_count = 1000;       /* keep flapping out of the storm tests */
    return p;
}

static int storm_setup(void **state)
{
    x4_prefs p = storm_only();
    return sc_setup_prefs(state, &p);
}
#define storm_test(f) cmocka_unit_test_setup_teardown(f, storm_setup, sc_teardown)

static void storm_of_three_refusals(void **state)
{
    sc *s = *state;
    refused_attempt(s, 1, 0);
    refused_attempt(s, 2, 30);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
    x4_note *n = refused_attempt(s, 3, 60);
    const x4_flag *f = sc_flag(n, X4_P_RECONNECT_STORM);
    assert_non_null(f);
    assert_int_equal(f->count, 3);
    assert_int_equal(f->related_frame, 1);
    assert_true(f->retry_interval > 29.99 && f->retry_interval < 30.01);
    assert_non_null(strstr(f->message, "every 30.0 s"));
    assert_non_null(strstr(f->message, "4284/4287/2035/1209, KB Q232602"));
    /* The storm goes on: flagged once per run. */
    refused_attempt(s, 4, 90);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 1);
}

/* Three refused attempts, at 100 s, 110 s and t: the storms flagged. */
static unsigned storms_with_third_at(sc *s, double t)
{
    refused_attempt(s, 1, 100);
    refused_attempt(s, 2, 110);
    refused_attempt(s, 3, t);
    return s->tally[X4_P_RECONNECT_STORM];
}

/* gaps 10 and 15: median 12.5, both 2.5 off = exactly 20 %: inside. */
static void storm_gap_just_inside_tolerance(void **state)
{
    assert_int_equal(storms_with_third_at(*state, 125), 1);
}

/* gaps 10 and 15.2: median 12.6, 2.6 off > 2.52: outside. */
static void storm_gap_just_outside_tolerance(void **state)
{
    assert_int_equal(storms_with_third_at(*state, 125.2), 0);
}

/* storm_only with the preference storm_attempts = 4. */
static int storm_of_four(void **state)
{
    x4_prefs p = storm_only();
    p.storm_attempts = 4;
    return sc_setup_prefs(state, &p);
}

static void storm_needs_storm_attempts(void **state)
{
    sc *s = *state;
    for (uint32_t i = 0; i < 3; i++)
        refused_attempt(s, i + 1, 20.0 * i);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
    refused_attempt(s, 4, 60);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 1);
    assert_int_equal(s->last[X4_P_RECONNECT_STORM].count, 4);
}

/* SYN retransmissions inside one attempt are not attempts. */
static void syn_retransmissions_are_one_attempt(void **state)
{
    sc *s = *state;
    for (uint32_t a = 1; a <= 2; a++) {
        sc_conn(s, a, 1, (uint16_t)(2000 + a));
        double t0 = 30.0 * a;
        for (int k = 0; k < 3; k++) {
            sc_at(s, t0 + (1 << k) - 1);
            sc_tcp(s, I, k ? "ST" : "S", 0);
        }
        sc_tcp(s, R, "RA", 0);
    }
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
    assert_int_equal(s->tally[X4_P_CONNECT_TIMEOUT], 0);
}

/* SYNs never answered: each is known failed when the next one starts. */
static void storm_of_unanswered_syns(void **state)
{
    sc *s = *state;
    for (uint32_t a = 1; a <= 3; a++) {
        sc_conn(s, a, 1, (uint16_t)(2000 + a));
        sc_at(s, 60.0 * a);
        sc_tcp(s, I, "S", 0);
        sc_at(s, 60.0 * a + 3);
        sc_tcp(s, I, "ST", 0);
    }
    assert_int_equal(s->tally[X4_P_CONNECT_TIMEOUT], 2);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
    sc_conn(s, 4, 1, 2004);
    sc_at(s, 240);
    x4_note *n = sc_tcp(s, I, "S", 0);
    assert_non_null(sc_flag(n, X4_P_CONNECT_TIMEOUT));
    const x4_flag *f = sc_flag(n, X4_P_RECONNECT_STORM);
    assert_non_null(f);
    assert_true(f->retry_interval > 59.9 && f->retry_interval < 60.1);
}

/* A bound association between failures ends the run. */
static void success_breaks_the_run(void **state)
{
    sc *s = *state;
    refused_attempt(s, 1, 0);
    refused_attempt(s, 2, 30);
    sc_conn(s, 3, 1, 2003);
    sc_at(s, 60);
    sc_x400_open(s);
    sc_release(s);
    refused_attempt(s, 4, 90);
    refused_attempt(s, 5, 120);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
    refused_attempt(s, 6, 150);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 1);
}

/* Attempts to another responder port are another history. */
static void other_port_is_another_history(void **state)
{
    sc *s = *state;
    refused_attempt(s, 1, 0);
    refused_attempt(s, 2, 30);
    sc_conn(s, 3, 1, 2003);
    s->sport = 103;
    sc_at(s, 60);
    sc_tcp(s, I, "S", 0);
    sc_tcp(s, R, "RA", 0);
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 0);
}

/* Losses: bound associations reset by the responder. */
static void lost_association(sc *s, uint32_t stream, double t)
{
    sc_conn(s, stream, 1, (uint16_t)(3000 + stream));
    sc_at(s, t);
    sc_x400_open(s);
    sc_tcp(s, R, "RA", 0);
}

static void flapping_just_inside_window(void **state)
{
    sc *s = *state;
    lost_association(s, 1, 0);
    lost_association(s, 2, 150);
    assert_int_equal(s->tally[X4_P_NETWORK_FLAPPING], 0);
    lost_association(s, 3, 300.0);  /* third reset exactly 300 s after the first */
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 3);
    assert_int_equal(s->tally[X4_P_NETWORK_FLAPPING], 1);
    const x4_flag *f = &s->last[X4_P_NETWORK_FLAPPING];
    assert_int_equal(f->count, 3);
    assert_non_null(strstr(f->message, "1004/1008, KB Q152877"));
}

static void flapping_just_outside_window(void **state)
{
    sc *s = *state;
    lost_association(s, 1, 0);
    lost_association(s, 2, 150);
    lost_association(s, 3, 300.1);
    assert_int_equal(s->tally[X4_P_ASSOCIATION_LOST], 3);
    assert_int_equal(s->tally[X4_P_NETWORK_FLAPPING], 0);
}

/* Refusals count too, and other host pairs do not. */
static int flapping_only(void **state)
{
    x4_prefs p;
    x4_prefs_default(&p);
    p.storm_attempts = 1000;   /* keep storms out of the flapping tests */
    return sc_setup_prefs(state, &p);
}

static void flapping_counts_refusals_per_host_pair(void **state)
{
    sc *s = *state;
    refused_attempt(s, 1, 0);
    sc_conn(s, 2, 9, 2002);            /* another client host */
    sc_tcp(s, I, "S", 0);
    sc_tcp(s, R, "RA", 0);
    refused_attempt(s, 3, 10);
    assert_int_equal(s->tally[X4_P_NETWORK_FLAPPING], 0);
    x4_note *n = refused_attempt(s, 4, 20);
    assert_non_null(sc_flag(n, X4_P_NETWORK_FLAPPING));
    assert_int_equal(sc_flag(n, X4_P_NETWORK_FLAPPING)->related_frame, 2);
}

/* More responder ports than the pair tracks: the least recently used
 * history makes room, and a storm on a port still in use is found. */
static void tracker_histories_are_recycled(void **state)
{
    sc *s = *state;
    uint32_t stream = 1;
    for (uint16_t port = 200; port < 210; port++) {
        sc_conn(s, stream++, 1, (uint16_t)(5000 + port));
        s->sport = port;
        sc_at(s, port);
        sc_tcp(s, I, "S", 0);
        sc_tcp(s, R, "RA", 0);
    }
    for (int k = 0; k < 3; k++) {
        sc_conn(s, stream++, 1, (uint16_t)(6000 + k));
        s->sport = 102;
        sc_at(s, 1000 + 45.0 * k);
        sc_tcp(s, I, "S", 0);
        sc_tcp(s, R, "RA", 0);
    }
    assert_int_equal(s->tally[X4_P_RECONNECT_STORM], 1);
    assert_true(s->last[X4_P_RECONNECT_STORM].retry_interval > 44.9);
}

/* Two connects in parallel: the first is still waiting, not timed out. */
static void parallel_connects_are_not_timeouts(void **state)
{
    sc *s = *state;
    sc_conn(s, 1, 1, 2001);
    sc_tcp(s, I, "S", 0);
    sc_conn(s, 2, 1, 2002);
    sc_at(s, 0.001);
    sc_tcp(s, I, "S", 0);
    sc_conn(s, 1, 1, 2001);
    sc_at(s, 0.2);
    assert_int_equal(sc_tcp(s, R, "SA", 0)->state, X4_ST_TCP_OPEN);
    assert_int_equal(s->tally[X4_P_CONNECT_TIMEOUT], 0);
}

/* An ICMP error for a flow (quoting its segment) changes no state. */
static void icmp_error_alone_changes_nothing(void **state)
{
    sc *s = *state;
    sc_handshake(s);
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    x4_note *n = sc_tcp(s, I, "AC", 40);
    assert_int_equal(n->state, X4_ST_TP_REQUESTED);
    assert_int_equal(n->n_flags, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        storm_test(storm_of_three_refusals),
        storm_test(storm_gap_just_inside_tolerance),
        storm_test(storm_gap_just_outside_tolerance),
        cmocka_unit_test_setup_teardown(storm_needs_storm_attempts, storm_of_four, sc_teardown),
        storm_test(syn_retransmissions_are_one_attempt),
        storm_test(storm_of_unanswered_syns),
        storm_test(success_breaks_the_run),
        storm_test(other_port_is_another_history),
        storm_test(tracker_histories_are_recycled),
        sc_unit_test(parallel_connects_are_not_timeouts),
        sc_unit_test(icmp_error_alone_changes_nothing),
        sc_unit_test(flapping_just_inside_window),
        sc_unit_test(flapping_just_outside_window),
        cmocka_unit_test_setup_teardown(flapping_counts_refusals_per_host_pair, flapping_only, sc_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
