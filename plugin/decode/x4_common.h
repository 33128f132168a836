/* Status codes and the allocator hook shared by every wire codec.
 *
 * The codecs are plain C11: no Wireshark, no glib, no pcap.  A decoder takes
 * a pointer and a length and never reads outside them; anything it keeps
 * beyond one call is allocated through an x4_alloc so that the plugin can
 * hand it wmem file-scope memory (freed with the capture) while tests and the
 * replayer use the C library.
 */
#ifndef X4_COMMON_H
#define X4_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef enum {
    X4_OK = 0,
    X4_ERR_TRUNCATED,   /* input ends before the structure it announces */
    X4_ERR_MALFORMED,   /* bytes that no valid encoding produces */
    X4_ERR_UNSUPPORTED, /* valid but outside what we decode (e.g. other protocol) */
    X4_ERR_DEPTH,       /* BER nesting deeper than X4_BER_MAX_DEPTH */
    X4_ERR_LIMIT        /* a bound of ours (buffer cap, list size) was reached */
} x4_status;

/* Human-readable name of a status, e.g. "truncated". Never NULL. */
const char *x4_status_name(x4_status s);

/* realloc-style hook: realloc(ctx, NULL, n) allocates, realloc(ctx, p, 0)
 * frees and returns NULL. */
typedef struct {
    void *(*realloc)(void *ctx, void *ptr, size_t size);
    void *ctx;
} x4_alloc;

/* An allocator over the C library's realloc/free. */
extern const x4_alloc x4_alloc_libc;

/* Appends the string s to out (a buffer of size bytes whose first `at`
 * hold text), as far as it fits, and keeps out NUL-terminated; returns the
 * new length.  snprintf's truncation (at most size - 1 characters) without
 * its format parsing, which costs more than the copy on per-frame paths. */
size_t x4_text_put(char *out, size_t size, size_t at, const char *s);

/* A borrowed byte range inside some caller-owned input. */
typedef struct {
    const uint8_t *ptr;
    size_t len;
} x4_bytes;

#endif
