/* Association analysis: one state machine per TCP connection on an RFC1006
 * port, state per pair of hosts, and the precursors of the KB failures.
 * Inside (plugin/analysis/README.md): each frame goes through the state
 * module (state/), which emits transitions (transition.h) that the rules
 * (rules/, one per catalogue row) hear and flag.
 *
 * Pure C (no epan).  The epan glue calls it on the first pass only, frame by
 * frame in capture order:
 *
 *     x4_dir d = x4_engine_direction(e, &ev);      // who sent this frame
 *     ... decode the frame's TPKTs with x4_conn_feed_tpkt(conn, d, ...) ...
 *     x4_engine_frame(e, &ev, &info, &note);        // state + precursors
 *
 * and caches the x4_note per frame, so later passes never call it again.
 * All memory comes from the x4_alloc given at creation (wmem file scope in
 * the plugin) and is bounded: one record per connection and per pair of
 * hosts, and the fixed histories the README's "Memory" paragraph lists.
 */
#ifndef X4_ENGINE_H
#define X4_ENGINE_H

#include "osi_stack.h"
#include "catalogue.h"

/* One frame as TCP saw it.  Addresses are raw (4 or 16 bytes). */
typedef struct {
    uint32_t frame;           /* frame number, 1-based */
    double time;              /* seconds since the epoch (frame.time_epoch) */
    uint32_t stream;          /* tcp.stream: one per TCP connection */
    uint8_t addr_len;         /* 4 or 16 */
    uint8_t src_addr[16], dst_addr[16];
    uint16_t src_port, dst_port;
    bool syn, ack, fin, rst;
    uint32_t payload_len;     /* tcp.len */
    uint32_t window;          /* window the sender advertises (raw or scaled: only zero matters) */
    /* Wireshark's TCP analysis of this segment (tcp.analysis.*) */
    bool zero_window;         /* sender advertises a zero window */
    bool zero_window_probe;
    bool retransmission;      /* includes fast/spurious retransmissions */
    bool duplicate_ack;
    bool icmp_error;          /* an ICMP error quoting this flow (glue: icmp frames) */
    bool rfc1006_port;        /* one side is on an x400mta.ports port */
    /* Optional (has_seq false: the engine relies on the flags above).
     * The segment's sequence and acknowledgement numbers (raw or relative:
     * only their differences are used) let the engine tell a duplicated
     * frame from new data and count retransmissions of the same segment. */
    bool has_seq;
    uint32_t seq_num, ack_num;
} x4_tcp_event;

/* Association states, shown as x400mta.state (see x4_state_name). */
typedef enum {
    X4_ST_NONE = 0,
    X4_ST_TCP_CONNECTING,   /* "tcp-connecting": SYN seen */
    X4_ST_TCP_OPEN,         /* "tcp-open" */
    X4_ST_TP_REQUESTED,     /* "tp-requested": TP0 CR sent */
    X4_ST_TP_OPEN,          /* "tp-open": CC received */
    X4_ST_SESSION_REQUESTED,/* "session-requested": CN sent */
    X4_ST_BINDING,          /* "binding": AC seen, bind not yet answered (or RTORQ pending) */
    X4_ST_BOUND,            /* "bound" */
    X4_ST_TRANSFER,         /* "transfer": P1 APDU/activity in progress */
    X4_ST_RELEASING,        /* "releasing": FN / RLRQ sent */
    X4_ST_CLOSED,           /* "closed": orderly */
    X4_ST_REFUSED,          /* "refused" */
    X4_ST_ABORTED,          /* "aborted" */
    X4_ST_LOST,             /* "lost" */
    X4_ST_UNKNOWN,          /* "unknown": started mid-connection, layer state not known */
    X4_ST_COUNT
} x4_state;

const char *x4_state_name(x4_state s);

#define X4_NOTE_MAX_FLAGS 4
#define X4_NOTE_MAX_EVENTS 6

/* One precursor flagged on this frame. */
typedef struct {
    x4_precursor_id id;       /* row of the catalogue */
    uint32_t related_frame;   /* where its evidence began (0 = none) */
    x4_refuser refused_by;    /* connect_refused only (catalogue.h) */
    const char *reason;       /* static text, or NULL */
    double ok_wait;           /* close_before_ok: seconds from request to close */
    double retry_interval;    /* reconnect_storm: median gap, seconds */
    uint32_t count;           /* attempts, losses, retransmissions... as measured */
    x4_wording wording;       /* how message (and x400mta.resolution) are worded */
    char message[192];        /* the expert info text, complete */
} x4_flag;

/* What the engine says about one frame. */
typedef struct {
    uint32_t assoc;           /* 1-based association number (0 = not RFC1006) */
    x4_dir dir;
    x4_state state;           /* after this frame */
    unsigned n_flags;
    x4_flag flags[X4_NOTE_MAX_FLAGS];   /* meaningful up to n_flags */
} x4_note;

typedef struct x4_engine x4_engine;

x4_engine *x4_engine_new(const x4_alloc *alloc, const x4_prefs *prefs);
void x4_engine_free(x4_engine *e);

/* Direction of this frame within its connection (creates the connection on
 * first sight: the initiator is the SYN sender, else the sender of a TP0
 * CR, else the side not on the RFC1006 port). */
x4_dir x4_engine_direction(x4_engine *e, const x4_tcp_event *ev);

/* An ICMP error quotes a TCP header but Wireshark gives it no tcp.stream:
 * find the stream of the latest connection with the quoted segment's
 * addresses and ports (either way round).  Fill ev from the quoted header,
 * set *stream into ev->stream, set icmp_error, and feed it as a frame.
 * Returns false when no RFC1006 connection matches. */
bool x4_engine_flow_stream(x4_engine *e, const x4_tcp_event *ev, uint32_t *stream);

/* The caller's own pointer for the association of `stream` (the plugin
 * keeps the connection's decoder state there), NULL when the engine has no
 * association for it.  The engine never looks at it. */
void **x4_engine_user(x4_engine *e, uint32_t stream);

/* Feed one frame (after its TPKTs were decoded into *info, which may be
 * empty) and get its annotation. */
void x4_engine_frame(x4_engine *e, const x4_tcp_event *ev,
                     const x4_frame_info *info, x4_note *note);

#endif
