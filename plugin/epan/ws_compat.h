/* Every difference between the Wireshark versions the plugin builds
 * against, in one place, so the rest of the glue reads the same on each:
 * 4.0 (Debian 12), 4.2 (Ubuntu 24.04), 4.4 (Debian 13), 4.6 (Debian sid).
 * The glue is written in the newest API; older versions get it here. */
#ifndef X400MTA_WS_COMPAT_H
#define X400MTA_WS_COMPAT_H

#include <stdbool.h>
#include <stdlib.h>
#include <wireshark.h>
#include <epan/stats_tree.h>
#include <epan/tvbuff.h>

#define X4_WS_AT_LEAST(major, minor)                                              \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                         \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* 4.4 moved array_length() out of what <wireshark.h> pulls in, and asks a
 * plugin what it is (plugin_describe, optional before 4.4). */
#if X4_WS_AT_LEAST(4, 4)
#include <wsutil/array.h>
#include <wsutil/plugins.h>
#define X4_WS_PLUGIN_DESCRIBE 1
#else
#define X4_WS_PLUGIN_DESCRIBE 0
#endif

/* 4.4 renamed the tvb accessors to C99 names (tvb_get_guint8 is deprecated
 * there); 4.0 and 4.2 have only the old names. */
#if !X4_WS_AT_LEAST(4, 4)
#define tvb_get_uint8 tvb_get_guint8
#endif

/* Big-endian loads from a byte pointer (wsutil/pint.h): pntohu16/32 from
 * 4.6, pntoh16/32 before. */
#if !X4_WS_AT_LEAST(4, 6)
#include <wsutil/pint.h>
#define pntohu16 pntoh16
#define pntohu32 pntoh32
#endif

/* TPKT's entry on RDP's port (tcp.port 3389, packet-tpkt.c) frames what
 * starts with a TPKT header.  In 4.0 it also makes TPKT the conversation's
 * dissector (read in 4.0.17's source); in 4.4 and 4.6 it does not (their
 * TLS frames on that port stay TLS: integration_wireshark_unchanged_realcaps
 * checks it on an RDP capture in each).  4.2, which no Debian ships, is
 * taken to be like 4.4. */
#define X4_WS_TPKT_RDP_CLAIMS_CONVERSATION (!X4_WS_AT_LEAST(4, 2))

/* A field_info holds its fvalue_t in place in 4.0, by pointer from 4.2. */
#if X4_WS_AT_LEAST(4, 2)
#define X4_FI_FVALUE(fi) ((fi)->value)
#else
#define X4_FI_FVALUE(fi) ((fvalue_t *)&(fi)->value)
#endif

/* The "-z" init callback of a stat_tap_ui (epan/stat_tap_ui.h) returns
 * whether its tap could be registered from 4.6, and tshark then stops with
 * its own error; before, it returns nothing and must exit itself.
 *   X4_STAT_TAP_INIT_RESULT name(const char *opt_arg, void *userdata)
 *   { ...; X4_STAT_TAP_INIT_RETURN(ok); } */
#if X4_WS_AT_LEAST(4, 6)
#define X4_STAT_TAP_INIT_RESULT bool
#define X4_STAT_TAP_INIT_RETURN(ok) return (ok)
#else
#define X4_STAT_TAP_INIT_RESULT void
#define X4_STAT_TAP_INIT_RETURN(ok) \
    do {                            \
        if (!(ok))                  \
            exit(1);                \
        return;                     \
    } while (0)
#endif

/* The stat_tap_table API (epan/stat_tap_ui.h, stats_table.c) is the same in
 * 4.0, 4.4 and 4.6 but for its integer types' names (guint, gboolean then
 * unsigned, bool: the same types).  What differs is the Qt dialog drawing
 * it: 4.0 shows a TABLE_ITEM_FLOAT as "%f" whatever the column's
 * field_format, 4.6 uses the format (tshark uses it in both).  So the
 * table keeps counts as TABLE_ITEM_UINT, which every version shows alike. */

/* A stats_tree name is a menu path.  Its separator was "/" until
 * epan/stats_tree.h defined STATS_TREE_MENU_SEPARATOR as "//" (4.4), from
 * when a single "/" is a literal slash in the menu item. */
#ifndef STATS_TREE_MENU_SEPARATOR
#define STATS_TREE_MENU_SEPARATOR "/"
#endif

#endif
