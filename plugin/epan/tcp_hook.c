/* The TCP facts of each frame without a protocol tree: x400mta takes IP's
 * "ip.proto" entry for TCP while it is enabled, calls TCP's own dissector
 * from it, and then notes what TCP saw (the header bytes, and TCP's own
 * verdicts from its per-conversation data, packet-tcp.h) in the frame's
 * frame_input.  TCP's dissection is unchanged: same dissector, same tvb,
 * same data; the hook adds no layer.  Disabled, x400mta gives the entry
 * back (tcp_hook_sync). */
#include "tcp_hook.h"

#include <string.h>

#include <epan/conversation.h>
#include <epan/exceptions.h>
#include <epan/ipproto.h>
#include <epan/dissectors/packet-tcp.h>
#include <wsutil/pint.h>

#include "frame_input.h"
#include "ws_compat.h"

/* The fixed TCP header (RFC 9293): what TCP reads before it numbers the
 * stream (ports, sequence and acknowledgement numbers, offset, flags and
 * window: 16 bytes), and its whole length. */
#define TCP_STREAM_BYTES 16
#define TCP_HDR_MIN 20
#define TCP_OFF_SEQ 4
#define TCP_OFF_ACK 8
#define TCP_OFF_HLEN 12
#define TCP_OFF_FLAGS 13
#define TCP_OFF_WINDOW 14

static dissector_handle_t tcp_handle;    /* what ip.proto 6 held */
static dissector_handle_t hook_handle;
static int proto_tcp = -1;
static gboolean hooked;

/* The header's fields, read from the frame's bytes where the header starts
 * (as the fields' own positions would locate them: a segment the IP length
 * cuts short still has its flags and window when the frame holds them);
 * returns the header length TCP reads from them (0: not captured). */
static guint read_header(tvbuff_t *tvb, guint captured, tcp_seen *t)
{
    const guint8 *h;
    if (captured >= TCP_HDR_MIN) {
        h = tvb_get_ptr(tvb, 0, TCP_HDR_MIN);    /* the same bytes, found at once */
    } else {
        tvbuff_t *ds = tvb_get_ds_tvb(tvb);
        gint at = tvb_raw_offset(tvb);
        if (!tvb_bytes_exist(ds, at, TCP_HDR_MIN)) {
            t->has_header = FALSE;
            t->sport = tvb_get_ntohs(tvb, 0);
            t->dport = tvb_get_ntohs(tvb, 2);
            return captured > TCP_OFF_HLEN ? (guint)(tvb_get_uint8(tvb, TCP_OFF_HLEN) >> 4) * 4 : 0;
        }
        h = tvb_get_ptr(ds, at, TCP_HDR_MIN);
    }
    t->has_header = TRUE;
    t->sport = pntohu16(h);
    t->dport = pntohu16(h + 2);
    t->seq = pntohu32(h + TCP_OFF_SEQ);
    t->ack = pntohu32(h + TCP_OFF_ACK);
    t->flags = h[TCP_OFF_FLAGS];
    t->window = pntohu16(h + TCP_OFF_WINDOW);
    return (guint)(h[TCP_OFF_HLEN] >> 4) * 4;
}

/* TCP's conversation of a segment, as TCP found it.  find_conversation
 * costs about as much as the rest of our work on a frame, so a small cache
 * by address and port pair keeps the conversation TCP used last for each:
 * on the first pass TCP marks the conversation it uses in a frame (its
 * last_frame becomes the frame), so a cached one so marked is the one, and
 * anything else (a new connection reusing the ports, a frame TCP gave up
 * on early) is looked up again. */
#define CONV_CACHE_SLOTS 4096        /* a power of two */

typedef struct {
    guint8 addr_len;
    guint8 addr[2][16];              /* the lower address first */
    guint16 port[2];
    conversation_t *conv;
} conv_slot;

static conv_slot *conv_cache;        /* wmem file scope: gone with the capture */

/* memcmp's order of two addresses of one length, and their bytes copied:
 * IPv4's four bytes without a call (one per TCP segment). */
static int address_order(const address *a, const address *b)
{
    if (a->len != 4)
        return memcmp(a->data, b->data, (size_t)a->len);
    guint32 x = pntohu32(a->data), y = pntohu32(b->data);
    return (x > y) - (x < y);
}

static void copy_address_bytes(guint8 *to, const address *a)
{
    if (a->len == 4)
        memcpy(to, a->data, 4);
    else
        memcpy(to, a->data, (size_t)a->len);
}

static gboolean same_tuple(const conv_slot *a, const conv_slot *b)
{
    return a->addr_len == b->addr_len && a->port[0] == b->port[0] && a->port[1] == b->port[1] &&
           memcmp(a->addr, b->addr, sizeof a->addr) == 0;
}

static gboolean tuple_key(const address *src, const address *dst, const tcp_seen *t, conv_slot *k)
{
    if (src->len != dst->len || src->len > 16 || src->type != dst->type)
        return FALSE;
    int order = address_order(src, dst);
    gboolean swap = order > 0 || (order == 0 && t->sport > t->dport);
    memset(k, 0, sizeof *k);
    k->addr_len = (guint8)src->len;
    copy_address_bytes(k->addr[swap], src);
    copy_address_bytes(k->addr[!swap], dst);
    k->port[swap] = t->sport;
    k->port[!swap] = t->dport;
    return TRUE;
}

static guint slot_of(const conv_slot *k)
{
    guint32 h = (guint32)k->port[0] << 16 | k->port[1];
    for (unsigned i = 0; i + 4 <= k->addr_len; i += 4) {
        guint32 a, b;
        memcpy(&a, k->addr[0] + i, 4);
        memcpy(&b, k->addr[1] + i, 4);
        h = (h ^ a) * 2654435761u;
        h = (h ^ b) * 2654435761u;
    }
    return (h ^ h >> 16) & (CONV_CACHE_SLOTS - 1);
}

static struct tcp_analysis *tcp_data(packet_info *pinfo, const address *src, const address *dst,
                                     const tcp_seen *t)
{
    conv_slot key, *slot = NULL;
    if (tuple_key(src, dst, t, &key)) {
        if (!conv_cache)
            conv_cache = wmem_alloc0_array(wmem_file_scope(), conv_slot, CONV_CACHE_SLOTS);
        slot = &conv_cache[slot_of(&key)];
        if (slot->conv && slot->conv->last_frame == pinfo->num && same_tuple(slot, &key))
            return conversation_get_proto_data(slot->conv, proto_tcp);
    }
    conversation_t *conv = find_conversation(pinfo->num, src, dst, CONVERSATION_TCP,
                                             t->sport, t->dport, 0);
    if (slot) {
        *slot = key;
        slot->conv = conv;
    }
    return conv ? conversation_get_proto_data(conv, proto_tcp) : NULL;
}

/* How TCP found the segment when it was called: IP's addresses, and
 * whether it is a whole, unquoted segment.  Sampled before TCP runs, as TCP
 * itself reads them first: the layers above may change pinfo (COTP marks a
 * frame fragmented while its TSDU is incomplete, TCP's payload may set the
 * addresses). */
typedef struct {
    address src, dst;
    gboolean whole;
} segment_at_entry;

/* What TCP's dissector itself decided (it numbers the stream once it has
 * 16 bytes; it measures the payload of a whole, unquoted segment; it
 * prints its sequence analysis only when it finished and the header length
 * is sane). */
static void note_verdicts(tvbuff_t *tvb, packet_info *pinfo, const segment_at_entry *seg,
                          gboolean finished, guint hlen, tcp_seen *t)
{
    struct tcp_analysis *tcpd = tcp_data(pinfo, &seg->src, &seg->dst, t);
    if (!tcpd)
        return;
    t->has_stream = TRUE;
    t->stream = tcpd->stream;
    guint reported = tvb_reported_length(tvb);
    if (seg->whole && reported >= hlen) {
        t->has_len = TRUE;
        t->payload_len = reported - hlen;
    }
    if (finished && hlen >= TCP_HDR_MIN && tcpd->ta && tcpd->ta->flags) {
        t->analysis = tcpd->ta->flags;
        t->dupack_num = tcpd->ta->dupack_num;
    }
}

static void note(tvbuff_t *tvb, packet_info *pinfo, const segment_at_entry *seg, gboolean finished)
{
    gboolean quoted = pinfo->flags.in_error_pkt;
    guint captured = tvb_captured_length(tvb);
    if (captured < 4)
        return;                       /* TCP found not even the ports */
    frame_input *in = frame_input_of(pinfo, TRUE);
    gboolean *have = quoted ? &in->has_quote : &in->has_tcp;
    if (*have)
        return;                       /* the frame's first one counts */
    *have = TRUE;
    tcp_seen *t = quoted ? &in->quote : &in->tcp;
    memset(t, 0, sizeof *t);
    guint hlen = read_header(tvb, captured, t);
    /* The quoted flow's addresses (the frame's own are pinfo's).  Their
     * bytes are the frame's, which outlive the frame's dissection. */
    if (quoted) {
        copy_address_shallow(&t->src, &seg->src);
        copy_address_shallow(&t->dst, &seg->dst);
    }
    if (captured >= TCP_STREAM_BYTES)
        note_verdicts(tvb, pinfo, seg, finished, hlen, t);
}

static int dissect_tcp_hook(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data)
{
    volatile int ret = 0;
    if (PINFO_FD_VISITED(pinfo))
        return call_dissector_only(tcp_handle, tvb, pinfo, tree, data);
    segment_at_entry seg = { .whole = !pinfo->fragmented && !pinfo->flags.in_error_pkt };
    copy_address_shallow(&seg.src, &pinfo->src);
    copy_address_shallow(&seg.dst, &pinfo->dst);
    TRY {
        ret = call_dissector_only(tcp_handle, tvb, pinfo, tree, data);
    }
    CATCH_ALL {
        note(tvb, pinfo, &seg, FALSE);
        RETHROW;
    }
    ENDTRY;
    note(tvb, pinfo, &seg, TRUE);
    return ret;
}

void tcp_hook_register(void)
{
    proto_tcp = proto_get_id_by_filter_name("tcp");
    tcp_handle = dissector_get_uint_handle(find_dissector_table("ip.proto"), IP_PROTO_TCP);
    hook_handle = create_dissector_handle_with_name_and_description(
        dissect_tcp_hook, -1, "x400mta_tcp", "TCP (seen by X.400 MTA analysis)");
}

void tcp_hook_sync(gboolean enabled)
{
    conv_cache = NULL;                /* the file scope that held it is gone */
    if (!tcp_handle || enabled == hooked)
        return;
    dissector_add_uint("ip.proto", IP_PROTO_TCP, enabled ? hook_handle : tcp_handle);
    hooked = enabled;
}
