/* TPKT's framing run under x400mta's handles, so the TPKTs of each frame
 * reach frame_input without a protocol tree (tpkt_hook.c). */
#ifndef X400MTA_TPKT_HOOK_H
#define X400MTA_TPKT_HOOK_H

#include <wireshark.h>

/* From the handoff: find TPKT's and COTP's handles, make ours. */
void tpkt_hook_register(void);
/* From each capture's init: take TPKT's table entries while x400mta is
 * enabled, give them back when it is not. */
void tpkt_hook_sync(gboolean enabled);

#endif
