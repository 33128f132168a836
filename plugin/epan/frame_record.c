#include "frame_record.h"

#include <string.h>

static char **copy_strings(wmem_allocator_t *scope, const char *first,
                           size_t stride, unsigned n)
{
    if (n == 0)
        return NULL;
    char **out = wmem_alloc_array(scope, char *, n);
    for (unsigned i = 0; i < n; i++)
        out[i] = wmem_strdup(scope, first + i * stride);
    return out;
}

static void copy_pdus(wmem_allocator_t *scope, frame_record *r, const x4_frame_info *info)
{
    r->n_pdus = (guint8)MIN(info->n_pdus, G_MAXUINT8);
    if (r->n_pdus == 0)
        return;
    r->pdus = wmem_alloc_array(scope, guint16, r->n_pdus);
    for (unsigned i = 0; i < r->n_pdus; i++)
        r->pdus[i] = (guint16)info->pdus[i].kind;
}

static void copy_reasons_and_errors(wmem_allocator_t *scope, frame_record *r,
                                    const x4_frame_info *info)
{
    r->n_reasons = (guint8)info->n_reasons;
    if (r->n_reasons) {
        r->reasons = wmem_alloc_array(scope, frame_reason, r->n_reasons);
        for (unsigned i = 0; i < r->n_reasons; i++) {
            r->reasons[i].layer = info->reasons[i].layer;
            r->reasons[i].pdu = (guint16)info->reasons[i].pdu;
            r->reasons[i].text = info->reasons[i].text;
        }
    }
    r->n_errors = (guint8)info->n_errors;
    if (r->n_errors) {
        r->errors = wmem_alloc_array(scope, const char *, r->n_errors);
        for (unsigned i = 0; i < r->n_errors; i++)
            r->errors[i] = info->errors[i].what;
    }
}

frame_record *frame_record_new(wmem_allocator_t *scope, const x4_tcp_event *ev,
                               const x4_frame_info *info, const x4_note *note)
{
    frame_record *r = wmem_new0(scope, frame_record);

    r->payload_len = ev->payload_len;
    r->tcp = (guint8)((ev->syn ? X4_AT_SYN : 0) | (ev->fin ? X4_AT_FIN : 0) |
                      (ev->rst ? X4_AT_RST : 0) | (ev->icmp_error ? X4_AT_ICMP : 0) |
                      (ev->retransmission ? X4_AT_RETRANSMISSION : 0));
    r->assoc = note->assoc;
    r->state = (guint8)note->state;
    r->dir = (guint8)note->dir;
    r->mode = (guint8)info->mode;
    copy_pdus(scope, r, info);
    r->n_mtas = (guint8)info->n_mtas;
    r->mtas = copy_strings(scope, info->mtas[0].name, sizeof info->mtas[0], info->n_mtas);
    r->n_mtsids = (guint8)info->n_mtsids;
    r->mtsids = copy_strings(scope, info->mtsids[0].text, sizeof info->mtsids[0], info->n_mtsids);
    copy_reasons_and_errors(scope, r, info);
    if (info->calling_tsap[0] || info->called_tsap[0] || info->tpdu_size) {
        r->calling_tsap = wmem_strdup(scope, info->calling_tsap);
        r->called_tsap = wmem_strdup(scope, info->called_tsap);
        r->tpdu_size = info->tpdu_size;
    }
    r->n_flags = (guint8)note->n_flags;
    if (r->n_flags)
        r->flags = wmem_memdup(scope, note->flags, sizeof note->flags[0] * r->n_flags);
    return r;
}
