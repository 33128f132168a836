#include "stats_assoc.h"

#include <epan/address.h>
#include <epan/to_str.h>
#include <stdio.h>
#include <string.h>

void stats_assoc_add(x4_assoc_table *t, const packet_info *pinfo, const frame_record *rec)
{
    char *src = address_to_str(NULL, &pinfo->src);
    char *dst = address_to_str(NULL, &pinfo->dst);
    x4_at_frame f = {
        .assoc = rec->assoc,
        .frame = pinfo->num,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .dir = (x4_dir)rec->dir,
        .state = (x4_state)rec->state,
        .mode = (x4_mode)rec->mode,
        .tcp = rec->tcp,
        .payload_len = rec->payload_len,
        .src_host = src, .dst_host = dst,
        .src_port = (guint16)pinfo->srcport, .dst_port = (guint16)pinfo->destport,
        .pdus = rec->pdus, .n_pdus = rec->n_pdus,
        .mtas = (const char *const *)rec->mtas, .n_mtas = rec->n_mtas,
        .calling_tsap = rec->calling_tsap, .called_tsap = rec->called_tsap,
        .flags = rec->flags, .n_flags = rec->n_flags,
    };
    x4_at_add(t, &f);
    wmem_free(NULL, src);
    wmem_free(NULL, dst);
}

void stats_assoc_endpoint(char *out, size_t size, const char *host, guint16 port)
{
    if (strchr(host, ':'))
        snprintf(out, size, "[%s]:%u", host, port);
    else
        snprintf(out, size, "%s:%u", host, port);
}

const char *const stats_assoc_heads[SA_N_COLUMNS] = {
    "#", "Initiator", "Responder", "TSAPs", "MTAs", "Mode", "State", "Ended",
    "PDUs i>r", "PDUs r>i", "Bytes i>r", "Bytes r>i", "P1", "Duration", "Precursors" };
const gboolean stats_assoc_right[SA_N_COLUMNS] = {
    [SA_NUMBER] = TRUE, [SA_PDUS_IR] = TRUE, [SA_PDUS_RI] = TRUE, [SA_BYTES_IR] = TRUE,
    [SA_BYTES_RI] = TRUE, [SA_P1] = TRUE, [SA_DURATION] = TRUE };

/* "a/b" of two optional names, "-" when both are unknown. */
static void name_pair(char *out, size_t size, const char *a, const char *b)
{
    if (a[0] || b[0])
        snprintf(out, size, "%s/%s", a[0] ? a : "-", b[0] ? b : "-");
    else
        snprintf(out, size, "-");
}

void stats_assoc_words_fill(stats_assoc_words *w, const x4_assoc_row *r)
{
    snprintf(w->number, sizeof w->number, "%u", r->assoc);
    stats_assoc_endpoint(w->initiator, sizeof w->initiator, r->initiator_host, r->initiator_port);
    stats_assoc_endpoint(w->responder, sizeof w->responder, r->responder_host, r->responder_port);
    name_pair(w->tsaps, sizeof w->tsaps, r->calling_tsap, r->called_tsap);
    name_pair(w->mtas, sizeof w->mtas, r->mta[X4_DIR_INITIATOR], r->mta[X4_DIR_RESPONDER]);
    snprintf(w->ended, sizeof w->ended, "%s", x4_at_ended(r));
    for (unsigned d = 0; d < 2; d++) {
        snprintf(w->pdus[d], sizeof w->pdus[d], "%u", r->pdus[d]);
        snprintf(w->bytes[d], sizeof w->bytes[d], "%" G_GUINT64_FORMAT, r->bytes[d]);
    }
    snprintf(w->p1, sizeof w->p1, "%u", r->p1_transfers);
    snprintf(w->duration, sizeof w->duration, "%.3fs", x4_at_duration(r));
    x4_at_precursors(r, w->precursors, sizeof w->precursors);
    if (!w->precursors[0])
        snprintf(w->precursors, sizeof w->precursors, "none");

    const char *cells[SA_N_COLUMNS] = {
        [SA_NUMBER] = w->number, [SA_INITIATOR] = w->initiator, [SA_RESPONDER] = w->responder,
        [SA_TSAPS] = w->tsaps, [SA_MTAS] = w->mtas,
        [SA_MODE] = r->mode != X4_MODE_UNKNOWN ? x4_mode_name(r->mode) : "-",
        [SA_STATE] = x4_state_name(r->state), [SA_ENDED] = w->ended,
        [SA_PDUS_IR] = w->pdus[0], [SA_PDUS_RI] = w->pdus[1],
        [SA_BYTES_IR] = w->bytes[0], [SA_BYTES_RI] = w->bytes[1],
        [SA_P1] = w->p1, [SA_DURATION] = w->duration, [SA_PRECURSORS] = w->precursors };
    memcpy(w->cell, cells, sizeof cells);
}

void x400mta_register_stats(void)
{
    stats_tshark_register();
    stats_table_register();
    stats_tree_x400mta_register();
}
