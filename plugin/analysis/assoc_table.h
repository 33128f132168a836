/* Per-association statistics: one row per association, summed from the
 * per-frame annotations (the cached records the tap "x400mta" delivers).
 *
 * Pure C (no epan): the glue turns each tapped frame into an x4_at_frame
 * and prints the rows; cmocka tests feed hand-written frames.  Frames may
 * arrive in any pass, but each frame once per run (x4_at_reset between runs).
 */
#ifndef X4_ASSOC_TABLE_H
#define X4_ASSOC_TABLE_H

#include "engine.h"

/* TCP facts of a frame the annotation does not carry (x4_at_frame.tcp). */
enum {
    X4_AT_SYN = 1 << 0,
    X4_AT_FIN = 1 << 1,
    X4_AT_RST = 1 << 2,
    X4_AT_ICMP = 1 << 3,   /* an ICMP error quoting the flow: not the peers' own frame */
    X4_AT_RETRANSMISSION = 1 << 4
};

#define X4_AT_ADDR_MAX 64  /* "[ipv6]:port" */

/* One frame, as the tap delivers it. */
typedef struct {
    uint32_t assoc;            /* 1-based; 0 is ignored */
    uint32_t frame;
    double time;               /* seconds (any origin, the same for every frame) */
    x4_dir dir;
    x4_state state;            /* after this frame */
    x4_mode mode;
    unsigned tcp;              /* X4_AT_* */
    uint32_t payload_len;      /* TCP payload bytes */
    const char *src_host, *dst_host;   /* sender and receiver addresses */
    uint16_t src_port, dst_port;
    const uint16_t *pdus;      /* x4_pdu_kind, wire order */
    unsigned n_pdus;
    const char *const *mtas;   /* MTA names of the P1 bind in this frame (sender's) */
    unsigned n_mtas;
    const char *calling_tsap, *called_tsap;  /* of a TP0 CR or CC, or NULL */
    const x4_flag *flags;
    unsigned n_flags;
} x4_at_frame;

typedef struct {
    uint32_t assoc;            /* 0: never seen (a gap) */
    char initiator_host[X4_AT_ADDR_MAX], responder_host[X4_AT_ADDR_MAX];
    uint16_t initiator_port, responder_port;
    char calling_tsap[X4_TSAP_MAX + 1], called_tsap[X4_TSAP_MAX + 1];
    char mta[2][X4_MTA_NAME_MAX + 1];  /* [x4_dir]: initiator's, responder's */
    x4_mode mode;              /* last known */
    x4_state state;            /* after the last frame */
    char ended[112];           /* first ending event, in words ("" = none yet) */
    uint32_t frames[2], pdus[2];       /* [x4_dir]; pdus counts TP0 TPDUs */
    uint64_t bytes[2];                 /* TCP payload bytes */
    uint32_t p1_transfers;     /* P1 messages, reports and probes */
    uint32_t first_frame, last_frame;
    double first_time, last_time;
    uint32_t flag_count[X4_P_COUNT];
    uint32_t flag_first_frame[X4_P_COUNT];
} x4_assoc_row;

typedef struct {
    x4_assoc_row *rows;        /* rows[i].assoc == i + 1 when seen */
    unsigned n_rows, cap;
} x4_assoc_table;

void x4_at_init(x4_assoc_table *t);
void x4_at_reset(x4_assoc_table *t);   /* empty again, memory freed */

/* Add one frame.  Returns false (and adds nothing) when out of memory or
 * frame->assoc is 0. */
bool x4_at_add(x4_assoc_table *t, const x4_at_frame *frame);

/* The row of association `assoc`, or NULL when not seen. */
const x4_assoc_row *x4_at_row(const x4_assoc_table *t, uint32_t assoc);

/* How the association ended: row->ended, or when nothing ended it,
 * "no answer" (SYN never answered) or "open at capture end". */
const char *x4_at_ended(const x4_assoc_row *row);

/* Duration in seconds, first to last frame. */
double x4_at_duration(const x4_assoc_row *row);

/* The row's precursors "id,id(n),..." in catalogue order ("" when none). */
void x4_at_precursors(const x4_assoc_row *row, char *out, size_t size);

/* Precursors per pair of hosts (unordered), pairs in order of first association. */
typedef struct {
    char host[2][X4_AT_ADDR_MAX];
    uint32_t assocs;
    uint32_t flag_count[X4_P_COUNT];
} x4_at_pair;

/* Fills *pairs (malloc'd, caller frees) and returns how many; 0 and NULL
 * when there is none or memory ran out. */
unsigned x4_at_pairs(const x4_assoc_table *t, x4_at_pair **pairs);

/* Totals of the whole table: flags per precursor, associations with it. */
void x4_at_totals(const x4_assoc_table *t, uint32_t counts[X4_P_COUNT],
                  uint32_t assocs[X4_P_COUNT]);

#endif
