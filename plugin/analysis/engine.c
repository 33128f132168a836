/* The engine's entry points: connections by stream, the frame pipeline
 * (TCP open, flow and loss, OSI PDUs, TCP close) and the state names. */
#include "engine_int.h"

#include <string.h>

static const char *const state_names[X4_ST_COUNT] = {
    [X4_ST_NONE] = "none",
    [X4_ST_TCP_CONNECTING] = "tcp-connecting",
    [X4_ST_TCP_OPEN] = "tcp-open",
    [X4_ST_TP_REQUESTED] = "tp-requested",
    [X4_ST_TP_OPEN] = "tp-open",
    [X4_ST_SESSION_REQUESTED] = "session-requested",
    [X4_ST_BINDING] = "binding",
    [X4_ST_BOUND] = "bound",
    [X4_ST_TRANSFER] = "transfer",
    [X4_ST_RELEASING] = "releasing",
    [X4_ST_CLOSED] = "closed",
    [X4_ST_REFUSED] = "refused",
    [X4_ST_ABORTED] = "aborted",
    [X4_ST_LOST] = "lost",
    [X4_ST_UNKNOWN] = "unknown",
};

const char *x4_state_name(x4_state s)
{
    return (unsigned)s < X4_ST_COUNT ? state_names[s] : "unknown";
}

void *x4_eng_calloc(x4_engine *e, size_t n)
{
    void *p = e->alloc.realloc(e->alloc.ctx, NULL, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void x4_eng_free(x4_engine *e, void *p)
{
    if (p)
        e->alloc.realloc(e->alloc.ctx, p, 0);
}

x4_engine *x4_engine_new(const x4_alloc *alloc, const x4_prefs *prefs)
{
    void *mem = alloc->realloc(alloc->ctx, NULL, sizeof(x4_engine));
    if (!mem)
        return NULL;
    x4_engine *e = memset(mem, 0, sizeof(x4_engine));
    e->alloc = *alloc;
    if (prefs)
        e->prefs = *prefs;
    else
        x4_prefs_default(&e->prefs);
    x4_prefs_sanitize(&e->prefs);
    return e;
}

void x4_engine_free(x4_engine *e)
{
    if (!e)
        return;
    x4_conn_table_free(e);
    x4_pair_table_free(e);
    x4_eng_free(e, e);
}

/* The server side of a connection first seen without a SYN: the RFC1006
 * well-known port, else the lower port (clients use ephemeral ports). */
static bool dst_is_server(const x4_tcp_event *ev)
{
    if (ev->syn)
        return !ev->ack;
    if (ev->dst_port == X4_TCP_PORT_RFC1006 || ev->src_port == X4_TCP_PORT_RFC1006)
        return ev->dst_port == X4_TCP_PORT_RFC1006;
    return ev->dst_port <= ev->src_port;
}

static void set_roles(x4_assoc *a, const x4_tcp_event *ev)
{
    x4_dir src = dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
    a->addr_len = ev->addr_len <= 16 ? ev->addr_len : 16;
    memcpy(a->addr[src], ev->src_addr, a->addr_len);
    memcpy(a->addr[!src], ev->dst_addr, a->addr_len);
    a->port[src] = ev->src_port;
    a->port[!src] = ev->dst_port;
}

static x4_assoc *create(x4_engine *e, const x4_tcp_event *ev)
{
    x4_assoc *a = x4_conn_add(e, ev);
    if (!a)
        return NULL;
    a->assoc = ++e->n_assocs;
    set_roles(a, ev);
    /* A SYN-ACK first (the SYN not captured) still shows a new connection. */
    a->state = !ev->syn ? X4_ST_UNKNOWN : ev->ack ? X4_ST_TCP_OPEN : X4_ST_NONE;
    a->known = ev->syn;
    a->pair = x4_pair_get(e, a);
    if (a->pair)
        x4_pair_open(a->pair, a);
    return a;
}

static x4_dir dir_of(const x4_assoc *a, const x4_tcp_event *ev)
{
    bool init = ev->src_port == a->port[X4_DIR_INITIATOR] &&
                memcmp(ev->src_addr, a->addr[X4_DIR_INITIATOR], a->addr_len) == 0;
    return init ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
}

x4_dir x4_engine_direction(x4_engine *e, const x4_tcp_event *ev)
{
    x4_assoc *a = x4_conn_find(e, ev->stream);
    if (!a && ev->rfc1006_port)
        a = create(e, ev);
    if (!a)
        return dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
    return dir_of(a, ev);
}

bool x4_engine_flow_stream(x4_engine *e, const x4_tcp_event *ev, uint32_t *stream)
{
    x4_assoc *a = x4_conn_by_flow(e, ev);
    if (a)
        *stream = a->stream;
    return a != NULL;
}

/* A frame whose bytes were seen before: Wireshark's retransmission flag, or
 * (with sequence numbers) payload wholly below what this side already sent. */
static bool repeated_bytes(const x4_assoc *a, const x4_tcp_event *ev, x4_dir d)
{
    if (ev->retransmission)
        return true;
    if (!ev->has_seq || !ev->payload_len || !a->next_seq[d])
        return false;
    return (int32_t)(ev->seq_num + ev->payload_len - a->next_seq[d]) <= 0;
}

void x4_engine_frame(x4_engine *e, const x4_tcp_event *ev,
                     const x4_frame_info *info, x4_note *note)
{
    memset(note, 0, sizeof *note);
    x4_assoc *a = x4_conn_find(e, ev->stream);
    if (!a && ev->rfc1006_port)
        a = create(e, ev);
    if (!a) {
        note->dir = dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
        return;
    }
    x4_ctx c = { .e = e, .a = a, .ev = ev, .info = info, .note = note,
                 .dir = dir_of(a, ev) };
    c.osi = info && !repeated_bytes(a, ev, c.dir);
    note->assoc = a->assoc;
    note->dir = c.dir;
    if (ev->icmp_error) {
        /* An ICMP error quoting this flow: its TCP header is the quoted
         * segment's, so it only matters as a flow-control error. */
        x4_rule_flow(&c);
        note->state = a->state;
        return;
    }
    a->seen[c.dir] = true;

    x4_state before = a->state;
    x4_state_tcp(&c);        /* SYN, SYN-ACK */
    x4_rule_flow(&c);        /* zero window, errors, NDATA */
    x4_rule_loss_tcp(&c);    /* retransmissions, acknowledgements */
    if (c.osi)
        x4_state_pdus(&c);   /* TP0 ... P1, refusals, state checks, MTSIDs */
    x4_state_tcp_close(&c);  /* FIN, RST */
    if (a->reached_transfer && !a->transfer_frame)
        a->transfer_frame = ev->frame;
    if (a->state != before)
        a->state_frame = ev->frame;
    note->state = a->state;
}
