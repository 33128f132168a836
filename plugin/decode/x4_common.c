/* Status names and the C-library allocator of x4_common.h. */
#include "x4_common.h"

#include <stdlib.h>

const char *x4_status_name(x4_status s)
{
    static const char *const names[] = {
        [X4_OK] = "ok",
        [X4_ERR_TRUNCATED] = "truncated",
        [X4_ERR_MALFORMED] = "malformed",
        [X4_ERR_UNSUPPORTED] = "unsupported",
        [X4_ERR_DEPTH] = "nesting too deep",
        [X4_ERR_LIMIT] = "limit reached",
    };
    if ((unsigned)s >= sizeof names / sizeof names[0] || !names[s])
        return "unknown";
    return names[s];
}

size_t x4_text_put(char *out, size_t size, size_t at, const char *s)
{
    if (size == 0)
        return at;
    while (*s && at + 1 < size)
        out[at++] = *s++;
    if (at < size)
        out[at] = '\0';
    return at;
}

static void *libc_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

const x4_alloc x4_alloc_libc = {libc_realloc, NULL};
