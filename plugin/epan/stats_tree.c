/* Statistics > X.400 MTA > Associations and precursors (and tshark
 * -z x400mta_tree,tree): the association table as a stats_tree, fed by the
 * same tap and the same assoc_table as the tshark view.  A stats_tree only
 * counts, so each property is a child node ticked when it becomes known:
 * the frames in each state reached, how it ended, PDUs, bytes, P1 transfers, duration, and
 * its precursors; then precursors by KB article and by pair of hosts. */
#include "stats_assoc.h"

#include <stdio.h>
#include <string.h>
#include <epan/stats_tree.h>

#include "ws_compat.h"

static const char assoc_root[] = "Associations";
static const char kb_root[] = "Precursors by KB article";
static const char pair_root[] = "Precursors by pair of hosts";

/* One table per open tree (the GUI may open several). */
static GHashTable *tables;   /* stats_tree* -> x4_assoc_table* */

static x4_assoc_table *table_of(stats_tree *st)
{
    if (!tables)
        tables = g_hash_table_new(g_direct_hash, g_direct_equal);
    x4_assoc_table *t = g_hash_table_lookup(tables, st);
    if (!t) {
        t = g_new0(x4_assoc_table, 1);
        x4_at_init(t);
        g_hash_table_insert(tables, st, t);
    }
    return t;
}

static int root_ids[3];

static void tree_init(stats_tree *st)
{
    x4_at_reset(table_of(st));
    root_ids[0] = stats_tree_create_node(st, assoc_root, 0, STAT_DT_INT, TRUE);
    root_ids[1] = stats_tree_create_node(st, kb_root, 0, STAT_DT_INT, TRUE);
    root_ids[2] = stats_tree_create_node(st, pair_root, 0, STAT_DT_INT, TRUE);
}

static void tree_cleanup(stats_tree *st)
{
    x4_assoc_table *t = tables ? g_hash_table_lookup(tables, st) : NULL;
    if (!t)
        return;
    x4_at_reset(t);
    g_free(t);
    g_hash_table_remove(tables, st);
}

/* Properties that become known once: a child node ticked when they do. */
static void tick_new_facts(stats_tree *st, int node, const x4_assoc_row *old,
                           const x4_assoc_row *r)
{
    char name[256];

    if (!old->calling_tsap[0] && !old->called_tsap[0] && (r->calling_tsap[0] || r->called_tsap[0])) {
        snprintf(name, sizeof name, "TSAPs %s/%s", r->calling_tsap[0] ? r->calling_tsap : "-",
                 r->called_tsap[0] ? r->called_tsap : "-");
        tick_stat_node(st, name, node, FALSE);
    }
    for (unsigned d = 0; d < 2; d++)
        if (!old->mta[d][0] && r->mta[d][0]) {
            snprintf(name, sizeof name, "%s MTA %s", d ? "responder" : "initiator", r->mta[d]);
            tick_stat_node(st, name, node, FALSE);
        }
    if (old->mode == X4_MODE_UNKNOWN && r->mode != X4_MODE_UNKNOWN) {
        snprintf(name, sizeof name, "mode %s", x4_mode_name(r->mode));
        tick_stat_node(st, name, node, FALSE);
    }
    if (!old->ended[0] && r->ended[0]) {
        snprintf(name, sizeof name, "ended: %s", r->ended);
        tick_stat_node(st, name, node, FALSE);
    }
}

static void add_counts(stats_tree *st, int node, const x4_assoc_row *old, const x4_assoc_row *r)
{
    static const char *const pdus[] = { "PDUs initiator->responder", "PDUs responder->initiator" };
    static const char *const bytes[] = { "bytes initiator->responder", "bytes responder->initiator" };

    for (unsigned d = 0; d < 2; d++) {
        if (r->pdus[d] > old->pdus[d])
            increase_stat_node(st, pdus[d], node, FALSE, (gint)(r->pdus[d] - old->pdus[d]));
        if (r->bytes[d] > old->bytes[d])
            increase_stat_node(st, bytes[d], node, FALSE, (gint)(r->bytes[d] - old->bytes[d]));
    }
    if (r->p1_transfers > old->p1_transfers)
        increase_stat_node(st, "P1 transfers", node, FALSE,
                           (gint)(r->p1_transfers - old->p1_transfers));
    stats_tree_manip_node_int(MN_SET, st, "duration (ms)", node, FALSE,
                              (gint)(x4_at_duration(r) * 1000.0 + 0.5));
}

static void tick_precursors(stats_tree *st, int node, const x4_assoc_row *r,
                            const frame_record *rec)
{
    char name[256], pair[2 * X4_AT_ADDR_MAX + 8];

    snprintf(pair, sizeof pair, "%s <-> %s", r->initiator_host, r->responder_host);
    for (unsigned i = 0; i < rec->n_flags; i++) {
        const x4_precursor_def *def = x4_precursor_get(rec->flags[i].id);
        if (!def)
            continue;
        snprintf(name, sizeof name, "precursor %s (%s)", def->id, def->kb);
        tick_stat_node(st, name, node, FALSE);
        tick_stat_node(st, kb_root, 0, TRUE);
        int kb = tick_stat_node(st, def->kb, root_ids[1], TRUE);
        tick_stat_node(st, def->id, kb, FALSE);
        tick_stat_node(st, pair_root, 0, TRUE);
        int p = tick_stat_node(st, pair, root_ids[2], TRUE);
        snprintf(name, sizeof name, "%s (%s)", def->id, def->kb);
        tick_stat_node(st, name, p, FALSE);
    }
}

static tap_packet_status tree_packet(stats_tree *st, packet_info *pinfo,
                                     epan_dissect_t *edt _U_, const void *data,
                                     tap_flags_t flags _U_)
{
    const frame_record *rec = data;
    x4_assoc_table *t = table_of(st);
    x4_assoc_row old = { 0 };
    const x4_assoc_row *r = x4_at_row(t, rec->assoc);
    char name[3 * X4_AT_ADDR_MAX], init[X4_AT_ADDR_MAX + 8], resp[X4_AT_ADDR_MAX + 8];

    if (r)
        old = *r;
    stats_assoc_add(t, pinfo, rec);
    r = x4_at_row(t, rec->assoc);
    if (!r)
        return TAP_PACKET_DONT_REDRAW;

    stats_assoc_endpoint(init, sizeof init, r->initiator_host, r->initiator_port);
    stats_assoc_endpoint(resp, sizeof resp, r->responder_host, r->responder_port);
    snprintf(name, sizeof name, "%u %s -> %s", r->assoc, init, resp);
    tick_stat_node(st, assoc_root, 0, TRUE);
    int node = tick_stat_node(st, name, root_ids[0], TRUE);

    tick_new_facts(st, node, &old, r);
    /* Frames per state reached (the final state is the table's "State"). */
    int states = tick_stat_node(st, "frames per state", node, TRUE);
    tick_stat_node(st, x4_state_name(r->state), states, FALSE);
    add_counts(st, node, &old, r);
    tick_precursors(st, node, r, rec);
    return TAP_PACKET_REDRAW;
}

void stats_tree_x400mta_register(void)
{
    stats_tree_register_plugin("x400mta", "x400mta_tree", "X.400 MTA" STATS_TREE_MENU_SEPARATOR "Associations and precursors",
                               0, tree_packet, tree_init, tree_cleanup);
}
