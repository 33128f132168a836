#include "frame_input.h"

#include <string.h>

/* TCP's sequence analysis verdicts (epan/dissectors/packet-tcp.c TCP_A_*,
 * the same bits in 4.0, 4.4 and 4.6; tests/golden compares every version). */
#define TCP_A_RETRANSMISSION          0x0001
#define TCP_A_DUPLICATE_ACK           0x0010
#define TCP_A_ZERO_WINDOW             0x0020
#define TCP_A_ZERO_WINDOW_PROBE       0x0040
#define TCP_A_FAST_RETRANSMISSION     0x0400
#define TCP_A_SPURIOUS_RETRANSMISSION 0x4000

/* TCP header flags (RFC 9293), the low byte of offset 12-13. */
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10

static frame_input current;
static guint32 current_frame;     /* its frame number; 0: none yet */
/* current.tpkts: room for tpkts_room, kept from frame to frame (a plain
 * array: a GArray's resizing costs more than the rest of noting a TPKT). */
static tpkt_seen *tpkts;
static guint tpkts_room;

void frame_input_reset(void)
{
    current_frame = 0;
    g_free(tpkts);                /* Wireshark unloads the plugin at exit */
    tpkts = NULL;
    tpkts_room = 0;
}

frame_input *frame_input_of(packet_info *pinfo, gboolean create)
{
    if (current_frame == pinfo->num)
        return &current;
    if (!create)
        return NULL;
    current.has_tcp = current.has_quote = FALSE;
    current.tpkts = tpkts;
    current.n_tpkts = 0;
    current_frame = pinfo->num;
    return &current;
}

void frame_input_add_tpkt(packet_info *pinfo, const guint8 *bytes, guint len)
{
    frame_input *in = frame_input_of(pinfo, TRUE);
    if (in->n_tpkts == tpkts_room) {
        tpkts_room = tpkts_room ? 2 * tpkts_room : 16;
        tpkts = g_renew(tpkt_seen, tpkts, tpkts_room);
    }
    tpkts[in->n_tpkts++] = (tpkt_seen){ bytes, len };
    in->tpkts = tpkts;
}

static void copy_ip_address(const address *from, guint8 *to, guint8 *len)
{
    if (from->type == AT_IPv4 && from->len == 4) {
        memcpy(to, from->data, 4);       /* fixed lengths: copied inline, not by a call */
        *len = 4;
    } else if (from->type == AT_IPv6 && from->len == 16) {
        memcpy(to, from->data, 16);
        *len = 16;
    }
}

static void frame_time(packet_info *pinfo, x4_tcp_event *ev)
{
    ev->frame = pinfo->num;
    ev->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
}

gboolean frame_input_tcp_event(packet_info *pinfo, const frame_input *in, x4_tcp_event *ev)
{
    if (!in || !in->has_tcp || !in->tcp.has_stream)
        return FALSE;
    const tcp_seen *t = &in->tcp;

    memset(ev, 0, sizeof *ev);
    frame_time(pinfo, ev);
    ev->stream = t->stream;
    ev->src_port = t->sport;
    ev->dst_port = t->dport;
    if (t->has_header) {
        ev->has_seq = TRUE;
        ev->seq_num = t->seq;
        ev->ack_num = t->ack;
        ev->syn = (t->flags & TH_SYN) != 0;
        ev->ack = (t->flags & TH_ACK) != 0;
        ev->fin = (t->flags & TH_FIN) != 0;
        ev->rst = (t->flags & TH_RST) != 0;
        ev->window = t->window;
    }
    copy_ip_address(&pinfo->net_src, ev->src_addr, &ev->addr_len);
    copy_ip_address(&pinfo->net_dst, ev->dst_addr, &ev->addr_len);
    ev->payload_len = t->has_len ? t->payload_len : 0;
    ev->zero_window = (t->analysis & TCP_A_ZERO_WINDOW) != 0;
    ev->zero_window_probe = (t->analysis & TCP_A_ZERO_WINDOW_PROBE) != 0;
    ev->retransmission = (t->analysis & (TCP_A_RETRANSMISSION | TCP_A_FAST_RETRANSMISSION |
                                         TCP_A_SPURIOUS_RETRANSMISSION)) != 0;
    ev->duplicate_ack = t->dupack_num && (t->analysis & TCP_A_DUPLICATE_ACK);
    return TRUE;
}

gboolean frame_input_quote_event(packet_info *pinfo, const frame_input *in, x4_tcp_event *ev)
{
    if (!in || !in->has_quote)
        return FALSE;
    const tcp_seen *q = &in->quote;

    memset(ev, 0, sizeof *ev);
    frame_time(pinfo, ev);
    ev->src_port = q->sport;
    ev->dst_port = q->dport;
    copy_ip_address(&q->src, ev->src_addr, &ev->addr_len);
    copy_ip_address(&q->dst, ev->dst_addr, &ev->addr_len);
    if (!ev->addr_len)
        return FALSE;
    /* The quoted header describes the flow, not this frame. */
    ev->icmp_error = TRUE;
    return TRUE;
}
