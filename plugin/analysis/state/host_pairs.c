/* State per pair of hosts (unordered addresses): the open associations and
 * the latest connect attempts; the rules keep their own per-pair data
 * (attempt history, recent losses, MTS identifiers in flight) beside it. */
#include "state/assoc.h"

#include <string.h>

uint64_t x4_hash(uint64_t h, const void *data, size_t len)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h ? h : 1;
}

static uint64_t addr_hash(const uint8_t *a, const uint8_t *b, unsigned len)
{
    return x4_hash(x4_hash(X4_HASH_INIT, a, len), b, len);
}

static bool grow(x4_engine *e)
{
    size_t cap = e->pair_cap ? e->pair_cap * 2 : 32;
    x4_pair **tab = x4_eng_calloc(e, cap * sizeof *tab);
    if (!tab)
        return false;
    for (size_t i = 0; i < e->pair_cap; i++) {
        for (x4_pair *p = e->pairs[i], *next; p; p = next) {
            next = p->next;
            size_t s = addr_hash(x4_pair_addr(p, 0), x4_pair_addr(p, 1), p->addr_len) & (cap - 1);
            p->next = tab[s];
            tab[s] = p;
        }
    }
    x4_eng_free(e, e->pairs);
    e->pairs = tab;
    e->pair_cap = cap;
    return true;
}

x4_pair *x4_pair_get(x4_engine *e, const uint8_t *init, const uint8_t *resp, unsigned len,
                     uint8_t *side)
{
    bool swap = memcmp(init, resp, len) > 0;
    const uint8_t *lo = swap ? resp : init, *hi = swap ? init : resp;
    *side = swap;

    if (e->pair_cap) {
        size_t s = addr_hash(lo, hi, len) & (e->pair_cap - 1);
        for (x4_pair *p = e->pairs[s]; p; p = p->next)
            if (p->addr_len == len && !memcmp(x4_pair_addr(p, 0), lo, len) &&
                !memcmp(x4_pair_addr(p, 1), hi, len))
                return p;
    }
    if ((e->pair_count + 1) > e->pair_cap && !grow(e))
        return NULL;
    x4_pair *p = x4_eng_calloc(e, sizeof *p + 2 * (size_t)len);
    if (!p)
        return NULL;
    p->addr_len = (uint8_t)len;
    memcpy(p->addr, lo, len);
    memcpy(p->addr + len, hi, len);
    size_t s = addr_hash(lo, hi, len) & (e->pair_cap - 1);
    p->next = e->pairs[s];
    e->pairs[s] = p;
    e->pair_count++;
    return p;
}

void x4_pair_open(x4_pair *p, x4_assoc *a)
{
    a->pair_prev = NULL;
    a->pair_next = p->open;
    if (p->open)
        p->open->pair_prev = a;
    p->open = a;
}

void x4_pair_close(x4_pair *p, x4_assoc *a)
{
    if (a->pair_prev)
        a->pair_prev->pair_next = a->pair_next;
    else if (p->open == a)
        p->open = a->pair_next;
    if (a->pair_next)
        a->pair_next->pair_prev = a->pair_prev;
    a->pair_prev = a->pair_next = NULL;
}

void x4_pair_table_free(x4_engine *e)
{
    for (size_t i = 0; i < e->pair_cap; i++) {
        for (x4_pair *p = e->pairs[i], *next; p; p = next) {
            next = p->next;
            x4_rules_free_pair(e, p);
            for (unsigned t = 0; t < p->n_targets; t++)
                x4_eng_free(e, p->targets[t].ring);
            x4_eng_free(e, p->targets);
            x4_eng_free(e, p);
        }
    }
    x4_eng_free(e, e->pairs);
    e->pairs = NULL;
    e->pair_cap = e->pair_count = 0;
}
