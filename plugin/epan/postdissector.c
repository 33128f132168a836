#include "postdissector.h"

#include <epan/packet.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "capture_state.h"
#include "frame_input.h"
#include "frame_store.h"
#include "frame_tree.h"
#include "tcp_hook.h"
#include "tpkt_hook.h"
#include "x400mta_register.h"

static dissector_handle_t x400mta_handle;
static const char *x400mta_short_name;

/* An RFC1006 connection: one side on x400mta.ports, or TPKT decoded in it
 * (now or earlier: Wireshark may decode TPKT on any port by heuristics). */
static gboolean is_rfc1006(const x4_tcp_event *ev, guint n_tpkts)
{
    if (value_is_in_range(x400mta_reg.ports, ev->src_port) ||
        value_is_in_range(x400mta_reg.ports, ev->dst_port))
        return TRUE;
    if (n_tpkts) {
        capture_state_mark_rfc1006(ev->stream);
        return TRUE;
    }
    return capture_state_is_rfc1006(ev->stream);
}

/* Decode each TPKT of the frame into *info.  A retransmission repeats bytes
 * already decoded, so it is not fed twice (TP0 DT joining would break). */
static void decode_tpkts(const x4_tcp_event *ev, x4_dir dir, const frame_input *in,
                         x4_frame_info *info)
{
    if (!in || !in->n_tpkts || ev->retransmission)
        return;
    x4_conn *conn = capture_state_conn(ev->stream);
    if (!conn)
        return;
    for (guint i = 0; i < in->n_tpkts; i++)
        x4_conn_feed_tpkt(conn, dir, in->tpkts[i].bytes, in->tpkts[i].len, info);
}

/* The TCP event of a frame: its own TCP header, or the one an ICMP error
 * quotes, on a connection the engine knows. */
static gboolean frame_event(packet_info *pinfo, const frame_input *in, x4_tcp_event *ev)
{
    if (frame_input_tcp_event(pinfo, in, ev))
        return TRUE;
    return frame_input_quote_event(pinfo, in, ev) &&
           x4_engine_flow_stream(capture_state_engine(), ev, &ev->stream);
}

/* A frame the first pass analysed, and its record, which points into it. */
typedef struct {
    x4_frame_info info;
    x4_note note;
    frame_record_room record;
} analysed;

/* First pass only: events in, the frame's record stored and returned (NULL:
 * not RFC1006).  What the record points to lives in pinfo->pool, as long as
 * the frame's dissection and its taps. */
static const frame_record *analyse_frame(packet_info *pinfo)
{
    x4_tcp_event ev;
    const frame_input *in = frame_input_of(pinfo, FALSE);
    if (!frame_event(pinfo, in, &ev))
        return NULL;
    const frame_input *tpkts = ev.icmp_error ? NULL : in;
    if (!ev.icmp_error && !is_rfc1006(&ev, tpkts ? tpkts->n_tpkts : 0))
        return NULL;
    ev.rfc1006_port = TRUE;

    x4_engine *engine = capture_state_engine();
    x4_dir dir = x4_engine_direction(engine, &ev);
    analysed *a = wmem_new(pinfo->pool, analysed);

    x4_frame_info_init(&a->info);
    decode_tpkts(&ev, dir, tpkts, &a->info);
    x4_engine_frame(engine, &ev, &a->info, &a->note);
    if (!a->note.assoc || !frame_store_add(pinfo->num, &ev, &a->info, &a->note))
        return NULL;
    return frame_record_of(&a->record, &ev, &a->info, &a->note);
}

static int dissect_x400mta(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    /* Wireshark names the protocol of a handle's dissector, except for a
     * helper protocol (below); expert infos carry the name. */
    pinfo->current_proto = x400mta_short_name;
    const frame_record *rec = PINFO_FD_VISITED(pinfo) ? NULL : analyse_frame(pinfo);
    if (!rec)
        rec = frame_store_get(pinfo);
    if (!rec)
        return 0;
    frame_tree_build(tree, tvb, pinfo, rec);
    /* Statistics read the same record, so every pass and retap agree. */
    tap_queue_packet(x400mta_reg.tap, pinfo, rec);
    return tvb_captured_length(tvb);
}

/* Each new capture: fresh state, and the hooks that see TCP and TPKT in
 * place while x400mta is enabled (given back when it is not, so that
 * --disable-protocol x400mta leaves Wireshark exactly as without it).  The
 * postdissector wants no field: wanted fields would make Wireshark build a
 * protocol tree for every frame even when nothing else needs one. */
static void x400mta_init(void)
{
    gboolean enabled = proto_is_protocol_enabled(find_protocol_by_id(x400mta_reg.proto));
    capture_state_reset();
    frame_store_reset();
    frame_input_reset();
    tcp_hook_sync(enabled);
    tpkt_hook_sync(enabled);
}

static void x400mta_cleanup(void)
{
    capture_state_reset();
    frame_store_reset();
    frame_input_reset();
}

void x400mta_register_postdissector(void)
{
    x400mta_handle = register_dissector("x400mta", dissect_x400mta, x400mta_reg.proto);
    x400mta_short_name = proto_get_protocol_short_name(find_protocol_by_id(x400mta_reg.proto));
    /* Every frame passes the postdissector, and for a protocol's handle
     * Wireshark adds the protocol to the frame's layers (a map insert, a
     * list append and their undoing: 8% of what the plugin costs
     * tshark -q -Y tpkt).  A helper protocol "in name only" has no layer,
     * and is enabled and disabled with x400mta itself. */
    int per_frame = proto_register_protocol_in_name_only(
        "X.400 MTA association analysis, per frame", "X400MTA", "x400mta.postdissector",
        x400mta_reg.proto, FT_PROTOCOL);
    register_postdissector(create_dissector_handle(dissect_x400mta, per_frame));
    x400mta_reg.tap = register_tap("x400mta");
    register_init_routine(x400mta_init);
    register_cleanup_routine(x400mta_cleanup);
}

/* Ports of ours that TPKT did not already own; given back on a change. */
static void hand_ports_to_tpkt(dissector_handle_t tpkt, range_t *ports)
{
    static wmem_map_t *added;   /* port+1 -> 1, ports we gave TPKT */

    if (!added)
        added = wmem_map_new(wmem_epan_scope(), g_direct_hash, g_direct_equal);
    for (guint32 port = 1; port <= 65535; port++) {
        gboolean ours = wmem_map_lookup(added, GUINT_TO_POINTER(port + 1)) != NULL;
        gboolean wanted = value_is_in_range(ports, port);
        if (ours && !wanted) {
            dissector_delete_uint("tcp.port", port, tpkt);
            wmem_map_remove(added, GUINT_TO_POINTER(port + 1));
        } else if (wanted && !ours &&
                   dissector_get_uint_handle(find_dissector_table("tcp.port"), port) == NULL) {
            dissector_add_uint("tcp.port", port, tpkt);
            wmem_map_insert(added, GUINT_TO_POINTER(port + 1), GUINT_TO_POINTER(1));
        }
    }
}

void x400mta_apply_preferences(void)
{
    dissector_handle_t tpkt = find_dissector("tpkt");

    if (tpkt)
        hand_ports_to_tpkt(tpkt, x400mta_reg.ports);
}
