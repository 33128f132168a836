/* The note x400mta puts in front of a frame's Info column, the same on
 * every pass: what the frame carried at the OSI layers (where Wireshark's
 * own dissectors show one PDU or none: X.410-1984-mode data, TP0 ER with a
 * parameter), then each precursor flagged on it.  In front, because
 * Statistics > Flow Graph labels each arrow with the start of the Info
 * column: the arrows of an association then read as a ladder of TP0,
 * session, RTSE and P1 steps.  For example
 *     "[SES AS, RTTR, P1 message, SES AE] MAJOR SYNC POINT (MAP) SPDU"
 *     "[SES RF, PRES CPR, AARE, RTORJ (rtsBusy)] [X.400 connect_refused Q152877] Refuse (rtsBusy)"
 *     "[X.400 close_before_ok Q319936] 1100 → 102 [FIN, ACK] ..." */
#ifndef X400MTA_FRAME_INFO_H
#define X400MTA_FRAME_INFO_H

#include <wireshark.h>
#include <epan/packet.h>

#include "frame_record.h"

void frame_info_prepend(packet_info *pinfo, const frame_record *rec);

#endif
