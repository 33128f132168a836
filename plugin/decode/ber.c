/* BER reader: see ber.h.  All length arithmetic is checked against the
 * remaining input before use, so a hostile length can never move a pointer
 * outside the caller's buffer. */
#include "ber.h"

static x4_status read_header(const uint8_t *p, size_t len, x4_ber_tlv *t,
                             size_t *clen)
{
    size_t off = 0;
    if (len < 2)
        return X4_ERR_TRUNCATED;
    t->ident = p[0];
    t->cls = p[0] >> 6;
    t->constructed = (p[0] & 0x20) != 0;
    t->number = p[0] & 0x1F;
    off = 1;
    if (t->number == 0x1F) {        /* high tag number: base-128 octets */
        t->number = 0;
        for (int i = 0;; i++) {
            if (off >= len)
                return X4_ERR_TRUNCATED;
            if (i == 4)
                return X4_ERR_MALFORMED;
            t->number = (t->number << 7) | (p[off] & 0x7F);
            if (!(p[off++] & 0x80))
                break;
        }
    }
    if (off >= len)
        return X4_ERR_TRUNCATED;
    uint8_t l = p[off++];
    t->indefinite = false;
    if (l < 0x80) {
        *clen = l;
    } else if (l == 0x80) {
        if (!t->constructed)        /* X.690 8.1.3.2: only constructed */
            return X4_ERR_MALFORMED;
        t->indefinite = true;
        *clen = 0;
    } else {
        size_t n = l & 0x7F;
        if (n > 4 || l == 0xFF)
            return X4_ERR_MALFORMED;
        if (len - off < n)
            return X4_ERR_TRUNCATED;
        size_t v = 0;
        for (size_t i = 0; i < n; i++)
            v = (v << 8) | p[off++];
        *clen = v;
    }
    t->hdr_len = off;
    return X4_OK;
}

/* Length of the contents of an indefinite element starting at p (after its
 * header), found by skipping whole elements up to the end-of-contents. */
static x4_status read_at(const uint8_t *p, size_t len, x4_ber_tlv *t,
                         int depth, bool prefix);

static x4_status indefinite_len(const uint8_t *p, size_t len, int depth,
                                bool prefix, size_t *clen, bool *complete)
{
    size_t off = 0;
    *complete = true;
    for (;;) {
        if (len - off >= 2 && p[off] == 0 && p[off + 1] == 0) {
            *clen = off;
            return X4_OK;
        }
        if (prefix && len - off < 2) {
            *clen = off;
            *complete = false;
            return X4_OK;
        }
        x4_ber_tlv inner;
        x4_status s = read_at(p + off, len - off, &inner, depth + 1, prefix);
        if (s != X4_OK) {
            if (prefix && s == X4_ERR_TRUNCATED) {
                *clen = len;
                *complete = false;
                return X4_OK;
            }
            return s;
        }
        if (!inner.complete) {
            *clen = len;
            *complete = false;
            return X4_OK;
        }
        off += inner.total_len;
    }
}

static x4_status read_at(const uint8_t *p, size_t len, x4_ber_tlv *t,
                         int depth, bool prefix)
{
    size_t clen = 0;
    if (depth >= X4_BER_MAX_DEPTH)
        return X4_ERR_DEPTH;
    x4_status s = read_header(p, len, t, &clen);
    if (s != X4_OK)
        return s;
    size_t avail = len - t->hdr_len;
    t->complete = true;
    t->content.ptr = p + t->hdr_len;
    if (t->indefinite) {
        s = indefinite_len(p + t->hdr_len, avail, depth, prefix, &clen,
                           &t->complete);
        if (s != X4_OK)
            return s;
        t->content.len = clen;
        t->total_len = t->hdr_len + clen + (t->complete ? 2 : 0);
        return X4_OK;
    }
    if (clen > avail) {
        if (!prefix)
            return X4_ERR_TRUNCATED;
        clen = avail;
        t->complete = false;
    }
    t->content.len = clen;
    t->total_len = t->hdr_len + clen;
    return X4_OK;
}

x4_status x4_ber_read(const uint8_t *p, size_t len, x4_ber_tlv *t)
{
    return read_at(p, len, t, 0, false);
}

x4_status x4_ber_read_prefix(const uint8_t *p, size_t len, x4_ber_tlv *t)
{
    return read_at(p, len, t, 0, true);
}

void x4_ber_iter_init(x4_ber_iter *it, x4_bytes content, bool prefix)
{
    it->in = content;
    it->off = 0;
    it->prefix = prefix;
    it->status = X4_OK;
}

bool x4_ber_next(x4_ber_iter *it, x4_ber_tlv *t)
{
    if (it->status != X4_OK || it->off >= it->in.len)
        return false;
    const uint8_t *p = it->in.ptr + it->off;
    size_t left = it->in.len - it->off;
    /* Definite contents should not hold end-of-contents; treat it as the end
     * so a stray 00 00 padding does not turn into an error. */
    if (left >= 2 && p[0] == 0 && p[1] == 0)
        return false;
    x4_status s = it->prefix ? x4_ber_read_prefix(p, left, t)
                             : x4_ber_read(p, left, t);
    if (s != X4_OK) {
        it->status = s;
        return false;
    }
    it->off += t->complete ? t->total_len : left;
    return true;
}

bool x4_ber_find(x4_bytes content, uint8_t ident, x4_ber_tlv *t)
{
    x4_ber_iter it;
    x4_ber_iter_init(&it, content, false);
    while (x4_ber_next(&it, t))
        if (t->ident == ident)
            return true;
    return false;
}

x4_status x4_ber_uint(x4_bytes c, uint32_t *v)
{
    if (c.len == 0)
        return X4_ERR_MALFORMED;
    size_t i = 0;
    while (i + 1 < c.len && c.ptr[i] == 0)  /* leading zero octets */
        i++;
    if (c.len - i > 4)
        return X4_ERR_LIMIT;
    uint32_t r = 0;
    for (; i < c.len; i++)
        r = (r << 8) | c.ptr[i];
    *v = r;
    return X4_OK;
}

bool x4_ber_find_uint(x4_bytes content, uint8_t ident, uint32_t *v)
{
    x4_ber_tlv t;
    return x4_ber_find(content, ident, &t) && x4_ber_uint(t.content, v) == X4_OK;
}
