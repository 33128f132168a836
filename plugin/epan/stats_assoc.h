/* Association statistics, the epan side: a tapped frame (packet_info and
 * the cached frame_record) into the pure-C table of assoc_table.h, and the
 * registration of the views (tshark -z x400mta,assoc and -z x400mta,kb,
 * and the stats_tree of Wireshark's Statistics menu). */
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

/* Every statistics view of x400mta (call once, from protocol registration). */
void x400mta_register_stats(void);

/* The views, each in its own file. */
void stats_tshark_register(void);
void stats_tree_x400mta_register(void);

#endif
