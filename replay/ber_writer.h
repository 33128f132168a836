/* BER TLV writer over x4r_buf: open a constructed value, write its content,
 * close it (the definite length is inserted then, short or long form). */
#ifndef X4R_BER_WRITER_H
#define X4R_BER_WRITER_H

#include "bytebuf.h"

/* Starts a TLV with the one-byte tag; returns the mark for ber_close. */
size_t x4r_ber_open(x4r_buf *b, uint8_t tag);
/* Ends the TLV started at mark, inserting its definite length. */
void x4r_ber_close(x4r_buf *b, size_t mark);

/* Primitive values. */
void x4r_ber_prim(x4r_buf *b, uint8_t tag, const void *v, size_t n);
void x4r_ber_str(x4r_buf *b, uint8_t tag, const char *s);
void x4r_ber_int(x4r_buf *b, uint8_t tag, long v); /* minimal two's complement */

#endif
