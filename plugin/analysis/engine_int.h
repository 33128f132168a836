/* Engine internals shared by its files: per-connection state (x4_assoc),
 * per-host-pair state (x4_pair) and the frame context the rules read. */
#ifndef X4_ENGINE_INT_H
#define X4_ENGINE_INT_H

#include "engine.h"
#include "pdu_class.h"

/* Bounds (memory per capture: one x4_assoc per RFC1006 connection, one
 * x4_pair per pair of hosts, these fixed-size histories per pair). */
#define X4_ENGINE_MAX_MTSIDS   256  /* MTS identifiers remembered per pair of hosts */
#define X4_ENGINE_MAX_ATTEMPTS 16   /* attempt history per (initiator, responder port) */
/* Per-pair histories are allocated when first needed: most pairs of hosts
 * (one per client in a busy capture) never need a storm or MTSID history. */
#define X4_ENGINE_MAX_TRACKERS 4    /* responder ports tracked per pair of hosts */
#define X4_ENGINE_MAX_FLAPS    32   /* recent losses/refusals per pair of hosts */

typedef struct x4_pair x4_pair;
typedef struct x4_assoc x4_assoc;

/* Which layer's connect request is waiting for its confirm. */
typedef enum { REQ_NONE, REQ_TP0, REQ_SESSION } x4_req_layer;

/* How an attempt to connect turned out (reconnect_storm). */
typedef enum { ATT_PENDING, ATT_FAILED, ATT_SUCCEEDED } x4_outcome;

/* Flow control per sending direction (ndata_after_flow_error). */
typedef enum { FLOW_IDLE, FLOW_ZERO, FLOW_ERROR, FLOW_DONE } x4_flow_phase;

typedef struct {
    x4_flow_phase phase;
    bool sender_pending;      /* the sender had data to send when the window closed */
    uint32_t zero_frame;      /* the receiver's zero-window frame */
    uint32_t probes;          /* zero-window probes since */
    uint8_t error;            /* what the error was (rule_flow.c) */
} x4_flow;

struct x4_assoc {
    uint32_t stream, assoc;
    uint8_t addr_len;
    uint8_t addr[2][16];      /* [X4_DIR_INITIATOR], [X4_DIR_RESPONDER] */
    uint16_t port[2];
    x4_pair *pair;
    x4_assoc *pair_prev, *pair_next; /* the pair's open associations */

    x4_state state;           /* what x400mta.state shows */
    uint32_t state_frame;     /* the frame that brought the current state */
    uint32_t transfer_frame;  /* first frame of data transfer (bind result or P1) */
    bool known;               /* saw the connect (SYN, CR or CN): order rules apply */
    bool seen[2];             /* frames seen from each direction */
    bool x400, not_osi;       /* evidence from the decoders */
    bool reached_transfer;    /* bound or carried P1/RTSE data */
    bool rt_requested, rt_accepted;
    bool released;            /* orderly release completed */
    bool ended;               /* transport gone (RST, or FIN after the end) */
    bool fin[2];
    uint32_t flagged;         /* precursors already flagged once on this association */

    x4_req_layer req;         /* connect waiting for its confirm */
    x4_dir req_dir;           /* who asked: the initiator, unless a capture
                                 without the SYN got the roles backwards */
    uint32_t req_frame;
    double req_time;
    bool init_closed;         /* initiator closed while a request was pending */
    bool cr_seen;             /* a TP0 CR was seen (a second one is a state error) */
    bool maybe_ok;            /* the responder answered a request with bytes we
                                 could not decode: it may have been the confirm */
    x4_req_layer closed_req;  /* the request the initiator gave up on */
    uint32_t close_frame;
    double close_time;

    uint32_t syn_frame;       /* first SYN: start of this attempt */
    double syn_time;
    uint32_t syn_retrans;     /* SYN retransmissions: no answer yet */
    bool synack;
    int tracker, attempt;     /* slot in the pair's attempt history (-1 none) */
    x4_outcome outcome;

    /* Loss: retransmissions of one segment per direction, data unacknowledged. */
    uint32_t retrans[2];
    uint32_t retrans_seq[2];
    uint32_t retrans_frame[2];
    bool outstanding[2];
    uint32_t outstanding_frame[2];      /* payload sent, not yet acknowledged by the peer */
    uint32_t next_seq[2];     /* with has_seq: end of the highest payload */

    x4_flow flow[2];          /* by sending direction */
    uint32_t interrupts;      /* activity interrupts/discards: RTSE may resend */
    uint64_t mta_hash[2];     /* MTA names from the bind (0 = not known) */
};

typedef struct {
    double time;
    uint32_t frame;
    x4_outcome outcome;
    x4_assoc *assoc;          /* the connection of this attempt */
} x4_attempt;

/* Attempts from one side of the pair to one responder port. */
typedef struct {
    bool used;
    uint8_t initiator;        /* 0: pair->addr[0] initiates, 1: addr[1] */
    uint16_t port;
    uint32_t total;           /* attempts ever; ring index = n % MAX */
    x4_attempt ring[X4_ENGINE_MAX_ATTEMPTS];
    bool storm_flagged;       /* current run already flagged */
    double last_used;
} x4_tracker;

/* Recent losses and refusals between two hosts (network_flapping). */
typedef struct {
    double time[X4_ENGINE_MAX_FLAPS];
    uint32_t frame[X4_ENGINE_MAX_FLAPS];
    unsigned n;
    bool flapping;            /* flagged; cleared when the window empties */
} x4_flaps;

typedef struct {
    uint64_t hash;            /* sender + MTS identifier */
    x4_assoc *assoc;
    uint32_t frame, interrupts;
} x4_mtsid_entry;

struct x4_pair {
    uint8_t addr_len;
    uint8_t addr[2][16];      /* ordered: addr[0] < addr[1] */
    x4_pair *next;            /* hash chain */
    x4_assoc *open;           /* associations not yet ended */
    x4_tracker *trackers[X4_ENGINE_MAX_TRACKERS]; /* allocated on first attempt */
    x4_flaps *flaps;          /* allocated on the first loss or refusal */
    x4_mtsid_entry *mtsids;   /* grows by doubling up to X4_ENGINE_MAX_MTSIDS */
    unsigned mtsid_cap, n_mtsids, mtsid_next;
};

struct x4_engine {
    x4_alloc alloc;
    x4_prefs prefs;
    uint32_t n_assocs;
    x4_assoc **conns;         /* open addressing by stream */
    size_t conn_cap, conn_count;
    x4_pair **pairs;          /* chained by address hash */
    size_t pair_cap, pair_count;
};

/* One frame being analysed. */
typedef struct {
    x4_engine *e;
    x4_assoc *a;
    const x4_tcp_event *ev;
    const x4_frame_info *info;
    x4_note *note;
    x4_dir dir;
    bool osi;                 /* decoded PDUs count (not a retransmission) */
} x4_ctx;

/* FNV-1a, for MTS identifiers and MTA names (0 is kept for "none"). */
uint64_t x4_hash(uint64_t h, const void *data, size_t len);
#define X4_HASH_INIT 1469598103934665603ull

/* The side that asked for the pending (or last) connect. */
static inline x4_dir x4_asker(const x4_assoc *a)
{
    return a->req_frame ? a->req_dir : X4_DIR_INITIATOR;
}

/* allocation */
void *x4_eng_calloc(x4_engine *e, size_t n);
void x4_eng_free(x4_engine *e, void *p);

/* conn_table.c */
x4_assoc *x4_conn_find(x4_engine *e, uint32_t stream);
x4_assoc *x4_conn_add(x4_engine *e, const x4_tcp_event *ev);
x4_assoc *x4_conn_by_flow(x4_engine *e, const x4_tcp_event *ev);
void x4_conn_table_free(x4_engine *e);

/* host_pairs.c */
x4_pair *x4_pair_get(x4_engine *e, const x4_assoc *a);
void x4_pair_open(x4_pair *p, x4_assoc *a);
void x4_pair_close(x4_pair *p, x4_assoc *a);
void x4_pair_table_free(x4_engine *e);
/* Index (0/1) of the association's initiator within its pair. */
unsigned x4_pair_side(const x4_pair *p, const x4_assoc *a);

/* flags.c */
x4_flag *x4_flag_add(x4_ctx *c, x4_precursor_id id, uint32_t related);
void x4_flag_message(x4_flag *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool x4_once(x4_assoc *a, x4_precursor_id id); /* true the first time */
/* "30.0 s", or "0.098 s" below one second (a refusal takes milliseconds). */
typedef struct { char s[24]; } x4_secs_text;
x4_secs_text x4_secs(double seconds);

/* assoc_state.c: layer transitions from the frame's PDUs */
void x4_state_pdus(x4_ctx *c);
void x4_state_tcp(x4_ctx *c);
void x4_state_tcp_close(x4_ctx *c);
/* The association is over at state st (terminal): leave the pair's open
 * list, settle the attempt as failed unless it had succeeded. */
void x4_assoc_end(x4_ctx *c, x4_state st);
bool x4_state_terminal(x4_state s);

/* rules */
void x4_rule_state_check(x4_ctx *c, x4_pdu_kind k, const x4_pdu_class *pc);
void x4_rule_refusal(x4_ctx *c);
void x4_rule_tcp_refusal(x4_ctx *c);
bool x4_rule_close_before_ok(x4_ctx *c);
void x4_rule_late_ok(x4_ctx *c);
void x4_rule_abort(x4_ctx *c);
void x4_rule_loss_tcp(x4_ctx *c);
bool x4_rule_loss_reset(x4_ctx *c);
void x4_rule_closed_without_release(x4_ctx *c);
void x4_rule_flow(x4_ctx *c);
void x4_rule_mtsids(x4_ctx *c);
void x4_attempt_start(x4_ctx *c);
void x4_attempt_outcome(x4_ctx *c, x4_assoc *a, x4_outcome o);
void x4_flap_event(x4_ctx *c);

#endif
