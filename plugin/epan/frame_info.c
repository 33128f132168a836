#include "frame_info.h"

#include <stdio.h>
#include <string.h>

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

/* The Info column with the note in front, text and fence as
 * col_prepend_fstr leaves them, from calls that neither format nor copy the
 * old text twice (col_prepend_fstr runs vsnprintf on the note and copies
 * the old text into a buffer and back: about 1,400 instructions a frame,
 * the largest single cost of one line per frame).  A fence protects the
 * text before it from col_add_str (column-utils.h), so what col_add_str of
 * nothing leaves is the fenced part; with a fence, the note and that part
 * are written, the fence set after them, and the rest appended. */
static void prepend_to_info(column_info *cinfo, const note_text *note)
{
    const char *now = col_get_text(cinfo, COL_INFO);
    if (!now || !col_get_writable(cinfo, COL_INFO))
        return;
    char joined[2 * COL_MAX_INFO_LEN];    /* cut to the column's size by col_add_str */
    size_t old = MIN(strlen(now), (size_t)COL_MAX_INFO_LEN - 1);
    memcpy(joined, note->s, note->n);
    memcpy(joined + note->n, now, old);
    joined[note->n + old] = '\0';

    col_add_str(cinfo, COL_INFO, "");
    size_t fence = strlen(col_get_text(cinfo, COL_INFO));
    if (fence == 0) {
        col_add_str(cinfo, COL_INFO, joined);
        return;
    }
    char *rest = joined + note->n + fence;
    char first = *rest;
    *rest = '\0';
    col_clear_fence(cinfo, COL_INFO);
    col_add_str(cinfo, COL_INFO, joined);
    col_set_fence(cinfo, COL_INFO);
    *rest = first;
    col_append_str(cinfo, COL_INFO, rest);
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
        prepend_to_info(pinfo->cinfo, &note);
}
