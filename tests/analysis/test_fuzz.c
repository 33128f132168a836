/* Random event streams (fixed seed): the engine never crashes, never
 * over-reads (ASan/UBSan builds), and every note it returns is well formed. */
#include "script.h"

#include <string.h>

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void random_frame(uint32_t *seed, x4_tcp_event *ev, x4_frame_info *fi, uint32_t frame,
                         double t)
{
    memset(ev, 0, sizeof *ev);
    x4_frame_info_init(fi);
    uint32_t r = rnd(seed);
    bool from_client = r & 1;
    uint8_t client = (uint8_t)(1 + (r >> 1) % 5);
    uint16_t cport = (uint16_t)(2000 + (r >> 4) % 40);
    ev->frame = frame;
    ev->time = t;
    ev->stream = (uint32_t)(client * 100 + cport);
    ev->addr_len = 4;
    uint8_t c[4] = {10, 0, 0, client}, srv[4] = {10, 0, 0, 200};
    memcpy(ev->src_addr, from_client ? c : srv, 4);
    memcpy(ev->dst_addr, from_client ? srv : c, 4);
    ev->src_port = from_client ? cport : 102;
    ev->dst_port = from_client ? 102 : cport;
    uint32_t f = rnd(seed);
    ev->syn = (f & 15) == 0;
    ev->ack = (f & 16) != 0 || !ev->syn;
    ev->fin = (f & 0x3e0) == 0x20;
    ev->rst = (f & 0x3e0) == 0x40;
    ev->zero_window = (f & 0x1c00) == 0x400;
    ev->zero_window_probe = (f & 0xe000) == 0x2000;
    ev->retransmission = (f & 0x70000) == 0x10000;
    ev->duplicate_ack = (f & 0x380000) == 0x80000;
    ev->icmp_error = (f & 0x3c00000) == 0x400000;
    ev->rfc1006_port = (f >> 28) != 0;
    ev->payload_len = (f >> 26) & 1 ? rnd(seed) % 3000 : 0;
    ev->window = ev->zero_window ? 0 : 8192;
    ev->has_seq = (f >> 27) & 1;
    ev->seq_num = rnd(seed) % 100000;
    ev->ack_num = rnd(seed) % 100000;
    unsigned n = rnd(seed) % 6;
    for (unsigned i = 0; i < n; i++)
        fi->pdus[fi->n_pdus++] = (x4_pdu){ (x4_pdu_kind)(rnd(seed) % (X4_PDU_KIND_COUNT + 2)), X4_DIR_INITIATOR };
    if (rnd(seed) % 4 == 0)
        fi_reason(fi, (x4_layer)(rnd(seed) % (X4_LAYER_COUNT + 1)),
                  (x4_pdu_kind)(rnd(seed) % X4_PDU_KIND_COUNT), 1, rnd(seed) % 2 ? "why" : NULL);
    if (rnd(seed) % 8 == 0)
        fi_mtsid(fi, rnd(seed) % 2 ? "C=gb;A= ;L=a" : "C=gb;A= ;L=b");
    if (rnd(seed) % 16 == 0)
        fi_mta(fi, rnd(seed) % 2 ? "percival" : "guinevere", rnd(seed) % 2);
    fi->x400 = rnd(seed) % 3 == 0;
    fi->not_osi = rnd(seed) % 7 == 0;
}

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
            t += (rnd(&seed) % 1000) / 100.0;
            random_frame(&seed, &ev, &fi, frame, t);
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
