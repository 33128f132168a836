/* The engine's entry points: connections by stream, and each frame through
 * the state module (state/), whose transitions the rules (rules/) hear. */
#include "state/assoc.h"

#include <stddef.h>
#include <string.h>

static const char *const state_names[X4_ST_COUNT] = {
    [X4_ST_NONE] = "none",
    [X4_ST_TCP_CONNECTING] = "tcp-connecting",
    [X4_ST_TCP_OPEN] = "tcp-open",
    [X4_ST_TP_REQUESTED] = "tp-requested",
    [X4_ST_TP_OPEN] = "tp-open",
    [X4_ST_SESSION_REQUESTED] = "session-requested",
    [X4_ST_BINDING] = "binding",
    [X4_ST_BOUND] = "bound",
    [X4_ST_TRANSFER] = "transfer",
    [X4_ST_RELEASING] = "releasing",
    [X4_ST_CLOSED] = "closed",
    [X4_ST_REFUSED] = "refused",
    [X4_ST_ABORTED] = "aborted",
    [X4_ST_LOST] = "lost",
    [X4_ST_UNKNOWN] = "unknown",
};

const char *x4_state_name(x4_state s)
{
    return (unsigned)s < X4_ST_COUNT ? state_names[s] : "unknown";
}

void *x4_eng_calloc(x4_engine *e, size_t n)
{
    void *p = e->alloc.realloc(e->alloc.ctx, NULL, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void x4_eng_free(x4_engine *e, void *p)
{
    if (p)
        e->alloc.realloc(e->alloc.ctx, p, 0);
}

x4_engine *x4_engine_new(const x4_alloc *alloc, const x4_prefs *prefs)
{
    void *mem = alloc->realloc(alloc->ctx, NULL, sizeof(x4_engine));
    if (!mem)
        return NULL;
    x4_engine *e = memset(mem, 0, sizeof(x4_engine));
    e->alloc = *alloc;
    if (prefs)
        e->prefs = *prefs;
    else
        x4_prefs_default(&e->prefs);
    x4_prefs_sanitize(&e->prefs);
    return e;
}

void x4_engine_free(x4_engine *e)
{
    if (!e)
        return;
    x4_flow_table_free(e);
    x4_conn_table_free(e);
    x4_pair_table_free(e);
    x4_eng_free(e, e);
}

/* The association of this frame's connection, created on first sight of an
 * RFC1006 connection. */
static x4_assoc *assoc_of(x4_engine *e, const x4_tcp_event *ev)
{
    x4_assoc *a = x4_conn_find(e, ev->stream);
    if (!a && ev->rfc1006_port)
        a = x4_state_create(e, ev);
    return a;
}

x4_dir x4_engine_direction(x4_engine *e, const x4_tcp_event *ev)
{
    x4_assoc *a = assoc_of(e, ev);
    if (!a)
        return x4_state_dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
    return x4_state_dir(a, ev);
}

void **x4_engine_user(x4_engine *e, uint32_t stream)
{
    x4_assoc *a = x4_conn_find(e, stream);
    return a ? &a->user : NULL;
}

bool x4_engine_flow_stream(x4_engine *e, const x4_tcp_event *ev, uint32_t *stream)
{
    x4_assoc *a = x4_conn_by_flow(e, ev);
    if (a)
        *stream = a->stream;
    return a != NULL;
}

void x4_engine_frame(x4_engine *e, const x4_tcp_event *ev,
                     const x4_frame_info *info, x4_note *note)
{
    memset(note, 0, offsetof(x4_note, flags));    /* a flag is cleared when added */
    x4_assoc *a = assoc_of(e, ev);
    if (!a) {
        note->dir = x4_state_dst_is_server(ev) ? X4_DIR_INITIATOR : X4_DIR_RESPONDER;
        return;
    }
    x4_frame f = { .e = e, .a = a, .ev = ev, .info = info, .note = note,
                   .dir = x4_state_dir(a, ev) };
    f.osi = info && !x4_state_repeated_bytes(a, ev, f.dir);
    note->assoc = a->assoc;
    note->dir = f.dir;
    x4_state_frame(&f);
    note->state = a->state;
}
