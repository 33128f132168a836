/* TCP's ip.proto entry run under x400mta's handle, so each frame's TCP
 * header and TCP's verdicts on it reach frame_input without a protocol tree
 * (tcp_hook.c). */
#ifndef X400MTA_TCP_HOOK_H
#define X400MTA_TCP_HOOK_H

#include <wireshark.h>

/* From the handoff: find TCP's handle, make ours. */
void tcp_hook_register(void);
/* From each capture's init: hold the entry while x400mta is enabled. */
void tcp_hook_sync(gboolean enabled);

#endif
