#include "postdissector.h"

#include <epan/packet.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "capture_state.h"
#include "frame_fields.h"
#include "frame_record.h"
#include "frame_tree.h"
#include "x400mta_register.h"

static dissector_handle_t x400mta_handle;

/* An RFC1006 connection: one side on x400mta.ports, or TPKT decoded in it
 * (now or earlier: Wireshark may decode TPKT on any port by heuristics). */
static gboolean is_rfc1006(const x4_tcp_event *ev, const GPtrArray *tpkts)
{
    if (value_is_in_range(x400mta_reg.ports, ev->src_port) ||
        value_is_in_range(x400mta_reg.ports, ev->dst_port))
        return TRUE;
    if (tpkts) {
        capture_state_mark_rfc1006(ev->stream);
        return TRUE;
    }
    return capture_state_is_rfc1006(ev->stream);
}

/* Decode each TPKT of the frame into *info.  A retransmission repeats bytes
 * already decoded, so it is not fed twice (TP0 DT joining would break). */
static void decode_tpkts(const x4_tcp_event *ev, x4_dir dir, GPtrArray *tpkts,
                         x4_frame_info *info)
{
    if (!tpkts || ev->retransmission)
        return;
    x4_conn *conn = capture_state_conn(ev->stream);
    for (guint i = 0; i < tpkts->len; i++) {
        const guint8 *bytes;
        guint len;
        if (frame_fields_tpkt_bytes(g_ptr_array_index(tpkts, i), &bytes, &len))
            x4_conn_feed_tpkt(conn, dir, bytes, len, info);
    }
}

/* The TCP event of a frame: its own TCP header, or the one an ICMP error
 * quotes, on a connection the engine knows. */
static gboolean frame_event(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev)
{
    if (frame_fields_tcp(tree, pinfo, ev))
        return TRUE;
    return frame_fields_icmp_quote(tree, pinfo, ev) &&
           x4_engine_flow_stream(capture_state_engine(), ev, &ev->stream);
}

/* First pass only: events in, a cached record out (NULL: not RFC1006). */
static frame_record *analyse_frame(proto_tree *tree, packet_info *pinfo)
{
    x4_tcp_event ev;
    if (!frame_event(tree, pinfo, &ev))
        return NULL;
    GPtrArray *tpkts = ev.icmp_error ? NULL : frame_fields_tpkts(tree);
    if (!ev.icmp_error && !is_rfc1006(&ev, tpkts))
        return NULL;
    ev.rfc1006_port = TRUE;

    x4_engine *engine = capture_state_engine();
    x4_dir dir = x4_engine_direction(engine, &ev);
    x4_frame_info info;
    x4_note note;

    x4_frame_info_init(&info);
    decode_tpkts(&ev, dir, tpkts, &info);
    x4_engine_frame(engine, &ev, &info, &note);
    if (note.assoc == 0)
        return NULL;
    return frame_record_new(wmem_file_scope(), &ev, &info, &note);
}

static int dissect_x400mta(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    frame_record *rec;

    if (!PINFO_FD_VISITED(pinfo)) {
        rec = analyse_frame(tree, pinfo);
        if (rec)
            p_add_proto_data(wmem_file_scope(), pinfo, x400mta_reg.proto, 0, rec);
    } else {
        rec = p_get_proto_data(wmem_file_scope(), pinfo, x400mta_reg.proto, 0);
    }
    if (!rec)
        return 0;
    frame_tree_build(tree, tvb, pinfo, rec);
    /* Statistics read the same cache, so every pass and retap agree. */
    tap_queue_packet(x400mta_reg.tap, pinfo, rec);
    return tvb_captured_length(tvb);
}

/* Each new capture: fresh state, and the wanted fields asked for again.
 * Wanted fields make Wireshark build a protocol tree for every frame even
 * when nothing else needs one, so a disabled x400mta wants none: disabling
 * it (--disable-protocol x400mta) then costs nothing. */
static void x400mta_init(void)
{
    capture_state_reset();
    if (proto_is_protocol_enabled(find_protocol_by_id(x400mta_reg.proto)))
        set_postdissector_wanted_hfids(x400mta_handle, frame_fields_wanted());
    else
        set_postdissector_wanted_hfids(x400mta_handle, NULL);
}

static void x400mta_cleanup(void)
{
    capture_state_reset();
}

void x400mta_register_postdissector(void)
{
    x400mta_handle = register_dissector("x400mta", dissect_x400mta, x400mta_reg.proto);
    register_postdissector(x400mta_handle);
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
    dissector_handle_t tpkt = dissector_get_uint_handle(find_dissector_table("tcp.port"), 102);

    if (tpkt)
        hand_ports_to_tpkt(tpkt, x400mta_reg.ports);
}
