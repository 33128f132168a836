#include "frame_store.h"

#include <string.h>

/* The arena: chunks of CHUNK bytes, entries 4-byte aligned, never split
 * across chunks; an entry is addressed by chunk * CHUNK + position. */
#define CHUNK_BITS 18
#define CHUNK ((guint32)1 << CHUNK_BITS)
/* The index: pages of PAGE (frame, entry) pairs, frames increasing. */
#define PAGE 8192

/* The PDU kinds are stored one byte each. */
G_STATIC_ASSERT(X4_PDU_KIND_COUNT <= 256);

/* Bits of entry.bits. */
#define E_RESPONDER 0x01
#define E_MODE_SHIFT 1          /* 2 bits: x4_mode */
#define E_EXTRA 0x08            /* an extra block follows the PDU kinds */
#define E_TSAPS 0x10            /* the extra block has TSAPs and a TPDU size */

typedef struct {
    guint32 assoc;
    guint32 payload_len;
    guint8 state, bits, tcp, n_pdus;
    /* guint8 pdus[n_pdus] (x4_pdu_kind), then (E_EXTRA) an extra block,
     * 4-aligned, read and written with memcpy */
} entry;

typedef struct {
    guint32 tpdu_size;
    guint8 n_mtas, n_mtsids, n_reasons, n_errors, n_flags;
    /* stored_flag flags[n_flags] (each with its message); stored_reason reasons[n_reasons];
     * const char *errors[n_errors]; then the strings, NUL-terminated:
     * the MTA names, the MTS identifiers, calling and called TSAP (E_TSAPS) */
} extra;

typedef struct {
    const char *text;
    guint16 pdu;
    guint8 layer;
} stored_reason;

/* A flag without the unused tail of its message buffer. */
typedef struct {
    double ok_wait, retry_interval;
    const char *reason;
    guint32 related, count;
    guint8 id, refused_by, wording;
    guint16 message_len;      /* the message's bytes follow, without the NUL */
} stored_flag;

typedef struct {
    guint32 frame[PAGE];
    guint32 at[PAGE];
} page;

typedef struct {
    GPtrArray *chunks;          /* guint8 *, CHUNK bytes each (file scope) */
    guint32 used;               /* bytes used in the last chunk */
    GPtrArray *pages;           /* page * (file scope) */
    guint32 in_last;            /* entries in the last page */
    guint64 frames;
} store;

static store *current;

void frame_store_reset(void)
{
    if (current) {
        g_ptr_array_free(current->chunks, TRUE);
        g_ptr_array_free(current->pages, TRUE);
        g_free(current);
    }
    current = NULL;
}

static store *the_store(void)
{
    if (!current) {
        current = g_new0(store, 1);
        current->chunks = g_ptr_array_new();
        current->pages = g_ptr_array_new();
        current->used = CHUNK;
        current->in_last = PAGE;
    }
    return current;
}

static guint32 align(guint32 n, guint32 a)
{
    return (n + a - 1) & ~(a - 1);
}

/* Room for n bytes; *at gets the entry's address. */
static guint8 *reserve(store *s, guint32 n, guint32 *at)
{
    if (s->used + n > CHUNK) {
        g_ptr_array_add(s->chunks, wmem_alloc(wmem_file_scope(), CHUNK));
        s->used = 0;
    }
    guint32 chunk = s->chunks->len - 1;
    *at = chunk << CHUNK_BITS | s->used;
    guint8 *p = (guint8 *)g_ptr_array_index(s->chunks, chunk) + s->used;
    s->used = align(s->used + n, 4);
    return p;
}

static void index_add(store *s, guint32 frame, guint32 at)
{
    if (s->in_last == PAGE) {
        g_ptr_array_add(s->pages, wmem_alloc(wmem_file_scope(), sizeof(page)));
        s->in_last = 0;
    }
    page *pg = g_ptr_array_index(s->pages, s->pages->len - 1);
    pg->frame[s->in_last] = frame;
    pg->at[s->in_last++] = at;
    s->frames++;
}

static guint page_count(const store *s, guint i)
{
    return i + 1 == s->pages->len ? s->in_last : PAGE;
}

/* The entry address of `frame`, or FALSE. */
static gboolean index_find(const store *s, guint32 frame, guint32 *at)
{
    if (!s->pages->len)
        return FALSE;
    const page *last = g_ptr_array_index(s->pages, s->pages->len - 1);
    if (last->frame[s->in_last - 1] == frame) {    /* the first pass: just added */
        *at = last->at[s->in_last - 1];
        return TRUE;
    }
    guint lo = 0, hi = s->pages->len;
    while (lo < hi) {                       /* the first page ending at or after frame */
        guint mid = (lo + hi) / 2;
        const page *pg = g_ptr_array_index(s->pages, mid);
        if (pg->frame[page_count(s, mid) - 1] < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == s->pages->len)
        return FALSE;
    const page *pg = g_ptr_array_index(s->pages, lo);
    guint a = 0, b = page_count(s, lo);
    while (a < b) {
        guint mid = (a + b) / 2;
        if (pg->frame[mid] < frame)
            a = mid + 1;
        else
            b = mid;
    }
    if (a == page_count(s, lo) || pg->frame[a] != frame)
        return FALSE;
    *at = pg->at[a];
    return TRUE;
}

/* ------------------------------------------------------------- writing */

static gboolean has_tsaps(const x4_frame_info *info)
{
    return info->calling_tsap[0] || info->called_tsap[0] || info->tpdu_size;
}

static gboolean needs_extra(const x4_frame_info *info, const x4_note *note)
{
    return info->n_mtas || info->n_mtsids || info->n_reasons || info->n_errors || note->n_flags ||
           has_tsaps(info);
}

static guint32 strings_size(const x4_frame_info *info)
{
    guint32 n = 0;
    for (unsigned i = 0; i < info->n_mtas; i++)
        n += (guint32)strlen(info->mtas[i].name) + 1;
    for (unsigned i = 0; i < info->n_mtsids; i++)
        n += (guint32)strlen(info->mtsids[i].text) + 1;
    if (has_tsaps(info))
        n += (guint32)(strlen(info->calling_tsap) + strlen(info->called_tsap) + 2);
    return n;
}

static guint32 flags_size(const x4_note *note)
{
    guint32 n = 0;
    for (unsigned i = 0; i < note->n_flags; i++)
        n += (guint32)(sizeof(stored_flag) + strlen(note->flags[i].message));
    return n;
}

static guint32 extra_size(const x4_frame_info *info, const x4_note *note)
{
    return (guint32)sizeof(extra) + flags_size(note) +
           info->n_reasons * (guint32)sizeof(stored_reason) +
           info->n_errors * (guint32)sizeof(const char *) + strings_size(info);
}

static guint8 *put_string(guint8 *p, const char *s)
{
    size_t n = strlen(s) + 1;
    memcpy(p, s, n);
    return p + n;
}

static guint8 *put(guint8 *p, const void *v, size_t n)
{
    memcpy(p, v, n);
    return p + n;
}

static void write_extra(guint8 *p, const x4_frame_info *info, const x4_note *note)
{
    extra x = { .tpdu_size = info->tpdu_size,
                .n_mtas = (guint8)info->n_mtas, .n_mtsids = (guint8)info->n_mtsids,
                .n_reasons = (guint8)info->n_reasons, .n_errors = (guint8)info->n_errors,
                .n_flags = (guint8)note->n_flags };
    p = put(p, &x, sizeof x);
    for (unsigned i = 0; i < note->n_flags; i++) {
        const x4_flag *f = &note->flags[i];
        stored_flag sf = { f->ok_wait, f->retry_interval, f->reason, f->related_frame, f->count,
                           (guint8)f->id, (guint8)f->refused_by, (guint8)f->wording,
                           (guint16)strlen(f->message) };
        p = put(p, &sf, sizeof sf);
        p = put(p, f->message, sf.message_len);
    }
    for (unsigned i = 0; i < info->n_reasons; i++) {
        stored_reason r = { info->reasons[i].text, (guint16)info->reasons[i].pdu,
                            (guint8)info->reasons[i].layer };
        p = put(p, &r, sizeof r);
    }
    for (unsigned i = 0; i < info->n_errors; i++)
        p = put(p, &info->errors[i].what, sizeof(const char *));
    for (unsigned i = 0; i < info->n_mtas; i++)
        p = put_string(p, info->mtas[i].name);
    for (unsigned i = 0; i < info->n_mtsids; i++)
        p = put_string(p, info->mtsids[i].text);
    if (has_tsaps(info)) {
        p = put_string(p, info->calling_tsap);
        put_string(p, info->called_tsap);
    }
}

static guint8 tcp_bits(const x4_tcp_event *ev)
{
    return (guint8)((ev->syn ? X4_AT_SYN : 0) | (ev->fin ? X4_AT_FIN : 0) | (ev->rst ? X4_AT_RST : 0) |
                    (ev->icmp_error ? X4_AT_ICMP : 0) | (ev->retransmission ? X4_AT_RETRANSMISSION : 0));
}

void frame_store_add(guint32 frame, const x4_tcp_event *ev, const x4_frame_info *info,
                     const x4_note *note)
{
    store *s = the_store();
    guint8 n_pdus = (guint8)MIN(info->n_pdus, G_MAXUINT8);
    gboolean extra_block = needs_extra(info, note);
    guint32 head = align(sizeof(entry) + n_pdus, 4);
    guint32 size = head + (extra_block ? extra_size(info, note) : 0);
    guint32 at;
    guint8 *p = reserve(s, size, &at);
    entry *en = (entry *)(void *)p;
    en->assoc = note->assoc;
    en->payload_len = ev->payload_len;
    en->state = (guint8)note->state;
    en->tcp = tcp_bits(ev);
    en->n_pdus = n_pdus;
    en->bits = (guint8)((note->dir == X4_DIR_RESPONDER ? E_RESPONDER : 0) |
                        ((unsigned)info->mode & 3u) << E_MODE_SHIFT |
                        (extra_block ? E_EXTRA : 0) | (has_tsaps(info) ? E_TSAPS : 0));
    guint8 *kinds = p + sizeof(entry);
    for (unsigned i = 0; i < n_pdus; i++)
        kinds[i] = (guint8)info->pdus[i].kind;
    if (extra_block)
        write_extra(p + head, info, note);
    index_add(s, frame, at);
}

/* ------------------------------------------------------------- reading */

static const char *next_string(const char **p)
{
    const char *s = *p;
    *p += strlen(s) + 1;
    return s;
}

/* n items of `size` bytes copied out of the arena into the frame's pool
 * (arena entries are only 4-aligned), or NULL for none. */
static void *take(wmem_allocator_t *pool, const guint8 **p, size_t size, unsigned n)
{
    if (!n)
        return NULL;
    void *v = wmem_alloc(pool, size * n);
    memcpy(v, *p, size * n);
    *p += size * n;
    return v;
}

static void read_extra(wmem_allocator_t *pool, const guint8 *p, gboolean tsaps, frame_record *r)
{
    extra x;
    memcpy(&x, p, sizeof x);
    p += sizeof x;
    r->n_mtas = x.n_mtas;
    r->n_mtsids = x.n_mtsids;
    r->n_reasons = x.n_reasons;
    r->n_errors = x.n_errors;
    r->n_flags = x.n_flags;
    r->tpdu_size = x.tpdu_size;
    if (r->n_flags)
        r->flags = wmem_alloc0_array(pool, x4_flag, r->n_flags);
    for (unsigned i = 0; i < r->n_flags; i++) {
        stored_flag sf;
        memcpy(&sf, p, sizeof sf);
        p += sizeof sf;
        r->flags[i] = (x4_flag){ .id = (x4_precursor_id)sf.id, .related_frame = sf.related,
                                 .refused_by = (x4_refuser)sf.refused_by, .reason = sf.reason,
                                 .ok_wait = sf.ok_wait, .retry_interval = sf.retry_interval,
                                 .count = sf.count, .wording = (x4_wording)sf.wording };
        memcpy(r->flags[i].message, p, sf.message_len);
        r->flags[i].message[sf.message_len] = '\0';
        p += sf.message_len;
    }
    stored_reason *sr = take(pool, &p, sizeof(stored_reason), r->n_reasons);
    if (r->n_reasons) {
        r->reasons = wmem_alloc_array(pool, frame_reason, r->n_reasons);
        for (unsigned i = 0; i < r->n_reasons; i++)
            r->reasons[i] = (frame_reason){ .layer = (x4_layer)sr[i].layer, .pdu = sr[i].pdu,
                                            .text = sr[i].text };
    }
    r->errors = take(pool, &p, sizeof(const char *), r->n_errors);
    const char *str = (const char *)p;
    if (r->n_mtas)
        r->mtas = wmem_alloc_array(pool, char *, r->n_mtas);
    for (unsigned i = 0; i < r->n_mtas; i++)
        r->mtas[i] = (char *)next_string(&str);
    if (r->n_mtsids)
        r->mtsids = wmem_alloc_array(pool, char *, r->n_mtsids);
    for (unsigned i = 0; i < r->n_mtsids; i++)
        r->mtsids[i] = (char *)next_string(&str);
    if (tsaps) {
        r->calling_tsap = (char *)next_string(&str);
        r->called_tsap = (char *)next_string(&str);
    }
}

const frame_record *frame_store_get(packet_info *pinfo)
{
    guint32 at;
    if (!current || !index_find(current, pinfo->num, &at))
        return NULL;
    const guint8 *p = (const guint8 *)g_ptr_array_index(current->chunks, at >> CHUNK_BITS) +
                      (at & (CHUNK - 1));
    const entry *en = (const entry *)(const void *)p;
    frame_record *r = wmem_new0(pinfo->pool, frame_record);
    r->assoc = en->assoc;
    r->payload_len = en->payload_len;
    r->state = en->state;
    r->tcp = en->tcp;
    r->dir = (en->bits & E_RESPONDER) ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
    r->mode = (guint8)((en->bits >> E_MODE_SHIFT) & 3u);
    r->n_pdus = en->n_pdus;
    if (en->n_pdus) {
        r->pdus = wmem_alloc_array(pinfo->pool, guint16, en->n_pdus);
        for (unsigned i = 0; i < en->n_pdus; i++)
            r->pdus[i] = p[sizeof(entry) + i];
    }
    if (en->bits & E_EXTRA)
        read_extra(pinfo->pool, p + align(sizeof(entry) + en->n_pdus, 4),
                   (en->bits & E_TSAPS) != 0, r);
    return r;
}

guint64 frame_store_bytes(void)
{
    if (!current)
        return 0;
    return (guint64)current->chunks->len * CHUNK + (guint64)current->pages->len * sizeof(page);
}
