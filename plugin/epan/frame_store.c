#include "frame_store.h"

#include <string.h>

#include "cache_texts.h"
#include "frame_extra.h"
#include "store_bytes.h"

/* The arena: chunks of CHUNK bytes holding entries back to back, byte
 * aligned (everything is read with memcpy), never split across chunks; an
 * entry is addressed by chunk * CHUNK + position. */
#define CHUNK_BITS 18
#define CHUNK ((guint32)1 << CHUNK_BITS)
/* The index: one page head per PAGE entries (fewer where a chunk ends). */
#define PAGE 64
/* The PDU kinds are stored one byte each. */
G_STATIC_ASSERT(X4_PDU_KIND_COUNT <= 256);

/* An entry, in order:
 *   varint  frame - the previous entry's frame (the page's frame_before first)
 *   varint  zigzag(assoc - the previous entry's assoc): neighbours in a
 *           capture mostly belong to the same or a nearby association
 *   u8      head: state (low 4 bits), E_RESPONDER, the x4_mode, E_EXTRA
 *   u8      tcp (X4_AT_*, low 5 bits) and the number of PDUs (high 3 bits;
 *           PDUS_MORE: a u8 with the number follows)
 *   varint  TCP payload length
 *   u8      the PDUs' x4_pdu_kind, one byte each
 *   with E_EXTRA: varint length of the extra block, then the block
 *           (frame_extra.h).
 * Most frames need 6 or 7 bytes. */
#define E_STATE_MASK 0x0f
#define E_RESPONDER 0x10
#define E_MODE_SHIFT 5          /* 2 bits: x4_mode */
#define E_EXTRA 0x80            /* an extra block follows the PDU kinds */
#define TCP_MASK 0x1f
#define PDUS_SHIFT 5
#define PDUS_MORE 7u            /* 7 or more PDUs: their number follows */
G_STATIC_ASSERT(X4_ST_COUNT <= E_STATE_MASK + 1);
G_STATIC_ASSERT(X4_MODE_NORMAL <= 3);
G_STATIC_ASSERT((X4_AT_SYN | X4_AT_FIN | X4_AT_RST | X4_AT_ICMP | X4_AT_RETRANSMISSION) <= TCP_MASK);

/* Where a run of up to PAGE entries starts, and what their deltas count from. */
typedef struct {
    guint32 frame_before, assoc_before;
    guint32 at;
    guint32 n;
} page_head;

/* An entry decoded: the fixed fields, where its PDU kinds and extra block are. */
typedef struct {
    guint32 frame, assoc, payload_len;
    guint8 state, bits, tcp, n_pdus;  /* bits: the head byte's E_* */
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
    store_writer extra;         /* a frame's extra block, being written */
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
        sw_free(&current->extra);
        g_ptr_array_free(current->chunks, TRUE);
        g_array_free(current->pages, TRUE);
        g_free(current);
    }
    current = NULL;
    cache_texts_reset();
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

/* ------------------------------------------------------------- writing */

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

/* The most an entry takes besides its PDU kinds and extra block: two
 * varints, head and tcp bytes, a PDU count, the payload length and the
 * block's length. */
#define ENTRY_FIXED_MAX (4 * SW_VARINT_MAX + 3)

/* The entry of a frame, followed by its extra block (none when empty),
 * written at p; returns its end. */
static guint8 *write_entry(guint8 *p, const store *s, guint32 frame, const x4_tcp_event *ev,
                           const x4_frame_info *info, const x4_note *note, const store_writer *extra)
{
    guint32 extra_len = extra->n;
    guint8 n_pdus = (guint8)MIN(info->n_pdus, G_MAXUINT8);
    guint8 pdus_field = (guint8)MIN(n_pdus, PDUS_MORE);
    p = put_varint(p, frame - s->last_frame);
    p = put_varint(p, zigzag(s->last_assoc, note->assoc));
    p = put_u8(p, (guint8)(((unsigned)note->state & E_STATE_MASK) |
                           (note->dir == X4_DIR_RESPONDER ? E_RESPONDER : 0) |
                           ((unsigned)info->mode & 3u) << E_MODE_SHIFT | (extra_len ? E_EXTRA : 0)));
    p = put_u8(p, (guint8)(frame_record_tcp_bits(ev) | pdus_field << PDUS_SHIFT));
    if (pdus_field == PDUS_MORE)
        p = put_u8(p, n_pdus);
    p = put_varint(p, ev->payload_len);
    for (unsigned i = 0; i < n_pdus; i++)
        p = put_u8(p, (guint8)info->pdus[i].kind);
    if (extra_len) {
        p = put_varint(p, extra_len);
        p = put_bytes(p, extra->p, extra_len);
    }
    return p;
}

/* The extra block is written first, into the store's writer (its size
 * depends on the texts cache_texts numbers); then the entry, in place in
 * the arena, where room for the longest it could be is taken and what it
 * did not use given back. */
gboolean frame_store_add(guint32 frame, const x4_tcp_event *ev, const x4_frame_info *info,
                         const x4_note *note)
{
    store *s = the_store();
    if (frame <= s->last_frame)
        return FALSE;           /* frames come in order, each once */
    sw_clear(&s->extra);
    if (frame_extra_needed(info, note))
        frame_extra_write(&s->extra, info, note);
    guint32 most = ENTRY_FIXED_MAX + MIN(info->n_pdus, G_MAXUINT8) + s->extra.n;
    guint32 at;
    gboolean fresh;
    guint8 *start = reserve(s, most, &at, &fresh);
    guint8 *end = write_entry(start, s, frame, ev, info, note, &s->extra);
    s->used -= most - (guint32)(end - start);
    index_add(s, at, fresh);
    s->last_frame = frame;
    s->last_assoc = note->assoc;
    return TRUE;
}

/* ------------------------------------------------------------- reading */

/* Decodes the entry at p, which follows one of (frame, assoc). */
static void decode_entry(const guint8 *p, guint32 frame, guint32 assoc, entry *en)
{
    en->frame = frame + sr_varint(&p);
    en->assoc = unzigzag(assoc, sr_varint(&p));
    guint8 head = sr_u8(&p), tcp = sr_u8(&p);
    en->state = head & E_STATE_MASK;
    en->bits = head;
    en->tcp = tcp & TCP_MASK;
    en->n_pdus = (guint8)(tcp >> PDUS_SHIFT);
    if (en->n_pdus == PDUS_MORE)
        en->n_pdus = sr_u8(&p);
    en->payload_len = sr_varint(&p);
    en->pdus = p;
    p += en->n_pdus;
    en->extra = NULL;
    if (en->bits & E_EXTRA) {
        guint32 len = sr_varint(&p);
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

static gboolean page_holds(const store *s, guint page, guint32 frame)
{
    guint n = s->pages->len;
    return page < n && g_array_index(s->pages, page_head, page).frame_before < frame &&
           (page + 1 == n || g_array_index(s->pages, page_head, page + 1).frame_before >= frame);
}

/* The page of `frame`: the cursor's or the next one (frames read in order,
 * the GUI's second pass and scrolling), else found by bisection. */
static gboolean page_near(const store *s, guint32 frame, guint *page)
{
    for (guint p = s->at.page; p <= s->at.page + 1; p++)
        if (page_holds(s, p, frame)) {
            *page = p;
            return TRUE;
        }
    return page_of(s, frame, page);
}

/* The entry of `frame`, walking its page from the cursor when the cursor
 * is before it there, else from the page's start. */
static gboolean find_entry(store *s, guint32 frame, entry *en)
{
    guint page;
    if (frame > s->last_frame || !page_near(s, frame, &page))
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
    entry en = {0};
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
        frame_extra_read(pinfo->pool, en.extra, r);
    return r;
}
