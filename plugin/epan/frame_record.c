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

static void record_pdus(wmem_allocator_t *pool, const x4_frame_info *info, frame_record *r)
{
    r->n_pdus = (guint8)MIN(info->n_pdus, G_MAXUINT8);
    if (!r->n_pdus)
        return;
    r->pdus = wmem_alloc_array(pool, guint16, r->n_pdus);
    for (unsigned i = 0; i < r->n_pdus; i++)
        r->pdus[i] = (guint16)info->pdus[i].kind;
}

static void record_texts(wmem_allocator_t *pool, const x4_frame_info *info, frame_record *r)
{
    r->n_mtas = (guint8)info->n_mtas;
    r->n_mtsids = (guint8)info->n_mtsids;
    if (r->n_mtas)
        r->mtas = wmem_alloc_array(pool, char *, r->n_mtas);
    for (unsigned i = 0; i < r->n_mtas; i++)
        r->mtas[i] = (char *)info->mtas[i].name;
    if (r->n_mtsids)
        r->mtsids = wmem_alloc_array(pool, char *, r->n_mtsids);
    for (unsigned i = 0; i < r->n_mtsids; i++)
        r->mtsids[i] = (char *)info->mtsids[i].text;
    if (frame_extra_has_tsaps(info)) {
        r->tpdu_size = info->tpdu_size;
        r->calling_tsap = (char *)info->calling_tsap;
        r->called_tsap = (char *)info->called_tsap;
    }
}

static void record_reasons(wmem_allocator_t *pool, const x4_frame_info *info, frame_record *r)
{
    r->n_reasons = (guint8)info->n_reasons;
    r->n_errors = (guint8)info->n_errors;
    if (r->n_reasons)
        r->reasons = wmem_alloc_array(pool, frame_reason, r->n_reasons);
    for (unsigned i = 0; i < r->n_reasons; i++)
        r->reasons[i] = (frame_reason){ .layer = info->reasons[i].layer,
                                        .pdu = (guint16)info->reasons[i].pdu,
                                        .text = info->reasons[i].text };
    if (r->n_errors)
        r->errors = wmem_alloc_array(pool, const char *, r->n_errors);
    for (unsigned i = 0; i < r->n_errors; i++)
        r->errors[i] = info->errors[i].what;
}

/* A message fills its array at most, as the cache keeps it. */
static void record_flags(x4_note *note, frame_record *r)
{
    r->n_flags = (guint8)note->n_flags;
    if (!r->n_flags)
        return;
    r->flags = note->flags;
    for (unsigned i = 0; i < r->n_flags; i++)
        r->flags[i].message[sizeof r->flags[i].message - 1] = '\0';
}

void frame_record_of(frame_record *r, wmem_allocator_t *pool, const x4_tcp_event *ev,
                     const x4_frame_info *info, x4_note *note)
{
    memset(r, 0, sizeof *r);
    r->assoc = note->assoc;
    r->payload_len = ev->payload_len;
    r->state = (guint8)note->state;
    r->tcp = frame_record_tcp_bits(ev);
    r->dir = note->dir == X4_DIR_RESPONDER ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
    r->mode = (guint8)info->mode;
    record_pdus(pool, info, r);
    record_texts(pool, info, r);
    record_reasons(pool, info, r);
    record_flags(note, r);
}
