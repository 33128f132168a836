/* Flagging: a precursor on the frame's note, once per association where the
 * rule wants it, and its message. */
#include "rules/rule.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool x4_once(x4_rule_ctx *c, x4_precursor_id id)
{
    uint32_t bit = 1u << id;
    if (*c->marks & bit)
        return false;
    *c->marks |= bit;
    return true;
}

bool x4_flagged(const x4_rule_ctx *c, x4_precursor_id id)
{
    return (*c->marks >> id) & 1u;
}

x4_secs_text x4_secs(double seconds)
{
    x4_secs_text t;
    if (seconds >= 1.0 || seconds <= -1.0)
        snprintf(t.s, sizeof t.s, "%.1f s", seconds);
    else
        snprintf(t.s, sizeof t.s, "%.3f s", seconds);
    return t;
}

const char *x4_side_name(x4_dir d)
{
    return d == X4_DIR_INITIATOR ? "initiator" : "responder";
}

static const char *const request_names[] = { [X4_REQ_NONE] = "request", [X4_REQ_TP0] = "TP0 CR",
                                             [X4_REQ_SESSION] = "session CN" };
static const char *const confirm_names[] = { [X4_REQ_NONE] = "confirm", [X4_REQ_TP0] = "CC",
                                             [X4_REQ_SESSION] = "AC" };

const char *x4_request_name(x4_req_layer l)
{
    return (unsigned)l <= X4_REQ_SESSION ? request_names[l] : request_names[X4_REQ_NONE];
}

const char *x4_confirm_name(x4_req_layer l)
{
    return (unsigned)l <= X4_REQ_SESSION ? confirm_names[l] : confirm_names[X4_REQ_NONE];
}

x4_flag *x4_flag_add(x4_rule_ctx *c, x4_precursor_id id, uint32_t related)
{
    if (c->note->n_flags >= X4_NOTE_MAX_FLAGS)
        return NULL;
    x4_flag *f = &c->note->flags[c->note->n_flags++];
    memset(f, 0, sizeof *f);
    f->id = id;
    f->related_frame = related;
    f->wording = c->prefs->wording == X4_WORDING_GENERIC ? X4_WORDING_GENERIC
                                                         : X4_WORDING_EXCHANGE;
    return f;
}

/* message = what happened + the catalogue's words for it in the flag's
 * wording (x4_precursor_tail).  The tail always survives: what happened is
 * cut to make room; the fix goes first. */
_Static_assert(X4_TAIL_MAX >= sizeof(((x4_flag *)0)->message), "a tail fits a message");
void x4_flag_message(x4_flag *f, const char *fmt, ...)
{
    const x4_tail *t = x4_precursor_tail(f->id, f->wording);

    char what[sizeof f->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);

    size_t cap = sizeof f->message - 1, lw = strlen(what), lt = t->tail_len, lf = t->fix_len;
    if (lw + lt + lf > cap)
        lf = 0;
    if (lw + lt > cap)
        lw = cap > lt ? cap - lt : 0;
    if (lt > cap)
        lt = cap;
    char *out = f->message;
    memcpy(out, what, lw);
    memcpy(out + lw, t->tail, lt);
    memcpy(out + lw + lt, t->fix, lf);
    out[lw + lt + lf] = '\0';
}
