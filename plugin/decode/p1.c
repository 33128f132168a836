/* P1 decoder.  Only what the analysis needs: who binds (MTA names), why a
 * bind fails, and which message is transferred (MTS identifier). */
#include "p1.h"
#include "ber.h"

#include <string.h>

static x4_status fail(x4_p1 *o, x4_status s, const char *why)
{
    o->err = why;
    return s;
}

/* Copy a string value, capped, with non-printable octets made visible. */
static void copy_text(char *dst, size_t cap, x4_bytes v)
{
    size_t n = v.len < cap - 1 ? v.len : cap - 1;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = v.ptr[i];
        dst[i] = (c >= 0x20 && c < 0x7F) ? (char)c : '?';
    }
    dst[n] = '\0';
}

/* ----------------------------------------------------------------- bind */

static x4_status decode_bind_value(const x4_ber_tlv *t, x4_p1 *o)
{
    if (t->ident == X4_P1_TAG_UNAUTHENTICATED)
        return X4_OK;
    if (t->ident == X4_P1_TAG_BIND_ERROR) {
        o->kind = X4_PDU_P1_BIND_ERR;
        o->has_error = x4_ber_uint(t->content, &o->error) == X4_OK;
        return o->has_error ? X4_OK : fail(o, X4_ERR_MALFORMED, "bad P1 bind error value");
    }
    if (t->ident != X4_P1_TAG_AUTHENTICATED)
        return fail(o, X4_ERR_MALFORMED, "P1 bind value is neither NULL nor [1] SET");
    o->authenticated = true;
    x4_ber_tlv name;
    x4_ber_iter it;
    x4_ber_iter_init(&it, t->content, false);
    while (x4_ber_next(&it, &name)) {
        if (name.ident == X4_P1_TAG_MTA_NAME) {
            o->has_mta_name = true;
            copy_text(o->mta_name, sizeof o->mta_name, name.content);
        }
    }
    if (it.status != X4_OK)
        return fail(o, it.status, "bad BER in a P1 bind value");
    return X4_OK;
}

static const x4_tag_kind wrap_rows[] = {
    {X4_P1_TAG_BIND_ARG_WRAP, X4_PDU_P1_BIND_ARG},
    {X4_P1_TAG_BIND_RES_WRAP, X4_PDU_P1_BIND_RES},
    {X4_P1_TAG_BIND_ERR_WRAP, X4_PDU_P1_BIND_ERR},
};

x4_status x4_p1_decode_bind(const uint8_t *p, size_t len, x4_pdu_kind expect, x4_p1 *o)
{
    memset(o, 0, sizeof *o);
    o->kind = expect;
    x4_ber_tlv t;
    x4_status s = x4_ber_read(p, len, &t);
    if (s != X4_OK)
        return fail(o, s, "bad BER in a P1 bind");
    x4_pdu_kind wrapped = x4_kind_of_tag(wrap_rows, sizeof wrap_rows / sizeof wrap_rows[0], t.ident);
    if (wrapped == X4_PDU_NONE)
        return decode_bind_value(&t, o);   /* 1984 mode: no ROS wrapper */
    o->kind = wrapped;
    o->wrapped = true;
    x4_ber_tlv in;
    s = x4_ber_read(t.content.ptr, t.content.len, &in);
    if (s != X4_OK)
        return fail(o, s, "bad BER inside a P1 bind wrapper");
    return decode_bind_value(&in, o);
}

/* ----------------------------------------------------------- MTS-APDU */

/* GlobalDomainIdentifier: 61 {str} 62 {str} [str]. */
static x4_status decode_gdi(x4_bytes c, x4_mtsid *m)
{
    x4_ber_iter it;
    x4_ber_tlv t, in;
    bool have_c = false, have_a = false;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        bool is_str = t.ident == X4_P1_TAG_PRINTABLE || t.ident == X4_P1_TAG_NUMERIC;
        if (t.ident == X4_P1_TAG_COUNTRY || t.ident == X4_P1_TAG_ADMD) {
            if (x4_ber_read(t.content.ptr, t.content.len, &in) != X4_OK)
                return X4_ERR_MALFORMED;
            bool c_ = t.ident == X4_P1_TAG_COUNTRY;
            copy_text(c_ ? m->country : m->admd,
                      c_ ? sizeof m->country : sizeof m->admd, in.content);
            have_c |= c_;
            have_a |= !c_;
        } else if (is_str) {
            m->has_prmd = true;
            copy_text(m->prmd, sizeof m->prmd, t.content);
        }
    }
    if (it.status != X4_OK)
        return it.status;
    return have_c && have_a ? X4_OK : X4_ERR_MALFORMED;
}

static x4_status decode_mtsid(x4_bytes c, x4_mtsid *m)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    bool have_gdi = false, have_local = false;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        if (t.ident == X4_P1_TAG_GDI) {
            if (decode_gdi(t.content, m) != X4_OK)
                return X4_ERR_MALFORMED;
            have_gdi = true;
        } else if (t.ident == X4_P1_TAG_LOCAL_ID) {
            copy_text(m->local, sizeof m->local, t.content);
            have_local = true;
        }
    }
    if (it.status != X4_OK)
        return it.status;
    if (!have_gdi || !have_local)
        return X4_ERR_MALFORMED;
    x4_mtsid_format(m);
    return X4_OK;
}

/* Scan a SET's members for the MTSIdentifier; partial = the SET may still
 * be arriving, so running out of members means "not yet". */
static x4_status find_mtsid(x4_bytes set, bool partial, x4_p1 *o)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, set, partial);
    while (x4_ber_next(&it, &t)) {
        if (t.ident != X4_P1_TAG_MTSID)
            continue;
        if (!t.complete)
            return X4_ERR_TRUNCATED;
        if (decode_mtsid(t.content, &o->mtsid) != X4_OK)
            return fail(o, X4_ERR_MALFORMED, "bad P1 MTS identifier");
        o->has_mtsid = true;
        o->mtsid.apdu = o->kind;
        return X4_OK;
    }
    if (it.status != X4_OK)
        return fail(o, it.status, "bad BER in a P1 envelope");
    if (partial)
        return fail(o, X4_ERR_TRUNCATED, "P1 APDU ends before its MTS identifier");
    return fail(o, X4_ERR_MALFORMED, "P1 envelope without MTS identifier");
}

static x4_status read_elem(const uint8_t *p, size_t len, bool partial, x4_ber_tlv *t)
{
    return partial ? x4_ber_read_prefix(p, len, t) : x4_ber_read(p, len, t);
}

/* EXTERNAL around the APDU: skip the references, return the value. */
static x4_status unwrap_external(x4_bytes c, bool partial, x4_bytes *apdu)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, c, partial);
    while (x4_ber_next(&it, &t)) {
        if (t.ident == X4_EXT_TAG_SINGLE_ASN1 || t.ident == X4_EXT_TAG_OCTET_ALIGNED) {
            *apdu = t.content;
            return X4_OK;
        }
    }
    if (it.status != X4_OK)
        return it.status;
    return partial ? X4_ERR_TRUNCATED : X4_ERR_MALFORMED;
}

x4_status x4_p1_decode_apdu(const uint8_t *p, size_t len, bool partial, x4_p1 *o)
{
    memset(o, 0, sizeof *o);
    x4_ber_tlv t;
    x4_status s = read_elem(p, len, partial, &t);
    if (s != X4_OK)
        return fail(o, s, "bad BER in a P1 APDU");
    if (t.ident == X4_TAG_EXTERNAL) {
        x4_bytes inner;
        s = unwrap_external(t.content, partial, &inner);
        if (s != X4_OK)
            return fail(o, s, "bad EXTERNAL around a P1 APDU");
        s = read_elem(inner.ptr, inner.len, partial, &t);
        if (s != X4_OK)
            return fail(o, s, "bad BER in a P1 APDU");
    }
    o->kind = x4_kind_of_tag(x4_p1_apdu_tags, X4_P1_APDU_COUNT, t.ident);
    if (o->kind == X4_PDU_NONE)
        return fail(o, X4_ERR_UNSUPPORTED, "not an MTS-APDU");
    if (o->kind == X4_PDU_P1_PROBE)   /* a probe's fields sit in A2 itself */
        return find_mtsid(t.content, partial && !t.complete, o);
    x4_ber_tlv env;
    s = read_elem(t.content.ptr, t.content.len, partial, &env);
    if (s != X4_OK)
        return fail(o, s, "bad BER at the start of a P1 transfer");
    if (env.ident != X4_P1_TAG_ENVELOPE)
        return fail(o, X4_ERR_MALFORMED, "P1 transfer does not start with its envelope");
    return find_mtsid(env.content, partial && !env.complete, o);
}
