/* The association state: what the analysis knows of each RFC1006
 * connection (x4_assoc) and of each pair of hosts (x4_pair), and the state
 * module's entry points.
 *
 * Only the files of plugin/analysis/state/ assign these fields.  The rules
 * (plugin/analysis/rules/) read them through const pointers, keep what else
 * they need in their own data (x4_pair.rule_data), and hear of changes only
 * as transitions (transition.h).  The one exception is x4_assoc.marks, the
 * precursors already flagged once, which belongs to rules/flags.c.
 *
 * The compiler checks it: every field the state module owns is declared
 * X4_SF, and the build compiles every other analysis file a second time
 * with X4_STATE_READONLY (target x400analysis_state_readonly), where X4_SF
 * is const, so a write outside state/ does not compile. */
#ifndef X4_STATE_ASSOC_H
#define X4_STATE_ASSOC_H

#include "engine.h"
#include "state/assoc_index.h"
#include "targets.h"
#include "transition.h"

#ifdef X4_STATE_READONLY
#define X4_SF const
#else
#define X4_SF
#endif

/* Bounds (memory per capture: one x4_assoc per RFC1006 connection, one
 * x4_pair per pair of hosts). */
#define X4_TARGET_CONNECTS 16 /* latest attempts per connect target checked for abandonment */

typedef struct x4_pair x4_pair;
typedef struct x4_assoc x4_assoc;
typedef struct x4_rule_data_node x4_rule_data_node;   /* rules/dispatch.c */

/* Flow control per sending direction (ndata_after_flow_error). */
typedef enum { X4_FLOW_IDLE, X4_FLOW_ZERO, X4_FLOW_ERROR, X4_FLOW_DONE } x4_flow_phase;

/* The enumerations below are stored in one byte each (the type they hold
 * is named beside them): an x4_assoc lives as long as the capture, one per
 * RFC1006 connection, so its fields are ordered by size to leave no holes. */
typedef struct {
    X4_SF uint32_t zero_frame;      /* the receiver's zero-window frame */
    X4_SF uint32_t probes;          /* zero-window probes since */
    X4_SF uint8_t phase;            /* x4_flow_phase */
    X4_SF uint8_t error;            /* x4_flow_error: what the error was (phase ERROR, DONE) */
    X4_SF bool sender_pending;      /* the sender had data to send when the window closed */
} x4_flow;

/* What TCP trouble an association has had: retransmissions of one segment
 * per direction and flow control by sending direction.  Most associations
 * have none, so it is allocated on the first retransmission or zero window
 * (x4_trouble_of in state/); read it with x4_trouble. */
typedef struct {
    X4_SF uint32_t retrans[2];      /* retransmissions of retrans_seq, unacknowledged */
    X4_SF uint32_t retrans_seq[2];
    X4_SF uint32_t retrans_frame[2];
    X4_SF x4_flow flow[2];          /* by sending direction */
} x4_tcp_trouble;

struct x4_assoc {
    x4_pair *X4_SF pair;            /* never NULL: it holds the addresses */
    x4_assoc *X4_SF pair_prev, *X4_SF pair_next; /* the pair's open associations */
    void *user;                     /* the engine's caller's (x4_engine_user) */
    X4_SF x4_tcp_trouble *X4_SF trouble;  /* NULL: none yet (x4_trouble) */
    X4_SF uint64_t mta_hash[2];     /* MTA names from the bind (0 = not known) */

    X4_SF double req_time;          /* of req_frame */
    X4_SF double close_time;        /* of close_frame */
    X4_SF double syn_time;          /* of syn_frame */

    X4_SF uint32_t stream, assoc;
    X4_SF uint32_t state_frame;     /* the frame that brought the current state */
    X4_SF uint32_t transfer_frame;  /* first frame of data transfer (bind result or P1) */
    X4_SF uint32_t req_frame;       /* the connect waiting for its confirm */
    X4_SF uint32_t close_frame;     /* the asker's close while it waited */
    X4_SF uint32_t syn_frame;       /* first SYN: start of this attempt */
    X4_SF uint32_t syn_retrans;     /* SYN retransmissions: no answer yet */

    /* Data unacknowledged, per direction. */
    X4_SF uint32_t outstanding_frame[2];      /* payload sent, not yet acknowledged by the peer */
    X4_SF uint32_t next_seq[2];     /* with has_seq: end of the highest payload */
    X4_SF uint32_t interrupts;      /* activity interrupts/discards: RTSE may resend */
    uint32_t marks;                 /* rules/flags.c: precursors flagged once here */

    X4_SF uint16_t port[2];         /* [X4_DIR_INITIATOR], [X4_DIR_RESPONDER] */
    X4_SF uint8_t side;             /* the initiator's is x4_pair_addr(pair, side) (x4_addr) */

    X4_SF uint8_t state;            /* x4_state: what x400mta.state shows */
    X4_SF uint8_t req;              /* x4_req_layer: connect waiting for its confirm */
    X4_SF uint8_t req_dir;          /* x4_dir: who asked: the initiator, unless a capture
                                       without the SYN got the roles backwards */
    X4_SF uint8_t closed_req;       /* x4_req_layer: the request the asker gave up on */
    X4_SF uint8_t outcome;          /* x4_outcome: of the attempt this connection is */
    X4_SF bool known;               /* saw the connect (SYN, CR or CN): order rules apply */
    X4_SF bool seen[2];             /* frames seen from each direction */
    X4_SF bool x400, not_osi;       /* evidence from the decoders */
    X4_SF bool reached_transfer;    /* bound or carried P1/RTSE data */
    X4_SF bool rt_requested, rt_accepted;
    X4_SF bool released;            /* orderly release completed */
    X4_SF bool ended;               /* transport gone (RST, or FIN after the end) */
    X4_SF bool fin[2];
    X4_SF bool init_closed;         /* the asker closed while its request was pending */
    X4_SF bool cr_seen;             /* a TP0 CR was seen (a second one is a state error) */
    X4_SF bool maybe_ok;            /* the responder answered a request with bytes we
                                       could not decode: it may have been the confirm */
    X4_SF bool outstanding[2];
};

/* The latest connect attempts of a pair to one target (targets.h): when
 * the host tries the target again, the ones still without a SYN-ACK may be
 * abandoned. */
typedef struct {
    x4_assoc **X4_SF ring;      /* the latest attempts (targets.h history) */
    X4_SF double last_used;     /* time of the latest attempt */
    X4_SF uint32_t n;           /* attempts since the slot was taken */
    X4_SF uint16_t port;        /* responder port */
    X4_SF uint8_t side;         /* 0: the pair's addr[0] initiates, 1: addr[1] */
    X4_SF uint8_t cap;          /* of ring[]: grows to X4_TARGET_CONNECTS */
} x4_connect_target;

struct x4_pair {
    x4_pair *X4_SF next;            /* hash chain */
    x4_assoc *X4_SF open;           /* associations not yet ended */
    /* Its connect targets, by slot in the order they were taken: most pairs
     * connect to one, so the array grows (x4_history_room, to X4_TARGETS)
     * only when needed. */
    x4_connect_target *X4_SF targets;
    x4_rule_data_node *rule_data;   /* the rules' own data for this pair (rules/dispatch.c) */
    X4_SF uint8_t n_targets, targets_cap;
    X4_SF uint8_t addr_len;         /* 4 or 16 (at most 16) */
    X4_SF uint8_t addr[];           /* two addresses of addr_len bytes, the lower first
                                       (x4_pair_addr): an IPv4 pair is 48 bytes */
};

struct x4_engine {
    x4_alloc alloc;
    x4_prefs prefs;
    uint32_t n_assocs;
    x4_assoc_index conns;     /* by stream */
    x4_assoc_index flows;     /* by flow: the latest connection of each */
    x4_pair **pairs;          /* chained by address hash */
    size_t pair_cap, pair_count;
};

/* One frame going through the state module. */
typedef struct {
    x4_engine *e;
    x4_assoc *a;
    const x4_tcp_event *ev;
    const x4_frame_info *info;
    x4_note *note;
    x4_dir dir;
    bool osi;                 /* decoded PDUs count (not a retransmission) */
} x4_frame;

/* FNV-1a, for MTS identifiers and MTA names (0 is kept for "none"). */
uint64_t x4_hash(uint64_t h, const void *data, size_t len);
#define X4_HASH_INIT 1469598103934665603ull

bool x4_state_terminal(x4_state s);

/* The address of the association's initiator or responder: the pair keeps
 * the two, so an association holds only which one is its initiator's. */
static inline const uint8_t *x4_pair_addr(const x4_pair *p, unsigned i)
{
    return p->addr + i * p->addr_len;
}

static inline const uint8_t *x4_addr(const x4_assoc *a, x4_dir d)
{
    return x4_pair_addr(a->pair, a->side ^ (unsigned)d);
}

static inline unsigned x4_addr_len(const x4_assoc *a)
{
    return a->pair->addr_len;
}

/* The association's TCP trouble, all zero (no retransmission, every flow
 * idle) when it has had none. */
extern const x4_tcp_trouble x4_no_trouble;
static inline const x4_tcp_trouble *x4_trouble(const x4_assoc *a)
{
    return a->trouble ? a->trouble : &x4_no_trouble;
}

/* The side that asked for the pending (or last) connect. */
static inline x4_dir x4_asker(const x4_assoc *a)
{
    return a->req_frame ? a->req_dir : X4_DIR_INITIATOR;
}

static inline x4_dir x4_peer(x4_dir d)
{
    return d == X4_DIR_INITIATOR ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
}

/* allocation (engine.c) */
void *x4_eng_calloc(x4_engine *e, size_t n);
void x4_eng_free(x4_engine *e, void *p);

/* conn_table.c: connections by tcp.stream */
x4_assoc *x4_conn_find(x4_engine *e, uint32_t stream);
x4_assoc *x4_conn_add(x4_engine *e, uint32_t stream);
void x4_conn_table_free(x4_engine *e);

/* flow_table.c: connections by flow (addresses and ports, either way round) */
void x4_flow_table_add(x4_engine *e, x4_assoc *a);
/* The latest connection with the flow of ev, NULL when none. */
x4_assoc *x4_conn_by_flow(x4_engine *e, const x4_tcp_event *ev);
void x4_flow_table_free(x4_engine *e);

/* host_pairs.c: state per pair of hosts */
/* The pair of hosts init and resp (len bytes each); *side gets the index
 * of init in its addr[] (0 when both are the same host). */
x4_pair *x4_pair_get(x4_engine *e, const uint8_t *init, const uint8_t *resp, unsigned len,
                     uint8_t *side);
void x4_pair_open(x4_pair *p, x4_assoc *a);
void x4_pair_close(x4_pair *p, x4_assoc *a);
void x4_pair_table_free(x4_engine *e);

/* open.c: new connections, roles, the TCP handshake and connect attempts */
x4_assoc *x4_state_create(x4_engine *e, const x4_tcp_event *ev);
x4_dir x4_state_dir(const x4_assoc *a, const x4_tcp_event *ev);
/* The server side of a connection first seen without a SYN. */
bool x4_state_dst_is_server(const x4_tcp_event *ev);
void x4_state_tcp_open(x4_frame *f);

/* tcp_data.c: the association's trouble to change, allocated on first use
 * (NULL when memory ran out: the trouble then goes untracked) */
x4_tcp_trouble *x4_trouble_of(x4_engine *e, x4_assoc *a);
/* tcp_data.c: acknowledgements, retransmissions, what counts as new bytes */
bool x4_state_repeated_bytes(const x4_assoc *a, const x4_tcp_event *ev, x4_dir d);
void x4_state_tcp_data(x4_frame *f);

/* flow.c: zero windows and the errors that follow them */
void x4_state_flow(x4_frame *f);

/* osi.c: the layers' transitions from the frame's decoded PDUs */
void x4_state_pdus(x4_frame *f);

/* tcp_close.c: FIN and RST */
void x4_state_tcp_close(x4_frame *f);

/* ending.c: the end of an association and the outcome of its attempt */
void x4_state_end(x4_frame *f, x4_assoc *a, x4_state st, x4_end why);
void x4_state_settle(x4_frame *f, x4_assoc *a, x4_outcome o);
/* The asker closed (FIN, RST, TP0 DR) while its request waited: the attempt
 * failed and the association is over. */
void x4_state_give_up(x4_frame *f);

/* frame.c: one frame through the whole state module */
void x4_state_frame(x4_frame *f);

/* rules/dispatch.c: hand a transition about `about` to the rules */
void x4_emit(x4_frame *f, x4_assoc *about, const x4_transition *t);
/* The rules' data of a pair, freed with it. */
void x4_rules_free_pair(x4_engine *e, x4_pair *p);

#endif
