/* Texts of the per-frame cache (frame_extra.c) that repeat: the findings'
 * own words (a message without the catalogue's tail), the TSAPs of the TP0
 * connects, the MTA names of the binds and the MTS identifiers.
 *
 * A text is kept as its shape: each run of digits (up to 9 at a time)
 * becomes one byte saying how many digits it had, and the runs' values go
 * into the cache entry as varints.  "SYN of association 1234 got no answer
 * in 3.0 s" and the same words for association 1240 share a shape, and so
 * do the MTS identifiers of one MTA, which differ in their serial numbers.
 * Each shape is kept once per run of repeats: one equal to one of the
 * latest few of its row (a precursor's findings, calling TSAPs, called
 * TSAPs, MTA names, MTS identifiers) gets that one's number instead of a
 * copy.  Only the latest few of each row are compared (no table of every
 * text: a capture of all-different shapes pays one pointer per shape, no
 * more).  The shapes live in wmem file scope; the numbering is cleared
 * with the cache (cache_texts_reset). */
#ifndef X400MTA_CACHE_TEXTS_H
#define X400MTA_CACHE_TEXTS_H

#include <wireshark.h>

#include "catalogue.h"
#include "store_bytes.h"

/* The rows whose texts are compared with each other: one per precursor
 * (cache_text_finding), then these. */
typedef enum {
    CACHE_TEXT_OTHER_FINDING = X4_P_COUNT, /* a finding of an id outside the catalogue */
    CACHE_TEXT_CALLING_TSAP,
    CACHE_TEXT_CALLED_TSAP,
    CACHE_TEXT_MTA,
    CACHE_TEXT_MTSID,
    CACHE_TEXT_ROWS
} cache_text_row;

static inline cache_text_row cache_text_finding(x4_precursor_id id)
{
    return (unsigned)id < X4_P_COUNT ? (cache_text_row)id : CACHE_TEXT_OTHER_FINDING;
}

/* A new capture: no texts (their memory went with the previous one). */
void cache_texts_reset(void);

/* Writes the text s[0..len) of row: its shape's number, then the values of
 * its runs of digits.  Texts of 256 bytes or more, or holding bytes 1 to 9
 * themselves, are kept as they are. */
void cache_texts_write(store_writer *w, cache_text_row row, const char *s, size_t len);

/* Reads a text cache_texts_write wrote at *p (NUL-terminated, in pool or
 * in file scope: either outlives the frame's dissection). */
char *cache_texts_read(const guint8 **p, wmem_allocator_t *pool);

/* The number of the shape s[0..len) of row: an earlier one's when it
 * repeats one of the row's latest, else a new one. */
guint32 cache_texts_number(cache_text_row row, const char *s, size_t len);

/* The shape of number n (NUL-terminated), or "" for a number not given. */
const char *cache_texts_get(guint32 n);

#endif
