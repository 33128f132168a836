/* The TPKTs of each frame without a protocol tree: while x400mta is
 * enabled, the tcp.port and tls.port entries that hold TPKT's handles hold
 * ours instead, which run TPKT's own framing (dissect_tpkt_encap, exported
 * by packet-tpkt.h, with TPKT's own desegment preference) and hand each TPKT
 * payload to COTP through a pass-through handle that notes the TPKT in the
 * frame's frame_input first.  So x400mta sees exactly the TPKTs TPKT
 * frames, reassembled ones included, and Wireshark's dissection is the same:
 * same framing code, same COTP, same layers.  TPKT's RDP entry (tcp.port
 * 3389, a handle of the "TPKT heuristic" protocol that frames only what
 * starts with a TPKT header and leaves the rest, TLS, to TCP's other
 * dissectors) is replaced the same way and does what TPKT's does on that
 * version (ws_compat.h), so RDP captures dissect as before.  Disabled,
 * x400mta gives every entry back (tpkt_hook_sync). */
#include "tpkt_hook.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/conversation.h>
#include <epan/exceptions.h>
#include <epan/prefs.h>
#include <epan/prefs-int.h>
#include <epan/dissectors/packet-tpkt.h>

#include "frame_input.h"
#include "ws_compat.h"

#define TPKT_HDR_LEN 4
#define TPKT_VERSION 3
#define TPKT_RDP_PORT 3389

static dissector_handle_t tpkt_handle;     /* TPKT's own ("tpkt") */
static dissector_handle_t cotp_handle;     /* "ositp", what TPKT hands its payload to */
static dissector_handle_t tpkt_ours, tpkt_heur_ours, cotp_ours;
static int proto_tpkt = -1, proto_tpkt_heur = -1;
static pref_t *tpkt_desegment_pref;
static gboolean noting;                    /* x400mta enabled: note the TPKTs */

/* The entries we took, to give back: table, port, the handle it held. */
typedef struct {
    const char *table;
    guint32 port;
    dissector_handle_t theirs, ours;
} taken_entry;
static GArray *taken;

/* One TPKT framing in progress (TPKT may run inside TPKT's payload). */
typedef struct tpkt_run {
    tvbuff_t *tvb;             /* what TPKT frames */
    gint raw_offset;           /* where tvb starts in its data source */
    gint next;                 /* where its next header is */
    guint16 can_desegment;
    struct tpkt_run *outer;
} tpkt_run;
static tpkt_run *current_run;

static gboolean tpkt_desegment(void)
{
    return tpkt_desegment_pref ? prefs_get_bool_value(tpkt_desegment_pref, pref_current) : TRUE;
}

/* The TPKT whose header starts at ds_offset of the data source ds, as far
 * as the capture holds it (the decoder reports a TPKT cut short). */
static void note_tpkt(packet_info *pinfo, tvbuff_t *ds, gint ds_offset)
{
    if (pinfo->flags.in_error_pkt || ds_offset < 0)
        return;
    gint available = tvb_captured_length_remaining(ds, ds_offset);
    if (available < TPKT_HDR_LEN)
        return;
    guint len = tvb_get_ntohs(ds, ds_offset + 2);
    guint take = MIN(len < TPKT_HDR_LEN ? TPKT_HDR_LEN : len, (guint)available);
    frame_input_add_tpkt(pinfo, tvb_get_ptr(ds, ds_offset, (gint)take), take);
}

/* TPKT's framing: where the header after the one at `at` starts.  TPKT
 * skips the header and what the capture holds of the payload, which is
 * what the payload's tvb holds: it is cut where the capture is, and at the
 * length the header announces. */
static gint after(tvbuff_t *payload, gint at)
{
    return at + TPKT_HDR_LEN + (gint)tvb_captured_length(payload);
}

/* COTP's turn for one TPKT payload: note the TPKT, then COTP as before. */
static int dissect_cotp_ours(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    tpkt_run *run = current_run;
    if (noting && run && !PINFO_FD_VISITED(pinfo)) {
        gint header = tvb_raw_offset(tvb) - TPKT_HDR_LEN;
        note_tpkt(pinfo, tvb_get_ds_tvb(tvb), header);
        run->next = after(tvb, header - run->raw_offset);
    }
    return call_dissector_only(cotp_handle, tvb, pinfo, tree, data);
}

/* TPKT stopped with an exception: it had already read the header at
 * run->next (and the tree would show it) when the payload's length made no
 * sense, which is all that can go wrong after it checked the header. */
static void note_cut_short(packet_info *pinfo, const tpkt_run *run)
{
    tvbuff_t *tvb = run->tvb;
    gint at = run->next;
    gboolean desegment = tpkt_desegment() && run->can_desegment;
    if (tvb_reported_length_remaining(tvb, at) <= 0 || !tvb_bytes_exist(tvb, at, TPKT_HDR_LEN))
        return;
    if (tvb_get_uint8(tvb, at) != TPKT_VERSION)
        return;
    gint length_remaining = tvb_captured_length_remaining(tvb, at);
    gint data_len = tvb_get_ntohs(tvb, at + 2);
    if (desegment && length_remaining < data_len)
        return;
    if (data_len - TPKT_HDR_LEN < -1)    /* the payload's tvb could not be made */
        note_tpkt(pinfo, tvb_get_ds_tvb(tvb), tvb_raw_offset(tvb) + at);
}

/* TPKT's own dissector, with our COTP handle. */
static int dissect_tpkt_ours(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    tpkt_run run = { tvb, tvb_raw_offset(tvb), 0, pinfo->can_desegment, current_run };
    current_run = &run;
    TRY {
        dissect_tpkt_encap(tvb, pinfo, tree, tpkt_desegment(), cotp_ours);
    }
    CATCH_ALL {
        current_run = run.outer;
        if (noting && !PINFO_FD_VISITED(pinfo))
            note_cut_short(pinfo, &run);
        RETHROW;
    }
    ENDTRY;
    current_run = run.outer;
    return tvb_captured_length(tvb);
}

/* TPKT's entry for RDP's port: TPKT only where a TPKT header starts, and
 * nothing claimed otherwise (TCP then tries its other dissectors).  Where
 * TPKT's own makes TPKT the conversation's dissector, ours makes our TPKT
 * handle it. */
static int dissect_tpkt_heur_ours(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    if (is_tpkt(tvb, 0) == -1)
        return 0;
#if X4_WS_TPKT_RDP_CLAIMS_CONVERSATION
    conversation_set_dissector(find_or_create_conversation(pinfo), tpkt_ours);
#endif
    return dissect_tpkt_ours(tvb, pinfo, tree, data);
}

/* TPKT's handles are its own ("tpkt") and the heuristic one it puts on
 * RDP's port, whose protocol is registered in name only as "tpkt" too. */
static gboolean is_tpkts(dissector_handle_t h)
{
    int proto = h ? dissector_handle_get_protocol_index(h) : -1;
    return proto != -1 && strcmp(proto_get_protocol_filter_name(proto), "tpkt") == 0;
}

static int tpkt_heur_protocol(void)
{
    dissector_handle_t h = dissector_get_uint_handle(find_dissector_table("tcp.port"), TPKT_RDP_PORT);
    return h != tpkt_handle && is_tpkts(h) ? dissector_handle_get_protocol_index(h) : -1;
}

/* At exit (Wireshark then unloads the plugin, and with it the pointer). */
static void free_taken(void)
{
    g_array_free(taken, TRUE);
    taken = NULL;
}

void tpkt_hook_register(void)
{
    tpkt_handle = find_dissector("tpkt");
    cotp_handle = find_dissector("ositp");
    proto_tpkt = proto_get_id_by_filter_name("tpkt");
    proto_tpkt_heur = tpkt_heur_protocol();
    module_t *m = prefs_find_module("tpkt");
    tpkt_desegment_pref = m ? prefs_find_preference(m, "desegment") : NULL;
    /* Names of their own: Decode As lists every handle a table held. */
    tpkt_ours = create_dissector_handle_with_name_and_description(
        dissect_tpkt_ours, proto_tpkt, "x400mta_tpkt", "TPKT (framed for X.400 MTA analysis)");
    tpkt_heur_ours = create_dissector_handle_with_name_and_description(
        dissect_tpkt_heur_ours, proto_tpkt_heur, "x400mta_tpkt_heur",
        "TPKT Heuristic (for RDP, framed for X.400 MTA analysis)");
    cotp_ours = create_dissector_handle_with_name_and_description(
        dissect_cotp_ours, -1, "x400mta_cotp", "COTP (seen by X.400 MTA analysis)");
    taken = g_array_new(FALSE, FALSE, sizeof(taken_entry));
    register_shutdown_routine(free_taken);
}

/* Our handle for an entry that holds one of TPKT's, or NULL. */
static dissector_handle_t ours_for(dissector_handle_t h)
{
    if (h == tpkt_handle)
        return tpkt_ours;
    if (h == tpkt_ours || h == tpkt_heur_ours || !is_tpkts(h) || proto_tpkt_heur == -1)
        return NULL;
    return tpkt_heur_ours;
}

typedef struct {
    const char *table;
    GArray *ports;
} scan;

static void find_tpkt_entry(const gchar *table_name _U_, ftenum_t selector_type _U_,
                            gpointer key, gpointer value, gpointer user_data)
{
    scan *s = user_data;
    if (ours_for(dtbl_entry_get_handle((dtbl_entry_t *)value))) {
        guint32 port = GPOINTER_TO_UINT(key);
        g_array_append_val(s->ports, port);
    }
}

static void take(const char *table)
{
    scan s = { table, g_array_new(FALSE, FALSE, sizeof(guint32)) };
    dissector_table_foreach(table, find_tpkt_entry, &s);
    dissector_table_t t = find_dissector_table(table);
    for (guint i = 0; i < s.ports->len; i++) {
        guint32 port = g_array_index(s.ports, guint32, i);
        taken_entry e = { table, port, dissector_get_uint_handle(t, port), NULL };
        e.ours = ours_for(e.theirs);
        dissector_add_uint(table, port, e.ours);
        g_array_append_val(taken, e);
    }
    g_array_free(s.ports, TRUE);
}

/* Give back what still holds ours (TPKT may have re-registered a port). */
static void give_back(void)
{
    for (guint i = 0; i < taken->len; i++) {
        taken_entry *e = &g_array_index(taken, taken_entry, i);
        if (dissector_get_uint_handle(find_dissector_table(e->table), e->port) == e->ours)
            dissector_add_uint(e->table, e->port, e->theirs);
    }
    g_array_set_size(taken, 0);
}

void tpkt_hook_sync(gboolean enabled)
{
    if (!tpkt_handle || !cotp_handle || !taken)
        return;
    noting = enabled;
    give_back();
    if (enabled) {
        take("tcp.port");
        take("tls.port");
    }
}
