#include "capture_state.h"

#include "x400mta_register.h"

typedef struct {
    x4_alloc alloc;
    x4_engine *engine;
    wmem_map_t *rfc1006;     /* tcp.stream -> (void *)1 when TPKT was seen */
} capture_state;

static capture_state *current;

/* x4_alloc over wmem file scope: every allocation dies with the capture. */
static void *file_scope_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    if (size == 0) {
        wmem_free(wmem_file_scope(), ptr);
        return NULL;
    }
    return wmem_realloc(wmem_file_scope(), ptr, size);
}

void capture_state_reset(void)
{
    /* The memory itself belongs to the file scope, freed by Wireshark. */
    current = NULL;
}

static capture_state *state(void)
{
    if (!current) {
        current = wmem_new0(wmem_file_scope(), capture_state);
        current->alloc.realloc = file_scope_realloc;
        current->rfc1006 = wmem_map_new(wmem_file_scope(), g_direct_hash, g_direct_equal);
    }
    return current;
}

x4_engine *capture_state_engine(void)
{
    capture_state *s = state();
    if (!s->engine)
        s->engine = x4_engine_new(&s->alloc, &x400mta_reg.prefs);
    return s->engine;
}

x4_conn *capture_state_conn(guint32 stream)
{
    capture_state *s = state();
    void **slot = x4_engine_user(capture_state_engine(), stream);
    if (slot && !*slot)
        *slot = x4_conn_new(&s->alloc);
    return slot ? *slot : NULL;
}

void capture_state_mark_rfc1006(guint32 stream)
{
    wmem_map_insert(state()->rfc1006, GUINT_TO_POINTER(stream + 1), GUINT_TO_POINTER(1));
}

gboolean capture_state_is_rfc1006(guint32 stream)
{
    return current && wmem_map_lookup(current->rfc1006, GUINT_TO_POINTER(stream + 1)) != NULL;
}
