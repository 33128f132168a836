/* The rules: one per precursor, in the table beside the catalogue
 * (rules/table.c).
 * A rule is a handler over the transitions it hears (transition.h); it reads
 * the association through a const pointer, keeps anything else it needs in
 * its own data for the pair of hosts, and flags.  It never changes state.
 *
 * Adding a precursor:
 *   1. its id in catalogue.h (x4_precursor_id) and its row in catalogue.c
 *      (KB, events, texts, expert group and severity);
 *   2. one file rules/<id>.c defining `const x4_rule x4_rule_<id>`, its row
 *      in rules/table.c and its line in CMakeLists.txt's source list;
 *   3. its tests in tests/analysis.
 * Nothing else: the dispatcher, the expert infos, the fields and the
 * statistics read the catalogue.  If the rule needs a fact the state module
 * does not emit yet, add the transition there (state/ only tracks state). */
#ifndef X4_RULE_H
#define X4_RULE_H

#include "state/assoc.h"

typedef struct {
    const x4_prefs *prefs;
    const x4_alloc *alloc;        /* for the rule's own data */
    const x4_assoc *a;            /* the association the transition is about */
    const x4_tcp_event *ev;       /* the frame (an ICMP error: the flow it quotes) */
    const x4_frame_info *info;    /* what the frame's TPKTs decoded to (NULL: none) */
    x4_dir dir;                   /* who sent the frame */
    x4_pair *pair;                /* a's pair of hosts (NULL: none): see x4_rule_data */
    unsigned rule;                /* the precursor whose rule this is */
    x4_note *note;                /* flags.c: the frame's flags */
    uint32_t *marks;              /* flags.c: what was flagged once on a */
} x4_rule_ctx;

typedef struct x4_rule x4_rule;
struct x4_rule {
    uint32_t hears;               /* X4_TR_BIT() of the transitions it handles */
    void (*on)(x4_rule_ctx *c, const x4_transition *t);
    /* Frees the rule's pair data; NULL when it is one block to free. */
    void (*free_data)(const x4_alloc *alloc, void *data);
};

/* rules/table.c: the rule of each precursor, in catalogue order. */
extern const x4_rule *const x4_rules[X4_P_COUNT];

/* The rule's own data for the pair of hosts: allocated zeroed on first use
 * (NULL: no pair, or out of memory), or only looked up (NULL: none yet). */
void *x4_rule_data(x4_rule_ctx *c, size_t size);
void *x4_rule_data_peek(const x4_rule_ctx *c);
void *x4_rule_calloc(const x4_alloc *alloc, size_t n);
void x4_rule_free(const x4_alloc *alloc, void *p);

/* flags.c: flagging.  x4_flag_add returns NULL when the frame's note is full. */
x4_flag *x4_flag_add(x4_rule_ctx *c, x4_precursor_id id, uint32_t related);
/* The flag's text: what happened (fmt), then the catalogue's words for it. */
void x4_flag_message(x4_flag *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True the first time on this association (and marks it). */
bool x4_once(x4_rule_ctx *c, x4_precursor_id id);
bool x4_flagged(const x4_rule_ctx *c, x4_precursor_id id);

/* Words the messages share. */
typedef struct { char s[24]; } x4_secs_text;
/* "30.0 s", or "0.098 s" below one second (a refusal takes milliseconds). */
x4_secs_text x4_secs(double seconds);
const char *x4_side_name(x4_dir d);           /* "initiator", "responder" */
const char *x4_request_name(x4_req_layer l);  /* "TP0 CR", "session CN" */
const char *x4_confirm_name(x4_req_layer l);  /* "CC", "AC" */

#endif
