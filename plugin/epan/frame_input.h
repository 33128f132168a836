/* What the hooks (tcp_hook.c, tpkt_hook.c) saw of one frame while Wireshark
 * dissected it on the first pass, for the postdissector: the frame's TCP
 * header with TCP's own verdicts on it, or the TCP header an ICMP error
 * quotes, and every TPKT that TPKT framed, in wire order.  There is one such
 * record, for the frame being dissected (frames are dissected one at a time,
 * and the first pass in order); its TPKT bytes point into the frame's own
 * buffers.  Nothing here needs a protocol tree. */
#ifndef X400MTA_FRAME_INPUT_H
#define X400MTA_FRAME_INPUT_H

#include <wireshark.h>
#include <epan/packet.h>

#include "engine.h"

/* One TCP header as TCP dissected it. */
typedef struct {
    guint32 stream;
    guint32 payload_len;
    guint16 sport, dport;
    gboolean has_stream;      /* TCP got as far as its stream number */
    gboolean has_len;         /* ... and could tell the payload length */
    gboolean has_header;      /* the whole fixed header was captured (20 bytes) */
    guint32 seq, ack;
    guint8 flags;             /* TH_* of the fixed header's low byte */
    guint16 window;           /* raw */
    guint32 analysis;         /* TCP's sequence analysis verdicts (TCP_A_* bits) */
    guint32 dupack_num;       /* TCP's duplicate ACK count (0: none) */
    address src, dst;         /* IP addresses around this header */
} tcp_seen;

/* One TPKT that TPKT framed: its bytes from the version octet, cut where
 * the capture is, and the length its header announces. */
typedef struct {
    const guint8 *bytes;
    guint len;
} tpkt_seen;

typedef struct {
    gboolean has_tcp;         /* the frame's first TCP header (not in an error packet) */
    tcp_seen tcp;
    gboolean has_quote;       /* a TCP header quoted by an ICMP/ICMPv6 error */
    tcp_seen quote;
    const tpkt_seen *tpkts;   /* in wire order */
    guint n_tpkts;
} frame_input;

/* The record of the frame being dissected: started by the first hook that
 * sees it (create), or NULL when no hook saw this frame (readers). */
frame_input *frame_input_of(packet_info *pinfo, gboolean create);
/* Append one TPKT to the frame's record. */
void frame_input_add_tpkt(packet_info *pinfo, const guint8 *bytes, guint len);
/* A new capture, or the end of one: no frame seen yet (frame numbers start
 * again), the TPKT list freed. */
void frame_input_reset(void);

/* Fill *ev from the frame's own TCP header; FALSE when it has none that TCP
 * numbered (a stream), the cheap early exit for everything else. */
gboolean frame_input_tcp_event(packet_info *pinfo, const frame_input *in, x4_tcp_event *ev);

/* Fill *ev from the TCP header an ICMP error quotes; FALSE when none. */
gboolean frame_input_quote_event(packet_info *pinfo, const frame_input *in, x4_tcp_event *ev);

#endif
