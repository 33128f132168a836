#include "frame_tree.h"

#include <math.h>
#include <string.h>
#include <epan/expert.h>

#include "frame_info.h"
#include "x400mta_register.h"

#define HF (x400mta_reg.hf)

static proto_item *add_string(proto_tree *tree, tvbuff_t *tvb, int hf, const char *s)
{
    proto_item *it = proto_tree_add_string(tree, hf, tvb, 0, 0, s);
    proto_item_set_generated(it);
    return it;
}

static proto_item *add_uint(proto_tree *tree, tvbuff_t *tvb, int hf, guint32 v)
{
    proto_item *it = proto_tree_add_uint(tree, hf, tvb, 0, 0, v);
    proto_item_set_generated(it);
    return it;
}

static void add_seconds(proto_tree *tree, tvbuff_t *tvb, int hf, double seconds)
{
    nstime_t t;
    t.secs = (time_t)floor(seconds);
    t.nsecs = (int)((seconds - floor(seconds)) * 1e9);
    proto_item_set_generated(proto_tree_add_time(tree, hf, tvb, 0, 0, &t));
}

static const char *pdu_name(guint16 kind)
{
    const char *name = x4_pdu_kind_name((x4_pdu_kind)kind);
    return strcmp(name, "unknown") == 0 ? "unknown PDU" : name;
}

static void add_decoding(proto_tree *tree, tvbuff_t *tvb, const frame_record *rec)
{
    for (unsigned i = 0; i < rec->n_pdus; i++)
        add_string(tree, tvb, HF.pdu, pdu_name(rec->pdus[i]));
    if (rec->mode != X4_MODE_UNKNOWN)
        add_string(tree, tvb, HF.mode, x4_mode_name((x4_mode)rec->mode));
    if (rec->calling_tsap && rec->calling_tsap[0])
        add_string(tree, tvb, HF.calling_tsap, rec->calling_tsap);
    if (rec->called_tsap && rec->called_tsap[0])
        add_string(tree, tvb, HF.called_tsap, rec->called_tsap);
    if (rec->tpdu_size)
        add_uint(tree, tvb, HF.tpdu_size, rec->tpdu_size);
    for (unsigned i = 0; i < rec->n_mtas; i++)
        add_string(tree, tvb, HF.mta, rec->mtas[i]);
    for (unsigned i = 0; i < rec->n_mtsids; i++)
        add_string(tree, tvb, HF.mtsid, rec->mtsids[i]);
    for (unsigned i = 0; i < rec->n_reasons; i++)
        add_string(tree, tvb, HF.reason, rec->reasons[i].text);
}

static void add_decode_errors(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                              const frame_record *rec)
{
    for (unsigned i = 0; i < rec->n_errors; i++) {
        proto_item *it = add_string(tree, tvb, HF.decode_error, rec->errors[i]);
        expert_add_info_format(pinfo, it, &x400mta_reg.ei_malformed, "Malformed: %s", rec->errors[i]);
    }
}

/* The flag's reason is usually one the frame's decoding already shows. */
static gboolean frame_has_reason(const frame_record *rec, const char *reason)
{
    for (unsigned i = 0; i < rec->n_reasons; i++)
        if (g_strcmp0(rec->reasons[i].text, reason) == 0)
            return TRUE;
    return FALSE;
}

static void add_flag(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                     const frame_record *rec, const x4_flag *flag)
{
    const x4_precursor_def *def = &x4_catalogue[flag->id];
    proto_item *top = add_string(tree, tvb, HF.precursor, def->id);
    proto_tree *sub = proto_item_add_subtree(top, x400mta_reg.ett_precursor);

    add_string(sub, tvb, HF.kb, def->kb);
    for (unsigned i = 0; i < def->n_event_ids; i++)
        add_uint(sub, tvb, HF.event_id, def->event_ids[i]);
    if (flag->related_frame)
        add_uint(sub, tvb, HF.related_frame, flag->related_frame);
    if (flag->refused_by != X4_REFUSED_NONE)
        add_string(sub, tvb, HF.refused_by, x4_refuser_name(flag->refused_by));
    if (flag->reason && !frame_has_reason(rec, flag->reason))
        add_string(sub, tvb, HF.reason, flag->reason);
    if (flag->id == X4_P_CLOSE_BEFORE_OK)
        add_seconds(sub, tvb, HF.ok_wait, flag->ok_wait);
    if (flag->id == X4_P_RECONNECT_STORM)
        add_seconds(sub, tvb, HF.retry_interval, flag->retry_interval);
    if (flag->count)
        add_uint(sub, tvb, HF.count, flag->count);
    add_string(sub, tvb, HF.finding, flag->message);
    add_string(sub, tvb, HF.resolution, x4_precursor_resolution(def, flag->wording));
    expert_add_info_format(pinfo, top, &x400mta_reg.ei_precursor[flag->id], "%s", flag->message);
}

/* Without a tree (tshark printing one line per frame, say), or with one
 * nobody reads x400mta from (a display filter on other fields), only what
 * shows elsewhere: the expert infos (for -z expert) and the Info column. */
static void build_without_tree(packet_info *pinfo, const frame_record *rec)
{
    for (unsigned i = 0; i < rec->n_errors; i++)
        expert_add_info_format(pinfo, NULL, &x400mta_reg.ei_malformed, "Malformed: %s", rec->errors[i]);
    for (unsigned i = 0; i < rec->n_flags; i++)
        expert_add_info_format(pinfo, NULL, &x400mta_reg.ei_precursor[rec->flags[i].id], "%s",
                               rec->flags[i].message);
    frame_info_prepend(pinfo, rec);
}

void frame_tree_build(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                      const frame_record *rec)
{
    /* Referenced: a visible tree (-V, the GUI's details), or a filter, a
     * column or -e naming x400mta or one of its fields (Wireshark primes
     * them), or protocols not faked (proto.c: proto_field_is_referenced). */
    if (!tree || !proto_field_is_referenced(tree, x400mta_reg.proto)) {
        build_without_tree(pinfo, rec);
        return;
    }
    proto_item *top = proto_tree_add_item(tree, x400mta_reg.proto, tvb, 0, 0, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(top, x400mta_reg.ett_x400mta);

    proto_item_set_generated(top);
    proto_item_append_text(top, ", association %u, %s", rec->assoc,
                           x4_state_name((x4_state)rec->state));
    add_uint(sub, tvb, HF.assoc, rec->assoc);
    add_string(sub, tvb, HF.state, x4_state_name((x4_state)rec->state));
    add_string(sub, tvb, HF.dir, rec->dir == X4_DIR_INITIATOR ? "initiator" : "responder");
    add_decoding(sub, tvb, rec);
    add_decode_errors(sub, tvb, pinfo, rec);
    for (unsigned i = 0; i < rec->n_flags; i++)
        add_flag(sub, tvb, pinfo, rec, &rec->flags[i]);
    frame_info_prepend(pinfo, rec);
}
