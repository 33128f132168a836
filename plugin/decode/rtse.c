/* RTSE decoder.  Both encodings share the field tags, so one field reader
 * serves both; only the outer framing differs. */
#include "rtse.h"
#include "ber.h"

#include <string.h>

static const x4_tag_kind rtse_rows[] = {
    {X4_RTSE_TAG_RTORQ, X4_PDU_RTORQ}, {X4_RTSE_TAG_RTOAC, X4_PDU_RTOAC},
    {X4_RTSE_TAG_RTORJ, X4_PDU_RTORJ}, {X4_RTSE_TAG_RTTP, X4_PDU_RTTP},
    {X4_RTSE_TAG_RTTR, X4_PDU_RTTR},   {X4_RTSE_TAG_RTTR_C, X4_PDU_RTTR},
    {X4_RTSE_TAG_RTAB, X4_PDU_RTAB},
};

static bool get_uint(x4_bytes c, uint32_t *v)
{
    return x4_ber_uint(c, v) == X4_OK;
}

/* ConnectionData: open [0] {value} | open [0] IMPLICIT NULL | recover [1]. */
static void decode_conn_data(x4_rtse *o, x4_bytes c)
{
    x4_ber_tlv t, in;
    if (x4_ber_read(c.ptr, c.len, &t) != X4_OK)
        return;
    if (t.ident == X4_RTSE_TAG_OPEN_NULL && t.content.len == 0) {
        o->conn_open = true;
        return;
    }
    if (t.ident == X4_RTSE_TAG_OPEN) {
        o->conn_open = true;
        /* ISODE's empty open is A0 02 80 00. */
        if (!(t.content.len == 2 && t.content.ptr[0] == 0x80 && t.content.ptr[1] == 0))
            o->open_data = t.content;
        return;
    }
    if (t.ident == X4_RTSE_TAG_RECOVER) {
        o->conn_recover = true;
        x4_ber_iter it;
        x4_ber_iter_init(&it, t.content, false);
        if (x4_ber_next(&it, &in))  /* T61String 14 or OCTET STRING 04 */
            o->recover_ref = in.content;
    }
}

static void decode_field(x4_rtse *o, const x4_ber_tlv *t)
{
    switch (o->kind) {
    case X4_PDU_RTORQ:
    case X4_PDU_RTOAC:
        if (t->ident == X4_RTSE_TAG_CHECKPOINT)
            o->has_checkpoint = get_uint(t->content, &o->checkpoint);
        else if (t->ident == X4_RTSE_TAG_WINDOW)
            o->has_window = get_uint(t->content, &o->window);
        else if (t->ident == X4_RTSE_TAG_DIALOGUE && o->kind == X4_PDU_RTORQ)
            o->has_dialogue = get_uint(t->content, &o->dialogue);
        else if (t->ident == X4_RTSE_TAG_APP_PROTOCOL && o->kind == X4_PDU_RTORQ)
            o->has_app_protocol = get_uint(t->content, &o->app_protocol);
        else if ((t->ident == X4_RTSE_TAG_CONN_DATA_RQ && o->kind == X4_PDU_RTORQ) ||
                 (t->ident == X4_RTSE_TAG_CONN_DATA_AC && o->kind == X4_PDU_RTOAC))
            decode_conn_data(o, t->content);
        break;
    case X4_PDU_RTORJ:
        if (t->ident == X4_RTSE_TAG_REFUSE_REASON)
            o->has_refuse_reason = get_uint(t->content, &o->refuse_reason);
        else if (t->ident == X4_RTSE_TAG_USER_DATA_RJ)
            o->user_data_rj = t->content;
        break;
    case X4_PDU_RTAB:
        if (t->ident == X4_RTSE_TAG_ABORT_REASON)
            o->has_abort_reason = get_uint(t->content, &o->abort_reason);
        else if (t->ident == X4_RTSE_TAG_REFLECTED)
            o->has_reflected = get_uint(t->content, &o->reflected);
        else if (t->ident == X4_RTSE_TAG_USER_DATA_AB)
            o->user_data_ab = t->content;
        break;
    default: break;
    }
}

static x4_status decode_fields(x4_rtse *o, x4_bytes c)
{
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t))
        decode_field(o, &t);
    if (it.status != X4_OK) {
        o->err = "bad BER inside an RTSE APDU";
        return it.status;
    }
    return X4_OK;
}

x4_status x4_rtse_decode(const uint8_t *p, size_t len, x4_rtse *o)
{
    memset(o, 0, sizeof *o);
    x4_ber_tlv t;
    x4_status s = x4_ber_read(p, len, &t);
    if (s != X4_OK) {
        o->err = "bad BER in RTSE APDU";
        return s;
    }
    o->kind = x4_kind_of_tag(rtse_rows, sizeof rtse_rows / sizeof rtse_rows[0], t.ident);
    switch (o->kind) {
    case X4_PDU_NONE:
        o->err = "not an RTSE APDU";
        return X4_ERR_UNSUPPORTED;
    case X4_PDU_RTTP:
        if (!get_uint(t.content, &o->priority)) {
            o->err = "bad RTTP priority";
            return X4_ERR_MALFORMED;
        }
        return X4_OK;
    case X4_PDU_RTTR:
        o->rttr = t.content;
        o->rttr_constructed = t.constructed;
        return X4_OK;
    default:
        return decode_fields(o, t.content);
    }
}

x4_status x4_rtse_decode_x410(x4_bytes fields, x4_pdu_kind kind, x4_rtse *o)
{
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->x410 = true;
    return decode_fields(o, fields);
}

static x4_status walk(x4_bytes c, bool constructed, int depth,
                      x4_rtse_sink sink, void *ctx)
{
    if (!constructed)
        return sink(ctx, c.ptr, c.len);
    if (depth >= X4_BER_MAX_DEPTH)
        return X4_ERR_DEPTH;
    x4_ber_iter it;
    x4_ber_tlv t;
    x4_ber_iter_init(&it, c, false);
    while (x4_ber_next(&it, &t)) {
        if ((t.ident & 0xDF) != X4_RTSE_TAG_RTTR)  /* segments are OCTET STRINGs */
            return X4_ERR_MALFORMED;
        x4_status s = walk(t.content, t.constructed, depth + 1, sink, ctx);
        if (s != X4_OK)
            return s;
    }
    return it.status;
}

x4_status x4_rtse_rttr_walk(const x4_rtse *r, x4_rtse_sink sink, void *ctx)
{
    return walk(r->rttr, r->rttr_constructed, 0, sink, ctx);
}
