/* duplicate_mtsid (KB Q152897): a P1 transfer carries the same MTS
 * identifier as an earlier transfer in the same association, or in another
 * association open at the same time between the same two MTAs.
 *
 * Not duplicates: a resend after an activity interrupt/discard in the same
 * association (RTSE retries the transfer), and a resend on a new association
 * after the first one ended or stalled (RTSE recovery after a loss).
 *
 * The rule's own data per pair of hosts: the identifiers of its open
 * associations, at most X4_MTSIDS_PER_PAIR (the oldest makes room); an
 * association's identifiers go when it ends. */
#include "rules/rule.h"

#include <string.h>

#define X4_MTSIDS_PER_PAIR 256

typedef struct {
    uint64_t hash;            /* sender + receiver + MTS identifier */
    const x4_assoc *assoc;
    uint32_t frame, interrupts;
} entry;

typedef struct {
    entry *entries;           /* grows by doubling up to X4_MTSIDS_PER_PAIR */
    unsigned cap, n, next;
} mtsid_data;

/* Sender host -> receiver host + identifier: the same text sent the other
 * way is another MTA's identifier. */
static uint64_t mtsid_hash(const x4_assoc *a, x4_dir d, const char *text)
{
    uint64_t h = x4_hash(X4_HASH_INIT, x4_addr(a, d), x4_addr_len(a));
    h = x4_hash(h, x4_addr(a, x4_peer(d)), x4_addr_len(a));
    return x4_hash(h, text, strlen(text));
}

static bool stalled(const x4_assoc *a)
{
    return a->ended || x4_state_terminal(a->state) || x4_trouble(a)->retrans[0] ||
           x4_trouble(a)->retrans[1];
}

/* Both associations bind the same MTA names (when both are known). */
static bool same_mtas(const x4_assoc *a, const x4_assoc *b)
{
    for (int i = 0; i < 2; i++)
        if (a->mta_hash[i] && b->mta_hash[i] && a->mta_hash[i] != b->mta_hash[i])
            return false;
    return true;
}

static const entry *earlier(const mtsid_data *md, const x4_assoc *a, uint64_t h)
{
    for (unsigned i = 0; i < md->n; i++) {
        const entry *m = &md->entries[i];
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
static entry *slot(x4_rule_ctx *c, mtsid_data *md)
{
    if (md->n == md->cap && md->cap < X4_MTSIDS_PER_PAIR) {
        unsigned cap = md->cap ? md->cap * 2 : 2;
        entry *m = x4_rule_calloc(c->alloc, cap * sizeof *m);
        if (!m)
            return NULL;
        if (md->n)
            memcpy(m, md->entries, md->n * sizeof *m);
        x4_rule_free(c->alloc, md->entries);
        md->entries = m;
        md->cap = cap;
    }
    if (md->n < md->cap)
        return &md->entries[md->n++];
    entry *m = &md->entries[md->next];
    md->next = (md->next + 1) % md->cap;
    return m;
}

static void remember(x4_rule_ctx *c, mtsid_data *md, uint64_t h)
{
    const x4_assoc *a = c->a;
    for (unsigned i = 0; i < md->n; i++) {
        entry *m = &md->entries[i];
        if (m->hash == h && m->assoc == a) {
            m->frame = c->ev->frame;      /* a legitimate resend: start over */
            m->interrupts = a->interrupts;
            return;
        }
    }
    entry *m = slot(c, md);
    if (m)
        *m = (entry){ .hash = h, .assoc = a, .frame = c->ev->frame, .interrupts = a->interrupts };
}

static void flag(x4_rule_ctx *c, const entry *m, const char *text)
{
    x4_flag *f = x4_flag_add(c, X4_P_DUPLICATE_MTSID, m->frame);
    if (!f)
        return;
    f->count = 2;
    if (m->assoc == c->a)
        x4_flag_message(f, "MTS identifier %s already transferred in frame %u of this association",
                        text, m->frame);
    else
        x4_flag_message(f, "MTS identifier %s already transferred in frame %u of association %u, "
                        "still open", text, m->frame, m->assoc->assoc);
}

static void on_transfer(x4_rule_ctx *c, const char *text)
{
    /* X.400-only: another protocol's bytes that looked like an MTSID are not one. */
    if (!c->pair || !c->a->x400 || x4_state_terminal(c->a->state))
        return;
    mtsid_data *md = x4_rule_data(c, sizeof *md);
    if (!md)
        return;
    uint64_t h = mtsid_hash(c->a, c->dir, text);
    const entry *m = earlier(md, c->a, h);
    if (m)
        flag(c, m, text);
    else
        remember(c, md, h);
}

/* An association that ended cannot hold a transfer in flight, so a resend
 * on a new one is a recovery: its identifiers go. */
static void on_ended(x4_rule_ctx *c)
{
    mtsid_data *md = x4_rule_data_peek(c);
    if (!md)
        return;
    unsigned kept = 0;
    for (unsigned i = 0; i < md->n; i++)
        if (md->entries[i].assoc != c->a)
            md->entries[kept++] = md->entries[i];
    if (kept < md->n) {
        md->n = kept;           /* no longer full: new entries append */
        md->next = 0;
    }
}

static void on_transition(x4_rule_ctx *c, const x4_transition *t)
{
    if (t->kind == X4_TR_TRANSFER)
        on_transfer(c, t->mtsid);
    else
        on_ended(c);
}

static void free_data(const x4_alloc *alloc, void *data)
{
    mtsid_data *md = data;
    x4_rule_free(alloc, md->entries);
    x4_rule_free(alloc, md);
}

const x4_rule x4_rule_duplicate_mtsid = {
    .hears = X4_TR_BIT(X4_TR_TRANSFER) | X4_TR_BIT(X4_TR_ENDED),
    .on = on_transition, .free_data = free_data };
