/* Protocol, fields, subtrees, expert infos and preferences of x400mta.
 * Field names are the contract of docs/contract.md; the precursor expert
 * infos and the threshold preferences come from the analysis catalogue so
 * that adding a precursor is one row there. */
#include "x400mta_register.h"

#include <stddef.h>
#include <epan/prefs.h>

#include "osi_codes.h"
#include "postdissector.h"
#include "tcp_hook.h"
#include "tpkt_hook.h"
#include "stats_assoc.h"
#include "ws_compat.h"

/* The name tables of osi_codes.h have value_string's layout, so a field
 * that shows a code can take VALS(x4_..._names) as it is. */
G_STATIC_ASSERT(sizeof(x4_code_name) == sizeof(value_string));
G_STATIC_ASSERT(offsetof(x4_code_name, value) == offsetof(value_string, value));
G_STATIC_ASSERT(offsetof(x4_code_name, name) == offsetof(value_string, strptr));

x400mta_registry x400mta_reg = { .proto = -1, .ett_x400mta = -1, .ett_precursor = -1 };

#define X4_HF(field, fname, abbrev, type, display, blurb) \
    { &x400mta_reg.hf.field, { fname, "x400mta." abbrev, type, display, NULL, 0x0, blurb, HFILL } }

static hf_register_info x400mta_fields[] = {
    X4_HF(assoc, "Association", "assoc", FT_UINT32, BASE_DEC,
          "Association number: one per TCP connection on an RFC1006 port, in order of first frame"),
    X4_HF(state, "State", "state", FT_STRING, BASE_NONE, "Association state after this frame"),
    X4_HF(dir, "Direction", "dir", FT_STRING, BASE_NONE, "Sent by the initiator or the responder"),
    X4_HF(pdu, "PDU", "pdu", FT_STRING, BASE_NONE, "What this frame carried at each OSI layer"),
    X4_HF(mode, "Mode", "mode", FT_STRING, BASE_NONE, "x410-1984 or normal"),
    X4_HF(mta, "MTA name", "mta", FT_STRING, BASE_NONE, "MTA name from the P1 bind"),
    X4_HF(mtsid, "MTS identifier", "mtsid", FT_STRING, BASE_NONE,
          "MTS identifier of a P1 message, probe or report"),
    X4_HF(precursor, "Precursor", "precursor", FT_STRING, BASE_NONE,
          "Precursor of a documented Exchange MTA failure flagged on this frame"),
    X4_HF(kb, "KB article", "kb", FT_STRING, BASE_NONE, "Knowledge Base article of the precursor"),
    X4_HF(event_id, "MTA event ID", "event_id", FT_UINT16, BASE_DEC,
          "MSExchangeMTA event the precursor foreshadows"),
    X4_HF(related_frame, "Evidence began in frame", "related_frame", FT_FRAMENUM, BASE_NONE,
          "Frame where the precursor's evidence began"),
    X4_HF(refused_by, "Refused by", "refused_by", FT_STRING, BASE_NONE,
          "Layer that refused the connection: tcp, tp0, session, rtse or p1"),
    X4_HF(reason, "Reason", "reason", FT_STRING, BASE_NONE, "Refusal, abort or disconnect reason"),
    X4_HF(ok_wait, "Request to close", "ok_wait", FT_RELATIVE_TIME, BASE_NONE,
          "close_before_ok: time from the connect request to the initiator's close"),
    X4_HF(retry_interval, "Retry interval", "retry_interval", FT_RELATIVE_TIME, BASE_NONE,
          "reconnect_storm: median gap between attempts (the connector's Open Interval)"),
    X4_HF(count, "Count", "count", FT_UINT32, BASE_DEC,
          "What the precursor counted: attempts, losses, retransmissions"),
    X4_HF(resolution, "Resolution", "resolution", FT_STRING, BASE_NONE,
          "What the KB article says fixes it"),
    X4_HF(finding, "Finding", "finding", FT_STRING, BASE_NONE,
          "The precursor in plain words: what happened, the KB article and the events"),
    X4_HF(calling_tsap, "Calling TSAP", "calling_tsap", FT_STRING, BASE_NONE, "TP0 calling TSAP-ID"),
    X4_HF(called_tsap, "Called TSAP", "called_tsap", FT_STRING, BASE_NONE, "TP0 called TSAP-ID"),
    X4_HF(tpdu_size, "TPDU size", "tpdu_size", FT_UINT32, BASE_DEC, "Negotiated TP0 TPDU size"),
    X4_HF(decode_error, "Decode error", "decode_error", FT_STRING, BASE_NONE,
          "Bytes the bounded decoders rejected"),
};

static gint *x400mta_etts[] = { &x400mta_reg.ett_x400mta, &x400mta_reg.ett_precursor };

static const int expert_groups[] = {
    [X4_GROUP_SEQUENCE] = PI_SEQUENCE,
    [X4_GROUP_PROTOCOL] = PI_PROTOCOL,
    [X4_GROUP_RESPONSE_CODE] = PI_RESPONSE_CODE,
    [X4_GROUP_MALFORMED] = PI_MALFORMED,
};

static const int expert_severities[] = {
    [X4_SEV_CHAT] = PI_CHAT,
    [X4_SEV_NOTE] = PI_NOTE,
    [X4_SEV_WARN] = PI_WARN,
    [X4_SEV_ERROR] = PI_ERROR,
};

/* One expert info per catalogue row, named x400mta.<precursor id>. */
static void register_expert_infos(void)
{
    static ei_register_info malformed[] = {
        { &x400mta_reg.ei_malformed,
          { "x400mta.malformed", PI_MALFORMED, PI_ERROR, "Malformed OSI PDU", EXPFILL } },
    };
    /* EXPFILL's defaults, copied into each generated row. */
    static const ei_register_info row_template = {
        NULL, { "x400mta.precursor", PI_PROTOCOL, PI_WARN, "precursor", EXPFILL } };
    /* Static like every registration array: Wireshark keeps pointers into
     * them for the life of the process (heap rows were reported as leaks
     * by LeakSanitizer, scripts/tshark-sanitized). */
    static ei_register_info rows[X4_P_COUNT];
    static char names[X4_P_COUNT][64];
    expert_module_t *module = expert_register_protocol(x400mta_reg.proto);

    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        const x4_precursor_def *def = &x4_catalogue[i];
        rows[i] = row_template;
        rows[i].ids = &x400mta_reg.ei_precursor[i];
        snprintf(names[i], sizeof names[i], "x400mta.%s", def->id);
        rows[i].eiinfo.name = names[i];
        rows[i].eiinfo.group = expert_groups[def->group];
        rows[i].eiinfo.severity = expert_severities[def->severity];
        rows[i].eiinfo.summary = def->title;
    }
    expert_register_field_array(module, malformed, array_length(malformed));
    expert_register_field_array(module, rows, X4_P_COUNT);
}

/* The thresholds are uint32_t in x4_prefs and registered as guint. */
G_STATIC_ASSERT(sizeof(guint) == sizeof(uint32_t));

/* x400mta.mta_profile: the wording of the findings.  A change re-dissects
 * the capture, so the first pass words every flag again. */
static void register_wording(module_t *module)
{
    static const char *const descriptions[X4_WORDING_COUNT] = {
        [X4_WORDING_EXCHANGE] = "Microsoft Exchange 4.0/5.5: MSExchangeMTA events, KB article, fix",
        [X4_WORDING_GENERIC] = "Any X.400 MTA: what the pattern usually means, what to look at",
    };
    static enum_val_t values[X4_WORDING_COUNT + 1];

    for (int w = 0; w < X4_WORDING_COUNT; w++)
        values[w] = (enum_val_t){ x4_wording_name((x4_wording)w), descriptions[w], w };
    prefs_register_enum_preference(module, "mta_profile", "Findings worded for",
        "exchange: each finding names the MSExchangeMTA events it foreshadows and the KB "
        "article's fix; generic: what the pattern usually means for any X.400 MTA (AMHS, "
        "STANAG 4406, Isode...) and what to look at. Precursors, KB articles and event IDs "
        "stay in their fields either way.", &x400mta_reg.prefs.wording, values, FALSE);
}

/* x400mta.ports, the wording, and one uint preference per catalogue threshold. */
static void register_preferences(void)
{
    module_t *module = prefs_register_protocol(x400mta_reg.proto, x400mta_apply_preferences);

    range_convert_str(wmem_epan_scope(), &x400mta_reg.ports, "102", 65535);
    prefs_register_range_preference(module, "ports", "RFC1006 TCP ports",
        "TCP ports whose connections are X.400 MTA (RFC1006) candidates; "
        "TPKT is decoded on them too", &x400mta_reg.ports, 65535);

    x4_prefs_default(&x400mta_reg.prefs);
    register_wording(module);
    for (unsigned i = 0; i < x4_pref_defs_count; i++) {
        const x4_pref_def *def = &x4_pref_defs[i];
        guint *value = (guint *)((char *)&x400mta_reg.prefs + def->offset);
        prefs_register_uint_preference(module, def->name, def->title, def->description,
                                       10, value);
    }
}

void x400mta_register_protocol(void)
{
    x400mta_reg.proto = proto_register_protocol("X.400 MTA association analysis",
                                                "X400MTA", "x400mta");
    proto_register_field_array(x400mta_reg.proto, x400mta_fields, array_length(x400mta_fields));
    proto_register_subtree_array(x400mta_etts, array_length(x400mta_etts));
    register_expert_infos();
    register_preferences();
    x400mta_register_postdissector();
    x400mta_register_stats();
}

void x400mta_register_handoff(void)
{
    tcp_hook_register();
    tpkt_hook_register();
    x400mta_apply_preferences();
}
