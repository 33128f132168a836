#include "cache_texts.h"

#include <string.h>

#include <epan/wmem_scopes.h>

/* Texts compared per row: the latest RECENT distinct ones. */
#define RECENT 4

typedef struct {
    GPtrArray *texts;                         /* char *, file scope; by number */
    guint32 recent[CACHE_TEXT_ROWS][RECENT];  /* numbers + 1 (0: none) */
    guint8 next[CACHE_TEXT_ROWS];             /* the recent slot to replace next */
} texts;

static texts *current;

void cache_texts_reset(void)
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

guint32 cache_texts_number(cache_text_row row, const char *s, size_t len)
{
    texts *t = the_texts();
    if ((unsigned)row >= CACHE_TEXT_ROWS)
        row = CACHE_TEXT_OTHER_FINDING;
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

const char *cache_texts_get(guint32 n)
{
    if (!current || n >= current->texts->len)
        return "";
    return g_ptr_array_index(current->texts, n);
}
