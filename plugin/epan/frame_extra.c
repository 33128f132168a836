#include "frame_extra.h"

#include <string.h>

#include "cache_texts.h"

/* Bits of a stored finding's mask: which optional fields follow, and which
 * of the catalogue's words end its message. */
#define F_OK_WAIT 0x01
#define F_RETRY 0x02
#define F_REASON 0x04
#define F_ENDING_SHIFT 3        /* 2 bits: ending */

typedef enum { ENDS_OWN, ENDS_TAIL, ENDS_TAIL_FIX } ending;

/* The block opens with a byte saying which lists it holds (bit 1 << list)
 * and whether TSAPs follow (HAS_TSAPS), then the length of each list it
 * holds, one byte each, in the order below: most blocks hold one list. */
typedef enum { L_FLAGS, L_REASONS, L_ERRORS, L_MTAS, L_MTSIDS, L_COUNT } list;
#define HAS_TSAPS (1u << L_COUNT)

static void write_head(store_writer *w, const guint8 len[L_COUNT], gboolean tsaps)
{
    guint8 mask = tsaps ? HAS_TSAPS : 0;
    for (unsigned l = 0; l < L_COUNT; l++)
        mask |= len[l] ? (guint8)(1u << l) : 0;
    sw_u8(w, mask);
    for (unsigned l = 0; l < L_COUNT; l++)
        if (len[l])
            sw_u8(w, len[l]);
}

/* Fills len[] from the head at *p; returns whether TSAPs follow. */
static gboolean read_head(const guint8 **p, guint8 len[L_COUNT])
{
    guint8 mask = sr_u8(p);
    for (unsigned l = 0; l < L_COUNT; l++)
        len[l] = mask & (1u << l) ? sr_u8(p) : 0;
    return (mask & HAS_TSAPS) != 0;
}

gboolean frame_extra_has_tsaps(const x4_frame_info *info)
{
    return info->calling_tsap[0] || info->called_tsap[0] || info->tpdu_size;
}

gboolean frame_extra_needed(const x4_frame_info *info, const x4_note *note)
{
    return info->n_mtas || info->n_mtsids || info->n_reasons || info->n_errors || note->n_flags ||
           frame_extra_has_tsaps(info);
}

/* Whether s[0..n) ends with a then b (together not empty). */
static gboolean ends_with(const char *s, size_t n, const char *a, size_t alen, const char *b,
                          size_t blen)
{
    size_t k = alen + blen;
    return k > 0 && k <= n && memcmp(s + n - blen, b, blen) == 0 &&
           memcmp(s + n - k, a, alen) == 0;
}

/* How f's message ends; *own gets the length of the part kept. */
static ending split_message(const x4_flag *f, size_t *own)
{
    const char *end = memchr(f->message, '\0', sizeof f->message);
    size_t n = end ? (size_t)(end - f->message) : sizeof f->message - 1;
    *own = n;
    if ((unsigned)f->id >= X4_P_COUNT)
        return ENDS_OWN;
    const x4_tail *t = x4_precursor_tail(f->id, f->wording);
    if (ends_with(f->message, n, t->tail, t->tail_len, t->fix, t->fix_len)) {
        *own = n - t->tail_len - t->fix_len;
        return ENDS_TAIL_FIX;
    }
    if (ends_with(f->message, n, t->tail, t->tail_len, "", 0)) {
        *own = n - t->tail_len;
        return ENDS_TAIL;
    }
    return ENDS_OWN;
}

static gboolean nonzero(double v)
{
    static const double zero;
    return memcmp(&v, &zero, sizeof v) != 0;
}

/* A text that repeats (cache_texts.h): its number. */
static void write_text(store_writer *w, cache_text_row row, const char *s)
{
    cache_texts_write(w, row, s, strlen(s));
}

static void write_flag(store_writer *w, const x4_flag *f)
{
    size_t own;
    ending e = split_message(f, &own);
    guint8 mask = (guint8)((nonzero(f->ok_wait) ? F_OK_WAIT : 0) |
                           (nonzero(f->retry_interval) ? F_RETRY : 0) |
                           (f->reason ? F_REASON : 0) | (unsigned)e << F_ENDING_SHIFT);
    sw_u8(w, (guint8)f->id);
    sw_u8(w, (guint8)f->refused_by);
    sw_u8(w, (guint8)f->wording);
    sw_u8(w, mask);
    if (mask & F_OK_WAIT)
        sw_bytes(w, &f->ok_wait, sizeof f->ok_wait);
    if (mask & F_RETRY)
        sw_bytes(w, &f->retry_interval, sizeof f->retry_interval);
    if (mask & F_REASON)
        sw_bytes(w, &f->reason, sizeof f->reason);     /* a static text */
    sw_varint(w, f->related_frame);
    sw_varint(w, f->count);
    cache_texts_write(w, cache_text_finding(f->id), f->message, own);
}

static void read_flag(wmem_allocator_t *pool, const guint8 **p, x4_flag *f)
{
    f->id = (x4_precursor_id)sr_u8(p);
    f->refused_by = (x4_refuser)sr_u8(p);
    f->wording = (x4_wording)sr_u8(p);
    guint8 mask = sr_u8(p);
    if (mask & F_OK_WAIT)
        sr_bytes(p, &f->ok_wait, sizeof f->ok_wait);
    if (mask & F_RETRY)
        sr_bytes(p, &f->retry_interval, sizeof f->retry_interval);
    if (mask & F_REASON)
        sr_bytes(p, &f->reason, sizeof f->reason);
    f->related_frame = sr_varint(p);
    f->count = sr_varint(p);
    size_t n = x4_text_put(f->message, sizeof f->message, 0, cache_texts_read(p, pool));
    ending e = (ending)(mask >> F_ENDING_SHIFT & 3u);
    if (e == ENDS_OWN || (unsigned)f->id >= X4_P_COUNT)
        return;
    const x4_tail *t = x4_precursor_tail(f->id, f->wording);
    n = x4_text_put(f->message, sizeof f->message, n, t->tail);
    if (e == ENDS_TAIL_FIX)
        x4_text_put(f->message, sizeof f->message, n, t->fix);
}

void frame_extra_write(store_writer *w, const x4_frame_info *info, const x4_note *note)
{
    const guint8 len[L_COUNT] = {
        [L_FLAGS] = (guint8)note->n_flags, [L_REASONS] = (guint8)info->n_reasons,
        [L_ERRORS] = (guint8)info->n_errors, [L_MTAS] = (guint8)info->n_mtas,
        [L_MTSIDS] = (guint8)info->n_mtsids,
    };
    gboolean tsaps = frame_extra_has_tsaps(info);
    write_head(w, len, tsaps);
    if (tsaps) {
        sw_varint(w, info->tpdu_size);
        write_text(w, CACHE_TEXT_CALLING_TSAP, info->calling_tsap);
        write_text(w, CACHE_TEXT_CALLED_TSAP, info->called_tsap);
    }
    for (unsigned i = 0; i < note->n_flags; i++)
        write_flag(w, &note->flags[i]);
    for (unsigned i = 0; i < info->n_reasons; i++) {
        sw_bytes(w, &info->reasons[i].text, sizeof info->reasons[i].text);   /* static */
        sw_varint(w, (guint32)info->reasons[i].pdu);
        sw_u8(w, (guint8)info->reasons[i].layer);
    }
    for (unsigned i = 0; i < info->n_errors; i++)
        sw_bytes(w, &info->errors[i].what, sizeof info->errors[i].what);     /* static */
    for (unsigned i = 0; i < info->n_mtas; i++)
        write_text(w, CACHE_TEXT_MTA, info->mtas[i].name);
    for (unsigned i = 0; i < info->n_mtsids; i++)
        write_text(w, CACHE_TEXT_MTSID, info->mtsids[i].text);
}

/* n texts from the cache (cache_texts_read), or NULL for none. */
static char **read_texts(wmem_allocator_t *pool, const guint8 **p, unsigned n)
{
    if (!n)
        return NULL;
    char **v = wmem_alloc_array(pool, char *, n);
    for (unsigned i = 0; i < n; i++)
        v[i] = cache_texts_read(p, pool);
    return v;
}

void frame_extra_read(wmem_allocator_t *pool, const guint8 *p, frame_record *r)
{
    guint8 len[L_COUNT];
    gboolean tsaps = read_head(&p, len);
    r->n_flags = len[L_FLAGS];
    r->n_reasons = len[L_REASONS];
    r->n_errors = len[L_ERRORS];
    r->n_mtas = len[L_MTAS];
    r->n_mtsids = len[L_MTSIDS];
    if (tsaps) {
        r->tpdu_size = sr_varint(&p);
        r->calling_tsap = cache_texts_read(&p, pool);
        r->called_tsap = cache_texts_read(&p, pool);
    }
    if (r->n_flags)
        r->flags = wmem_alloc0_array(pool, x4_flag, r->n_flags);
    for (unsigned i = 0; i < r->n_flags; i++)
        read_flag(pool, &p, &r->flags[i]);
    if (r->n_reasons)
        r->reasons = wmem_alloc_array(pool, frame_reason, r->n_reasons);
    for (unsigned i = 0; i < r->n_reasons; i++) {
        sr_bytes(&p, &r->reasons[i].text, sizeof r->reasons[i].text);
        r->reasons[i].pdu = (guint16)sr_varint(&p);
        r->reasons[i].layer = (x4_layer)sr_u8(&p);
    }
    if (r->n_errors)
        r->errors = wmem_alloc_array(pool, const char *, r->n_errors);
    for (unsigned i = 0; i < r->n_errors; i++)
        sr_bytes(&p, &r->errors[i], sizeof r->errors[i]);
    r->mtas = read_texts(pool, &p, r->n_mtas);
    r->mtsids = read_texts(pool, &p, r->n_mtsids);
}
