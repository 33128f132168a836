/* The open-addressing table of associations (assoc_index.h). */
#include "state/assoc.h"

void x4_index_put_new(x4_assoc_index *ix, size_t home, x4_assoc *a)
{
    size_t i = home;
    while (ix->slots[i])
        i = (i + 1) & (ix->cap - 1);
    ix->slots[i] = a;
    ix->count++;
}

bool x4_index_room(x4_engine *e, x4_assoc_index *ix, x4_home_slot home)
{
    if ((ix->count + 1) * 2 <= ix->cap)
        return true;
    x4_assoc_index grown = { .cap = ix->cap ? ix->cap * 2 : 64 };
    grown.slots = x4_eng_calloc(e, grown.cap * sizeof *grown.slots);
    if (!grown.slots)
        return false;
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i])
            x4_index_put_new(&grown, home(ix->slots[i], grown.cap), ix->slots[i]);
    x4_eng_free(e, ix->slots);
    *ix = grown;
    return true;
}

void x4_index_free(x4_engine *e, x4_assoc_index *ix)
{
    x4_eng_free(e, ix->slots);
    *ix = (x4_assoc_index){ 0 };
}
