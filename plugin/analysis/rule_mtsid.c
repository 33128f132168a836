/* duplicate_mtsid (KB Q152897): a P1 transfer carries the same MTS
 * identifier as an earlier transfer in the same association, or in another
 * association open at the same time between the same two MTAs.
 *
 * Not duplicates: a resend after an activity interrupt/discard in the same
 * association (RTSE retries the transfer), and a resend on a new association
 * after the first one ended or stalled (RTSE recovery after a loss).  The
 * pair keeps at most X4_ENGINE_MAX_MTSIDS identifiers of open associations. */
#include "engine_int.h"

#include <string.h>

/* Sender host -> receiver host + identifier: the same text sent the other
 * way is another MTA's identifier. */
static uint64_t mtsid_hash(const x4_assoc *a, x4_dir d, const char *text)
{
    uint64_t h = x4_hash(X4_HASH_INIT, a->addr[d], a->addr_len);
    h = x4_hash(h, a->addr[!d], a->addr_len);
    return x4_hash(h, text, strlen(text));
}

static bool stalled(const x4_assoc *a)
{
    return a->ended || x4_state_terminal(a->state) || a->retrans[0] || a->retrans[1];
}

/* Both associations bind the same MTA names (when both are known). */
static bool same_mtas(const x4_assoc *a, const x4_assoc *b)
{
    for (int i = 0; i < 2; i++)
        if (a->mta_hash[i] && b->mta_hash[i] && a->mta_hash[i] != b->mta_hash[i])
            return false;
    return true;
}

static const x4_mtsid_entry *earlier(const x4_pair *p, const x4_assoc *a, uint64_t h)
{
    for (unsigned i = 0; i < p->n_mtsids; i++) {
        const x4_mtsid_entry *m = &p->mtsids[i];
        if (m->hash != h)
            continue;
        if (m->assoc == a && m->interrupts == a->interrupts)
            return m;
        if (m->assoc != a && !stalled(m->assoc) && same_mtas(a, m->assoc))
            return m;
    }
    return NULL;
}

/* Room for one more entry: grow while below the cap, then overwrite the
 * oldest (the ring's next slot). */
static x4_mtsid_entry *slot(x4_engine *e, x4_pair *p)
{
    if (p->n_mtsids == p->mtsid_cap && p->mtsid_cap < X4_ENGINE_MAX_MTSIDS) {
        unsigned cap = p->mtsid_cap ? p->mtsid_cap * 2 : 8;
        x4_mtsid_entry *m = x4_eng_calloc(e, cap * sizeof *m);
        if (!m)
            return NULL;
        if (p->n_mtsids)
            memcpy(m, p->mtsids, p->n_mtsids * sizeof *m);
        x4_eng_free(e, p->mtsids);
        p->mtsids = m;
        p->mtsid_cap = cap;
    }
    if (p->n_mtsids < p->mtsid_cap)
        return &p->mtsids[p->n_mtsids++];
    x4_mtsid_entry *m = &p->mtsids[p->mtsid_next];
    p->mtsid_next = (p->mtsid_next + 1) % p->mtsid_cap;
    return m;
}

static void remember(x4_engine *e, x4_pair *p, x4_assoc *a, uint64_t h, uint32_t frame)
{
    for (unsigned i = 0; i < p->n_mtsids; i++) {
        x4_mtsid_entry *m = &p->mtsids[i];
        if (m->hash == h && m->assoc == a) {
            m->frame = frame;             /* a legitimate resend: start over */
            m->interrupts = a->interrupts;
            return;
        }
    }
    x4_mtsid_entry *m = slot(e, p);
    if (m)
        *m = (x4_mtsid_entry){ .hash = h, .assoc = a, .frame = frame, .interrupts = a->interrupts };
}

static void flag(x4_ctx *c, const x4_mtsid_entry *m, const char *text)
{
    bool same = m->assoc == c->a;
    x4_flag *f = x4_flag_add(c, X4_P_DUPLICATE_MTSID, m->frame);
    if (!f)
        return;
    f->count = 2;
    if (same)
        x4_flag_message(f, "MTS identifier %s already transferred in frame %u of this association",
                        text, m->frame);
    else
        x4_flag_message(f, "MTS identifier %s already transferred in frame %u of association %u, "
                        "still open", text, m->frame, m->assoc->assoc);
}

void x4_rule_mtsids(x4_ctx *c)
{
    x4_assoc *a = c->a;
    x4_pair *p = a->pair;
    /* X.400-only: another protocol's bytes that looked like an MTSID are not one. */
    if (!p || !(a->x400 || c->info->x400) || x4_state_terminal(a->state))
        return;
    for (unsigned i = 0; i < c->info->n_mtsids; i++) {
        const char *text = c->info->mtsids[i].text;
        uint64_t h = mtsid_hash(a, c->dir, text);
        const x4_mtsid_entry *m = earlier(p, a, h);
        if (m)
            flag(c, m, text);
        else
            remember(c->e, p, a, h, c->ev->frame);
    }
}
