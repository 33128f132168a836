#include "frame_info.h"

/* PDUs that only carry the ones above them (the presentation connect and
 * its accept carry AARQ and AARE): left out of the steps, unless the frame
 * carried nothing else (a TP0 DT fragment). */
static const guint16 carriers[] = { X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_PRES_TD,
                                    X4_PDU_PRES_CP, X4_PDU_PRES_CPA };

/* Steps shown at most: a segment may hold dozens of TPDUs. */
#define MAX_STEPS 8

static gboolean is_carrier(guint16 kind)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(carriers); i++)
        if (carriers[i] == kind)
            return TRUE;
    return FALSE;
}

/* The reason given by the highest layer (a refusal at rtse says more than
 * the session RF carrying it), or NULL. */
static const frame_reason *top_reason(const frame_record *rec)
{
    const frame_reason *top = NULL;
    for (unsigned i = 0; i < rec->n_reasons; i++)
        if (!top || rec->reasons[i].layer >= top->layer)
            top = &rec->reasons[i];
    return top;
}

static void append_steps(GString *out, const frame_record *rec)
{
    gboolean all_carriers = TRUE;
    for (unsigned i = 0; i < rec->n_pdus; i++)
        all_carriers = all_carriers && is_carrier(rec->pdus[i]);

    const frame_reason *reason = top_reason(rec);
    unsigned shown = 0, left = 0;
    for (unsigned i = 0; i < rec->n_pdus; i++) {
        if (!all_carriers && is_carrier(rec->pdus[i]))
            continue;
        if (shown == MAX_STEPS) {
            left++;
            continue;
        }
        g_string_append_printf(out, "%s%s", shown ? ", " : "[",
                               x4_code_lookup(x4_pdu_kind_names, rec->pdus[i], "unknown PDU"));
        if (reason && reason->pdu == rec->pdus[i]) {
            g_string_append_printf(out, " (%s)", reason->text);
            reason = NULL;
        }
        shown++;
    }
    if (left)
        g_string_append_printf(out, ", +%u more", left);
    if (shown)
        g_string_append(out, "] ");
}

void frame_info_prepend(packet_info *pinfo, const frame_record *rec)
{
    /* Most frames carry no PDU of ours (bare ACKs), and tshark -q shows no
     * columns: nothing to build then. */
    if (!pinfo->cinfo || (!rec->n_pdus && !rec->n_flags))
        return;
    GString *note = g_string_new(NULL);

    append_steps(note, rec);
    for (unsigned i = 0; i < rec->n_flags; i++) {
        const x4_precursor_def *def = &x4_catalogue[rec->flags[i].id];
        g_string_append_printf(note, "[X.400 %s %s] ", def->id, def->kb);
    }
    if (note->len)
        col_prepend_fstr(pinfo->cinfo, COL_INFO, "%s", note->str);
    g_string_free(note, TRUE);
}
