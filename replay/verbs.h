/* The verbs of the scenario language: every verb a statement can use, the
 * parameters each accepts, and what runs it (an OSI encoder or a TCP
 * action).  One table: adding a verb is one row (and its encoder).  The
 * keywords for protocol codes (modes, reasons, bind errors, APDU kinds) are
 * the decoders' own tables in plugin/decode/osi_codes.h. */
#ifndef X4R_VERBS_H
#define X4R_VERBS_H

#include "osi_codes.h"
#include "osi_encode.h"
#include "tcp_synth.h"

typedef enum { X4R_VK_CONNECT, X4R_VK_TCP, X4R_VK_ICMP, X4R_VK_OSI } x4r_verb_kind;

typedef void (*x4r_tcp_fn)(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t,
                           const x4r_params *p);

typedef struct {
    const char *name;
    x4r_verb_kind kind;
    const char *params;            /* accepted parameter names, space-separated */
    const x4_code_name *reasons;   /* keywords accepted by `reason` (or NULL) */
    x4r_encode_fn encode;          /* X4R_VK_OSI */
    x4r_tcp_fn tcp;                /* X4R_VK_TCP */
    bool timed;                    /* writes frames spread over a back-off */
    const char *summary;
} x4r_verb;

typedef enum {
    X4R_PT_STR, X4R_PT_UINT, X4R_PT_SIZE, X4R_PT_DUR, X4R_PT_FLAG,
    X4R_PT_ENDPOINT, X4R_PT_ENUM, X4R_PT_REASON
} x4r_param_type;

typedef struct {
    const char *name;
    x4r_param_type type;
    size_t off;                    /* field in x4r_params */
    size_t off2;                   /* ENDPOINT: the port field */
    unsigned long min, max;        /* UINT/SIZE bounds */
    const x4_code_name *names;     /* ENUM: its keywords */
    const char *help;
} x4r_param_def;

/* Parameter ids: the order of x4r_params_defs (bit i of x4r_params.given). */
enum {
    X4R_P_FROM, X4R_P_TO, X4R_P_MODE, X4R_P_MSS, X4R_P_WINDOW, X4R_P_LATENCY,
    X4R_P_DELACK, X4R_P_REFUSED, X4R_P_UNANSWERED, X4R_P_RETRIES, X4R_P_RTO,
    X4R_P_CALLING, X4R_P_CALLED, X4R_P_TPDU_SIZE, X4R_P_SRC_REF, X4R_P_RESERVED,
    X4R_P_REASON, X4R_P_CAUSE, X4R_P_MTA, X4R_P_PASSWORD, X4R_P_SELECTOR,
    X4R_P_CHECKPOINT, X4R_P_DIALOGUE, X4R_P_VERSION, X4R_P_BIND_ERROR, X4R_P_MTSID,
    X4R_P_KIND, X4R_P_SIZE, X4R_P_ACTIVITY, X4R_P_TIMES, X4R_P_BACKOFF, X4R_P_HEX
};
#define X4R_GIVEN(p, id) (((p)->given >> (id)) & 1u)

/* Defaults of every parameter before a statement's own values. */
void x4r_params_defaults(x4r_params *p);

extern const x4r_verb x4r_verbs[];
extern const unsigned x4r_n_verbs;
extern const x4r_param_def x4r_params_defs[];

int x4r_verb_find(const char *name);           /* -1 if unknown */
int x4r_param_find(const char *name);          /* -1 if unknown */
bool x4r_verb_accepts(const x4r_verb *v, const char *param);

/* The canonical precursor ids (docs/contract.md) and tcp.analysis flag names
 * a scenario header may name. */
/* The canonical precursor ids (the analysis catalogue's), NULL-terminated. */
const char *const *x4r_precursor_ids(void);
extern const char *const x4r_tcp_anomaly_names[];

#endif
