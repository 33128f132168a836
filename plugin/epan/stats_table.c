/* The association table dialog: Statistics > X.400 MTA Associations, one
 * sortable row per association with the columns of -z x400mta,assoc
 * (stats_assoc.h), and tshark -z x400mta,table[,FILTER] for the same rows.
 * A stat_tap_table (epan/stat_tap_ui.h): Wireshark's Qt GUI makes it a
 * dialog with a display filter of its own, tshark prints it.
 *
 * The rows are summed from the same tap and cache as the other views, in
 * an assoc_table, and kept in order of association number.  Wireshark's
 * Qt dialogs of one table share its rows and keep pointers to them (and
 * to their text) until they close, but a new filter must drop the rows it
 * hides; so a row is one block (its cells, then their text) that this file
 * keeps for reuse: a reset only shows fewer of them, and Wireshark frees
 * the ones it shows with the table (free_stat_tables). */
#include "stats_assoc.h"

#include <epan/stat_tap_ui.h>


static const char table_name[] = "X.400 MTA associations";

typedef struct {
    stat_tap_table_item_type cells[SA_N_COLUMNS];  /* first: table->elements[i] */
    stats_assoc_words words;                       /* the text the cells point to */
} row_block;

typedef struct {
    stat_tap_table *table;    /* the table Wireshark holds (NULL: none yet) */
    GPtrArray *blocks;        /* every row_block made for it; [0, shown) are its rows */
    guint shown;              /* table->num_elements, as set here */
    x4_assoc_table assocs;    /* the rows' numbers, summed from the tapped frames */
    GArray *order;            /* guint32 association numbers, ascending: row i */
} assoc_view;

static assoc_view view;

/* The row blocks Wireshark did not free with the last table. */
static void forget_blocks(void)
{
    if (!view.blocks)
        view.blocks = g_ptr_array_new();
    for (guint i = view.shown; i < view.blocks->len; i++)
        g_free(g_ptr_array_index(view.blocks, i));
    g_ptr_array_set_size(view.blocks, 0);
    view.shown = 0;
}

/* Row i of the table, shown (made, or reused, as needed). */
static row_block *shown_block(guint i)
{
    while (view.blocks->len <= i) {
        g_ptr_array_add(view.blocks, g_new0(row_block, 1));
        view.table->elements = g_renew(stat_tap_table_item_type *, view.table->elements,
                                       view.blocks->len);
    }
    for (; view.shown <= i; view.shown++)
        view.table->elements[view.shown] = g_ptr_array_index(view.blocks, view.shown);
    view.table->num_elements = view.shown;
    return g_ptr_array_index(view.blocks, i);
}

static void set_uint(stat_tap_table_item_type *c, guint v)
{
    c->type = TABLE_ITEM_UINT;
    c->value.uint_value = v;
}

static void set_float(stat_tap_table_item_type *c, double v)
{
    c->type = TABLE_ITEM_FLOAT;
    c->value.float_value = v;
}

static void set_string(stat_tap_table_item_type *c, const char *s)
{
    c->type = TABLE_ITEM_STRING;
    c->value.string_value = s;
}

/* Numbers sort as numbers, the rest as the text of -z x400mta,assoc.  A
 * table cell holds 32 bits: bytes stop at 4294967295 (-z x400mta,assoc
 * counts on).  Not doubles: Wireshark 4.0's dialog shows them as "%f",
 * whatever the format. */
static guint saturated(guint64 v)
{
    return v > G_MAXUINT ? G_MAXUINT : (guint)v;
}

static void render(guint i)
{
    const x4_assoc_row *r = x4_at_row(&view.assocs, g_array_index(view.order, guint32, i));
    row_block *b = shown_block(i);

    stats_assoc_words_fill(&b->words, r);
    for (unsigned c = 0; c < SA_N_COLUMNS; c++)
        set_string(&b->cells[c], b->words.cell[c]);
    set_uint(&b->cells[SA_NUMBER], r->assoc);
    set_uint(&b->cells[SA_PDUS_IR], r->pdus[X4_DIR_INITIATOR]);
    set_uint(&b->cells[SA_PDUS_RI], r->pdus[X4_DIR_RESPONDER]);
    set_uint(&b->cells[SA_BYTES_IR], saturated(r->bytes[X4_DIR_INITIATOR]));
    set_uint(&b->cells[SA_BYTES_RI], saturated(r->bytes[X4_DIR_RESPONDER]));
    set_uint(&b->cells[SA_P1], r->p1_transfers);
    set_float(&b->cells[SA_DURATION], x4_at_duration(r));
}

/* The row of association `assoc`; a new one is inserted in order (behind
 * the others, unless a filter let a later association in first). */
static guint row_of(guint32 assoc, gboolean is_new)
{
    guint lo = 0, hi = view.order->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(view.order, guint32, mid) < assoc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (is_new) {
        g_array_insert_val(view.order, lo, assoc);
        for (guint i = lo + 1; i < view.order->len; i++)
            render(i);
    }
    return lo;
}

static void table_reset(stat_tap_table *table)
{
    table->num_elements = 0;
    view.shown = 0;
    x4_at_reset(&view.assocs);
    g_array_set_size(view.order, 0);
}

/* Called for each new dialog, each filter applied in it, and tshark's -z. */
static void table_init(stat_tap_table_ui *ui)
{
    stat_tap_table *table = stat_tap_find_table(ui, table_name);
    if (table) {
        table_reset(table);
        return;
    }
    /* None: the first, or Wireshark freed the last one with the rows it showed. */
    forget_blocks();
    if (!view.order)
        view.order = g_array_new(FALSE, FALSE, sizeof(guint32));
    view.table = stat_tap_init_table(table_name, SA_N_COLUMNS, 0, NULL);
    stat_tap_add_table(ui, view.table);
    table_reset(view.table);
}

static tap_packet_status table_packet(void *tapdata _U_, packet_info *pinfo,
                                      epan_dissect_t *edt _U_, const void *data,
                                      tap_flags_t flags _U_)
{
    const frame_record *rec = data;
    gboolean is_new = x4_at_row(&view.assocs, rec->assoc) == NULL;

    stats_assoc_add(&view.assocs, pinfo, rec);
    if (!x4_at_row(&view.assocs, rec->assoc))
        return TAP_PACKET_DONT_REDRAW;
    render(row_of(rec->assoc, is_new));
    return TAP_PACKET_REDRAW;
}

/* The columns that are numbers; the others are text ("%s"). */
static const struct {
    unsigned column;
    stat_tap_table_item_enum type;
    const char *format;
} number_columns[] = {
    { SA_NUMBER, TABLE_ITEM_UINT, "%u" },      { SA_PDUS_IR, TABLE_ITEM_UINT, "%u" },
    { SA_PDUS_RI, TABLE_ITEM_UINT, "%u" },     { SA_BYTES_IR, TABLE_ITEM_UINT, "%u" },
    { SA_BYTES_RI, TABLE_ITEM_UINT, "%u" },    { SA_P1, TABLE_ITEM_UINT, "%u" },
    { SA_DURATION, TABLE_ITEM_FLOAT, "%.3fs" },
};

void stats_table_register(void)
{
    static stat_tap_table_item columns[SA_N_COLUMNS];
    static stat_tap_table_ui ui = {
        .group = REGISTER_PACKET_STAT_GROUP_UNSORTED,
        .title = "X.400 MTA Associations",   /* a flat Statistics menu item */
        .tap_name = "x400mta",
        .cli_string = "x400mta,table",
        .stat_tap_init_cb = table_init,
        .packet_func = table_packet,
        .stat_tap_reset_table_cb = table_reset,
        .nfields = SA_N_COLUMNS,
        .fields = columns,
    };

    for (unsigned c = 0; c < SA_N_COLUMNS; c++)
        columns[c] = (stat_tap_table_item){ TABLE_ITEM_STRING,
                                            stats_assoc_right[c] ? TAP_ALIGN_RIGHT : TAP_ALIGN_LEFT,
                                            stats_assoc_heads[c], "%s" };
    for (unsigned i = 0; i < G_N_ELEMENTS(number_columns); i++) {
        columns[number_columns[i].column].type = number_columns[i].type;
        columns[number_columns[i].column].field_format = number_columns[i].format;
    }
    register_stat_tap_table_ui(&ui);
}
