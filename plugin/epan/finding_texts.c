#include "finding_texts.h"

#include <string.h>

#include <epan/wmem_scopes.h>

/* Texts compared per precursor: the latest RECENT distinct ones. */
#define RECENT 4

typedef struct {
    GPtrArray *texts;                       /* char *, file scope; by number */
    guint32 recent[X4_P_COUNT + 1][RECENT]; /* numbers + 1 (0: none); row X4_P_COUNT:
                                               an id outside the catalogue */
    guint8 next[X4_P_COUNT + 1];            /* the recent slot to replace next */
} texts;

static texts *current;

void finding_texts_reset(void)
{
    if (current) {
        g_ptr_array_free(current->texts, TRUE);
        g_free(current);
    }
    current = NULL;
}

static texts *the_texts(void)
{
    if (!current) {
        current = g_new0(texts, 1);
        current->texts = g_ptr_array_new();
    }
    return current;
}

static gboolean same_text(const char *kept, const char *s, size_t len)
{
    return strncmp(kept, s, len) == 0 && kept[len] == '\0';
}

guint32 finding_texts_number(x4_precursor_id id, const char *s, size_t len)
{
    texts *t = the_texts();
    unsigned row = (unsigned)id < X4_P_COUNT ? (unsigned)id : X4_P_COUNT;
    for (unsigned i = 0; i < RECENT; i++) {
        guint32 n1 = t->recent[row][i];
        if (n1 && same_text(g_ptr_array_index(t->texts, n1 - 1), s, len))
            return n1 - 1;
    }
    guint32 n = t->texts->len;
    g_ptr_array_add(t->texts, wmem_strndup(wmem_file_scope(), s, len));
    t->recent[row][t->next[row]] = n + 1;
    t->next[row] = (guint8)((t->next[row] + 1) % RECENT);
    return n;
}

const char *finding_texts_get(guint32 n)
{
    if (!current || n >= current->texts->len)
        return "";
    return g_ptr_array_index(current->texts, n);
}
