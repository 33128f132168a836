#include "assoc_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void x4_at_init(x4_assoc_table *t)
{
    memset(t, 0, sizeof *t);
}

void x4_at_reset(x4_assoc_table *t)
{
    free(t->rows);
    x4_at_init(t);
}

static void copy_text(char *dst, size_t size, const char *src)
{
    if (!src)
        return;
    snprintf(dst, size, "%s", src);
}

/* The row for assoc, created (with the rows before it) on first sight. */
static x4_assoc_row *row_for(x4_assoc_table *t, uint32_t assoc)
{
    if (assoc > t->n_rows) {
        if (assoc > t->cap) {
            unsigned cap = t->cap ? t->cap : 16;
            while (cap < assoc)
                cap *= 2;
            x4_assoc_row *rows = realloc(t->rows, cap * sizeof *rows);
            if (!rows)
                return NULL;
            t->rows = rows;
            t->cap = cap;
        }
        memset(t->rows + t->n_rows, 0, (assoc - t->n_rows) * sizeof *t->rows);
        t->n_rows = assoc;
    }
    return &t->rows[assoc - 1];
}

static const char *side(x4_dir d)
{
    return d == X4_DIR_INITIATOR ? "initiator" : "responder";
}

static bool is_release(uint16_t k)
{
    return k == X4_PDU_SES_FN || k == X4_PDU_RLRQ;
}

static bool is_abort(uint16_t k)
{
    return k == X4_PDU_SES_AB || k == X4_PDU_ABRT || k == X4_PDU_PRES_ARU ||
           k == X4_PDU_PRES_ARP || k == X4_PDU_RTAB;
}

static bool is_p1_transfer(uint16_t k)
{
    return k == X4_PDU_P1_MESSAGE || k == X4_PDU_P1_REPORT || k == X4_PDU_P1_PROBE;
}

static bool is_tpdu(uint16_t k)
{
    return k >= X4_PDU_TP0_CR && k <= X4_PDU_TP0_UNKNOWN;
}

/* The first event that ended (or began to end) the association. */
static void note_ending(x4_assoc_row *r, const x4_at_frame *f)
{
    if (r->ended[0])
        return;
    for (unsigned i = 0; i < f->n_flags; i++) {
        const x4_flag *fl = &f->flags[i];
        if (fl->id != X4_P_CONNECT_REFUSED)
            continue;
        snprintf(r->ended, sizeof r->ended, "refused by %s%s%s",
                 fl->refused_by != X4_REFUSED_NONE ? x4_refuser_name(fl->refused_by) : side(f->dir),
                 fl->reason ? ": " : "", fl->reason ? fl->reason : "");
        return;
    }
    for (unsigned i = 0; i < f->n_pdus; i++) {
        uint16_t k = f->pdus[i];
        const char *what = is_release(k) ? "release" : is_abort(k) ? "abort"
                         : k == X4_PDU_TP0_DR ? "TP0 DR" : NULL;
        if (what) {
            snprintf(r->ended, sizeof r->ended, "%s by %s", what, side(f->dir));
            return;
        }
    }
    if (f->tcp & X4_AT_ICMP)
        return;
    if (f->tcp & X4_AT_RST)
        snprintf(r->ended, sizeof r->ended, "RST by %s", side(f->dir));
    else if (f->tcp & X4_AT_FIN)
        snprintf(r->ended, sizeof r->ended, "FIN by %s", side(f->dir));
    else if (f->state == X4_ST_LOST)
        snprintf(r->ended, sizeof r->ended, "retransmissions unanswered");
}

/* Initiator and responder addresses from the first frame of the peers. */
static void note_endpoints(x4_assoc_row *r, const x4_at_frame *f)
{
    if (r->initiator_host[0] || (f->tcp & X4_AT_ICMP) || !f->src_host || !f->dst_host)
        return;
    bool from_initiator = f->dir == X4_DIR_INITIATOR;
    copy_text(r->initiator_host, sizeof r->initiator_host, from_initiator ? f->src_host : f->dst_host);
    copy_text(r->responder_host, sizeof r->responder_host, from_initiator ? f->dst_host : f->src_host);
    r->initiator_port = from_initiator ? f->src_port : f->dst_port;
    r->responder_port = from_initiator ? f->dst_port : f->src_port;
}

static void note_decoding(x4_assoc_row *r, const x4_at_frame *f)
{
    unsigned d = f->dir == X4_DIR_RESPONDER;
    if (f->mode != X4_MODE_UNKNOWN)
        r->mode = f->mode;
    if (f->calling_tsap && f->calling_tsap[0] && !r->calling_tsap[0])
        copy_text(r->calling_tsap, sizeof r->calling_tsap, f->calling_tsap);
    if (f->called_tsap && f->called_tsap[0] && !r->called_tsap[0])
        copy_text(r->called_tsap, sizeof r->called_tsap, f->called_tsap);
    if (f->n_mtas && f->mtas[0] && !r->mta[d][0])
        copy_text(r->mta[d], sizeof r->mta[d], f->mtas[0]);
    for (unsigned i = 0; i < f->n_pdus; i++) {
        r->pdus[d] += is_tpdu(f->pdus[i]);
        r->p1_transfers += is_p1_transfer(f->pdus[i]);
    }
}

bool x4_at_add(x4_assoc_table *t, const x4_at_frame *f)
{
    if (f->assoc == 0)
        return false;
    x4_assoc_row *r = row_for(t, f->assoc);
    if (!r)
        return false;
    if (r->assoc == 0) {
        r->assoc = f->assoc;
        r->first_frame = f->frame;
        r->first_time = r->last_time = f->time;
    }
    if (f->time < r->first_time)
        r->first_time = f->time;
    if (f->time > r->last_time)
        r->last_time = f->time;
    if (f->frame < r->first_frame)
        r->first_frame = f->frame;
    if (f->frame > r->last_frame)
        r->last_frame = f->frame;

    note_endpoints(r, f);
    if (!(f->tcp & X4_AT_ICMP)) {
        unsigned d = f->dir == X4_DIR_RESPONDER;
        r->frames[d]++;
        r->bytes[d] += f->payload_len;
    }
    note_decoding(r, f);
    r->state = f->state;
    note_ending(r, f);
    for (unsigned i = 0; i < f->n_flags; i++) {
        unsigned id = f->flags[i].id;
        if (id >= X4_P_COUNT)
            continue;
        if (r->flag_count[id]++ == 0)
            r->flag_first_frame[id] = f->frame;
    }
    return true;
}

const x4_assoc_row *x4_at_row(const x4_assoc_table *t, uint32_t assoc)
{
    if (assoc == 0 || assoc > t->n_rows || t->rows[assoc - 1].assoc == 0)
        return NULL;
    return &t->rows[assoc - 1];
}

const char *x4_at_ended(const x4_assoc_row *row)
{
    if (row->ended[0])
        return row->ended;
    if (row->state == X4_ST_TCP_CONNECTING)
        return "no answer";
    return "open at capture end";
}

double x4_at_duration(const x4_assoc_row *row)
{
    return row->last_time - row->first_time;
}

void x4_at_precursors(const x4_assoc_row *row, char *out, size_t size)
{
    size_t used = 0;
    if (size == 0)
        return;
    out[0] = '\0';
    for (unsigned id = 0; id < X4_P_COUNT; id++) {
        if (!row->flag_count[id] || used >= size)
            continue;
        int n = row->flag_count[id] > 1
            ? snprintf(out + used, size - used, "%s%s(%u)", used ? "," : "",
                       x4_catalogue[id].id, (unsigned)row->flag_count[id])
            : snprintf(out + used, size - used, "%s%s", used ? "," : "", x4_catalogue[id].id);
        if (n < 0)
            return;
        used += (size_t)n;
    }
}

static bool same_pair(const x4_at_pair *p, const x4_assoc_row *r)
{
    return (!strcmp(p->host[0], r->initiator_host) && !strcmp(p->host[1], r->responder_host)) ||
           (!strcmp(p->host[1], r->initiator_host) && !strcmp(p->host[0], r->responder_host));
}

unsigned x4_at_pairs(const x4_assoc_table *t, x4_at_pair **pairs)
{
    unsigned n = 0;
    *pairs = NULL;
    if (t->n_rows == 0)
        return 0;
    x4_at_pair *out = calloc(t->n_rows, sizeof *out);
    if (!out)
        return 0;
    for (unsigned i = 0; i < t->n_rows; i++) {
        const x4_assoc_row *r = &t->rows[i];
        if (r->assoc == 0)
            continue;
        unsigned k = 0;
        while (k < n && !same_pair(&out[k], r))
            k++;
        if (k == n) {
            copy_text(out[k].host[0], sizeof out[k].host[0], r->initiator_host);
            copy_text(out[k].host[1], sizeof out[k].host[1], r->responder_host);
            n++;
        }
        out[k].assocs++;
        for (unsigned id = 0; id < X4_P_COUNT; id++)
            out[k].flag_count[id] += r->flag_count[id];
    }
    if (n == 0) {
        free(out);
        return 0;
    }
    *pairs = out;
    return n;
}

void x4_at_totals(const x4_assoc_table *t, uint32_t counts[X4_P_COUNT],
                  uint32_t assocs[X4_P_COUNT])
{
    memset(counts, 0, X4_P_COUNT * sizeof counts[0]);
    memset(assocs, 0, X4_P_COUNT * sizeof assocs[0]);
    for (unsigned i = 0; i < t->n_rows; i++)
        for (unsigned id = 0; id < X4_P_COUNT; id++) {
            counts[id] += t->rows[i].flag_count[id];
            assocs[id] += t->rows[i].flag_count[id] != 0;
        }
}
