/* The fields of other dissectors the postdissector reads: TCP's (flags,
 * stream, length, window, sequence analysis), ICMP's and each TPKT's
 * length, whose field_info locates the TPKT's bytes (reassembled ones
 * included). */
#ifndef X400MTA_FRAME_FIELDS_H
#define X400MTA_FRAME_FIELDS_H

#include <wireshark.h>
#include <epan/packet.h>

#include "engine.h"

/* Resolve the field ids by name (after all dissectors registered) and
 * return a new array of them for set_postdissector_wanted_hfids(). */
GArray *frame_fields_wanted(void);

/* Fill *ev from the frame's TCP fields.  Returns FALSE when the frame has
 * no TCP header, the cheap early exit for everything else. */
gboolean frame_fields_tcp(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev);

/* Fill *ev from the TCP header an ICMP or ICMPv6 error quotes (Wireshark
 * gives it no tcp.stream: the engine finds the connection).  FALSE when the
 * frame is no such error. */
gboolean frame_fields_icmp_quote(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev);

/* The frame's tpkt.length field_infos, in wire order, or NULL. */
GPtrArray *frame_fields_tpkts(proto_tree *tree);

/* The bytes of one TPKT located by its tpkt.length field_info, cut short
 * when the capture is (the decoder then reports a truncated TPKT); FALSE
 * when not even its header is there. */
gboolean frame_fields_tpkt_bytes(const field_info *length_fi, const guint8 **bytes, guint *len);

#endif
