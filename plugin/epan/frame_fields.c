#include "frame_fields.h"

#include <string.h>
#include <epan/proto.h>

#include "ws_compat.h"

/* Every field a postdissector wants becomes a real tree item on every frame,
 * and each costs (measured with callgrind: the IP addresses alone cost 4 %
 * of tshark's instructions).  So we want few fields and read the rest from
 * the bytes they locate: tcp.srcport sits at the start of the TCP header,
 * icmp.type at the start of the ICMP message that quotes an IP header. */
enum wanted_field {
    WF_TCP_STREAM, WF_TCP_SRCPORT, WF_TCP_LEN,
    WF_ZERO_WINDOW, WF_ZERO_WINDOW_PROBE,
    WF_RETRANSMISSION, WF_FAST_RETRANSMISSION, WF_SPURIOUS_RETRANSMISSION,
    WF_DUPLICATE_ACK, WF_ICMP_TYPE, WF_ICMPV6_TYPE, WF_TPKT_LENGTH,
    WF_COUNT
};

static const char *const wanted_names[WF_COUNT] = {
    [WF_TCP_STREAM] = "tcp.stream",
    [WF_TCP_SRCPORT] = "tcp.srcport",
    [WF_TCP_LEN] = "tcp.len",
    [WF_ZERO_WINDOW] = "tcp.analysis.zero_window",
    [WF_ZERO_WINDOW_PROBE] = "tcp.analysis.zero_window_probe",
    [WF_RETRANSMISSION] = "tcp.analysis.retransmission",
    [WF_FAST_RETRANSMISSION] = "tcp.analysis.fast_retransmission",
    [WF_SPURIOUS_RETRANSMISSION] = "tcp.analysis.spurious_retransmission",
    [WF_DUPLICATE_ACK] = "tcp.analysis.duplicate_ack",
    [WF_ICMP_TYPE] = "icmp.type",
    [WF_ICMPV6_TYPE] = "icmpv6.type",
    [WF_TPKT_LENGTH] = "tpkt.length",
};

static int wanted_ids[WF_COUNT];

/* TCP header layout (RFC 9293). */
#define TCP_HDR_MIN 20
#define TCP_OFF_SEQ 4
#define TCP_OFF_ACK 8
#define TCP_OFF_FLAGS 13
#define TCP_OFF_WINDOW 14
#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10

/* ICMP and ICMPv6 errors: 8 bytes of header, then the offending IP header. */
#define ICMP_QUOTE_OFFSET 8

GArray *frame_fields_wanted(void)
{
    GArray *ids = g_array_sized_new(FALSE, FALSE, (guint)sizeof(int), WF_COUNT);

    for (int i = 0; i < WF_COUNT; i++) {
        wanted_ids[i] = proto_registrar_get_id_byname(wanted_names[i]);
        if (wanted_ids[i] > 0)
            g_array_append_val(ids, wanted_ids[i]);
    }
    return ids;
}

static GPtrArray *field_array(proto_tree *tree, enum wanted_field f)
{
    if (wanted_ids[f] <= 0)
        return NULL;
    GPtrArray *a = proto_get_finfo_ptr_array(tree, wanted_ids[f]);
    return (a && a->len > 0) ? a : NULL;
}

static gboolean field_present(proto_tree *tree, enum wanted_field f)
{
    return field_array(tree, f) != NULL;
}

static const field_info *first_field(proto_tree *tree, enum wanted_field f)
{
    GPtrArray *a = field_array(tree, f);
    return a ? g_ptr_array_index(a, 0) : NULL;
}

static guint32 field_uint(const field_info *fi)
{
    return fvalue_get_uinteger(X4_FI_FVALUE((field_info *)fi));
}

static void copy_ip_address(const address *from, guint8 *to, guint8 *len)
{
    if ((from->type == AT_IPv4 && from->len == 4) || (from->type == AT_IPv6 && from->len == 16)) {
        memcpy(to, from->data, (size_t)from->len);
        *len = (guint8)from->len;
    }
}

static void frame_time(packet_info *pinfo, x4_tcp_event *ev)
{
    ev->frame = pinfo->num;
    ev->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
}

/* Ports, and when the whole fixed header is there, sequence numbers (raw:
 * only their differences matter), flags and the raw window (only whether
 * it is zero matters), from the TCP header that srcport locates. */
static gboolean read_tcp_header(const field_info *srcport, x4_tcp_event *ev)
{
    tvbuff_t *tvb = srcport->ds_tvb;
    gint at = srcport->start;

    if (!tvb || at < 0 || !tvb_bytes_exist(tvb, at, 4))
        return FALSE;
    ev->src_port = tvb_get_ntohs(tvb, at);
    ev->dst_port = tvb_get_ntohs(tvb, at + 2);
    if (!tvb_bytes_exist(tvb, at, TCP_HDR_MIN))
        return TRUE;
    guint8 flags = tvb_get_uint8(tvb, at + TCP_OFF_FLAGS);
    ev->has_seq = TRUE;
    ev->seq_num = tvb_get_ntohl(tvb, at + TCP_OFF_SEQ);
    ev->ack_num = tvb_get_ntohl(tvb, at + TCP_OFF_ACK);
    ev->syn = (flags & TCP_FLAG_SYN) != 0;
    ev->ack = (flags & TCP_FLAG_ACK) != 0;
    ev->fin = (flags & TCP_FLAG_FIN) != 0;
    ev->rst = (flags & TCP_FLAG_RST) != 0;
    ev->window = tvb_get_ntohs(tvb, at + TCP_OFF_WINDOW);
    return TRUE;
}

gboolean frame_fields_tcp(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev)
{
    const field_info *stream = first_field(tree, WF_TCP_STREAM);
    const field_info *srcport = first_field(tree, WF_TCP_SRCPORT);
    if (!stream || !srcport)
        return FALSE;

    memset(ev, 0, sizeof *ev);
    frame_time(pinfo, ev);
    ev->stream = field_uint(stream);
    if (!read_tcp_header(srcport, ev))
        return FALSE;
    copy_ip_address(&pinfo->net_src, ev->src_addr, &ev->addr_len);
    copy_ip_address(&pinfo->net_dst, ev->dst_addr, &ev->addr_len);

    const field_info *len = first_field(tree, WF_TCP_LEN);
    ev->payload_len = len ? field_uint(len) : 0;
    ev->zero_window = field_present(tree, WF_ZERO_WINDOW);
    ev->zero_window_probe = field_present(tree, WF_ZERO_WINDOW_PROBE);
    ev->retransmission = field_present(tree, WF_RETRANSMISSION) ||
                         field_present(tree, WF_FAST_RETRANSMISSION) ||
                         field_present(tree, WF_SPURIOUS_RETRANSMISSION);
    ev->duplicate_ack = field_present(tree, WF_DUPLICATE_ACK);
    return TRUE;
}

/* Where the addresses sit in an IPv4 and an IPv6 header. */
typedef struct {
    guint version;
    gint header_len, src_offset, dst_offset, addr_len;
} ip_layout;

static const ip_layout ip_layouts[] = {
    { 4, 20, 12, 16, 4 },
    { 6, 40, 8, 24, 16 },
};

/* The addresses of the IP header an ICMP or ICMPv6 error quotes. */
static gboolean read_quoted_addresses(const field_info *icmp_type, x4_tcp_event *ev)
{
    tvbuff_t *tvb = icmp_type->ds_tvb;
    gint ip = icmp_type->start + ICMP_QUOTE_OFFSET;

    if (!tvb || icmp_type->start < 0 || !tvb_bytes_exist(tvb, ip, 1))
        return FALSE;
    guint version = tvb_get_uint8(tvb, ip) >> 4;
    for (guint i = 0; i < G_N_ELEMENTS(ip_layouts); i++) {
        const ip_layout *l = &ip_layouts[i];
        if (l->version != version || !tvb_bytes_exist(tvb, ip, l->header_len))
            continue;
        tvb_memcpy(tvb, ev->src_addr, ip + l->src_offset, l->addr_len);
        tvb_memcpy(tvb, ev->dst_addr, ip + l->dst_offset, l->addr_len);
        ev->addr_len = (guint8)l->addr_len;
        return TRUE;
    }
    return FALSE;
}

gboolean frame_fields_icmp_quote(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev)
{
    const field_info *icmp = first_field(tree, WF_ICMP_TYPE);
    if (!icmp)
        icmp = first_field(tree, WF_ICMPV6_TYPE);
    const field_info *srcport = first_field(tree, WF_TCP_SRCPORT);
    if (!icmp || !srcport)
        return FALSE;

    memset(ev, 0, sizeof *ev);
    frame_time(pinfo, ev);
    if (!read_tcp_header(srcport, ev) || !read_quoted_addresses(icmp, ev))
        return FALSE;
    /* The quoted header describes the flow, not this frame. */
    ev->has_seq = FALSE;
    ev->syn = ev->ack = ev->fin = ev->rst = FALSE;
    ev->window = 0;
    ev->icmp_error = TRUE;
    return TRUE;
}

GPtrArray *frame_fields_tpkts(proto_tree *tree)
{
    return field_array(tree, WF_TPKT_LENGTH);
}

gboolean frame_fields_tpkt_bytes(const field_info *length_fi, const guint8 **bytes, guint *len)
{
    /* The length field sits at offset 2 of its TPKT and counts the header.
     * Hand over what the capture holds of it: when that is less than the
     * length says, the decoder reports the TPKT as truncated. */
    guint tpkt_len = field_uint(length_fi);
    gint start = length_fi->start - 2;

    if (!length_fi->ds_tvb || start < 0)
        return FALSE;
    gint available = tvb_captured_length_remaining(length_fi->ds_tvb, start);
    if (available < 4)
        return FALSE;
    guint take = MIN(tpkt_len < 4 ? 4 : tpkt_len, (guint)available);
    *bytes = tvb_get_ptr(length_fi->ds_tvb, start, (gint)take);
    *len = take;
    return TRUE;
}
