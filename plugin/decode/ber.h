/* A bounded BER tag/length reader.
 *
 * Short, long (up to 4 length octets) and indefinite lengths; an indefinite
 * element's end is found by walking its contents down to the matching
 * end-of-contents, never deeper than X4_BER_MAX_DEPTH.  Nothing is copied:
 * contents are borrowed ranges of the input.
 */
#ifndef X4_BER_H
#define X4_BER_H

#include "x4_common.h"

#define X4_BER_MAX_DEPTH 32

typedef struct {
    uint8_t ident;       /* first identifier octet: class, P/C, low tag number */
    uint8_t cls;         /* 0 universal, 1 application, 2 context, 3 private */
    bool constructed;
    uint32_t number;     /* tag number (also for high-tag-number form) */
    bool indefinite;
    size_t hdr_len;      /* identifier + length octets */
    x4_bytes content;    /* content octets, end-of-contents excluded */
    size_t total_len;    /* header + content (+ 2 for end-of-contents) */
    bool complete;       /* false only from x4_ber_read_prefix when cut short */
} x4_ber_tlv;

/* Read one whole element at p.  X4_ERR_TRUNCATED when it does not fit. */
x4_status x4_ber_read(const uint8_t *p, size_t len, x4_ber_tlv *t);

/* Like x4_ber_read, but an element whose contents run past len is accepted
 * with complete = false and contents clipped to what is there (used to read
 * the start of an APDU that is still arriving).  The header must fit. */
x4_status x4_ber_read_prefix(const uint8_t *p, size_t len, x4_ber_tlv *t);

/* Iteration over the elements of a constructed content. */
typedef struct {
    x4_bytes in;
    size_t off;
    bool prefix;         /* accept a cut-short last element */
    x4_status status;    /* X4_OK unless iteration stopped on an error */
} x4_ber_iter;

void x4_ber_iter_init(x4_ber_iter *it, x4_bytes content, bool prefix);
/* Next element into *t; false at the end or on an error (it->status). */
bool x4_ber_next(x4_ber_iter *it, x4_ber_tlv *t);

/* First element of content whose identifier octet is ident. */
bool x4_ber_find(x4_bytes content, uint8_t ident, x4_ber_tlv *t);

/* Unsigned INTEGER / ENUMERATED / tagged integer value of at most 4
 * significant octets. */
x4_status x4_ber_uint(x4_bytes content, uint32_t *v);

/* Whole-element helpers for a tagged integer in a content. */
bool x4_ber_find_uint(x4_bytes content, uint8_t ident, uint32_t *v);

#endif
