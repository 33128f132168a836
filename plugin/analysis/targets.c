#include "targets.h"

unsigned x4_target_slot(x4_target t[X4_TARGETS], unsigned side, uint16_t port, double now,
                        bool *fresh)
{
    unsigned pick = 0;
    for (unsigned i = 0; i < X4_TARGETS; i++) {
        if (t[i].used && t[i].side == side && t[i].port == port) {
            t[i].last_used = now;
            *fresh = false;
            return i;
        }
        /* the first free slot, else the least recently used */
        if (t[pick].used && (!t[i].used || t[i].last_used < t[pick].last_used))
            pick = i;
    }
    t[pick] = (x4_target){ .used = true, .side = (uint8_t)side, .port = port, .last_used = now };
    *fresh = true;
    return pick;
}

void *x4_history_room(const x4_alloc *alloc, void **items, uint8_t *cap, uint32_t n,
                      size_t size, unsigned max)
{
    if (n < max && n >= *cap) {
        unsigned want = *cap ? *cap * 2u : 1u;
        if (want > max)
            want = max;
        void *grown = alloc->realloc(alloc->ctx, *items, want * size);
        if (!grown)
            return NULL;
        *items = grown;
        *cap = (uint8_t)want;
    }
    return (char *)*items + x4_history_slot(n, max) * size;
}
