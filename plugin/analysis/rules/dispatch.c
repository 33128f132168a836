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

/* A pair's rule data: a short list (three rules keep pair data today), so
 * a pair that only one rule needs pays for one node. */
struct x4_rule_data_node {
    x4_rule_data_node *next;
    unsigned rule;
    void *data;
};

void *x4_rule_data_peek(const x4_rule_ctx *c)
{
    for (x4_rule_data_node *n = c->pair ? c->pair->rule_data : NULL; n; n = n->next)
        if (n->rule == c->rule)
            return n->data;
    return NULL;
}

void *x4_rule_data(x4_rule_ctx *c, size_t size)
{
    void *data = x4_rule_data_peek(c);
    if (data || !c->pair)
        return data;
    x4_rule_data_node *n = x4_rule_calloc(c->alloc, sizeof *n);
    if (!n || !(n->data = x4_rule_calloc(c->alloc, size))) {
        x4_rule_free(c->alloc, n);
        return NULL;
    }
    n->rule = c->rule;
    n->next = c->pair->rule_data;
    c->pair->rule_data = n;
    return n->data;
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
    c.pair = about->pair;
    for (unsigned j = 0; j < n; j++) {
        c.rule = hearers[t->kind].rule[j];
        x4_rules[c.rule]->on(&c, t);
    }
}

void x4_rules_free_pair(x4_engine *e, x4_pair *p)
{
    for (x4_rule_data_node *n = p->rule_data, *next; n; n = next) {
        next = n->next;
        const x4_rule *r = x4_rules[n->rule];
        if (r->free_data)
            r->free_data(&e->alloc, n->data);
        else
            x4_rule_free(&e->alloc, n->data);
        x4_rule_free(&e->alloc, n);
    }
    p->rule_data = NULL;
}
