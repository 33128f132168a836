/* A parsed scenario: header, variables resolved, hosts, and the timeline of
 * statements (connect, actions on a connection, link outages, repeats).
 * Every statement keeps its source location for run-time errors. */
#ifndef X4R_SCENARIO_H
#define X4R_SCENARIO_H

#include "frame.h"
#include "osi_codes.h"   /* x4_mode, x4_dir, x4_pdu_kind */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *file;
    unsigned line, col;
} x4r_loc;

typedef struct {
    char *name;
    x4r_addr addr;
    bool mac_given;
    bool initiates;   /* opens connections: shifted per --repeat copy */
    x4r_loc loc;
} x4r_host_def;

/* Parameters of one verb (connect, tp0-cr, transfer, probe...).  One struct
 * for all verbs; `given` says which were written (bit = x4r_param id).
 * Keyword parameters (mode, reasons, dialogue, bind error, kind) are stored
 * as int-sized codes of plugin/decode/osi_codes.h. */
typedef struct {
    uint64_t given;
    /* connect */
    int from_host, to_host;
    unsigned from_port, to_port;
    x4_mode mode;        /* X4_MODE_UNKNOWN: not given */
    unsigned mss, window, retries; /* window: TCP (connect) or RTSE windowSize */
    uint64_t latency_us, delack_us, rto_us;
    bool refused, unanswered;
    /* TP0 */
    char *calling, *called;
    unsigned tpdu_size, src_ref, reserved;
    /* shared codes (DR reason, ER cause, RF/RTORJ/RTAB reasons, bind error) */
    int reason;
    /* session/RTSE/P1 */
    char *mta, *password, *selector;
    unsigned checkpoint, version;
    int dialogue;        /* X4_RTSE_MONOLOGUE or X4_RTSE_TWA */
    int bind_error;
    char *mtsid;         /* text form, checked by x4_mtsid_parse */
    char *hex;           /* raw user data of tp0-dt / session-data, hex digits */
    x4_pdu_kind kind;    /* X4_PDU_P1_MESSAGE, _REPORT or _PROBE */
    size_t size;
    unsigned activity;
    /* TCP actions */
    unsigned count;
    uint64_t backoff_us;
} x4r_params;

typedef struct {
    int verb;            /* index into the verb table (verbs.h) */
    unsigned id;         /* 0..n_calls-1 in the scenario (encoding cache slot) */
    x4r_params p;
    x4r_loc loc;
} x4r_call;

typedef enum {
    X4R_WHEN_PACE,       /* no time given: previous + pace */
    X4R_WHEN_AT,         /* absolute (scenario start, or repeat iteration start) */
    X4R_WHEN_AFTER       /* +duration after the previous statement */
} x4r_when_kind;

typedef enum {
    X4R_ST_CONNECT, X4R_ST_SEND, X4R_ST_OUTAGE, X4R_ST_RESTORE, X4R_ST_REPEAT
} x4r_stmt_kind;

/* What one scenario may ask for (README, "Limits"): bounds that keep a
 * hostile or mistyped scenario from running for hours or exhausting memory.
 * Each is reported as file:line:column at the statement that passes it. */
#define X4R_MAX_RUN_STATEMENTS 10000000u  /* statements run per copy, repeats expanded */
#define X4R_MAX_STATEMENT_BYTES (16u << 20) /* content octets one statement sends */
#define X4R_MAX_UNACKED_BYTES (64u << 20)   /* bytes one side holds unacknowledged */
/* and frame times up to X4R_MAX_TIME_US (emitter.h): pcap's 32-bit seconds. */

typedef struct x4r_stmt x4r_stmt;
struct x4r_stmt {
    x4r_stmt_kind kind;
    x4r_loc loc;
    x4r_when_kind when;
    uint64_t when_us;
    int conn;            /* connection slot */
    x4_dir dir;          /* who sends: initiator (->) or responder (<-) */
    x4r_call *calls;     /* CONNECT: one call; SEND: one or more ("and") */
    unsigned n_calls;
    unsigned times;      /* REPEAT */
    uint64_t every_us;
    x4r_stmt *body;
    unsigned n_body;
    uint64_t runs;       /* statements it runs: 1, or times x its body's */
};

typedef struct {
    char *name, *kb, *description;
    char **precursors;
    unsigned n_precursors;
    char **expect_tcp;   /* tcp.analysis flags Wireshark should report */
    unsigned n_expect_tcp;
    x4r_host_def *hosts;
    unsigned n_hosts;
    char **conn_names;
    unsigned n_conns;
    x4r_stmt *stmts;
    unsigned n_stmts;
    unsigned n_calls;    /* calls in all statements (ids) */
    uint64_t runs;       /* statements run per copy, repeats expanded */
    uint64_t epoch_us;
    uint64_t pace_us;
    x4_mode mode;        /* default for connect (X4_MODE_UNKNOWN: none given) */
    char *file;
} x4r_scenario;

/* One --set KEY=VALUE. */
typedef struct {
    const char *key, *value;
    bool used;
} x4r_setting;

/* Parses text (file is the name used in messages).  On error returns NULL
 * and writes "file:line:column: message" into err. */
x4r_scenario *x4r_scenario_parse(const char *file, const char *text,
                                 x4r_setting *settings, unsigned n_settings,
                                 char *err, size_t errlen);
void x4r_scenario_free(x4r_scenario *s);

#endif
