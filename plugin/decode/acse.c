/* ACSE decoder: the fields that tell whether an association was accepted,
 * released or aborted, and the EXTERNALs that carry RTSE in normal mode. */
#include "acse.h"
#include "ber.h"

#include <string.h>

static const x4_tag_kind acse_rows[] = {
    {X4_ACSE_TAG_AARQ, X4_PDU_AARQ}, {X4_ACSE_TAG_AARE, X4_PDU_AARE},
    {X4_ACSE_TAG_RLRQ, X4_PDU_RLRQ}, {X4_ACSE_TAG_RLRE, X4_PDU_RLRE},
    {X4_ACSE_TAG_ABRT, X4_PDU_ABRT},
};

/* EXTERNAL contents (after the 28 header). */
static x4_status external_decode(x4_bytes c, x4_external *e)
{
    memset(e, 0, sizeof *e);
    x4_ber_iter it;
    x4_ber_tlv t;
    bool have_value = false;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        switch (t.ident) {
        case X4_EXT_TAG_DIRECT_REF: e->has_direct = true; e->direct_ref = t.content; break;
        case X4_EXT_TAG_INDIRECT_REF:
            e->has_indirect = x4_ber_uint(t.content, &e->indirect_ref) == X4_OK;
            break;
        case X4_EXT_TAG_SINGLE_ASN1:
            e->encoding = X4_EXT_SINGLE_ASN1; e->data = t.content; have_value = true; break;
        case X4_EXT_TAG_OCTET_ALIGNED:
            e->encoding = X4_EXT_OCTET_ALIGNED; e->data = t.content; have_value = true; break;
        case X4_EXT_TAG_ARBITRARY:
            e->encoding = X4_EXT_ARBITRARY; e->data = t.content; have_value = true; break;
        default: break;
        }
    }
    if (it.status != X4_OK)
        return it.status;
    return have_value ? X4_OK : X4_ERR_MALFORMED;
}

static void decode_user_info(x4_acse *o, x4_bytes c)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t) && o->n_ext < X4_ACSE_MAX_EXT)
        if (t.ident == X4_TAG_EXTERNAL &&
            external_decode(t.content, &o->ext[o->n_ext]) == X4_OK)
            o->n_ext++;
}

/* result-source-diagnostic: A3 { A1 {02 user} | A2 {02 provider} }. */
static void decode_diag(x4_acse *o, x4_bytes c)
{
    x4_ber_tlv t;
    if (x4_ber_find(c, X4_ACSE_TAG_DIAG_USER, &t) &&
        x4_ber_find_uint(t.content, 0x02, &o->diag))
        o->diag_source = 1;
    else if (x4_ber_find(c, X4_ACSE_TAG_DIAG_PROVIDER, &t) &&
             x4_ber_find_uint(t.content, 0x02, &o->diag))
        o->diag_source = 2;
}

static void decode_field(x4_acse *o, const x4_ber_tlv *t)
{
    x4_ber_tlv in;
    bool release = o->kind == X4_PDU_RLRQ || o->kind == X4_PDU_RLRE;
    switch (t->ident) {
    case X4_ACSE_TAG_APP_CONTEXT:
        if (x4_ber_find(t->content, 0x06, &in))
            o->app_context = in.content;
        break;
    case X4_ACSE_TAG_RESULT:
        if (o->kind == X4_PDU_AARE)
            o->has_result = x4_ber_find_uint(t->content, 0x02, &o->result);
        break;
    case X4_ACSE_TAG_DIAGNOSTIC:
        if (o->kind == X4_PDU_AARE)
            decode_diag(o, t->content);
        break;
    case X4_ACSE_TAG_USER_INFO:
        decode_user_info(o, t->content);
        break;
    case 0x80:   /* protocol-version in AARQ/AARE, reason in RLRQ/RLRE, source in ABRT */
        if (release)
            o->has_reason = x4_ber_uint(t->content, &o->reason) == X4_OK;
        else if (o->kind == X4_PDU_ABRT)
            o->has_abort_source = x4_ber_uint(t->content, &o->abort_source) == X4_OK;
        break;
    case X4_ACSE_TAG_ABORT_DIAG:
        if (o->kind == X4_PDU_ABRT)
            o->has_abort_diag = x4_ber_uint(t->content, &o->abort_diag) == X4_OK;
        break;
    default: break;
    }
}

x4_status x4_acse_decode(const uint8_t *p, size_t len, x4_acse *o)
{
    memset(o, 0, sizeof *o);
    x4_ber_tlv t, f;
    x4_status s = x4_ber_read(p, len, &t);
    if (s != X4_OK) {
        o->err = "bad BER in ACSE APDU";
        return s;
    }
    o->kind = x4_kind_of_tag(acse_rows, sizeof acse_rows / sizeof acse_rows[0], t.ident);
    if (o->kind == X4_PDU_NONE) {
        o->err = "not an ACSE APDU";
        return X4_ERR_UNSUPPORTED;
    }
    x4_ber_iter it;
    x4_ber_iter_init(&it, t.content, false);
    while (x4_ber_next(&it, &f))
        decode_field(o, &f);
    if (it.status != X4_OK) {
        o->err = "bad BER inside an ACSE APDU";
        return it.status;
    }
    return X4_OK;
}
