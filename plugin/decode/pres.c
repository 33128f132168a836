/* Presentation decoder.  X.226 reuses X.410's DataTransferSyntax [0] as the
 * mode selector, so one reader serves both modes: the value of A0 {80 ..}
 * says whether the rest is X.410 RTS fields ([1]) or normal-mode
 * parameters ([2]). */
#include "pres.h"
#include "ber.h"

#include <string.h>

static x4_status fail(x4_pres *o, x4_status s, const char *why)
{
    o->err = why;
    return s;
}

/* ---------------------------------------------------------- PDV lists */

static x4_status decode_pdv(x4_pres *o, x4_bytes c)
{
    x4_pdv pdv = {0};
    x4_ber_iter it;
    x4_ber_tlv t;
    bool have_value = false;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        if (t.ident == 0x02) {
            pdv.has_ctx = x4_ber_uint(t.content, &pdv.ctx_id) == X4_OK;
        } else if (t.ident == X4_PRES_TAG_SINGLE_ASN1) {
            pdv.encoding = X4_PDV_SINGLE_ASN1;
            pdv.data = t.content;
            have_value = true;
        } else if (t.ident == X4_PRES_TAG_OCTET_ALIGNED ||
                   t.ident == X4_PRES_TAG_OCTET_ALIGNED_C) {
            pdv.encoding = X4_PDV_OCTET_ALIGNED;
            pdv.data = t.content;
            have_value = true;
        } else if (t.ident == X4_PRES_TAG_ARBITRARY) {
            pdv.encoding = X4_PDV_ARBITRARY;
            pdv.data = t.content;
            have_value = true;
        }
    }
    if (it.status != X4_OK)
        return fail(o, it.status, "bad BER in a PDV list");
    if (!pdv.has_ctx || !have_value)
        return fail(o, X4_ERR_MALFORMED, "PDV list without context id or value");
    if (o->n_pdv < X4_PRES_MAX_PDV)
        o->pdv[o->n_pdv++] = pdv;
    else
        o->pdv_dropped = true;
    return X4_OK;
}

static x4_status decode_user_data_tlv(x4_pres *o, const x4_ber_tlv *ud)
{
    if (ud->ident == X4_PRES_TAG_SIMPLY_ENCODED) {
        if (o->n_pdv < X4_PRES_MAX_PDV)
            o->pdv[o->n_pdv++] = (x4_pdv){false, 0, X4_PDV_SIMPLE, ud->content};
        return X4_OK;
    }
    if (ud->ident != X4_PRES_TAG_FULLY_ENCODED)
        return fail(o, X4_ERR_UNSUPPORTED, "presentation user data is neither 40 nor 61");
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, ud->content, false);
    while (x4_ber_next(&it, &t)) {
        if (t.ident != X4_PRES_TAG_PDV_LIST)
            return fail(o, X4_ERR_MALFORMED, "fully-encoded data holds a non-PDV-list");
        x4_status s = decode_pdv(o, t.content);
        if (s != X4_OK)
            return s;
    }
    if (it.status != X4_OK)
        return fail(o, it.status, "bad BER in fully-encoded data");
    return X4_OK;
}

/* User-data alone (fully-encoded 61 or simply-encoded 40), appending PDVs. */
static x4_status decode_user_data(const uint8_t *p, size_t len, x4_pres *o)
{
    x4_ber_tlv t;
    x4_status s = x4_ber_read(p, len, &t);
    if (s != X4_OK)
        return fail(o, s, "bad BER in presentation user data");
    return decode_user_data_tlv(o, &t);
}

/* --------------------------------------------- context lists and results */

static void decode_ctx_list(x4_pres *o, x4_bytes c)
{
    x4_ber_iter it;
    x4_ber_tlv item;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &item) && o->n_ctx < X4_PRES_MAX_CTX) {
        x4_pres_ctx ctx = {0};
        x4_ber_tlv f;
        if (!x4_ber_find_uint(item.content, 0x02, &ctx.id))
            continue;
        if (x4_ber_find(item.content, 0x06, &f))
            ctx.abstract = f.content;
        o->ctx[o->n_ctx++] = ctx;
    }
}

static void decode_result_list(x4_pres *o, x4_bytes c)
{
    x4_ber_iter it;
    x4_ber_tlv item;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &item) && o->n_results < X4_PRES_MAX_CTX) {
        uint32_t r = 0;
        x4_ber_find_uint(item.content, X4_PRES_TAG_RESULT, &r);
        o->ctx_result[o->n_results++] = r;
    }
}

/* normal-mode-parameters of CP, CPA and CPR share their tags. */
static x4_status decode_normal_params(x4_pres *o, x4_bytes c)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        x4_status s = X4_OK;
        switch (t.ident) {
        case X4_PRES_TAG_CALLING_PSEL: o->calling_psel = t.content; break;
        case X4_PRES_TAG_CALLED_PSEL: o->called_psel = t.content; break;
        case X4_PRES_TAG_RESPONDING_PSEL: o->responding_psel = t.content; break;
        case X4_PRES_TAG_CTX_DEF_LIST: decode_ctx_list(o, t.content); break;
        case X4_PRES_TAG_CTX_RESULT_LIST: decode_result_list(o, t.content); break;
        case X4_PRES_TAG_PROVIDER_REASON:
            o->has_provider_reason = x4_ber_uint(t.content, &o->provider_reason) == X4_OK;
            break;
        case X4_PRES_TAG_FULLY_ENCODED:
        case X4_PRES_TAG_SIMPLY_ENCODED: s = decode_user_data_tlv(o, &t); break;
        default: break;
        }
        if (s != X4_OK)
            return s;
    }
    if (it.status != X4_OK)
        return fail(o, it.status, "bad BER in presentation parameters");
    return X4_OK;
}

/* ------------------------------------------------------------ the PPDUs */

/* CP-type / CPA-type / PConnect / PAccept: SET {A0 mode, A1 x410 | A2 normal}. */
static x4_status decode_cp(x4_pres *o, x4_bytes c)
{
    x4_ber_tlv t;
    uint32_t mode = 0;
    if (!x4_ber_find(c, X4_PRES_TAG_MODE, &t) ||
        !x4_ber_find_uint(t.content, X4_PRES_TAG_MODE_VALUE, &mode))
        return fail(o, X4_ERR_MALFORMED, "presentation connect without mode selector");
    o->mode = (int)mode;
    if (mode == X4_PRES_MODE_X410) {
        if (x4_ber_find(c, X4_PRES_TAG_X410_PARAMS, &t)) {
            o->x410_rtse = t.content;
            o->has_x410_rtse = true;
        }
        return X4_OK;
    }
    if (mode != X4_PRES_MODE_NORMAL)
        return fail(o, X4_ERR_MALFORMED, "unknown presentation mode");
    if (!x4_ber_find(c, X4_PRES_TAG_NORMAL_PARAMS, &t))
        return X4_OK;
    return decode_normal_params(o, t.content);
}

static x4_status decode_refuse(x4_pres *o, const x4_ber_tlv *t)
{
    o->kind = X4_PDU_PRES_CPR;
    if (t->ident == X4_PRES_TAG_CPR_X410) {   /* PRefuse: RTORJ fields */
        o->mode = X4_PRES_MODE_X410;
        o->x410_rtse = t->content;
        o->has_x410_rtse = true;
        return X4_OK;
    }
    if (t->ident != X4_PRES_TAG_CPR_NORMAL)
        return fail(o, X4_ERR_MALFORMED, "presentation refuse is neither 30 nor 31");
    o->mode = X4_PRES_MODE_NORMAL;
    return decode_normal_params(o, t->content);
}

static x4_status decode_abort(x4_pres *o, const x4_ber_tlv *t)
{
    switch (t->ident) {
    case X4_PRES_TAG_ARU_X410:     /* AbortInformation: RTAB fields */
        o->kind = X4_PDU_PRES_ARU;
        o->mode = X4_PRES_MODE_X410;
        o->x410_rtse = t->content;
        o->has_x410_rtse = true;
        return X4_OK;
    case X4_PRES_TAG_ARU_NORMAL:
        o->kind = X4_PDU_PRES_ARU;
        o->mode = X4_PRES_MODE_NORMAL;
        return decode_normal_params(o, t->content);
    case X4_PRES_TAG_ARP:
        o->kind = X4_PDU_PRES_ARP;
        o->mode = X4_PRES_MODE_NORMAL;
        o->has_abort_reason =
            x4_ber_find_uint(t->content, X4_PRES_TAG_ARP_REASON, &o->abort_reason);
        return X4_OK;
    default:
        return fail(o, X4_ERR_MALFORMED, "unknown presentation abort PPDU");
    }
}

x4_status x4_pres_decode(const uint8_t *p, size_t len, x4_pres_on on, x4_pres *o)
{
    memset(o, 0, sizeof *o);
    o->mode = -1;
    if (on == X4_PRES_ON_DATA) {
        o->kind = X4_PDU_PRES_TD;
        return decode_user_data(p, len, o);
    }
    x4_ber_tlv t;
    x4_status s = x4_ber_read(p, len, &t);
    if (s != X4_OK)
        return fail(o, s, "bad BER in presentation PPDU");
    if (on == X4_PRES_ON_REFUSE)
        return decode_refuse(o, &t);
    if (on == X4_PRES_ON_ABORT)
        return decode_abort(o, &t);
    if (t.ident != X4_PRES_TAG_CP)
        return fail(o, X4_ERR_MALFORMED, "presentation connect is not a SET");
    o->kind = on == X4_PRES_ON_CONNECT ? X4_PDU_PRES_CP : X4_PDU_PRES_CPA;
    return decode_cp(o, t.content);
}
