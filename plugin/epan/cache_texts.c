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

/* ---------------------------------------------------------- shapes */

/* A run of digits in a shape: one byte, the number of digits (1 to 9, so
 * that its value fits 32 bits). */
#define RUN_MAX 9
#define SHAPE_MAX 256

static gboolean is_run(char c)
{
    return (unsigned char)c >= 1 && (unsigned char)c <= RUN_MAX;
}

static gboolean is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The shape of s[0..len) into shape[] (its length returned) and the runs'
 * values into values[] (*n_values), or 0 when s cannot be shaped. */
static size_t shape_of(const char *s, size_t len, char shape[SHAPE_MAX], guint32 values[SHAPE_MAX],
                       size_t *n_values)
{
    size_t out = 0;
    *n_values = 0;
    if (len >= SHAPE_MAX)
        return 0;
    for (size_t i = 0; i < len;) {
        if (is_run(s[i]))
            return 0;
        if (!is_digit(s[i])) {
            shape[out++] = s[i++];
            continue;
        }
        guint32 v = 0;
        unsigned digits = 0;
        while (i < len && digits < RUN_MAX && is_digit(s[i])) {
            v = v * 10 + (guint32)(s[i++] - '0');
            digits++;
        }
        shape[out++] = (char)digits;
        values[(*n_values)++] = v;
    }
    return out;
}

/* The entry holds number << 1, and 1 in the low bit when the number is of
 * a shape whose runs' values follow. */
void cache_texts_write(store_writer *w, cache_text_row row, const char *s, size_t len)
{
    char shape[SHAPE_MAX];
    guint32 values[SHAPE_MAX];
    size_t n_values;
    size_t n = shape_of(s, len, shape, values, &n_values);
    if (!n && len) {
        sw_varint(w, cache_texts_number(row, s, len) << 1);
        return;
    }
    sw_varint(w, cache_texts_number(row, shape, n) << 1 | 1);
    for (size_t i = 0; i < n_values; i++)
        sw_varint(w, values[i]);
}

char *cache_texts_read(const guint8 **p, wmem_allocator_t *pool)
{
    guint32 v = sr_varint(p);
    const char *shape = cache_texts_get(v >> 1);
    if (!(v & 1))
        return (char *)shape;
    size_t len = 0;
    for (const char *c = shape; *c; c++)
        len += is_run(*c) ? (size_t)*c : 1;
    char *text = wmem_alloc(pool, len + 1), *out = text;
    for (const char *c = shape; *c; c++) {
        if (!is_run(*c)) {
            *out++ = *c;
            continue;
        }
        guint32 value = sr_varint(p);
        for (unsigned k = (unsigned)*c; k-- > 0; value /= 10)
            out[k] = (char)('0' + value % 10);   /* zero-padded to the run's length */
        out += *c;
    }
    *out = '\0';
    return text;
}
