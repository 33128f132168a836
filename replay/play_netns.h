/* A private network namespace for --loopback: the command's own loopback
 * interface, so a play never meets (or disturbs) a service of the host on
 * port 102, parallel plays never share a port, and the capture holds only
 * the play.  Its loopback has segmentation offload switched off, so the
 * capture shows MSS-sized segments, as a NIC would put them on a wire. */
#ifndef X4P_PLAY_NETNS_H
#define X4P_PLAY_NETNS_H

#include <stdbool.h>
#include <stddef.h>

/* Moves the calling process (call it before any thread starts) into a new
 * network namespace with lo up.  False with err when it cannot (not root);
 * *offload_off tells whether segmentation offload could be switched off. */
bool x4p_netns_enter(bool *offload_off, char *err, size_t errlen);

#endif
