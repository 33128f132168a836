#include "frame_fields.h"

#include <string.h>
#include <epan/proto.h>

/* field_info.value became a pointer after 4.0. */
#if WIRESHARK_VERSION_MAJOR > 4 || (WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR >= 2)
#define X4_FI_FVALUE(fi) ((fi)->value)
#else
#define X4_FI_FVALUE(fi) ((fvalue_t *)&(fi)->value)
#endif

#define TCP_FLAG_FIN 0x001
#define TCP_FLAG_SYN 0x002
#define TCP_FLAG_RST 0x004
#define TCP_FLAG_ACK 0x010

enum wanted_field {
    WF_TCP_STREAM, WF_TCP_FLAGS, WF_TCP_LEN, WF_TCP_WINDOW,
    WF_TCP_SRCPORT, WF_TCP_DSTPORT,
    WF_ZERO_WINDOW, WF_ZERO_WINDOW_PROBE,
    WF_RETRANSMISSION, WF_FAST_RETRANSMISSION, WF_SPURIOUS_RETRANSMISSION,
    WF_DUPLICATE_ACK, WF_ICMP_TYPE, WF_ICMPV6_TYPE, WF_TPKT_LENGTH,
    WF_TCP_SEQ, WF_TCP_ACK, WF_IP_SRC, WF_IP_DST, WF_IPV6_SRC, WF_IPV6_DST,
    WF_COUNT
};

static const char *const wanted_names[WF_COUNT] = {
    [WF_TCP_STREAM] = "tcp.stream",
    [WF_TCP_FLAGS] = "tcp.flags",
    [WF_TCP_LEN] = "tcp.len",
    [WF_TCP_WINDOW] = "tcp.window_size",
    [WF_TCP_SRCPORT] = "tcp.srcport",
    [WF_TCP_DSTPORT] = "tcp.dstport",
    [WF_ZERO_WINDOW] = "tcp.analysis.zero_window",
    [WF_ZERO_WINDOW_PROBE] = "tcp.analysis.zero_window_probe",
    [WF_RETRANSMISSION] = "tcp.analysis.retransmission",
    [WF_FAST_RETRANSMISSION] = "tcp.analysis.fast_retransmission",
    [WF_SPURIOUS_RETRANSMISSION] = "tcp.analysis.spurious_retransmission",
    [WF_DUPLICATE_ACK] = "tcp.analysis.duplicate_ack",
    [WF_ICMP_TYPE] = "icmp.type",
    [WF_ICMPV6_TYPE] = "icmpv6.type",
    [WF_TPKT_LENGTH] = "tpkt.length",
    [WF_TCP_SEQ] = "tcp.seq",
    [WF_TCP_ACK] = "tcp.ack",
    [WF_IP_SRC] = "ip.src",
    [WF_IP_DST] = "ip.dst",
    [WF_IPV6_SRC] = "ipv6.src",
    [WF_IPV6_DST] = "ipv6.dst",
};

static int wanted_ids[WF_COUNT];

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

/* The first occurrence of a uint field (the outer TCP header), or dflt. */
static guint32 field_uint(proto_tree *tree, enum wanted_field f, guint32 dflt)
{
    GPtrArray *a = field_array(tree, f);
    if (!a)
        return dflt;
    return fvalue_get_uinteger(X4_FI_FVALUE((field_info *)g_ptr_array_index(a, 0)));
}

static void copy_ip_address(const address *from, guint8 *to, guint8 *len)
{
    if ((from->type == AT_IPv4 && from->len == 4) || (from->type == AT_IPv6 && from->len == 16)) {
        memcpy(to, from->data, (size_t)from->len);
        *len = (guint8)from->len;
    }
}

gboolean frame_fields_tcp(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev)
{
    GPtrArray *stream = field_array(tree, WF_TCP_STREAM);
    if (!stream)
        return FALSE;

    memset(ev, 0, sizeof *ev);
    ev->frame = pinfo->num;
    ev->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
    ev->stream = fvalue_get_uinteger(X4_FI_FVALUE((field_info *)g_ptr_array_index(stream, 0)));
    ev->src_port = (guint16)field_uint(tree, WF_TCP_SRCPORT, 0);
    ev->dst_port = (guint16)field_uint(tree, WF_TCP_DSTPORT, 0);
    copy_ip_address(&pinfo->net_src, ev->src_addr, &ev->addr_len);
    copy_ip_address(&pinfo->net_dst, ev->dst_addr, &ev->addr_len);

    guint32 flags = field_uint(tree, WF_TCP_FLAGS, 0);
    ev->syn = (flags & TCP_FLAG_SYN) != 0;
    ev->ack = (flags & TCP_FLAG_ACK) != 0;
    ev->fin = (flags & TCP_FLAG_FIN) != 0;
    ev->rst = (flags & TCP_FLAG_RST) != 0;
    ev->payload_len = field_uint(tree, WF_TCP_LEN, 0);
    ev->window = field_uint(tree, WF_TCP_WINDOW, 0);

    ev->zero_window = field_present(tree, WF_ZERO_WINDOW);
    ev->zero_window_probe = field_present(tree, WF_ZERO_WINDOW_PROBE);
    ev->retransmission = field_present(tree, WF_RETRANSMISSION) ||
                         field_present(tree, WF_FAST_RETRANSMISSION) ||
                         field_present(tree, WF_SPURIOUS_RETRANSMISSION);
    ev->duplicate_ack = field_present(tree, WF_DUPLICATE_ACK);
    ev->has_seq = field_present(tree, WF_TCP_SEQ);
    ev->seq_num = field_uint(tree, WF_TCP_SEQ, 0);
    ev->ack_num = field_uint(tree, WF_TCP_ACK, 0);
    return TRUE;
}

/* The last occurrence of an address field (the innermost IP header: in an
 * ICMP error, the quoted one), read from the bytes it covers. */
static gboolean last_address(proto_tree *tree, enum wanted_field f, guint8 *to, guint8 *len)
{
    GPtrArray *a = field_array(tree, f);
    if (!a)
        return FALSE;
    const field_info *fi = g_ptr_array_index(a, a->len - 1);
    if ((fi->length != 4 && fi->length != 16) || !tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length))
        return FALSE;
    tvb_memcpy(fi->ds_tvb, to, fi->start, fi->length);
    *len = (guint8)fi->length;
    return TRUE;
}

gboolean frame_fields_icmp_quote(proto_tree *tree, packet_info *pinfo, x4_tcp_event *ev)
{
    if (!field_present(tree, WF_ICMP_TYPE) && !field_present(tree, WF_ICMPV6_TYPE))
        return FALSE;
    if (!field_present(tree, WF_TCP_SRCPORT))
        return FALSE;
    memset(ev, 0, sizeof *ev);
    ev->frame = pinfo->num;
    ev->time = (double)pinfo->abs_ts.secs + (double)pinfo->abs_ts.nsecs / 1e9;
    ev->src_port = (guint16)field_uint(tree, WF_TCP_SRCPORT, 0);
    ev->dst_port = (guint16)field_uint(tree, WF_TCP_DSTPORT, 0);
    if (!(last_address(tree, WF_IP_SRC, ev->src_addr, &ev->addr_len) &&
          last_address(tree, WF_IP_DST, ev->dst_addr, &ev->addr_len)) &&
        !(last_address(tree, WF_IPV6_SRC, ev->src_addr, &ev->addr_len) &&
          last_address(tree, WF_IPV6_DST, ev->dst_addr, &ev->addr_len)))
        return FALSE;
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
    guint tpkt_len = fvalue_get_uinteger(X4_FI_FVALUE((field_info *)length_fi));
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
