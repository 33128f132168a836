/* One played connection's socket: what it reads is cut into TPKTs and
 * decoded with the plugin's decoders into the events its expectations
 * check (with the peer's FIN and RST); what it sends is fed to the same
 * decoder (it learns the association from both sides) and queued while the
 * kernel will not take it (a closed window); its FIN goes once the queue is
 * empty. */
#ifndef X4P_PLAY_LINK_H
#define X4P_PLAY_LINK_H

#include "bytebuf.h"
#include "play_expect.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int fd;                      /* -1 when closed */
    int peer;                    /* x4_dir of the peer */
    bool connecting, accepted, reading, peer_fin, peer_rst, fin_pending, fin_sent, abandoned;
    int connect_errno;
    x4r_buf in, out;             /* read, not yet a whole TPKT; to send, not yet taken */
    size_t out_off;
    x4_conn *wire;
    x4p_expect ex;
} x4p_link;

void x4p_link_init(x4p_link *c, int peer);
void x4p_link_free(x4p_link *c);
/* Gives the connection up (closes it): nothing more is played on it. */
void x4p_link_abandon(x4p_link *c);

/* Polled at all: open, not reset, not closed both ways (a socket shut
 * both ways reports POLLHUP for ever), its peer still on the scenario. */
bool x4p_link_pollable(const x4p_link *c);
/* The poll events it waits for. */
short x4p_link_events(const x4p_link *c);
/* Handles what poll reported; arrivals are stamped now. */
void x4p_link_on_event(x4p_link *c, short revents, uint64_t now);

/* Sends whole TPKTs; false (nothing sent) when the peer has reset. */
bool x4p_link_send(x4p_link *c, const uint8_t *tpkts, size_t len, uint64_t now);
/* FIN (shutdown for writing) once the queue is empty. */
void x4p_link_fin(x4p_link *c);
/* RST: SO_LINGER 0 and close. */
void x4p_link_reset(x4p_link *c);

#endif
