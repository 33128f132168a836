/* A growable byte buffer: the one container the replayer builds bytes in. */
#ifndef X4R_BYTEBUF_H
#define X4R_BYTEBUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t *p;
    size_t len, cap;
} x4r_buf;

void x4r_buf_reserve(x4r_buf *b, size_t extra);
void x4r_buf_put(x4r_buf *b, const void *data, size_t n);
void x4r_buf_u8(x4r_buf *b, uint8_t v);
void x4r_buf_u16(x4r_buf *b, uint16_t v); /* big-endian */
void x4r_buf_consume(x4r_buf *b, size_t n); /* drop n bytes from the front */
void x4r_buf_free(x4r_buf *b);

/* Memory helpers that abort on exhaustion (the replayer has no use for a
 * half-built capture). */
void *x4r_xrealloc(void *p, size_t n);
void *x4r_xcalloc(size_t n, size_t size);
char *x4r_xstrdup(const char *s);

#endif
