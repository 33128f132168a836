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

/* Who hears each kind, in catalogue order (most kinds: nobody).  Built
 * from the rules' table on first use; it never changes. */
static struct {
    unsigned n;
    uint8_t rule[X4_P_COUNT];
} hearers[X4_TR_COUNT];
static bool hearers_known;

static void learn_hearers(void)
{
    for (unsigned k = 0; k < X4_TR_COUNT; k++)
        for (unsigned i = 0; i < X4_P_COUNT; i++)
            if (x4_rules[i]->hears & X4_TR_BIT(k))
                hearers[k].rule[hearers[k].n++] = (uint8_t)i;
    hearers_known = true;
}

void x4_emit(x4_frame *f, x4_assoc *about, const x4_transition *t)
{
    if (!hearers_known)
        learn_hearers();
    unsigned n = (unsigned)t->kind < X4_TR_COUNT ? hearers[t->kind].n : 0;
    if (!n)
        return;
    x4_rule_ctx c = { .prefs = &f->e->prefs, .alloc = &f->e->alloc, .a = about, .ev = f->ev,
                      .info = f->info, .dir = f->dir, .note = f->note, .marks = &about->marks };
    for (unsigned j = 0; j < n; j++) {
        unsigned i = hearers[t->kind].rule[j];
        c.data = about->pair ? &about->pair->rule_data[i] : NULL;
        x4_rules[i]->on(&c, t);
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
