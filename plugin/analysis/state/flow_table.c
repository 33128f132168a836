/* Connections by flow (the two ends, address and port, in either order),
 * for the ICMP errors that quote a segment: Wireshark gives such a frame no
 * tcp.stream, so the quoted flow names the connection.  Open addressing on
 * a hash of the ends in a fixed order, sized by what the capture has
 * (doubles at 50% load); each flow's slot holds its latest connection (a
 * new connection reusing the ports takes the slot), so a lookup costs the
 * same however many connections the capture has. */
#include "state/assoc.h"

#include <string.h>

/* One end of a flow. */
typedef struct {
    const uint8_t *addr;
    uint16_t port;
} flow_end;

static int end_order(flow_end x, flow_end y, unsigned len)
{
    int c = memcmp(x.addr, y.addr, len);
    return c ? c : (x.port > y.port) - (x.port < y.port);
}

static uint64_t end_hash(uint64_t h, flow_end x, unsigned len)
{
    uint8_t port[2] = { (uint8_t)(x.port >> 8), (uint8_t)x.port };
    return x4_hash(x4_hash(h, x.addr, len), port, sizeof port);
}

static size_t flow_slot(flow_end x, flow_end y, unsigned len, size_t cap)
{
    bool swap = end_order(x, y, len) > 0;
    uint64_t h = end_hash(end_hash(X4_HASH_INIT, swap ? y : x, len), swap ? x : y, len);
    return (size_t)(h ^ h >> 32) & (cap - 1);
}

static flow_end end_of(const x4_assoc *a, x4_dir d)
{
    return (flow_end){ x4_addr(a, d), a->port[d] };
}

/* The association's flow has these two ends, either way round. */
static bool has_ends(const x4_assoc *a, flow_end x, flow_end y, unsigned len)
{
    if (x4_addr_len(a) != len)
        return false;
    for (x4_dir d = X4_DIR_INITIATOR; d <= X4_DIR_RESPONDER; d++)
        if (!end_order(x, end_of(a, d), len) && !end_order(y, end_of(a, x4_peer(d)), len))
            return true;
    return false;
}

/* The slot of the flow x-y: the one holding it, or the empty one it would take. */
static x4_assoc **slot_for(x4_assoc **tab, size_t cap, flow_end x, flow_end y, unsigned len)
{
    for (size_t i = flow_slot(x, y, len, cap);; i = (i + 1) & (cap - 1))
        if (!tab[i] || has_ends(tab[i], x, y, len))
            return &tab[i];
}

static x4_assoc **slot_of_assoc(x4_assoc **tab, size_t cap, const x4_assoc *a)
{
    return slot_for(tab, cap, end_of(a, X4_DIR_INITIATOR), end_of(a, X4_DIR_RESPONDER),
                    x4_addr_len(a));
}

static bool grow(x4_engine *e)
{
    size_t cap = e->flow_cap ? e->flow_cap * 2 : 64;
    x4_assoc **tab = x4_eng_calloc(e, cap * sizeof *tab);
    if (!tab)
        return false;
    for (size_t i = 0; i < e->flow_cap; i++)
        if (e->flows[i])
            *slot_of_assoc(tab, cap, e->flows[i]) = e->flows[i];
    x4_eng_free(e, e->flows);
    e->flows = tab;
    e->flow_cap = cap;
    return true;
}

/* Connections are numbered in the order they are created, so the latest
 * one of a flow is the one with the highest association number. */
void x4_flow_table_add(x4_engine *e, x4_assoc *a)
{
    if ((e->flow_count + 1) * 2 > e->flow_cap && !grow(e))
        return;                       /* out of memory: ICMP errors for it go unmatched */
    x4_assoc **slot = slot_of_assoc(e->flows, e->flow_cap, a);
    if (!*slot)
        e->flow_count++;
    *slot = a;
}

x4_assoc *x4_conn_by_flow(x4_engine *e, const x4_tcp_event *ev)
{
    if (!e->flow_cap || ev->addr_len > 16)
        return NULL;
    flow_end src = { ev->src_addr, ev->src_port }, dst = { ev->dst_addr, ev->dst_port };
    return *slot_for(e->flows, e->flow_cap, src, dst, ev->addr_len);
}

void x4_flow_table_free(x4_engine *e)
{
    x4_eng_free(e, e->flows);
    e->flows = NULL;
    e->flow_cap = e->flow_count = 0;
}
