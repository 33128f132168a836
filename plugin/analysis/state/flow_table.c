/* Connections by flow (the two ends, address and port, in either order),
 * for the ICMP errors that quote a segment: Wireshark gives such a frame no
 * tcp.stream, so the quoted flow names the connection.  An association
 * index (assoc_index.h) on a hash of the ends in a fixed order; each flow's
 * slot holds its latest connection (a new connection reusing the ports
 * takes the slot), so a lookup costs the same however many connections the
 * capture has. */
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

/* The flow x-y, for a probe: addresses of len bytes. */
typedef struct {
    flow_end x, y;
    unsigned len;
} flow_key;

static bool has_flow(const x4_assoc *a, const void *key)
{
    const flow_key *k = key;
    return has_ends(a, k->x, k->y, k->len);
}

static flow_key key_of(const x4_assoc *a)
{
    return (flow_key){ end_of(a, X4_DIR_INITIATOR), end_of(a, X4_DIR_RESPONDER), x4_addr_len(a) };
}

static size_t home_of(const x4_assoc *a, size_t cap)
{
    flow_key k = key_of(a);
    return flow_slot(k.x, k.y, k.len, cap);
}

/* The slot of the flow: the one holding it, or the empty one it would take. */
static x4_assoc **slot_for(const x4_assoc_index *ix, const flow_key *k)
{
    return x4_index_probe(ix, flow_slot(k->x, k->y, k->len, ix->cap), has_flow, k);
}

/* Connections are numbered in the order they are created, so the latest
 * one of a flow is the one with the highest association number. */
void x4_flow_table_add(x4_engine *e, x4_assoc *a)
{
    if (!x4_index_room(e, &e->flows, home_of))
        return;                       /* out of memory: ICMP errors for it go unmatched */
    flow_key k = key_of(a);
    x4_assoc **slot = slot_for(&e->flows, &k);
    if (*slot)
        *slot = a;                    /* a new connection on the ports of an older one */
    else
        x4_index_put_new(&e->flows, slot - e->flows.slots, a);
}

x4_assoc *x4_conn_by_flow(x4_engine *e, const x4_tcp_event *ev)
{
    if (!e->flows.cap || ev->addr_len > 16)
        return NULL;
    flow_key k = { { ev->src_addr, ev->src_port }, { ev->dst_addr, ev->dst_port }, ev->addr_len };
    return *slot_for(&e->flows, &k);
}

void x4_flow_table_free(x4_engine *e)
{
    x4_index_free(e, &e->flows);
}
