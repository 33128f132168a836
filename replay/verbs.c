#include "verbs.h"
#include "catalogue.h"
#include "osi_codes.h"

#include <stddef.h>
#include <string.h>

/* ---- keywords of codes outside the OSI stack ----------------------------- */

/* ICMPv4 destination-unreachable codes (ICMPv6 gets the matching ones). */
static const x4_code_name icmp_codes[] = {
    { 0, "net" }, { 1, "host" }, { 2, "protocol" }, { 3, "port" }, { 13, "admin" },
    { 0, NULL }
};

/* ---- parameters ---------------------------------------------------------- */

/* An ENUM or REASON value is stored through an int (scenario_parser.c). */
_Static_assert(sizeof(x4_mode) == sizeof(int) && sizeof(x4_pdu_kind) == sizeof(int),
               "keyword parameters are int-sized");

#define F(field) offsetof(x4r_params, field)
const x4r_param_def x4r_params_defs[] = {
    { "from", X4R_PT_ENDPOINT, F(from_host), F(from_port), 0, 0, NULL, "HOST[:PORT] initiator (port: next ephemeral)" },
    { "to", X4R_PT_ENDPOINT, F(to_host), F(to_port), 0, 0, NULL, "HOST[:PORT] responder (port 102)" },
    { "mode", X4R_PT_ENUM, F(mode), 0, 0, 0, x4_mode_keywords, "x410-1984 | normal" },
    { "mss", X4R_PT_UINT, F(mss), 0, 64, 65457, NULL, "TCP maximum segment size (frames stay within the 65535-byte snaplen)" },
    { "window", X4R_PT_UINT, F(window), 0, 0, 65535, NULL, "TCP receive window (connect) or RTSE windowSize" },
    { "latency", X4R_PT_DUR, F(latency_us), 0, 0, 0, NULL, "delay of automatic answers (SYN-ACK, ACK)" },
    { "delayed-ack", X4R_PT_DUR, F(delack_us), 0, 0, 0, NULL, "delayed-ACK timer" },
    { "refused", X4R_PT_FLAG, F(refused), 0, 0, 0, NULL, "the SYN is answered by RST" },
    { "unanswered", X4R_PT_FLAG, F(unanswered), 0, 0, 0, NULL, "the SYN gets no answer" },
    { "retries", X4R_PT_UINT, F(retries), 0, 0, 20, NULL, "SYN retransmissions of an unanswered connect" },
    { "rto", X4R_PT_DUR, F(rto_us), 0, 0, 0, NULL, "first SYN retransmission timeout (doubles)" },
    { "calling", X4R_PT_STR, F(calling), 0, 0, 32, NULL, "calling TSAP-ID" },
    { "called", X4R_PT_STR, F(called), 0, 0, 32, NULL, "called TSAP-ID" },
    { "tpdu-size", X4R_PT_UINT, F(tpdu_size), 0, 128, 8192, NULL, "TPDU size: 128..8192, a power of two" },
    { "src-ref", X4R_PT_UINT, F(src_ref), 0, 0, 65535, NULL, "TP0 source reference" },
    { "reserved", X4R_PT_UINT, F(reserved), 0, 0, 255, NULL, "TPKT reserved byte (0 unless reproducing Q151626)" },
    { "reason", X4R_PT_REASON, F(reason), 0, 0, 255, NULL, "reason name or number" },
    { "cause", X4R_PT_ENUM, F(reason), 0, 0, 0, x4_er_cause_keywords, "TP0 ER reject cause" },
    { "mta", X4R_PT_STR, F(mta), 0, 1, 64, NULL, "MTA name in the P1 bind" },
    { "password", X4R_PT_STR, F(password), 0, 0, 64, NULL, "simple password in the P1 bind" },
    { "selector", X4R_PT_STR, F(selector), 0, 1, 16, NULL, "calling session selector (X.410 mode sends none)" },
    { "checkpoint", X4R_PT_UINT, F(checkpoint), 0, 0, 1000, NULL, "RTSE checkpointSize" },
    { "dialogue", X4R_PT_ENUM, F(dialogue), 0, 0, 0, x4_rtse_dialogue_keywords, "RTSE dialogueMode" },
    { "version", X4R_PT_UINT, F(version), 0, 1, 2, NULL, "session version" },
    { "bind-error", X4R_PT_ENUM, F(bind_error), 0, 0, 0, x4_p1_bind_error_keywords, "P1 bind error" },
    { "mtsid", X4R_PT_STR, F(mtsid), 0, 0, 120, NULL, "MTS identifier C=..;A=..;[P=..;]L=.." },
    { "kind", X4R_PT_ENUM, F(kind), 0, 0, 0, x4_p1_apdu_keywords, "message | report | probe" },
    { "size", X4R_PT_SIZE, F(size), 0, 0, 1048576, NULL, "content octets" },
    { "activity", X4R_PT_UINT, F(activity), 0, 1, 1000000, NULL, "activity number (default: next)" },
    { "times", X4R_PT_UINT, F(count), 0, 1, 64, NULL, "how many probes / retransmissions" },
    { "backoff", X4R_PT_DUR, F(backoff_us), 0, 0, 0, NULL, "first interval, doubling" },
    { "hex", X4R_PT_STR, F(hex), 0, 2, 131072, NULL, "user data as hex digits instead of size bytes of filler (malformed PDUs)" },
};
#undef F
static const unsigned n_param_defs = sizeof x4r_params_defs / sizeof x4r_params_defs[0];

/* ---- TCP actions --------------------------------------------------------- */

static void act_fin(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ (void)p; x4r_tcp_fin(c, em, dir, t); }
static void act_reset(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ (void)p; x4r_tcp_rst(c, em, dir, t); }
static void act_ack(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ (void)p; x4r_tcp_ack(c, em, dir, t); }
static void act_stop(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ (void)p; (void)em; (void)t; x4r_tcp_stop_reading(c, dir); }
static void act_resume(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ (void)p; x4r_tcp_resume_reading(c, em, dir, t); }
static void act_probe(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ x4r_tcp_probe(c, em, dir, t, p->count, p->backoff_us); }
static void act_retransmit(x4r_tcp_conn *c, x4r_emitter *em, x4_dir dir, uint64_t t, const x4r_params *p)
{ x4r_tcp_retransmit(c, em, dir, t, p->count, p->backoff_us); }

/* ---- the verbs ----------------------------------------------------------- */

/* A TCP action now, or one spread over a back-off (`times` frames, the first
 * interval `backoff`, doubling). */
#define TCP(n, fn, sum) { .name = n, .kind = X4R_VK_TCP, .params = "", .tcp = fn, .summary = sum }
#define TCP_TIMED(n, fn, sum) \
    { .name = n, .kind = X4R_VK_TCP, .params = "times backoff", .tcp = fn, .timed = true, .summary = sum }
#define OSI(n, fn, prm, rs, sum) { .name = n, .kind = X4R_VK_OSI, .params = prm, .reasons = rs, .encode = fn, .summary = sum }
const x4r_verb x4r_verbs[] = {
    { .name = "connect", .kind = X4R_VK_CONNECT,
      .params = "from to mode mss window latency delayed-ack refused unanswered retries rto",
      .summary = "open a TCP connection (three-way handshake, or refused/unanswered)" },
    TCP("fin", act_fin, "close this direction (FIN); the peer ACKs it"),
    TCP("reset", act_reset, "abort the connection (RST)"),
    TCP("ack", act_ack, "a pure ACK now"),
    TCP("stop-reading", act_stop, "stop reading: the window closes as data arrives"),
    TCP("resume-reading", act_resume, "read everything: window update, queued data flows"),
    TCP_TIMED("probe", act_probe, "zero-window probes (one byte each)"),
    TCP_TIMED("retransmit", act_retransmit, "retransmit unacknowledged data"),
    { .name = "unreachable", .kind = X4R_VK_ICMP, .params = "reason from", .reasons = icmp_codes,
      .summary = "ICMP destination unreachable about this connection (a soft error)" },
    OSI("tp0-cr", x4r_enc_tp0_cr, "calling called tpdu-size src-ref reserved", NULL, "TP0 connect request"),
    OSI("tp0-cc", x4r_enc_tp0_cc, "calling called tpdu-size src-ref reserved", NULL, "TP0 connect confirm"),
    OSI("tp0-dr", x4r_enc_tp0_dr, "reason src-ref", x4_dr_reason_keywords, "TP0 disconnect request"),
    OSI("tp0-er", x4r_enc_tp0_er, "cause", NULL, "TP0 error TPDU"),
    OSI("tp0-dt", x4r_enc_tp0_dt, "size hex", NULL, "TP0 DT with raw user data"),
    OSI("connect-request", x4r_enc_connect_request, "mta password window checkpoint dialogue version selector",
        NULL, "session CN with RTORQ and the P1 bind argument"),
    OSI("connect-accept", x4r_enc_connect_accept, "mta password window checkpoint version", NULL,
        "session AC with RTOAC and the P1 bind result"),
    OSI("connect-refuse", x4r_enc_connect_refuse, "reason bind-error", x4_rtse_refuse_reason_keywords,
        "session RF with RTORJ (and the P1 bind error)"),
    OSI("session-refuse", x4r_enc_session_refuse, "reason", x4_rf_reason_keywords, "session RF from the session provider"),
    OSI("abort", x4r_enc_abort, "reason", x4_rtse_abort_reason_keywords, "session AB with RTAB"),
    OSI("transfer", x4r_enc_transfer, "mtsid size kind activity", NULL,
        "RT-TRANSFER of one P1 APDU: activity start, data, activity end"),
    OSI("activity-start", x4r_enc_activity_start, "activity", NULL, "GT+AS: start of an RT-TRANSFER"),
    OSI("transfer-data", x4r_enc_transfer_data, "mtsid size kind", NULL, "GT+DT carrying one P1 APDU"),
    OSI("activity-end", x4r_enc_activity_end, "", NULL, "GT+AE: end of an RT-TRANSFER"),
    OSI("transfer-ack", x4r_enc_transfer_ack, "", NULL, "activity end acknowledgement"),
    OSI("release-request", x4r_enc_release_request, "", NULL, "session FN (RT-CLOSE)"),
    OSI("release-response", x4r_enc_release_response, "", NULL, "session DN"),
    OSI("session-data", x4r_enc_session_data, "size hex", NULL, "session GT+DT with raw user data"),
};
#undef TCP
#undef TCP_TIMED
#undef OSI
const unsigned x4r_n_verbs = sizeof x4r_verbs / sizeof x4r_verbs[0];

/* The canonical ids, in catalogue order, from the plugin's catalogue. */
const char *const *x4r_precursor_ids(void)
{
    static const char *ids[X4_P_COUNT + 1];
    if (!ids[0]) {
        unsigned n = 0;
        for (unsigned i = 0; i < X4_P_COUNT; i++)
            if (x4_catalogue[i].canonical)
                ids[n++] = x4_catalogue[i].id;
        ids[n] = NULL;
    }
    return ids;
}

const char *const x4r_tcp_anomaly_names[] = {
    "retransmission", "fast_retransmission", "spurious_retransmission", "duplicate_ack",
    "lost_segment", "ack_lost_segment", "out_of_order", "zero_window", "zero_window_probe",
    "zero_window_probe_ack", "window_full", "keep_alive", "keep_alive_ack", "reused_ports",
    NULL
};

void x4r_params_defaults(x4r_params *p)
{
    memset(p, 0, sizeof *p);
    p->from_host = p->to_host = -1;
    p->to_port = 102;
    p->mss = 1460;
    p->window = 65535;
    p->latency_us = 300;
    p->delack_us = 200000;
    p->retries = 2;
    p->rto_us = 3000000;
    p->tpdu_size = 2048;
    p->reason = -1;
    p->dialogue = X4_RTSE_MONOLOGUE;
    p->version = 0;
    p->bind_error = -1;
    p->kind = X4_PDU_P1_MESSAGE;
    p->count = 1;
    p->backoff_us = 200000;
}

int x4r_verb_find(const char *name)
{
    for (unsigned i = 0; i < x4r_n_verbs; i++)
        if (strcmp(x4r_verbs[i].name, name) == 0)
            return (int)i;
    return -1;
}

int x4r_param_find(const char *name)
{
    for (unsigned i = 0; i < n_param_defs; i++)
        if (strcmp(x4r_params_defs[i].name, name) == 0)
            return (int)i;
    return -1;
}

bool x4r_verb_accepts(const x4r_verb *v, const char *param)
{
    size_t n = strlen(param);
    for (const char *s = v->params; *s;) {
        const char *e = strchr(s, ' ');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == n && strncmp(s, param, n) == 0)
            return true;
        if (!e)
            break;
        s = e + 1;
    }
    return false;
}
