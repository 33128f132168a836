/* Connections by tcp.stream: open addressing, sized by what the capture has
 * (doubles at 50% load), never shrinks until x4_engine_free. */
#include "state/assoc.h"

#include <string.h>

static size_t slot_of(uint32_t stream, size_t cap)
{
    return (size_t)(stream * 2654435761u) & (cap - 1);
}

x4_assoc *x4_conn_find(x4_engine *e, uint32_t stream)
{
    if (!e->conn_cap)
        return NULL;
    for (size_t i = slot_of(stream, e->conn_cap);; i = (i + 1) & (e->conn_cap - 1)) {
        x4_assoc *a = e->conns[i];
        if (!a || a->stream == stream)
            return a;
    }
}

static void put(x4_assoc **tab, size_t cap, x4_assoc *a)
{
    size_t i = slot_of(a->stream, cap);
    while (tab[i])
        i = (i + 1) & (cap - 1);
    tab[i] = a;
}

static bool grow(x4_engine *e)
{
    size_t cap = e->conn_cap ? e->conn_cap * 2 : 64;
    x4_assoc **tab = x4_eng_calloc(e, cap * sizeof *tab);
    if (!tab)
        return false;
    for (size_t i = 0; i < e->conn_cap; i++)
        if (e->conns[i])
            put(tab, cap, e->conns[i]);
    x4_eng_free(e, e->conns);
    e->conns = tab;
    e->conn_cap = cap;
    return true;
}

x4_assoc *x4_conn_add(x4_engine *e, uint32_t stream)
{
    if ((e->conn_count + 1) * 2 > e->conn_cap && !grow(e))
        return NULL;
    x4_assoc *a = x4_eng_calloc(e, sizeof *a);
    if (!a)
        return NULL;
    a->stream = stream;
    put(e->conns, e->conn_cap, a);
    e->conn_count++;
    return a;
}

void x4_conn_table_free(x4_engine *e)
{
    for (size_t i = 0; i < e->conn_cap; i++) {
        if (e->conns[i])
            x4_eng_free(e, e->conns[i]->trouble);
        x4_eng_free(e, e->conns[i]);
    }
    x4_eng_free(e, e->conns);
    e->conns = NULL;
    e->conn_cap = e->conn_count = 0;
}
