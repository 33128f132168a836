/* Byte writing and reading for the per-frame cache (frame_store.c,
 * frame_extra.c, cache_texts.c): unsigned LEB128 varints, raw bytes,
 * NUL-terminated strings.  A writer is a buffer that grows (g_realloc), so
 * an extra block is written once, in one pass, whatever its size, and then
 * copied into its entry: writing it twice (to size it, then into place)
 * could give two sizes, as the numbers cache_texts gives depend on what it
 * was given before.  put_* write into room already made (the entry itself,
 * whose longest is known).  Nothing here is aligned: the cache packs its
 * entries byte after byte and copies every field in and out. */
#ifndef X400MTA_STORE_BYTES_H
#define X400MTA_STORE_BYTES_H

#include <string.h>

#include <glib.h>

typedef struct {
    guint8 *p;          /* g_malloc'd, cap bytes (NULL and 0 at first) */
    guint32 n, cap;     /* bytes written so far; room */
} store_writer;

/* Room for n more bytes. */
static inline void sw_room(store_writer *w, size_t n)
{
    if (w->n + n <= w->cap)
        return;
    guint32 cap = w->cap ? w->cap : 256;
    while (cap < w->n + n)
        cap *= 2;
    w->p = g_realloc(w->p, cap);
    w->cap = cap;
}

/* Empties w, keeping its memory; sw_free gives it back. */
static inline void sw_clear(store_writer *w)
{
    w->n = 0;
}

static inline void sw_free(store_writer *w)
{
    g_free(w->p);
    *w = (store_writer){ 0 };
}

/* Writing into room already made: each returns where the next byte goes. */
#define SW_VARINT_MAX 5         /* bytes of a 32-bit varint */

static inline guint8 *put_u8(guint8 *p, guint8 v)
{
    *p = v;
    return p + 1;
}

static inline guint8 *put_varint(guint8 *p, guint32 v)
{
    while (v >= 0x80) {
        *p++ = (guint8)(v | 0x80);
        v >>= 7;
    }
    *p++ = (guint8)v;
    return p;
}

static inline guint8 *put_bytes(guint8 *p, const void *v, size_t n)
{
    memcpy(p, v, n);
    return p + n;
}

static inline void sw_bytes(store_writer *w, const void *v, size_t n)
{
    sw_room(w, n);
    w->n = (guint32)(put_bytes(w->p + w->n, v, n) - w->p);
}

static inline void sw_u8(store_writer *w, guint8 v)
{
    sw_room(w, 1);
    w->p[w->n++] = v;
}

static inline void sw_varint(store_writer *w, guint32 v)
{
    sw_room(w, SW_VARINT_MAX);
    w->n = (guint32)(put_varint(w->p + w->n, v) - w->p);
}

static inline void sw_string(store_writer *w, const char *s)
{
    sw_bytes(w, s, strlen(s) + 1);
}

static inline guint8 sr_u8(const guint8 **p)
{
    return *(*p)++;
}

static inline void sr_bytes(const guint8 **p, void *v, size_t n)
{
    memcpy(v, *p, n);
    *p += n;
}

static inline guint32 sr_varint(const guint8 **p)
{
    guint32 v = 0;
    for (unsigned shift = 0;; shift += 7) {
        guint8 b = sr_u8(p);
        v |= (guint32)(b & 0x7f) << shift;
        if (!(b & 0x80) || shift >= 28)
            return v;
    }
}

/* The string at *p (in the cache, which outlives the frame's dissection). */
static inline const char *sr_string(const guint8 **p)
{
    const char *s = (const char *)*p;
    *p += strlen(s) + 1;
    return s;
}

#endif
