/* What the plugin keeps per capture file: the analysis engine and the OSI
 * decoding state of each TCP connection.  All of it lives in wmem file
 * scope, so it is freed with the capture. */
#ifndef X400MTA_CAPTURE_STATE_H
#define X400MTA_CAPTURE_STATE_H

#include <wireshark.h>

#include "engine.h"
#include "osi_stack.h"

/* Forget the previous capture's state (init and cleanup routines). */
void capture_state_reset(void);

/* The engine of the current capture, created on first use. */
x4_engine *capture_state_engine(void);

/* The OSI decoding state of TCP stream `stream`, created on first use and
 * kept with the engine's association of the stream (NULL when the engine
 * has none, e.g. out of memory). */
x4_conn *capture_state_conn(guint32 stream);

/* Remember that stream `stream` carries TPKT (so its later frames count on
 * any port) and ask whether it does. */
void capture_state_mark_rfc1006(guint32 stream);
gboolean capture_state_is_rfc1006(guint32 stream);

#endif
