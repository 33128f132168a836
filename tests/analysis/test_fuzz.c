/* Random event streams (fixed seed): the engine never crashes, never
 * over-reads (ASan/UBSan builds), and every note it returns is well formed. */
#include "script.h"

#include <string.h>

static void random_streams(void **state)
{
    (void)state;
    for (uint32_t round = 0; round < 4; round++) {
        x4_prefs p;
        x4_prefs_default(&p);
        p.storm_attempts = 2 + round;
        p.lost_retransmissions = 1 + round;
        p.flap_count = 2 + round;
        x4_engine *e = x4_engine_new(&x4_alloc_libc, &p);
        uint32_t seed = 0x9e3779b9u + round;
        double t = 0;
        for (uint32_t frame = 1; frame <= 50000; frame++) {
            x4_tcp_event ev;
            x4_frame_info fi;
            x4_note n;
            t += (sc_rnd(&seed) % 1000) / 100.0;
            sc_random_frame(&seed, &ev, &fi, frame, t);
            x4_engine_direction(e, &ev);
            x4_engine_frame(e, &ev, &fi, &n);
            assert_true(n.n_flags <= X4_NOTE_MAX_FLAGS);
            assert_true(n.state < X4_ST_COUNT);
            for (unsigned i = 0; i < n.n_flags; i++) {
                assert_true(n.flags[i].id < X4_P_COUNT);
                assert_true(memchr(n.flags[i].message, 0, sizeof n.flags[i].message) != NULL);
                assert_non_null(strstr(n.flags[i].message, x4_catalogue[n.flags[i].id].kb));
            }
        }
        x4_engine_free(e);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
