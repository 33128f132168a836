/* The per-frame cache: what the first pass learnt about a frame, kept
 * compact (the full decoder and engine structs are large and most frames
 * carry little), from which every later pass builds its tree. */
#ifndef X400MTA_FRAME_RECORD_H
#define X400MTA_FRAME_RECORD_H

#include <wireshark.h>

#include "engine.h"
#include "osi_stack.h"
#include "assoc_table.h"

typedef struct {
    x4_layer layer;
    guint16 pdu;                 /* x4_pdu_kind that carried it */
    const char *text;            /* static */
} frame_reason;

typedef struct {
    guint32 assoc;
    guint8 state, dir, mode;
    guint8 n_pdus, n_mtas, n_mtsids, n_reasons, n_errors, n_flags;
    guint32 tpdu_size;
    guint32 payload_len;         /* TCP payload bytes of this frame */
    guint8 tcp;                  /* X4_AT_SYN/FIN/RST/ICMP/RETRANSMISSION (assoc_table.h) */
    guint16 *pdus;               /* x4_pdu_kind, wire order */
    char **mtas;
    char **mtsids;
    frame_reason *reasons;
    const char **errors;         /* static texts of decode errors */
    char *calling_tsap, *called_tsap;
    x4_flag *flags;
} frame_record;

/* Copy what matters of *ev, *info and *note into `scope`. */
frame_record *frame_record_new(wmem_allocator_t *scope, const x4_tcp_event *ev,
                               const x4_frame_info *info, const x4_note *note);

#endif
