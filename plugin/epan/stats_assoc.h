/* Association statistics, the epan side: a tapped frame (packet_info and
 * the cached frame_record) into the pure-C table of assoc_table.h, the
 * words of one row, and the registration of the views (tshark -z
 * x400mta,assoc and -z x400mta,kb; the association table dialog of the
 * Statistics menu, -z x400mta,table; the counts of the stats_tree). */
#ifndef X400MTA_STATS_ASSOC_H
#define X400MTA_STATS_ASSOC_H

#include <wireshark.h>
#include <epan/packet_info.h>

#include "assoc_table.h"
#include "frame_record.h"

/* Add one tapped frame to *t. */
void stats_assoc_add(x4_assoc_table *t, const packet_info *pinfo, const frame_record *rec);

/* "addr:port", "[v6addr]:port" */
void stats_assoc_endpoint(char *out, size_t size, const char *host, guint16 port);

/* The columns of the association table, in both views. */
enum {
    SA_NUMBER, SA_INITIATOR, SA_RESPONDER, SA_TSAPS, SA_MTAS, SA_MODE, SA_STATE, SA_ENDED,
    SA_PDUS_IR, SA_PDUS_RI, SA_BYTES_IR, SA_BYTES_RI, SA_P1, SA_DURATION, SA_PRECURSORS,
    SA_N_COLUMNS
};
extern const char *const stats_assoc_heads[SA_N_COLUMNS];
extern const gboolean stats_assoc_right[SA_N_COLUMNS];   /* numbers: right-aligned */

/* One association as every table shows it, cell[column]: "-" for what is
 * not known, "none" for no precursor.  The cells point into this struct
 * (fill it where it stays) or to static text, never into the row (the
 * table's rows move as it grows). */
typedef struct {
    const char *cell[SA_N_COLUMNS];
    char number[12];
    char initiator[X4_AT_ADDR_MAX + 8], responder[X4_AT_ADDR_MAX + 8];
    char tsaps[2 * X4_TSAP_MAX + 4], mtas[2 * X4_MTA_NAME_MAX + 4];
    char ended[sizeof ((x4_assoc_row *)0)->ended];
    char pdus[2][12], bytes[2][24], p1[12], duration[32];
    char precursors[512];
} stats_assoc_words;

void stats_assoc_words_fill(stats_assoc_words *w, const x4_assoc_row *r);

/* Every statistics view of x400mta (call once, from protocol registration). */
void x400mta_register_stats(void);

/* The views, each in its own file. */
void stats_tshark_register(void);
void stats_table_register(void);
void stats_tree_x400mta_register(void);

#endif
