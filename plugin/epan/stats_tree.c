/* Statistics > X.400 MTA > Counts (and tshark -z x400mta_tree,tree): what
 * a stats_tree is for, counts whose Percent and Rate mean something.
 * Precursors by KB article and by pair of hosts (flags), PDUs by type, and
 * associations by how they ended (each association counted once, under
 * its final state so far).  One row per association is the table dialog's
 * job (stats_table.c). */
#include "stats_assoc.h"

#include <stdio.h>
#include <string.h>
#include <epan/packet.h>   /* register_shutdown_routine */
#include <epan/stats_tree.h>

#include "ws_compat.h"

static const char kb_root[] = "Precursors by KB article";
static const char pair_root[] = "Precursors by pair of hosts";
static const char pdu_root[] = "PDUs by type";
static const char end_root[] = "Associations by final state";

/* How an association ended, so far: a final state, or not (yet). */
typedef enum {
    END_CLOSED, END_REFUSED, END_ABORTED, END_LOST, END_NO_ANSWER, END_OPEN, END_COUNT
} ending;

static const char *const ending_names[END_COUNT] = {
    [END_CLOSED] = "closed", [END_REFUSED] = "refused", [END_ABORTED] = "aborted",
    [END_LOST] = "lost", [END_NO_ANSWER] = "no answer (SYN unanswered)",
    [END_OPEN] = "open at capture end",
};

static ending ending_of(x4_state state)
{
    static const struct { x4_state state; ending end; } finals[] = {
        { X4_ST_CLOSED, END_CLOSED }, { X4_ST_REFUSED, END_REFUSED },
        { X4_ST_ABORTED, END_ABORTED }, { X4_ST_LOST, END_LOST },
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(finals); i++)
        if (state == finals[i].state)
            return finals[i].end;
    return state == X4_ST_TCP_CONNECTING ? END_NO_ANSWER : END_OPEN;
}

/* One per open tree (the GUI may open several). */
typedef struct {
    x4_assoc_table assocs;     /* each association's state, to move it between endings */
    guint32 assocs_seen;
    gint ended[END_COUNT];
    int roots[4];
} tree_data;

static GHashTable *trees;      /* stats_tree* -> tree_data* */

static void free_tree_data(gpointer p)
{
    tree_data *d = p;
    x4_at_reset(&d->assocs);
    g_free(d);
}

/* At exit: tshark does not clean a tree up before Wireshark unloads the
 * plugin (4.4 and later unload it, and the table would be lost). */
static void free_trees(void)
{
    if (trees)
        g_hash_table_destroy(trees);
    trees = NULL;
}

static tree_data *data_of(stats_tree *st)
{
    if (!trees)
        trees = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_tree_data);
    tree_data *d = g_hash_table_lookup(trees, st);
    if (!d) {
        d = g_new0(tree_data, 1);
        x4_at_init(&d->assocs);
        g_hash_table_insert(trees, st, d);
    }
    return d;
}

static void tree_init(stats_tree *st)
{
    tree_data *d = data_of(st);
    x4_at_reset(&d->assocs);
    d->assocs_seen = 0;
    memset(d->ended, 0, sizeof d->ended);
    d->roots[0] = stats_tree_create_node(st, kb_root, 0, STAT_DT_INT, TRUE);
    d->roots[1] = stats_tree_create_node(st, pair_root, 0, STAT_DT_INT, TRUE);
    d->roots[2] = stats_tree_create_node(st, pdu_root, 0, STAT_DT_INT, TRUE);
    d->roots[3] = stats_tree_create_node(st, end_root, 0, STAT_DT_INT, TRUE);
}

static void tree_cleanup(stats_tree *st)
{
    if (trees)
        g_hash_table_remove(trees, st);   /* frees its data */
}

static void count_precursors(stats_tree *st, tree_data *d, const x4_assoc_row *r,
                             const frame_record *rec)
{
    char name[256], pair[2 * X4_AT_ADDR_MAX + 8];

    snprintf(pair, sizeof pair, "%s <-> %s", r->initiator_host, r->responder_host);
    for (unsigned i = 0; i < rec->n_flags; i++) {
        const x4_precursor_def *def = x4_precursor_get(rec->flags[i].id);
        if (!def)
            continue;
        tick_stat_node(st, kb_root, 0, TRUE);
        int kb = tick_stat_node(st, def->kb, d->roots[0], TRUE);
        tick_stat_node(st, def->id, kb, FALSE);
        tick_stat_node(st, pair_root, 0, TRUE);
        int p = tick_stat_node(st, pair, d->roots[1], TRUE);
        snprintf(name, sizeof name, "%s (%s)", def->id, def->kb);
        tick_stat_node(st, name, p, FALSE);
    }
}

static void count_pdus(stats_tree *st, tree_data *d, const frame_record *rec)
{
    for (unsigned i = 0; i < rec->n_pdus; i++) {
        tick_stat_node(st, pdu_root, 0, TRUE);
        tick_stat_node(st, x4_pdu_kind_display(rec->pdus[i], "unknown PDU"),
                       d->roots[2], FALSE);
    }
}

/* The association leaves the ending it was counted under for its new one. */
static void move_ending(stats_tree *st, tree_data *d, gboolean is_new, x4_state old,
                        x4_state state)
{
    ending now = ending_of(state);
    if (is_new) {
        d->assocs_seen++;
        stats_tree_manip_node_int(MN_SET, st, end_root, 0, FALSE, (gint)d->assocs_seen);
    } else {
        ending before = ending_of(old);
        if (before == now)
            return;
        stats_tree_manip_node_int(MN_SET, st, ending_names[before], d->roots[3], FALSE,
                                  --d->ended[before]);
    }
    stats_tree_manip_node_int(MN_SET, st, ending_names[now], d->roots[3], FALSE, ++d->ended[now]);
}

static tap_packet_status tree_packet(stats_tree *st, packet_info *pinfo,
                                     epan_dissect_t *edt _U_, const void *data,
                                     tap_flags_t flags _U_)
{
    const frame_record *rec = data;
    tree_data *d = data_of(st);
    const x4_assoc_row *r = x4_at_row(&d->assocs, rec->assoc);
    gboolean is_new = r == NULL;
    x4_state old = r ? r->state : X4_ST_NONE;

    stats_assoc_add(&d->assocs, pinfo, rec);
    r = x4_at_row(&d->assocs, rec->assoc);
    if (!r)
        return TAP_PACKET_DONT_REDRAW;
    count_precursors(st, d, r, rec);
    count_pdus(st, d, rec);
    move_ending(st, d, is_new, old, r->state);
    return TAP_PACKET_REDRAW;
}

void stats_tree_x400mta_register(void)
{
    stats_tree_register_plugin("x400mta", "x400mta_tree", "X.400 MTA" STATS_TREE_MENU_SEPARATOR "Counts",
                               0, tree_packet, tree_init, tree_cleanup);
    register_shutdown_routine(free_trees);
}
