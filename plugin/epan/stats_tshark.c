/* tshark -z x400mta,assoc[,FILTER] and -z x400mta,kb[,FILTER]: tap
 * listeners on "x400mta" that sum the tapped frames into an assoc_table
 * and print aligned tables once the capture has been read. */
#include "stats_assoc.h"

#include <stdio.h>
#include <string.h>
#include <epan/tap.h>
#include <epan/stat_tap_ui.h>

#include "ws_compat.h"
#include "x400mta_register.h"

typedef struct {
    x4_assoc_table table;
    char *filter;
    gboolean kb_view;
} stats_cli;

/* A table of strings printed with aligned columns (two spaces apart). */
typedef struct {
    unsigned n_cols;
    const char *const *heads;
    const gboolean *right;   /* right-aligned columns */
    GPtrArray *cells;        /* n_cols strings per row, owned */
} text_table;

static void text_table_add(text_table *tt, const char *const *cells)
{
    for (unsigned c = 0; c < tt->n_cols; c++)
        g_ptr_array_add(tt->cells, g_strdup(cells[c] && cells[c][0] ? cells[c] : "-"));
}

static void text_table_print(const text_table *tt)
{
    unsigned n_rows = tt->cells->len / tt->n_cols;
    gsize *width = g_new0(gsize, tt->n_cols);
    for (unsigned c = 0; c < tt->n_cols; c++) {
        width[c] = strlen(tt->heads[c]);
        for (unsigned r = 0; r < n_rows; r++)
            width[c] = MAX(width[c], strlen(g_ptr_array_index(tt->cells, r * tt->n_cols + c)));
    }
    for (int r = -1; r < (int)n_rows; r++) {
        GString *line = g_string_new(NULL);
        for (unsigned c = 0; c < tt->n_cols; c++) {
            const char *s = r < 0 ? tt->heads[c] : g_ptr_array_index(tt->cells, r * tt->n_cols + c);
            int w = (int)width[c];
            if (c + 1 == tt->n_cols && !tt->right[c])
                g_string_append(line, s);
            else
                g_string_append_printf(line, tt->right[c] ? "%*s" : "%-*s", w, s);
            if (c + 1 < tt->n_cols)
                g_string_append(line, "  ");
        }
        printf("%s\n", line->str);
        g_string_free(line, TRUE);
    }
    g_free(width);
}

static void rule(void)
{
    printf("==================================================================================\n");
}

static void print_assoc(const stats_cli *s)
{
    text_table tt = { SA_N_COLUMNS, stats_assoc_heads, stats_assoc_right,
                      g_ptr_array_new_with_free_func(g_free) };
    unsigned n = 0;

    for (guint32 a = 1; a <= s->table.n_rows; a++) {
        const x4_assoc_row *r = x4_at_row(&s->table, a);
        if (!r)
            continue;
        stats_assoc_words w;
        stats_assoc_words_fill(&w, r);
        text_table_add(&tt, w.cell);
        n++;
    }
    printf("\n");
    rule();
    printf("X.400 MTA associations: %u\n", n);
    printf("Filter: %s\n", s->filter ? s->filter : "<none>");
    printf("PDUs: TP0 TPDUs; bytes: TCP payload; i>r initiator to responder, r>i back\n\n");
    text_table_print(&tt);
    rule();
    g_ptr_array_free(tt.cells, TRUE);
}

/* The generic wording (x400mta.mta_profile) leaves out the last two
 * columns, the MSExchangeMTA events and the Exchange fix. */
static void print_by_kb(const stats_cli *s)
{
    static const char *const heads[] = { "KB", "Precursor", "Flags", "Associations", "Events", "Fix" };
    static const gboolean right[] = { FALSE, FALSE, TRUE, TRUE, FALSE, FALSE };
    text_table tt = { G_N_ELEMENTS(heads), heads, right, g_ptr_array_new_with_free_func(g_free) };
    if (x400mta_reg.prefs.wording == X4_WORDING_GENERIC)
        tt.n_cols -= 2;
    guint32 counts[X4_P_COUNT], assocs[X4_P_COUNT];
    gboolean done[X4_P_COUNT] = { FALSE };

    x4_at_totals(&s->table, counts, assocs);
    /* Grouped by KB article, in catalogue order. */
    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        for (unsigned id = i; id < X4_P_COUNT; id++) {
            if (done[id] || strcmp(x4_catalogue[id].kb, x4_catalogue[i].kb) != 0)
                continue;
            done[id] = TRUE;
            if (!counts[id])
                continue;
            char nf[12], na[12];
            snprintf(nf, sizeof nf, "%u", counts[id]);
            snprintf(na, sizeof na, "%u", assocs[id]);
            const char *cells[] = { x4_catalogue[id].kb, x4_catalogue[id].id, nf, na,
                                    x4_catalogue[id].events_text, x4_catalogue[id].fix };
            text_table_add(&tt, cells);
        }
    }
    printf("By KB article:\n");
    if (tt.cells->len)
        text_table_print(&tt);
    else
        printf("   no precursor\n");
    g_ptr_array_free(tt.cells, TRUE);
}

static void print_by_pair(const stats_cli *s)
{
    static const char *const heads[] = { "Hosts", "Associations", "KB", "Precursor", "Flags" };
    static const gboolean right[] = { FALSE, TRUE, FALSE, FALSE, TRUE };
    text_table tt = { G_N_ELEMENTS(heads), heads, right, g_ptr_array_new_with_free_func(g_free) };
    x4_at_pair *pairs;
    unsigned n = x4_at_pairs(&s->table, &pairs);

    for (unsigned k = 0; k < n; k++) {
        char hosts[2 * X4_AT_ADDR_MAX + 8], na[12];
        gboolean any = FALSE;
        snprintf(hosts, sizeof hosts, "%s <-> %s", pairs[k].host[0], pairs[k].host[1]);
        snprintf(na, sizeof na, "%u", pairs[k].assocs);
        for (unsigned id = 0; id < X4_P_COUNT; id++) {
            if (!pairs[k].flag_count[id])
                continue;
            char nf[12];
            snprintf(nf, sizeof nf, "%u", pairs[k].flag_count[id]);
            const char *cells[] = { hosts, na, x4_catalogue[id].kb, x4_catalogue[id].id, nf };
            text_table_add(&tt, cells);
            any = TRUE;
        }
        if (!any) {
            const char *cells[] = { hosts, na, "", "none", "0" };
            text_table_add(&tt, cells);
        }
    }
    free(pairs);
    printf("By pair of hosts:\n");
    if (tt.cells->len)
        text_table_print(&tt);
    else
        printf("   no association\n");
    g_ptr_array_free(tt.cells, TRUE);
}

static void print_kb(const stats_cli *s)
{
    printf("\n");
    rule();
    printf("X.400 MTA precursors by KB article and by pair of hosts\n");
    printf("Filter: %s\n\n", s->filter ? s->filter : "<none>");
    print_by_kb(s);
    printf("\n");
    print_by_pair(s);
    rule();
}

static void cli_reset(void *data)
{
    stats_cli *s = data;
    x4_at_reset(&s->table);
}

static tap_packet_status cli_packet(void *data, packet_info *pinfo, epan_dissect_t *edt _U_,
                                    const void *rec, tap_flags_t flags _U_)
{
    stats_assoc_add(&((stats_cli *)data)->table, pinfo, rec);
    return TAP_PACKET_REDRAW;
}

static void cli_draw(void *data)
{
    stats_cli *s = data;
    if (s->kb_view)
        print_kb(s);
    else
        print_assoc(s);
}

static void cli_finish(void *data)
{
    stats_cli *s = data;
    x4_at_reset(&s->table);
    g_free(s->filter);
    g_free(s);
}

/* opt_arg: "x400mta,assoc" or "x400mta,assoc,FILTER" (the same for kb).
 * FALSE when the tap could not be registered (a bad filter). */
static gboolean cli_init(const char *opt_arg, gboolean kb_view)
{
    const char *prefix = kb_view ? "x400mta,kb" : "x400mta,assoc";
    stats_cli *s = g_new0(stats_cli, 1);
    size_t n = strlen(prefix);

    x4_at_init(&s->table);
    s->kb_view = kb_view;
    if (strncmp(opt_arg, prefix, n) == 0 && opt_arg[n] == ',' && opt_arg[n + 1])
        s->filter = g_strdup(opt_arg + n + 1);
    GString *err = register_tap_listener("x400mta", s, s->filter, TL_REQUIRES_NOTHING,
                                         cli_reset, cli_packet, cli_draw, cli_finish);
    if (err) {
        fprintf(stderr, "tshark: couldn't register %s tap: %s\n", prefix, err->str);
        g_string_free(err, TRUE);
        g_free(s->filter);
        g_free(s);
        return FALSE;
    }
    return TRUE;
}

static X4_STAT_TAP_INIT_RESULT assoc_init(const char *opt_arg, void *userdata _U_)
{
    X4_STAT_TAP_INIT_RETURN(cli_init(opt_arg, FALSE));
}

static X4_STAT_TAP_INIT_RESULT kb_init(const char *opt_arg, void *userdata _U_)
{
    X4_STAT_TAP_INIT_RETURN(cli_init(opt_arg, TRUE));
}

void stats_tshark_register(void)
{
    static stat_tap_ui assoc_ui = { REGISTER_STAT_GROUP_GENERIC, "X.400 MTA associations",
                                    "x400mta,assoc", assoc_init, 0, NULL };
    static stat_tap_ui kb_ui = { REGISTER_STAT_GROUP_GENERIC, "X.400 MTA precursors by KB",
                                 "x400mta,kb", kb_init, 0, NULL };
    register_stat_tap_ui(&assoc_ui, NULL);
    register_stat_tap_ui(&kb_ui, NULL);
}
