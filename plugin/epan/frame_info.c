#include "frame_info.h"

#include <stdio.h>

#include "x4_common.h"

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

/* The note is built in one buffer of the Info column's size, joined by
 * x4_text_put (no format parsing: this runs for every frame with a note
 * that tshark prints a line for or the GUI lists); Wireshark cuts the
 * column at the same length, so nothing shown is lost. */
typedef struct {
    char s[COL_MAX_INFO_LEN];
    size_t n;
} note_text;

static void put(note_text *t, const char *s)
{
    t->n = x4_text_put(t->s, sizeof t->s, t->n, s);
}

static void append_steps(note_text *out, const frame_record *rec)
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
        put(out, shown ? ", " : "[");
        put(out, x4_pdu_kind_display(rec->pdus[i], "unknown PDU"));
        if (reason && reason->pdu == rec->pdus[i]) {
            put(out, " (");
            put(out, reason->text);
            put(out, ")");
            reason = NULL;
        }
        shown++;
    }
    if (left) {
        char more[24];
        snprintf(more, sizeof more, ", +%u more", left);
        put(out, more);
    }
    if (shown)
        put(out, "] ");
}

void frame_info_prepend(packet_info *pinfo, const frame_record *rec)
{
    /* Most frames carry no PDU of ours (bare ACKs), and tshark -q shows no
     * columns: nothing to build then. */
    if (!pinfo->cinfo || (!rec->n_pdus && !rec->n_flags))
        return;
    note_text note;
    note.n = 0;
    note.s[0] = '\0';

    append_steps(&note, rec);
    for (unsigned i = 0; i < rec->n_flags; i++) {
        const x4_precursor_def *def = &x4_catalogue[rec->flags[i].id];
        put(&note, "[X.400 ");
        put(&note, def->id);
        put(&note, " ");
        put(&note, def->kb);
        put(&note, "] ");
    }
    if (note.n)
        col_prepend_fstr(pinfo->cinfo, COL_INFO, "%s", note.s);
}
