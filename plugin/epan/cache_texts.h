/* Texts of the per-frame cache (frame_extra.c) that repeat: the findings'
 * own words (a message without the catalogue's tail), the TSAPs of the TP0
 * connects and the MTA names of the binds.  Each is kept once per run of
 * repeats: a text equal to one of the latest few of its row (a precursor's
 * findings, calling TSAPs, called TSAPs, MTA names) is given that one's
 * number instead of a copy.  The same MTAs bind again and again with the
 * same TSAPs, and a reconnect storm, a flapping link or the same refusal
 * repeat their words exactly: a text of 10 to 120 bytes becomes a number of
 * one to three.  Only the latest few texts of each row are compared (no
 * table of every text: a capture of all-different texts pays one pointer
 * per text, no more).  The texts live in wmem file scope; the numbering is
 * cleared with the cache (cache_texts_reset). */
#ifndef X400MTA_CACHE_TEXTS_H
#define X400MTA_CACHE_TEXTS_H

#include <wireshark.h>

#include "catalogue.h"

/* The rows whose texts are compared with each other: one per precursor
 * (cache_text_finding), then these. */
typedef enum {
    CACHE_TEXT_OTHER_FINDING = X4_P_COUNT, /* a finding of an id outside the catalogue */
    CACHE_TEXT_CALLING_TSAP,
    CACHE_TEXT_CALLED_TSAP,
    CACHE_TEXT_MTA,
    CACHE_TEXT_ROWS
} cache_text_row;

static inline cache_text_row cache_text_finding(x4_precursor_id id)
{
    return (unsigned)id < X4_P_COUNT ? (cache_text_row)id : CACHE_TEXT_OTHER_FINDING;
}

/* A new capture: no texts (their memory went with the previous one). */
void cache_texts_reset(void);

/* The number of the text s[0..len) of row: an earlier one's when it
 * repeats one of the row's latest, else a new one. */
guint32 cache_texts_number(cache_text_row row, const char *s, size_t len);

/* The text of number n (NUL-terminated), or "" for a number not given. */
const char *cache_texts_get(guint32 n);

#endif
