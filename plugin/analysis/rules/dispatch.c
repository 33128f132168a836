/* The dispatcher: each transition the state module emits goes to the rules
 * that hear its kind, in catalogue order (so the flags of one frame come in
 * the order their evidence completed). */
#include "rules/rule.h"

#include <string.h>

void *x4_rule_calloc(const x4_alloc *alloc, size_t n)
{
    void *p = alloc->realloc(alloc->ctx, NULL, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void x4_rule_free(const x4_alloc *alloc, void *p)
{
    if (p)
        alloc->realloc(alloc->ctx, p, 0);
}

void *x4_rule_data(x4_rule_ctx *c, size_t size)
{
    if (!c->data)
        return NULL;
    if (!*c->data)
        *c->data = x4_rule_calloc(c->alloc, size);
    return *c->data;
}

void x4_emit(x4_frame *f, x4_assoc *about, const x4_transition *t)
{
    x4_rule_ctx c = { .prefs = &f->e->prefs, .alloc = &f->e->alloc, .a = about, .ev = f->ev,
                      .info = f->info, .dir = f->dir, .note = f->note, .marks = &about->marks };
    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        const x4_rule *r = x4_rules[i];
        if (!(r->hears & X4_TR_BIT(t->kind)))
            continue;
        c.data = about->pair ? &about->pair->rule_data[i] : NULL;
        r->on(&c, t);
    }
}

void x4_rules_free_pair(x4_engine *e, x4_pair *p)
{
    for (unsigned i = 0; i < X4_P_COUNT; i++) {
        if (!p->rule_data[i])
            continue;
        const x4_rule *r = x4_rules[i];
        if (r->free_data)
            r->free_data(&e->alloc, p->rule_data[i]);
        else
            x4_rule_free(&e->alloc, p->rule_data[i]);
        p->rule_data[i] = NULL;
    }
}
