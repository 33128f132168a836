/* Connections by tcp.stream, in an association index (assoc_index.h). */
#include "state/assoc.h"

static size_t stream_slot(uint32_t stream, size_t cap)
{
    return (size_t)(stream * 2654435761u) & (cap - 1);
}

static size_t home_of(const x4_assoc *a, size_t cap)
{
    return stream_slot(a->stream, cap);
}

static bool has_stream(const x4_assoc *a, const void *stream)
{
    return a->stream == *(const uint32_t *)stream;
}

x4_assoc *x4_conn_find(x4_engine *e, uint32_t stream)
{
    if (!e->conns.cap)
        return NULL;
    return *x4_index_probe(&e->conns, stream_slot(stream, e->conns.cap), has_stream, &stream);
}

/* The caller has found no connection with this stream. */
x4_assoc *x4_conn_add(x4_engine *e, uint32_t stream)
{
    if (!x4_index_room(e, &e->conns, home_of))
        return NULL;
    x4_assoc *a = x4_eng_calloc(e, sizeof *a);
    if (!a)
        return NULL;
    a->stream = stream;
    x4_index_put_new(&e->conns, home_of(a, e->conns.cap), a);
    return a;
}

void x4_conn_table_free(x4_engine *e)
{
    for (size_t i = 0; i < e->conns.cap; i++) {
        x4_assoc *a = e->conns.slots[i];
        if (a)
            x4_eng_free(e, a->trouble);
        x4_eng_free(e, a);
    }
    x4_index_free(e, &e->conns);
}
