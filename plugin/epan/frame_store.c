#include "frame_store.h"

#include <string.h>

/* The arena: chunks of CHUNK bytes holding entries back to back, byte
 * aligned (everything is read with memcpy), never split across chunks; an
 * entry is addressed by chunk * CHUNK + position. */
#define CHUNK_BITS 18
#define CHUNK ((guint32)1 << CHUNK_BITS)
/* The index: one page head per PAGE entries (fewer where a chunk ends). */
#define PAGE 64
/* The longest head an entry can have: five varints of a guint32 at most
 * five bytes each, state, bits, tcp, count, and the PDU kinds. */
#define HEAD_MAX (5 * 5 + 4 + G_MAXUINT8)

/* The PDU kinds are stored one byte each. */
G_STATIC_ASSERT(X4_PDU_KIND_COUNT <= 256);

/* An entry, in order:
 *   varint  frame - the previous entry's frame (the page's frame_before first)
 *   varint  zigzag(assoc - the previous entry's assoc): neighbours in a
 *           capture mostly belong to the same or a nearby association
 *   u8      state
 *   u8      bits (E_*)
 *   u8      tcp (X4_AT_*)
 *   varint  TCP payload length
 *   u8      number of PDUs, then their x4_pdu_kind, one byte each
 *   with E_EXTRA: varint length of the extra block, then the block.
 * Most frames need 7 to 9 bytes. */
#define E_RESPONDER 0x01
#define E_MODE_SHIFT 1          /* 2 bits: x4_mode */
#define E_EXTRA 0x08            /* an extra block follows the PDU kinds */
#define E_TSAPS 0x10            /* the extra block has TSAPs and a TPDU size */

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

/* Where a run of up to PAGE entries starts, and what their deltas count from. */
typedef struct {
    guint32 frame_before, assoc_before;
    guint32 at;
    guint32 n;
} page_head;

/* An entry decoded: the fixed fields, where its PDU kinds and extra block are. */
typedef struct {
    guint32 frame, assoc, payload_len;
    guint8 state, bits, tcp, n_pdus;
    const guint8 *pdus, *extra;
    const guint8 *next;         /* the following entry of the page */
} entry;

/* The last entry decoded, so that reading frames in order (a second pass,
 * scrolling) decodes each entry once. */
typedef struct {
    guint page, index;          /* index: entries of the page decoded */
    guint32 frame, assoc;       /* of the last one decoded (the page's *_before at first) */
    const guint8 *next;
    entry last;
} cursor;

typedef struct {
    GPtrArray *chunks;          /* guint8 *, CHUNK bytes each (file scope) */
    guint32 used;               /* bytes used in the last chunk */
    GArray *pages;              /* page_head */
    guint32 last_frame, last_assoc;
    cursor at;
} store;

static store *current;

void frame_store_reset(void)
{
    if (current) {
        g_ptr_array_free(current->chunks, TRUE);
        g_array_free(current->pages, TRUE);
        g_free(current);
    }
    current = NULL;
}

static store *the_store(void)
{
    if (!current) {
        current = g_new0(store, 1);
        current->chunks = g_ptr_array_new();
        current->pages = g_array_new(FALSE, FALSE, sizeof(page_head));
        current->used = CHUNK;
    }
    return current;
}

static guint8 *chunk_at(const store *s, guint32 at)
{
    return (guint8 *)g_ptr_array_index(s->chunks, at >> CHUNK_BITS) + (at & (CHUNK - 1));
}

/* ------------------------------------------------------------- varints */

static guint8 *put_varint(guint8 *p, guint32 v)
{
    while (v >= 0x80) {
        *p++ = (guint8)(v | 0x80);
        v >>= 7;
    }
    *p++ = (guint8)v;
    return p;
}

static guint32 get_varint(const guint8 **p)
{
    guint32 v = 0;
    for (unsigned shift = 0;; shift += 7) {
        guint8 b = *(*p)++;
        v |= (guint32)(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
}

/* A difference of two association numbers, small either way: 0, -1, 1,
 * -2, 2 ... as 0, 1, 2, 3, 4 ... (modulo 2^32, so any pair round-trips). */
static guint32 zigzag(guint32 from, guint32 to)
{
    guint32 up = to - from, down = from - to;
    return up <= down ? up << 1 : (down << 1) - 1;
}

static guint32 unzigzag(guint32 from, guint32 z)
{
    return z & 1 ? from - ((z + 1) >> 1) : from + (z >> 1);
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

/* Room for n bytes in the arena: *at gets their address; *fresh is set
 * when they open a new chunk (a page never spans two). */
static guint8 *reserve(store *s, guint32 n, guint32 *at, gboolean *fresh)
{
    *fresh = s->used + n > CHUNK;
    if (*fresh) {
        g_ptr_array_add(s->chunks, wmem_alloc(wmem_file_scope(), MAX(CHUNK, n)));
        s->used = 0;
    }
    *at = (s->chunks->len - 1) << CHUNK_BITS | s->used;
    guint8 *p = chunk_at(s, *at);
    s->used += n;
    return p;
}

/* The page the entry at `at` goes to: the last one, or a new one. */
static void index_add(store *s, guint32 at, gboolean fresh_chunk)
{
    page_head *last = s->pages->len ? &g_array_index(s->pages, page_head, s->pages->len - 1) : NULL;
    if (!last || last->n == PAGE || fresh_chunk) {
        page_head pg = { .frame_before = s->last_frame, .assoc_before = s->last_assoc, .at = at };
        g_array_append_val(s->pages, pg);
        last = &g_array_index(s->pages, page_head, s->pages->len - 1);
    }
    last->n++;
}

void frame_store_add(guint32 frame, const x4_tcp_event *ev, const x4_frame_info *info,
                     const x4_note *note)
{
    store *s = the_store();
    if (frame <= s->last_frame)
        return;                 /* frames come in order, each once */
    guint8 n_pdus = (guint8)MIN(info->n_pdus, G_MAXUINT8);
    gboolean extra_block = needs_extra(info, note);
    guint32 extra_len = extra_block ? extra_size(info, note) : 0;
    guint8 head[HEAD_MAX], *h = head;
    h = put_varint(h, frame - s->last_frame);
    h = put_varint(h, zigzag(s->last_assoc, note->assoc));
    *h++ = (guint8)note->state;
    *h++ = (guint8)((note->dir == X4_DIR_RESPONDER ? E_RESPONDER : 0) |
                    ((unsigned)info->mode & 3u) << E_MODE_SHIFT |
                    (extra_block ? E_EXTRA : 0) | (has_tsaps(info) ? E_TSAPS : 0));
    *h++ = tcp_bits(ev);
    h = put_varint(h, ev->payload_len);
    *h++ = n_pdus;
    for (unsigned i = 0; i < n_pdus; i++)
        *h++ = (guint8)info->pdus[i].kind;
    if (extra_block)
        h = put_varint(h, extra_len);
    guint32 head_len = (guint32)(h - head), at;
    gboolean fresh;
    guint8 *p = reserve(s, head_len + extra_len, &at, &fresh);
    memcpy(p, head, head_len);
    if (extra_block)
        write_extra(p + head_len, info, note);
    index_add(s, at, fresh);
    s->last_frame = frame;
    s->last_assoc = note->assoc;
}

/* ------------------------------------------------------------- reading */

static const char *next_string(const char **p)
{
    const char *s = *p;
    *p += strlen(s) + 1;
    return s;
}

/* n items of `size` bytes copied out of the arena into the frame's pool
 * (arena entries are not aligned), or NULL for none. */
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

/* Decodes the entry at p, which follows one of (frame, assoc). */
static void decode_entry(const guint8 *p, guint32 frame, guint32 assoc, entry *en)
{
    en->frame = frame + get_varint(&p);
    en->assoc = unzigzag(assoc, get_varint(&p));
    en->state = *p++;
    en->bits = *p++;
    en->tcp = *p++;
    en->payload_len = get_varint(&p);
    en->n_pdus = *p++;
    en->pdus = p;
    p += en->n_pdus;
    en->extra = NULL;
    if (en->bits & E_EXTRA) {
        guint32 len = get_varint(&p);
        en->extra = p;
        p += len;
    }
    en->next = p;
}

/* The last page whose entries come after frame_before < frame, or FALSE. */
static gboolean page_of(const store *s, guint32 frame, guint *page)
{
    guint lo = 0, hi = s->pages->len;
    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(s->pages, page_head, mid).frame_before < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return FALSE;
    *page = lo - 1;
    return TRUE;
}

/* The entry of `frame`, walking its page from the cursor when the cursor
 * is before it there, else from the page's start. */
static gboolean find_entry(store *s, guint32 frame, entry *en)
{
    guint page;
    if (frame > s->last_frame || !page_of(s, frame, &page))
        return FALSE;
    const page_head *pg = &g_array_index(s->pages, page_head, page);
    cursor c = s->at;
    if (c.page == page && c.index > 0 && c.frame == frame) {
        *en = c.last;
        return TRUE;
    }
    if (c.page != page || c.frame >= frame || !c.next)
        c = (cursor){ .page = page, .frame = pg->frame_before, .assoc = pg->assoc_before,
                      .next = chunk_at(s, pg->at) };
    while (c.index < pg->n && c.frame < frame) {
        decode_entry(c.next, c.frame, c.assoc, en);
        c.index++;
        c.frame = en->frame;
        c.assoc = en->assoc;
        c.next = en->next;
        c.last = *en;
    }
    s->at = c;
    return c.frame == frame && c.index > 0;
}

const frame_record *frame_store_get(packet_info *pinfo)
{
    entry en;
    if (!current || !find_entry(current, pinfo->num, &en))
        return NULL;
    frame_record *r = wmem_new0(pinfo->pool, frame_record);
    r->assoc = en.assoc;
    r->payload_len = en.payload_len;
    r->state = en.state;
    r->tcp = en.tcp;
    r->dir = (en.bits & E_RESPONDER) ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
    r->mode = (guint8)((en.bits >> E_MODE_SHIFT) & 3u);
    r->n_pdus = en.n_pdus;
    if (en.n_pdus) {
        r->pdus = wmem_alloc_array(pinfo->pool, guint16, en.n_pdus);
        for (unsigned i = 0; i < en.n_pdus; i++)
            r->pdus[i] = en.pdus[i];
    }
    if (en.extra)
        read_extra(pinfo->pool, en.extra, (en.bits & E_TSAPS) != 0, r);
    return r;
}
