/* Connect targets of a pair of hosts: who initiates (which of the pair's two
 * addresses) and to which responder port.  A pair keeps data for at most
 * X4_TARGETS of them, the least recently used making room for a new one
 * (state/open.c picks the slot).  The state module keeps each target's
 * latest attempts (x4_pair.targets, state/assoc.h); the reconnect_storm rule
 * reads that history rather than keeping its own. */
#ifndef X4_TARGETS_H
#define X4_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x4_common.h"

#define X4_TARGETS 4

/* Per target a history of its latest `max` items (attempts), in an array
 * that grows by doubling until it holds `max` and then turns into a ring:
 * a pair that connects once holds one item, not `max`.  The room for item
 * number n (0-based, counted since the slot was taken), or NULL when out of
 * memory; *items and *cap follow the array. */
void *x4_history_room(const x4_alloc *alloc, void **items, uint8_t *cap, uint32_t n,
                      size_t size, unsigned max);
/* Item i of the history (i < n, among the latest `max`). */
static inline unsigned x4_history_slot(uint32_t i, unsigned max)
{
    return i % max;
}

#endif
