/* The Info column note x400mta appends to a frame, the same on every pass:
 * what the frame carried at the OSI layers (the steps of the association's
 * ladder in Statistics > Flow Graph, where Wireshark's own dissectors show
 * one PDU or none: X.410-1984-mode data, TP0 ER with a parameter), then
 * each precursor flagged on it.  For example
 *     " [OSI: SES AS, RTTR, P1 message, SES AE]"
 *     " [OSI: SES RF, PRES CPR, AARE, RTORJ (rtsBusy)] [X.400 connect_refused Q152877]" */
#ifndef X400MTA_FRAME_INFO_H
#define X400MTA_FRAME_INFO_H

#include <wireshark.h>
#include <epan/packet.h>

#include "frame_record.h"

void frame_info_append(packet_info *pinfo, const frame_record *rec);

#endif
