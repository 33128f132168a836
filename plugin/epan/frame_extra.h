/* The extra block of a frame's cache entry (frame_store.h): what only some
 * frames have (TP0 connect parameters, MTA names, MTS identifiers,
 * refusal reasons, decode errors, findings), packed.  A finding's message
 * is kept without the catalogue's words it ends with, which are rebuilt
 * from its precursor and wording when it is read (x4_precursor_tail); the
 * message is kept whole when it does not end with them.  The texts that
 * repeat (a finding's own words, TSAPs, MTA names, MTS identifiers) are
 * written by cache_texts.h: a number for their shape, held once per run of
 * repeats, and the values of their digits. */
#ifndef X400MTA_FRAME_EXTRA_H
#define X400MTA_FRAME_EXTRA_H

#include <wireshark.h>

#include "frame_record.h"
#include "store_bytes.h"

/* Whether the frame needs an extra block, and whether it has TSAPs. */
gboolean frame_extra_needed(const x4_frame_info *info, const x4_note *note);
gboolean frame_extra_has_tsaps(const x4_frame_info *info);

/* Writes (or, without a buffer, counts) the frame's extra block. */
void frame_extra_write(store_writer *w, const x4_frame_info *info, const x4_note *note);

/* Reads the block at p into r, arrays and texts in pool (or in the cache's
 * file scope). */
void frame_extra_read(wmem_allocator_t *pool, const guint8 *p, frame_record *r);

#endif
