/* The texts of the findings in the per-frame cache (frame_extra.c), each
 * kept once per run of repeats: a finding whose own words (its message
 * without the catalogue's tail) are those of one of the latest findings of
 * the same precursor refers to that text by number instead of holding a
 * copy.  A reconnect storm, a flapping link or the same refusal again and
 * again repeat their words exactly, and a text of 60 to 120 bytes becomes
 * a number of one to three.  Only the latest few texts of each precursor
 * are compared (no table of every text: a capture of all-different texts
 * pays one pointer per text, no more).  The texts live in wmem file scope;
 * the numbering is cleared with the cache (finding_texts_reset). */
#ifndef X400MTA_FINDING_TEXTS_H
#define X400MTA_FINDING_TEXTS_H

#include <wireshark.h>

#include "catalogue.h"

/* A new capture: no texts (their memory went with the previous one). */
void finding_texts_reset(void);

/* The number of the text s[0..len) of a finding of precursor id: an
 * earlier one's when it repeats one of the latest, else a new one. */
guint32 finding_texts_number(x4_precursor_id id, const char *s, size_t len);

/* The text of number n (NUL-terminated), or "" for a number not given. */
const char *finding_texts_get(guint32 n);

#endif
