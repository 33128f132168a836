/* The association engine through its public API (engine.h), driven as the
 * epan glue drives it: per frame x4_engine_direction, the frame's TPKTs
 * through the connection's decoder (osi_stack.h, skipped on a
 * retransmission), then x4_engine_frame.
 *
 * Input: a header of one byte per preference (x4_pref_defs order: 0 keeps
 * the default, 254 is 0, 255 is UINT32_MAX, else the value), then records:
 *
 *   [b0] bits 0-3 connection slot (16 slots over 3 clients and 2 servers,
 *        slots 12-15 IPv6), bit 4 sent by the server side, bit 5 TPKTs
 *        follow, bits 6-7 == 3: an ICMP error quoting the slot's flow
 *   [b1] SYN ACK FIN RST zero-window zero-window-probe retransmission dup-ACK
 *   [b2] bit 0 sequence numbers given, bit 1 not on an RFC1006 port,
 *        bit 2 time steps backwards, bits 3-7 log2 of the step in ms
 *   [window:2][payload length:2][seq step:2][ack step:2]
 *   if bit 5: [count:1] then count % 5 times [len:2][TPKT bytes]
 *
 * A SYN without ACK on a slot that has carried frames starts a new
 * connection there (new tcp.stream, next client port), as port reuse does.
 * The notes must be well formed, memory must be freed by x4_engine_free,
 * and the engine's memory must stay within a fixed amount per frame. */
#include "engine.h"
#include "fuzz_alloc.h"
#include "fuzz_checks.h"
#include "fuzz_input.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SLOTS 16
#define ENGINE_BYTES_PER_FRAME 4096 /* generous: one association and one pair per frame */

typedef struct {
    uint32_t stream, frames;
    uint16_t client_port;
    uint32_t seq[2], ack[2];
    x4_conn *osi;
} slot;

typedef struct {
    x4_engine *e;
    x4_alloc conn_alloc;
    slot slots[SLOTS];
    uint32_t next_stream, frame;
    double time;
} harness;

static void read_prefs(x4f_in *in, x4_prefs *p)
{
    x4_prefs_default(p);
    for (unsigned i = 0; i < x4_pref_defs_count; i++) {
        uint8_t b = x4f_u8(in);
        uint32_t *v = (uint32_t *)((char *)p + x4_pref_defs[i].offset);
        if (b == 254)
            *v = 0;
        else if (b == 255)
            *v = UINT32_MAX;
        else if (b)
            *v = b;
    }
}

static void slot_addresses(unsigned k, x4_tcp_event *ev, bool from_server)
{
    uint8_t client[16] = {10, 0, 0, (uint8_t)(1 + k % 3)};
    uint8_t server[16] = {10, 0, 0, (uint8_t)(100 + k % 2)};
    ev->addr_len = 4;
    if (k >= 12) {
        ev->addr_len = 16;
        memset(client, 0, 16);
        memset(server, 0, 16);
        client[0] = server[0] = 0xfe;
        client[1] = server[1] = 0x80;
        client[15] = (uint8_t)(1 + k % 3);
        server[15] = (uint8_t)(100 + k % 2);
    }
    memcpy(ev->src_addr, from_server ? server : client, 16);
    memcpy(ev->dst_addr, from_server ? client : server, 16);
}

static void new_connection(harness *h, slot *s, unsigned k)
{
    x4_conn_free(s->osi);
    memset(s, 0, sizeof *s);
    s->stream = h->next_stream++;
    s->client_port = (uint16_t)(1100 + k + 16 * s->stream);
    s->osi = x4_conn_new(&h->conn_alloc);
}

static void check_note(const harness *h, const x4_note *n)
{
    X4F_CHECK(n->n_flags <= X4_NOTE_MAX_FLAGS);
    X4F_CHECK((unsigned)n->state < X4_ST_COUNT && x4_state_name(n->state) != NULL);
    X4F_CHECK(n->assoc <= h->next_stream);
    for (unsigned i = 0; i < n->n_flags; i++) {
        const x4_flag *f = &n->flags[i];
        X4F_CHECK((unsigned)f->id < X4_P_COUNT);
        X4F_CHECK(memchr(f->message, '\0', sizeof f->message) != NULL);
        X4F_CHECK(strstr(f->message, x4_catalogue[f->id].kb) != NULL);
        X4F_CHECK(f->related_frame <= h->frame);
    }
}

/* The event of one record, on slot k. */
static void read_event(harness *h, x4f_in *in, uint8_t b0, x4_tcp_event *ev)
{
    unsigned k = b0 & 15;
    bool from_server = b0 & 16;
    uint8_t fl = x4f_u8(in), misc = x4f_u8(in);
    slot *s = &h->slots[k];
    bool syn = fl & 1, ack = fl & 2;
    if (!s->osi || (syn && !ack && s->frames > 0))
        new_connection(h, s, k);
    memset(ev, 0, sizeof *ev);
    double step = (double)(1ull << (misc >> 3)) / 1000.0;
    h->time += (misc & 4) ? -step : step;
    ev->frame = ++h->frame;
    ev->time = h->time;
    ev->stream = s->stream;
    slot_addresses(k, ev, from_server);
    uint16_t server_port = X4_TCP_PORT_RFC1006;
    ev->src_port = from_server ? server_port : s->client_port;
    ev->dst_port = from_server ? s->client_port : server_port;
    ev->syn = syn;
    ev->ack = ack;
    ev->fin = fl & 4;
    ev->rst = fl & 8;
    ev->zero_window = fl & 16;
    ev->zero_window_probe = fl & 32;
    ev->retransmission = fl & 64;
    ev->duplicate_ack = fl & 128;
    ev->has_seq = misc & 1;
    ev->rfc1006_port = !(misc & 2);
    ev->window = x4f_u16(in);
    ev->payload_len = x4f_u16(in);
    int d = from_server;
    s->seq[d] += x4f_u16(in);
    s->ack[d] += x4f_u16(in);
    ev->seq_num = s->seq[d];
    ev->ack_num = s->ack[d];
    s->frames++;
}

/* The frame's TPKTs, decoded in the direction the engine gives. */
static void read_tpkts(x4f_in *in, const x4_tcp_event *ev, x4_dir dir, x4_conn *osi,
                       x4_frame_info *info)
{
    unsigned n = x4f_u8(in) % 5;
    for (unsigned i = 0; i < n; i++) {
        size_t want = x4f_u16(in), len;
        const uint8_t *p = x4f_take(in, want, &len);
        if (!ev->retransmission && osi)
            x4_conn_feed_tpkt(osi, dir, p, len, info);
    }
}

static void one_record(harness *h, x4f_in *in)
{
    uint8_t b0 = x4f_u8(in);
    x4_tcp_event ev;
    read_event(h, in, b0, &ev);
    x4_frame_info info;
    x4_note note;
    x4_frame_info_init(&info);
    if ((b0 >> 6) == 3) {
        uint32_t stream = 0;
        ev.icmp_error = true;
        ev.syn = ev.fin = ev.rst = false;
        ev.payload_len = 0;
        if (!x4_engine_flow_stream(h->e, &ev, &stream))
            return;
        ev.stream = stream;
        x4_engine_direction(h->e, &ev);
        x4_engine_frame(h->e, &ev, &info, &note);
        check_note(h, &note);
        return;
    }
    x4_dir dir = x4_engine_direction(h->e, &ev);
    X4F_CHECK(dir == X4_DIR_INITIATOR || dir == X4_DIR_RESPONDER);
    if (b0 & 32)
        read_tpkts(in, &ev, dir, h->slots[b0 & 15].osi, &info);
    x4f_check_frame_info(&info);
    x4_engine_frame(h->e, &ev, &info, &note);
    check_note(h, &note);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x4f_in in = {data, size};
    x4_prefs prefs;
    read_prefs(&in, &prefs);
    x4f_alloc_stats eng_st, conn_st;
    x4_alloc eng_alloc = x4f_alloc_counting(&eng_st, 0);
    harness h = {.conn_alloc = x4f_alloc_counting(&conn_st, 0), .time = 1767603600.0};
    h.e = x4_engine_new(&eng_alloc, &prefs);
    X4F_CHECK(h.e != NULL);
    while (!x4f_empty(&in)) {
        one_record(&h, &in);
        X4F_CHECK(eng_st.live <= 65536 + (size_t)h.frame * ENGINE_BYTES_PER_FRAME);
    }
    x4_engine_free(h.e);
    for (unsigned k = 0; k < SLOTS; k++)
        x4_conn_free(h.slots[k].osi);
    X4F_CHECK(eng_st.live == 0 && conn_st.live == 0);
    return 0;
}
