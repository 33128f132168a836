/* The per-frame cache: what the first pass learnt about each RFC1006 frame,
 * for every later pass (tshark -2, the GUI's redraws, retaps) to build the
 * same tree, expert infos, Info column and statistics from.
 *
 * Kept compact because a capture may hold millions of frames: per frame a
 * small entry (association, state, direction, mode, TCP flags, payload
 * length and the kinds of its PDUs, mostly 6 or 7 bytes of varints and
 * deltas from the entry before) in an append-only arena; one page head per
 * 64 entries finds a frame, and reading frames in order decodes each entry
 * once.  Names, MTS identifiers, reasons, decode errors and flags follow
 * the entry only on the frames that have them.  Nothing is kept for frames
 * of other traffic.  The arena lives in wmem file scope, so it goes with
 * the capture; the page heads are freed by frame_store_reset. */
#ifndef X400MTA_FRAME_STORE_H
#define X400MTA_FRAME_STORE_H

#include <wireshark.h>

#include <epan/packet.h>

#include "frame_record.h"

/* A new capture: nothing stored (its memory went with the previous one). */
void frame_store_reset(void);

/* First pass: store what frame `frame` showed (frames arrive in order);
 * FALSE when it was not stored (a frame at or before the last one stored). */
gboolean frame_store_add(guint32 frame, const x4_tcp_event *ev, const x4_frame_info *info,
                         const x4_note *note);

/* Any pass: the frame's record, rebuilt in pinfo->pool (it lives as long as
 * the frame's dissection, taps included), or NULL for a frame of other
 * traffic. */
const frame_record *frame_store_get(packet_info *pinfo);

#endif
