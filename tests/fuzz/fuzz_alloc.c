#include "fuzz_alloc.h"

#include <stdlib.h>
#include <string.h>

/* Each block carries its size in front (max_align_t keeps alignment). */
typedef union {
    size_t size;
    max_align_t align;
} header;

static void *counting_realloc(void *ctx, void *ptr, size_t size)
{
    x4f_alloc_stats *st = ctx;
    header *h = ptr ? (header *)ptr - 1 : NULL;
    size_t old = h ? h->size : 0;
    if (size == 0) {
        st->live -= old;
        free(h);
        return NULL;
    }
    if (st->cap && size > old && st->live - old + size > st->cap) {
        st->refused++;
        return NULL;
    }
    header *n = realloc(h, sizeof *n + size);
    if (!n)
        return NULL;
    n->size = size;
    st->live = st->live - old + size;
    if (st->live > st->peak)
        st->peak = st->live;
    return n + 1;
}

x4_alloc x4f_alloc_counting(x4f_alloc_stats *st, size_t cap)
{
    memset(st, 0, sizeof *st);
    st->cap = cap;
    return (x4_alloc){counting_realloc, st};
}
