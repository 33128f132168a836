/* Builds the x400mta subtree, the expert infos and (frame_info.h) the Info
 * column note of one frame from its cached record; the same on every pass. */
#ifndef X400MTA_FRAME_TREE_H
#define X400MTA_FRAME_TREE_H

#include <wireshark.h>
#include <epan/packet.h>

#include "frame_record.h"

void frame_tree_build(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                      const frame_record *rec);

#endif
