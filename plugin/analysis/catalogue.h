/* The catalogue: every precursor the engine can flag, with its KB article,
 * the MSExchangeMTA events it foreshadows, the article's resolution and how
 * Wireshark should show it; and the preferences that tune the rules.
 *
 * Adding a precursor: its id below, its row in catalogue.c, its rule file
 * and the rule's row beside this table (rules/table.c); the recipe is in
 * rules/rule.h.  Pure C: the epan glue maps the expert group and severity
 * below to Wireshark's PI_* values.
 */
#ifndef X4_CATALOGUE_H
#define X4_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef enum {
    /* Canonical: their ids are the plugin's fixed contract (docs/contract.md). */
    X4_P_CONNECT_REFUSED,
    X4_P_CLOSE_BEFORE_OK,
    X4_P_NDATA_AFTER_FLOW_ERROR,
    X4_P_ASSOCIATION_LOST,
    X4_P_RECONNECT_STORM,
    X4_P_DUPLICATE_MTSID,
    X4_P_STATE_CHECK_FAILURE,
    X4_P_NETWORK_FLAPPING,
    /* Finer, non-canonical flags: partial or related evidence. */
    X4_P_LATE_OK,             /* confirm arrived after the initiator closed */
    X4_P_FLOW_CONTROL_ERROR,  /* zero window then an error, no new data (yet) */
    X4_P_ASSOCIATION_ABORTED, /* explicit abort PDU (SES AB, ABRT, RTAB) */
    X4_P_CONNECT_TIMEOUT,     /* SYN never answered, the host tried again */
    X4_P_CLOSED_WITHOUT_RELEASE, /* bound association closed by FIN, no release */
    X4_P_COUNT
} x4_precursor_id;

/* Which layer refused a connect (x400mta.refused_by). */
typedef enum {
    X4_REFUSED_NONE,
    X4_REFUSED_TCP,
    X4_REFUSED_TP0,
    X4_REFUSED_SESSION,
    X4_REFUSED_RTSE,    /* RTORJ, and also CPR and AARE-reject (by contract) */
    X4_REFUSED_P1
} x4_refuser;

/* "tcp", "tp0", "session", "rtse", "p1"; "" for X4_REFUSED_NONE. */
const char *x4_refuser_name(x4_refuser r);

/* Expert info classification; the glue maps these to PI_*. */
typedef enum {
    X4_GROUP_SEQUENCE,      /* PI_SEQUENCE */
    X4_GROUP_PROTOCOL,      /* PI_PROTOCOL */
    X4_GROUP_RESPONSE_CODE, /* PI_RESPONSE_CODE */
    X4_GROUP_MALFORMED      /* PI_MALFORMED */
} x4_expert_group;

typedef enum {
    X4_SEV_CHAT,  /* PI_CHAT */
    X4_SEV_NOTE,  /* PI_NOTE */
    X4_SEV_WARN,  /* PI_WARN */
    X4_SEV_ERROR  /* PI_ERROR */
} x4_expert_severity;

#define X4_CAT_MAX_EVENTS 6

/* How findings are worded (preference x400mta.mta_profile). */
typedef enum {
    X4_WORDING_EXCHANGE,   /* "exchange": the MSExchangeMTA events, the KB article and its fix */
    X4_WORDING_GENERIC,    /* "generic": what the pattern usually means for any X.400 MTA */
    X4_WORDING_COUNT
} x4_wording;

/* "exchange", "generic"; NULL out of range. */
const char *x4_wording_name(x4_wording w);

typedef struct {
    x4_precursor_id pid;        /* equals its index in x4_catalogue */
    const char *id;             /* x400mta.precursor value, e.g. "close_before_ok" */
    bool canonical;             /* one of the eight contract precursors */
    const char *kb;             /* "Q319936" */
    uint16_t event_ids[X4_CAT_MAX_EVENTS]; /* MSExchangeMTA event IDs */
    unsigned n_event_ids;
    const char *events_text;    /* "4258/4283", for messages */
    const char *summary;        /* one line: what the flag means */
    const char *resolution;     /* the article's resolution, as it states it */
    const char *fix;            /* the same, short, for expert info text */
    const char *meaning;        /* generic wording: what it usually means for any MTA,
                                   short (it ends the finding) */
    const char *advice;         /* generic wording: what to look at (x400mta.resolution) */
    x4_expert_group group;
    x4_expert_severity severity;
    const char *title;          /* expert info registration title */
    const char *prefs;          /* preferences that tune it ("" if none) */
} x4_precursor_def;

extern const x4_precursor_def x4_catalogue[X4_P_COUNT];

/* The row for id, or NULL when id is out of range. */
const x4_precursor_def *x4_precursor_get(x4_precursor_id id);
/* The row whose id string is name, or NULL. */
const x4_precursor_def *x4_precursor_find(const char *name);
/* x400mta.resolution in wording w: the article's resolution, or the advice. */
const char *x4_precursor_resolution(const x4_precursor_def *d, x4_wording w);

/* The catalogue's words a finding's message ends with, after what happened
 * (rules/flags.c builds messages from them; the plugin's per-frame cache
 * stores only what happened and rebuilds the rest):
 *   exchange: tail ": precursor of MSExchangeMTA <events>, KB <kb>",
 *             fix " (fix: <resolution>)", kept when it fits;
 *   generic:  tail ": <what it usually means> (KB <kb>)", fix "". */
#define X4_TAIL_MAX 192
typedef struct {
    char tail[X4_TAIL_MAX], fix[X4_TAIL_MAX];
    size_t tail_len, fix_len;
} x4_tail;
/* The words of precursor id (< X4_P_COUNT) in wording w; any w but generic
 * is exchange.  Built on first use and kept: the catalogue never changes,
 * and findings need them on every frame that has one. */
const x4_tail *x4_precursor_tail(x4_precursor_id id, x4_wording w);

/* Thresholds; the glue registers each as the uint preference
 * x400mta.<name> from x4_pref_defs.  And the wording of the findings, which
 * the glue registers as the enum preference x400mta.mta_profile. */
typedef struct {
    uint32_t lost_retransmissions; /* same segment retransmitted N times, no ACK */
    uint32_t storm_attempts;       /* consecutive failed attempts */
    uint32_t storm_tolerance;      /* percent: each gap within this of the median */
    uint32_t flap_count;           /* lost or refused associations ... */
    uint32_t flap_window;          /* ... within this many seconds */
    uint32_t zero_window_probes;   /* unanswered zero-window probes = flow error */
    int wording;                   /* x4_wording (an int: Wireshark's enum preferences are) */
} x4_prefs;

void x4_prefs_default(x4_prefs *p);

typedef struct {
    const char *name;        /* "lost_retransmissions" -> x400mta.lost_retransmissions */
    const char *title;
    const char *description;
    size_t offset;           /* offsetof(x4_prefs, field), a uint32_t */
    uint32_t def;            /* default value */
    uint32_t min;            /* smallest value the rules accept */
} x4_pref_def;

extern const x4_pref_def x4_pref_defs[];
extern const unsigned x4_pref_defs_count;

/* Clamp every field of *p to its x4_pref_def minimum (a preference of 0
 * attempts would flag every refusal as a storm), and an unknown wording to
 * exchange. */
void x4_prefs_sanitize(x4_prefs *p);

#endif
