/* What the first pass learnt about one frame, as the tree, the expert
 * infos, the Info column and the statistics read it: on the first pass
 * straight from the analysis (frame_record_of), on every later one rebuilt
 * from the compact per-frame cache (frame_store.h), the same record either
 * way (tests/epan/test_frame_store.c compares them). */
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

/* The TCP bits of a frame's event (X4_AT_*). */
guint8 frame_record_tcp_bits(const x4_tcp_event *ev);

/* A record and room for its arrays, for the first pass. */
typedef struct {
    frame_record record;
    guint16 pdus[X4_MAX_PDUS];
    char *mtas[X4_MAX_MTAS], *mtsids[X4_MAX_MTSIDS];
    frame_reason reasons[X4_MAX_REASONS];
    const char *errors[X4_MAX_ERRORS];
} frame_record_room;

/* The record of the frame the first pass just analysed and stored, built
 * in *room; it points into *info and *note, which must live as long
 * (pinfo->pool). */
const frame_record *frame_record_of(frame_record_room *room, const x4_tcp_event *ev,
                                    const x4_frame_info *info, x4_note *note);

#endif
