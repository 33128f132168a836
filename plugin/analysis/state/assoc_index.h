/* An open-addressing table of associations, for the two ways the engine
 * finds a connection: by tcp.stream (conn_table.c) and by flow
 * (flow_table.c).  The tables differ only in where an association belongs
 * and in what a lookup matches, so each passes those in; the slots, their
 * growth and the probing are here once.
 *
 * The capacity is a power of two (0 before the first insertion) and
 * doubles at 50% load, so a probe always ends at an empty slot; the table
 * never shrinks until x4_index_free. */
#ifndef X4_STATE_ASSOC_INDEX_H
#define X4_STATE_ASSOC_INDEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct x4_assoc x4_assoc;
typedef struct x4_engine x4_engine;

typedef struct {
    x4_assoc **slots;
    size_t cap, count;
} x4_assoc_index;

/* The first slot the association is tried in, in a table of cap slots. */
typedef size_t (*x4_home_slot)(const x4_assoc *a, size_t cap);

/* Room for one more association (home places the ones already in when the
 * table grows); false when out of memory. */
bool x4_index_room(x4_engine *e, x4_assoc_index *ix, x4_home_slot home);

/* The slot from home on that holds an association `same` accepts, or the
 * empty slot the probe stops at.  Inline, so that a lookup on every frame
 * calls no function through a pointer.  The index must have a capacity. */
static inline x4_assoc **x4_index_probe(const x4_assoc_index *ix, size_t home,
                                        bool (*same)(const x4_assoc *a, const void *key),
                                        const void *key)
{
    for (size_t i = home;; i = (i + 1) & (ix->cap - 1))
        if (!ix->slots[i] || same(ix->slots[i], key))
            return &ix->slots[i];
}

/* Puts a into the empty slot its probe from home reaches (the caller knows
 * no slot holds an equal key). */
void x4_index_put_new(x4_assoc_index *ix, size_t home, x4_assoc *a);

/* Frees the slots, not the associations. */
void x4_index_free(x4_engine *e, x4_assoc_index *ix);

#endif
