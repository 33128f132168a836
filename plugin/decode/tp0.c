/* TP0 decoder.  One function per TPDU family, each checking its LI, the way
 * ISO 8073 lays them out (docs/protocol.md, "ISO 8073 class 0"). */
#include "tp0.h"

#include <string.h>

static x4_status fail(x4_tp0 *o, x4_status s, size_t off, const char *why)
{
    o->err = why;
    o->err_off = off;
    return s;
}

typedef struct {
    uint8_t type;
    x4_pdu_kind kind;
    bool class0;
} tpdu_row;

static const tpdu_row tpdu_rows[] = {
    {X4_TPDU_CR, X4_PDU_TP0_CR, true}, {X4_TPDU_CC, X4_PDU_TP0_CC, true},
    {X4_TPDU_DR, X4_PDU_TP0_DR, true}, {X4_TPDU_DT, X4_PDU_TP0_DT, true},
    {X4_TPDU_ER, X4_PDU_TP0_ER, true}, {X4_TPDU_DC, X4_PDU_TP0_DC, false},
    {X4_TPDU_AK, X4_PDU_TP0_AK, false}, {X4_TPDU_EA, X4_PDU_TP0_EA, false},
    {X4_TPDU_RJ, X4_PDU_TP0_RJ, false}, {X4_TPDU_ED, X4_PDU_TP0_ED, false},
};

static const tpdu_row *find_row(uint8_t type)
{
    for (size_t i = 0; i < sizeof tpdu_rows / sizeof tpdu_rows[0]; i++)
        if (tpdu_rows[i].type == type)
            return &tpdu_rows[i];
    return NULL;
}

static bool known_param(uint8_t code)
{
    return x4_code_lookup(x4_tp_param_names, code, NULL) != NULL;
}

static void apply_param(x4_tp0 *o, uint8_t code, x4_bytes v)
{
    switch (code) {
    case X4_TP_PARAM_TPDU_SIZE:
        if (v.len == 1 && v.ptr[0] >= 7 && v.ptr[0] <= 13)
            o->tpdu_size = 1u << v.ptr[0];
        break;
    case X4_TP_PARAM_CALLING_TSAP:  /* also the ER's invalid TPDU (same code) */
        if (o->kind == X4_PDU_TP0_ER)
            o->invalid_tpdu = v;
        else
            o->calling_tsap = v;
        break;
    case X4_TP_PARAM_CALLED_TSAP: o->called_tsap = v; break;
    case X4_TP_PARAM_ADD_INFO: o->add_info = v; break;
    case X4_TP_PARAM_ALT_CLASSES:
        if (v.len >= 1) {
            o->has_alt_classes = true;
            o->alt_classes = v.ptr[0];
        }
        break;
    case X4_TP_PARAM_ADD_OPTIONS:
        if (v.len >= 1)
            o->add_options = v.ptr[0];
        break;
    case X4_TP_PARAM_PREF_MAX_TPDU: {
        uint32_t n = 0;
        for (size_t i = 0; i < v.len && i < 4; i++)
            n = n << 8 | v.ptr[i];
        o->pref_max_tpdu = n * 128;
        break;
    }
    default: break;
    }
}

/* Variable part: (code, length, value) up to the end of the header. */
static x4_status parse_params(x4_tp0 *o, const uint8_t *p, size_t start, size_t end)
{
    size_t off = start;
    while (off < end) {
        uint8_t code = p[off];
        if (!known_param(code)) {
            o->foreign_params = true;   /* e.g. "Cookie: mstshash=" */
            return X4_OK;
        }
        if (end - off < 2)
            return fail(o, X4_ERR_MALFORMED, off, "TP0 parameter without a length");
        size_t plen = p[off + 1];
        if (plen > end - off - 2)
            return fail(o, X4_ERR_MALFORMED, off, "TP0 parameter overruns the header");
        apply_param(o, code, (x4_bytes){p + off + 2, plen});
        off += 2 + plen;
    }
    return X4_OK;
}

static uint16_t u16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static x4_status decode_connect(x4_tp0 *o, const uint8_t *p, size_t hdr_end)
{
    if (o->li < X4_TP0_CR_LI_MIN)
        return fail(o, X4_ERR_MALFORMED, 0, "TP0 CR/CC LI below 6");
    o->dst_ref = u16(p + 2);
    o->src_ref = u16(p + 4);
    o->class_opt = p[6];
    return parse_params(o, p, 7, hdr_end);
}

static x4_status decode_dr(x4_tp0 *o, const uint8_t *p, size_t hdr_end)
{
    if (o->li < X4_TP0_DR_LI_MIN)
        return fail(o, X4_ERR_MALFORMED, 0, "TP0 DR LI below 6");
    o->dst_ref = u16(p + 2);
    o->src_ref = u16(p + 4);
    o->reason = p[6];
    return parse_params(o, p, 7, hdr_end);
}

static x4_status decode_dt(x4_tp0 *o, const uint8_t *p)
{
    if (o->li != X4_TP0_DT_LI)
        return fail(o, X4_ERR_MALFORMED, 0, "TP0 DT LI must be 2");
    o->eot = (p[2] & X4_TP0_DT_EOT) != 0;
    o->nr = p[2] & 0x7F;
    return X4_OK;
}

static x4_status decode_er(x4_tp0 *o, const uint8_t *p, size_t hdr_end)
{
    if (o->li < X4_TP0_ER_LI_MIN)
        return fail(o, X4_ERR_MALFORMED, 0, "TP0 ER LI below 4");
    o->dst_ref = u16(p + 2);
    o->cause = p[4];
    return parse_params(o, p, 5, hdr_end);
}

x4_status x4_tp0_decode(const uint8_t *p, size_t len, x4_tp0 *o)
{
    memset(o, 0, sizeof *o);
    if (len < 2)
        return fail(o, X4_ERR_TRUNCATED, 0, "TPDU shorter than LI and code");
    o->li = p[0];
    o->code = p[1];
    if (o->li == 0xFF)      /* reserved value (ISO 8073 13.2.1) */
        return fail(o, X4_ERR_MALFORMED, 0, "TP0 LI 255 is reserved");
    if ((size_t)o->li + 1 > len)
        return fail(o, X4_ERR_TRUNCATED, 0, "TP0 LI runs past the TPKT");
    size_t hdr_end = (size_t)o->li + 1;
    o->user_data = (x4_bytes){p + hdr_end, len - hdr_end};
    const tpdu_row *row = find_row(o->code & X4_TPDU_TYPE_MASK);
    o->kind = row ? row->kind : X4_PDU_TP0_UNKNOWN;
    o->class0_illegal = !row || !row->class0;
    if (o->class0_illegal)
        return X4_OK;       /* recognised; its layout is not ours to check */
    switch (o->code & X4_TPDU_TYPE_MASK) {
    case X4_TPDU_CR:
    case X4_TPDU_CC: return decode_connect(o, p, hdr_end);
    case X4_TPDU_DR: return decode_dr(o, p, hdr_end);
    case X4_TPDU_DT: return decode_dt(o, p);
    default: return decode_er(o, p, hdr_end);
    }
}
