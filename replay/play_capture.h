/* The capture of a live play: libpcap on the interface the played
 * connections use, a BPF filter on their addresses and ports, immediate
 * mode (each packet delivered at once), read by a thread of its own while
 * the roles play, and written like `write` writes (a temporary file beside
 * FILE.pcap, renamed over it only when complete). */
#ifndef X4P_PLAY_CAPTURE_H
#define X4P_PLAY_CAPTURE_H

#include "play_socket.h"

#include <stddef.h>
#include <stdint.h>

typedef struct x4p_capture x4p_capture;

/* The interface holding local address a: "lo" for a loopback address,
 * "any" when no interface holds it (or a is the wildcard). */
void x4p_capture_device_for(const x4p_sockaddr *a, char *dev, size_t n);
/* The local address the kernel would use to reach peer (false if none). */
bool x4p_capture_local_for(const x4p_sockaddr *peer, x4p_sockaddr *local);

/* Opens the capture and starts reading.  NULL with err (e.g. not root). */
x4p_capture *x4p_capture_start(const char *path, const char *device, const char *filter,
                               char *err, size_t errlen);
/* Reads for linger_us more (the last ACKs), stops, checks that the kernel
 * dropped nothing, and commits the file (*packets written).  0, or -1 with
 * err (then no file). */
int x4p_capture_finish(x4p_capture *c, uint64_t linger_us, uint64_t *packets, char *err, size_t errlen);
/* Stops and leaves no file. */
void x4p_capture_abort(x4p_capture *c);

#endif
