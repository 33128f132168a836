/* One frame through the state module, in the order its evidence arrives:
 * the TCP handshake, flow control, data and acknowledgements, the OSI
 * PDUs the frame carried, then FIN or RST. */
#include "state/assoc.h"

void x4_state_frame(x4_frame *f)
{
    x4_assoc *a = f->a;
    const x4_tcp_event *ev = f->ev;

    if (ev->icmp_error) {
        /* An ICMP error quoting this flow: its TCP header is the quoted
         * segment's, so it only matters as a flow-control error. */
        x4_state_flow(f);
        return;
    }
    a->seen[f->dir] = true;

    x4_state before = a->state;
    x4_state_tcp_open(f);
    x4_state_flow(f);
    x4_state_tcp_data(f);
    if (f->osi)
        x4_state_pdus(f);
    x4_state_tcp_close(f);
    if (a->reached_transfer && !a->transfer_frame)
        a->transfer_frame = ev->frame;
    if (a->state != before)
        a->state_frame = ev->frame;
}
