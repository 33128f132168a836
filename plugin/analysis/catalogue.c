/* The catalogue table: one row per precursor.  Texts follow the five KB
 * articles (docs/kb.md; resolutions as the articles state them); the
 * generic wording says what each pattern usually means, and what to look
 * at, for any X.400 MTA (AMHS, STANAG 4406, Isode, Exchange...).  Pure
 * data: the replayer reads the ids too; the rules are listed in
 * rules/table.c. */
#include "catalogue.h"

#include <stdio.h>

#include <string.h>

#define RES_Q188040 "Corrected in the latest U.S. service pack for Exchange Server 5.5 " \
    "(the service pack current in April 1999, SP2): install it."
#define FIX_Q188040 "latest Exchange 5.5 service pack of 1999"
#define RES_Q232602 "First corrected in Exchange Server 5.5 Service Pack 3 (Emsmta.exe " \
    "5.5.2614.0 or later): install the latest Exchange 5.5 service pack; until then " \
    "restart the MTA service after the network is restored."
#define FIX_Q232602 "Exchange 5.5 SP3, Emsmta.exe 5.5.2614.0"
#define RES_Q152877 "Corrected in Microsoft Exchange Server 4.0 U.S. Service Pack 2: " \
    "install it (and look for the network problem that cycles the link)."
#define FIX_Q152877 "Exchange 4.0 SP2"
#define RES_Q152897 "Corrected in Microsoft Exchange Server 4.0 U.S. Service Pack 2: " \
    "install it; messages stay queued until the one with the duplicate MTSID leaves the queue."
#define FIX_Q152897 "Exchange 4.0 SP2"
#define RES_Q319936 "A supported hotfix from Microsoft Product Support Services " \
    "(Emsmta.exe 6.0.2656.20 or later); it requires Exchange Server 5.5 Service Pack 4."
#define FIX_Q319936 "hotfix on Exchange 5.5 SP4, Emsmta.exe 6.0.2656.20"

/* The generic wording, per precursor: MEANING ends the finding, so it is
 * short (what happened keeps at least 110 characters of the message);
 * ADVICE is x400mta.resolution. */
#define MEANING_connect_refused "the called MTA would not take the association"
#define ADVICE_connect_refused "Check the MTA names, passwords and T/S/P selectors each side is " \
    "configured with, and whether the called MTA accepts calls from this one; the reason " \
    "says which layer refused and why (busy: its load or connection limit)."
#define MEANING_close_before_ok "the caller gave up waiting: the called MTA confirms too slowly"
#define ADVICE_close_before_ok "Compare the caller's connect timeout with how long the called " \
    "MTA takes to confirm (ok_wait): look at the called MTA's load, its name and directory " \
    "lookups, or lengthen the caller's timeout."
#define MEANING_ndata_after_flow_error "the sender kept writing on a connection that had failed"
#define ADVICE_ndata_after_flow_error "Find why the receiving MTA stopped reading (queue, disk, " \
    "a hung process) and check that the sending MTA notices the failed connection and " \
    "reconnects instead of writing on."
#define MEANING_association_lost "the network or the peer went away; queued mail waits for a retry"
#define ADVICE_association_lost "Look at the network path (outage, firewall or NAT idle " \
    "timeout) and the peer host, and check that the MTA recovers its queues once the link " \
    "is back (restart it if it does not)."
#define MEANING_reconnect_storm "the MTA retries on a fixed timer and every attempt fails"
#define ADVICE_reconnect_storm "Fix what makes each attempt fail (the refusals or timeouts " \
    "of the attempts; retry_interval is the MTA's retry timer) and check that the MTA " \
    "delivers again once the peer is reachable."
#define MEANING_duplicate_mtsid "two messages carry one MTS identifier: the sender reused it"
#define ADVICE_duplicate_mtsid "Find why the sending MTA issued one MTS identifier twice (a " \
    "restart over a restored queue, two instances with one identity, a retry after a lost " \
    "association) and check that the receiver kept both messages."
#define MEANING_state_check_failure "a PDU out of order: the two MTAs disagree on the state"
#define ADVICE_state_check_failure "Compare both MTAs' protocol options (X.410-1984 or " \
    "normal mode, RTSE checkpointing, session version) for the PDU the reason names, and " \
    "look for a middlebox that alters the stream."
#define MEANING_network_flapping "the network between the two MTAs keeps failing"
#define ADVICE_network_flapping "Look at the network between the two hosts first (links, " \
    "routers, firewalls, NAT timeouts): associations keep being lost or refused."
#define MEANING_late_ok "the called MTA confirmed after the caller had given up"
#define ADVICE_late_ok "The called MTA confirms more slowly than the caller waits: see " \
    "close_before_ok."
#define MEANING_flow_control_error "the receiver stopped reading, then the connection failed"
#define ADVICE_flow_control_error "Find why the receiving MTA stopped reading (queue, disk, a " \
    "hung process) while data waited."
#define MEANING_association_aborted "one MTA aborted the association; the reason says why"
#define ADVICE_association_aborted "Read the abort reason: a protocol error points at the " \
    "two MTAs' protocol options, a resource reason at the aborting MTA's load."
#define MEANING_connect_timeout "no answer to the connect: the peer host or its port is down"
#define ADVICE_connect_timeout "Check that the peer host is up and listens on its RFC1006 " \
    "port, and that no firewall drops the SYN."
#define MEANING_closed_without_release "closed by TCP with no OSI release: a peer stopped or timed out"
#define ADVICE_closed_without_release "Look for an idle timeout between the MTAs (firewall, " \
    "NAT) and for a peer MTA process that stopped."

#define ROW(P, ID, CANON, KB, EVTEXT, GROUP, SEV, TITLE, SUMMARY, PREFS, ...) \
    [P] = { .pid = P, .id = #ID, .canonical = CANON, .kb = #KB,                 \
            .event_ids = { __VA_ARGS__ },                                          \
            .n_event_ids = sizeof((uint16_t[]){ __VA_ARGS__ }) / sizeof(uint16_t), \
            .events_text = EVTEXT, .summary = SUMMARY,                          \
            .resolution = RES_##KB, .fix = FIX_##KB,                            \
            .meaning = MEANING_##ID, .advice = ADVICE_##ID,                     \
            .group = GROUP, .severity = SEV, .title = TITLE, .prefs = PREFS }

const x4_precursor_def x4_catalogue[X4_P_COUNT] = {
    ROW(X4_P_CONNECT_REFUSED, connect_refused, true, Q152877, "1277/1004/1008",
        X4_GROUP_RESPONSE_CODE, X4_SEV_WARN,
        "Connect refused by the responder (KB Q152877)",
        "The responder refused an attempt to open an association (TCP RST to the SYN, "
        "TP0 DR to the CR, session RF, RTORJ/CPR/AARE-reject, or a P1 bind error).",
        "", 1277, 1004, 1008),
    ROW(X4_P_CLOSE_BEFORE_OK, close_before_ok, true, Q319936, "4258/4283",
        X4_GROUP_SEQUENCE, X4_SEV_WARN,
        "Initiator closed before the OK response (KB Q319936)",
        "The initiator closed the connection after its TP0 CR or session CN and before "
        "the responder's CC or AC: the incoming connection timed out before the OK response.",
        "", 4258, 4283),
    ROW(X4_P_NDATA_AFTER_FLOW_ERROR, ndata_after_flow_error, true, Q188040, "2004",
        X4_GROUP_SEQUENCE, X4_SEV_ERROR,
        "Data sent after a flow-control error (KB Q188040)",
        "The receiver closed its window while the sender had data, the connection then hit "
        "an error (RST, ICMP error or unanswered zero-window probes), and the sender still "
        "sent data (an NDATA request).",
        "zero_window_probes", 2004),
    ROW(X4_P_ASSOCIATION_LOST, association_lost, true, Q232602, "4284/4287/2035",
        X4_GROUP_SEQUENCE, X4_SEV_ERROR,
        "Association lost without release (KB Q232602)",
        "An association in data transfer, or with data outstanding, ended without orderly "
        "release: reset, or the same segment retransmitted without acknowledgement.",
        "lost_retransmissions", 4284, 4287, 2035),
    ROW(X4_P_RECONNECT_STORM, reconnect_storm, true, Q232602, "4284/4287/2035/1209",
        X4_GROUP_SEQUENCE, X4_SEV_WARN,
        "Evenly spaced failed reconnects (KB Q232602)",
        "One host failed to connect to the same responder address and port several times "
        "in a row at a regular interval: the X.400 connector's Open Interval retry loop.",
        "storm_attempts, storm_tolerance", 4284, 4287, 2035, 1209),
    ROW(X4_P_DUPLICATE_MTSID, duplicate_mtsid, true, Q152897, "4282/4283/4284/4287",
        X4_GROUP_PROTOCOL, X4_SEV_ERROR,
        "Duplicate MTS identifier (KB Q152897)",
        "A P1 transfer carries the same MTS identifier as an earlier transfer in the same "
        "association or in another association open at the same time between the same MTAs.",
        "", 4282, 4283, 4284, 4287),
    ROW(X4_P_STATE_CHECK_FAILURE, state_check_failure, true, Q152877, "1198",
        X4_GROUP_PROTOCOL, X4_SEV_ERROR,
        "PDU not allowed in the association state (KB Q152877)",
        "A PDU arrived in a state where it is not allowed (DT before CC, CC without CR, "
        "second CR, TPDU illegal in class 0, TP0 ER, data before accept, data after release).",
        "", 1198),
    ROW(X4_P_NETWORK_FLAPPING, network_flapping, true, Q152877, "1004/1008",
        X4_GROUP_SEQUENCE, X4_SEV_WARN,
        "Associations lost or refused repeatedly (KB Q152877)",
        "Several associations between the same two hosts were lost or refused within a "
        "short window: the network between the MTAs is cycling up and down.",
        "flap_count, flap_window", 1004, 1008),
    ROW(X4_P_LATE_OK, late_ok, false, Q319936, "4258/4283",
        X4_GROUP_SEQUENCE, X4_SEV_NOTE,
        "OK response after the initiator closed (KB Q319936)",
        "The responder's CC or AC arrived after the initiator had already closed: the "
        "responding MTA was too slow for the initiator's timeout.",
        "", 4258, 4283),
    ROW(X4_P_FLOW_CONTROL_ERROR, flow_control_error, false, Q188040, "2004",
        X4_GROUP_SEQUENCE, X4_SEV_WARN,
        "Error after flow control (KB Q188040)",
        "The receiver closed its window while the sender had data, then the connection "
        "hit an error; ndata_after_flow_error follows if the sender sends again.",
        "zero_window_probes", 2004),
    ROW(X4_P_ASSOCIATION_ABORTED, association_aborted, false, Q152877, "1004/1008",
        X4_GROUP_RESPONSE_CODE, X4_SEV_NOTE,
        "Association aborted (KB Q152877)",
        "One MTA aborted the association explicitly (session AB, ACSE ABRT/ARU or RTSE "
        "RTAB); the reason says why.",
        "", 1004, 1008),
    ROW(X4_P_CONNECT_TIMEOUT, connect_timeout, false, Q232602, "4284/4287/2035",
        X4_GROUP_SEQUENCE, X4_SEV_NOTE,
        "Connection attempt never answered (KB Q232602)",
        "A SYN (and its retransmissions) got no answer before the same host tried the "
        "same responder again: the responder or the path to it was down.",
        "", 4284, 4287, 2035),
    ROW(X4_P_CLOSED_WITHOUT_RELEASE, closed_without_release, false, Q232602, "4284/4287",
        X4_GROUP_SEQUENCE, X4_SEV_NOTE,
        "Association closed without release (KB Q232602)",
        "A bound association was closed by a TCP FIN without an orderly release "
        "(session FN/DN or ACSE RLRQ/RLRE) before it.",
        "", 4284, 4287),
};

const x4_precursor_def *x4_precursor_get(x4_precursor_id id)
{
    return (unsigned)id < X4_P_COUNT ? &x4_catalogue[id] : NULL;
}

const x4_precursor_def *x4_precursor_find(const char *name)
{
    for (unsigned i = 0; name && i < X4_P_COUNT; i++)
        if (strcmp(x4_catalogue[i].id, name) == 0)
            return &x4_catalogue[i];
    return NULL;
}

const char *x4_precursor_resolution(const x4_precursor_def *d, x4_wording w)
{
    return w == X4_WORDING_GENERIC ? d->advice : d->resolution;
}

static void write_tail(const x4_precursor_def *d, x4_wording w, x4_tail *t)
{
    t->fix[0] = '\0';
    if (w == X4_WORDING_GENERIC)
        snprintf(t->tail, X4_TAIL_MAX, ": %s (KB %s)", d->meaning, d->kb);
    else {
        snprintf(t->tail, X4_TAIL_MAX, ": %s MSExchangeMTA %s, KB %s",
                 d->canonical ? "precursor of" : "related to", d->events_text, d->kb);
        snprintf(t->fix, X4_TAIL_MAX, " (fix: %s)", d->fix);
    }
    t->tail_len = strlen(t->tail);
    t->fix_len = strlen(t->fix);
}

const x4_tail *x4_precursor_tail(x4_precursor_id id, x4_wording w)
{
    static x4_tail tails[X4_P_COUNT][X4_WORDING_COUNT];
    static bool known[X4_P_COUNT][X4_WORDING_COUNT];
    if (w != X4_WORDING_GENERIC)
        w = X4_WORDING_EXCHANGE;
    if (!known[id][w]) {
        write_tail(&x4_catalogue[id], w, &tails[id][w]);
        known[id][w] = true;
    }
    return &tails[id][w];
}

static const char *const wording_names[] = {
    [X4_WORDING_EXCHANGE] = "exchange",
    [X4_WORDING_GENERIC] = "generic",
};

const char *x4_wording_name(x4_wording w)
{
    return (unsigned)w < X4_WORDING_COUNT ? wording_names[w] : NULL;
}

static const char *const refuser_names[] = {
    [X4_REFUSED_NONE] = "",
    [X4_REFUSED_TCP] = "tcp",
    [X4_REFUSED_TP0] = "tp0",
    [X4_REFUSED_SESSION] = "session",
    [X4_REFUSED_RTSE] = "rtse",
    [X4_REFUSED_P1] = "p1",
};

const char *x4_refuser_name(x4_refuser r)
{
    return (unsigned)r <= X4_REFUSED_P1 ? refuser_names[r] : "";
}
