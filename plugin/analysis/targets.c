#include "targets.h"

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
