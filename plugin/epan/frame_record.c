/* A frame's record from the first pass's own analysis (frame_record.h):
 * what frame_store_get would read back from the entry just stored, without
 * decoding it, as the first pass needs it at once.  The cache keeps every
 * field whole (frame_store.c asserts the widths), so the record is the
 * analysis's values, arranged as the tree reads them. */
#include "frame_record.h"

#include <string.h>

#include "frame_extra.h"

guint8 frame_record_tcp_bits(const x4_tcp_event *ev)
{
    return (guint8)((ev->syn ? X4_AT_SYN : 0) | (ev->fin ? X4_AT_FIN : 0) | (ev->rst ? X4_AT_RST : 0) |
                    (ev->icmp_error ? X4_AT_ICMP : 0) | (ev->retransmission ? X4_AT_RETRANSMISSION : 0));
}

/* The counts are the analysis's own: each at most its array's size
 * (osi_stack.h, engine.h), which the cache's one-byte counts hold.  The
 * arrays are the room's, read up to their counts. */
static void record_pdus(frame_record_room *room, const x4_frame_info *info)
{
    frame_record *r = &room->record;
    r->n_pdus = (guint8)MIN(info->n_pdus, X4_MAX_PDUS);
    r->pdus = room->pdus;
    for (unsigned i = 0; i < r->n_pdus; i++)
        r->pdus[i] = (guint16)info->pdus[i].kind;
}

static void record_texts(frame_record_room *room, const x4_frame_info *info)
{
    frame_record *r = &room->record;
    r->n_mtas = (guint8)MIN(info->n_mtas, X4_MAX_MTAS);
    r->mtas = room->mtas;
    for (unsigned i = 0; i < r->n_mtas; i++)
        r->mtas[i] = (char *)info->mtas[i].name;
    r->n_mtsids = (guint8)MIN(info->n_mtsids, X4_MAX_MTSIDS);
    r->mtsids = room->mtsids;
    for (unsigned i = 0; i < r->n_mtsids; i++)
        r->mtsids[i] = (char *)info->mtsids[i].text;
    if (frame_extra_has_tsaps(info)) {
        r->tpdu_size = info->tpdu_size;
        r->calling_tsap = (char *)info->calling_tsap;
        r->called_tsap = (char *)info->called_tsap;
    }
}

static void record_reasons(frame_record_room *room, const x4_frame_info *info)
{
    frame_record *r = &room->record;
    r->n_reasons = (guint8)MIN(info->n_reasons, X4_MAX_REASONS);
    r->reasons = room->reasons;
    for (unsigned i = 0; i < r->n_reasons; i++)
        r->reasons[i] = (frame_reason){ .layer = info->reasons[i].layer,
                                        .pdu = (guint16)info->reasons[i].pdu,
                                        .text = info->reasons[i].text };
    r->n_errors = (guint8)MIN(info->n_errors, X4_MAX_ERRORS);
    r->errors = room->errors;
    for (unsigned i = 0; i < r->n_errors; i++)
        r->errors[i] = info->errors[i].what;
}

/* A message fills its array at most, as the cache keeps it. */
static void record_flags(x4_note *note, frame_record *r)
{
    r->n_flags = (guint8)MIN(note->n_flags, X4_NOTE_MAX_FLAGS);
    r->flags = note->flags;
    for (unsigned i = 0; i < r->n_flags; i++)
        r->flags[i].message[sizeof r->flags[i].message - 1] = '\0';
}

const frame_record *frame_record_of(frame_record_room *room, const x4_tcp_event *ev,
                                    const x4_frame_info *info, x4_note *note)
{
    frame_record *r = &room->record;
    memset(r, 0, sizeof *r);
    r->assoc = note->assoc;
    r->payload_len = ev->payload_len;
    r->state = (guint8)note->state;
    r->tcp = frame_record_tcp_bits(ev);
    r->dir = note->dir == X4_DIR_RESPONDER ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
    r->mode = (guint8)info->mode;
    record_pdus(room, info);
    record_texts(room, info);
    record_reasons(room, info);
    record_flags(note, r);
    return r;
}
