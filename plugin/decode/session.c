/* Session decoder.  A TSDU is a string of SPDUs: SI, LI (1 byte, or FF and
 * 2 bytes), parameters; DT, EX and TD then carry user information up to the
 * end of the TSDU, which LI does not count. */
#include "session.h"

#include <string.h>

typedef struct {
    x4_pdu_kind alone;      /* meaning when first in the TSDU */
    x4_pdu_kind after_gt;   /* meaning after a category-0 GT/PT (X4_PDU_NONE: not an SI) */
    bool user_info;         /* carries user information after its parameters */
} si_row;

/* By SI code; shared codes resolved by position (X.225 8.3; docs/protocol.md,
 * "Session").  Every SI has a meaning after a GT, so a row without one is
 * a code that is no SPDU. */
static const si_row si_rows[256] = {
    [X4_SPDU_GT]  = {X4_PDU_SES_GT, X4_PDU_SES_DT, false},
    [X4_SPDU_PT]  = {X4_PDU_SES_PT, X4_PDU_SES_PT, false},
    [X4_SPDU_EX]  = {X4_PDU_SES_EX, X4_PDU_SES_EX, true},
    [X4_SPDU_NF]  = {X4_PDU_SES_NF, X4_PDU_SES_NF, false},
    [X4_SPDU_FN]  = {X4_PDU_SES_FN, X4_PDU_SES_FN, false},
    [X4_SPDU_DN]  = {X4_PDU_SES_DN, X4_PDU_SES_DN, false},
    [X4_SPDU_RF]  = {X4_PDU_SES_RF, X4_PDU_SES_RF, false},
    [X4_SPDU_CN]  = {X4_PDU_SES_CN, X4_PDU_SES_CN, false},
    [X4_SPDU_AC]  = {X4_PDU_SES_AC, X4_PDU_SES_AC, false},
    [X4_SPDU_GTC] = {X4_PDU_SES_GTC, X4_PDU_SES_GTC, false},
    [X4_SPDU_GTA] = {X4_PDU_SES_GTA, X4_PDU_SES_GTA, false},
    [X4_SPDU_AB]  = {X4_PDU_SES_AB, X4_PDU_SES_AI, false},
    [X4_SPDU_AA]  = {X4_PDU_SES_AA, X4_PDU_SES_AIA, false},
    [X4_SPDU_ER]  = {X4_PDU_NONE, X4_PDU_SES_ER, false},
    [X4_SPDU_AR]  = {X4_PDU_NONE, X4_PDU_SES_AR, false},
    [X4_SPDU_TD]  = {X4_PDU_NONE, X4_PDU_SES_TD, true},
    [X4_SPDU_RA]  = {X4_PDU_NONE, X4_PDU_SES_RA, false},
    [X4_SPDU_AE]  = {X4_PDU_NONE, X4_PDU_SES_AE, false},
    [X4_SPDU_AEA] = {X4_PDU_NONE, X4_PDU_SES_AEA, false},
    [X4_SPDU_AS]  = {X4_PDU_NONE, X4_PDU_SES_AS, false},
    [X4_SPDU_ED]  = {X4_PDU_NONE, X4_PDU_SES_ED, false},
    [X4_SPDU_MIP] = {X4_PDU_NONE, X4_PDU_SES_MIP, false},
    [X4_SPDU_MIA] = {X4_PDU_NONE, X4_PDU_SES_MIA, false},
    [X4_SPDU_RS]  = {X4_PDU_NONE, X4_PDU_SES_RS, false},
    [X4_SPDU_AD]  = {X4_PDU_NONE, X4_PDU_SES_AD, false},
    [X4_SPDU_ADA] = {X4_PDU_NONE, X4_PDU_SES_ADA, false},
};

static const si_row *find_si(uint8_t si)
{
    return si_rows[si].after_gt != X4_PDU_NONE ? &si_rows[si] : NULL;
}

static x4_status fail(x4_spdu_list *o, x4_status s, size_t off, const char *why)
{
    o->err = why;
    o->err_off = off;
    return s;
}

/* A length: 1 byte (0..254) or FF + 2 bytes. */
static x4_status read_len(const uint8_t *p, size_t len, size_t *off, size_t *v)
{
    if (*off >= len)
        return X4_ERR_TRUNCATED;
    if (p[*off] != X4_SES_LEN_LONG) {
        *v = p[(*off)++];
        return X4_OK;
    }
    if (len - *off < 3)
        return X4_ERR_TRUNCATED;
    *v = (size_t)p[*off + 1] << 8 | p[*off + 2];
    *off += 3;
    return X4_OK;
}

static void apply_pi(x4_spdu *s, uint8_t code, x4_bytes v)
{
    switch (code) {
    case X4_SPI_REASON:
        if (v.len >= 1) {
            s->has_reason = true;
            s->reason = v.ptr[0];
            s->user_data = (x4_bytes){v.ptr + 1, v.len - 1};
        }
        break;
    case X4_SPI_TRANSPORT_DISC:
        if (v.len >= 1) { s->has_tdisc = true; s->tdisc = v.ptr[0]; }
        break;
    case X4_SPI_SES_REQUIREMENTS:
        if (v.len == 2) { s->has_sreq = true; s->sreq = (uint16_t)(v.ptr[0] << 8 | v.ptr[1]); }
        break;
    case X4_SPI_VERSION:
        if (v.len >= 1) { s->has_version = true; s->version = v.ptr[0]; }
        break;
    case X4_SPI_TOKEN_ITEM:
        if (v.len >= 1) { s->has_token = true; s->token = v.ptr[0]; }
        break;
    case X4_SPI_PROTOCOL_OPTIONS:
        if (v.len >= 1) { s->has_options = true; s->options = v.ptr[0]; }
        break;
    case X4_SPI_SYNC_TYPE:
        if (v.len >= 1) { s->has_sync_type = true; s->sync_type = v.ptr[0]; }
        break;
    case X4_SPI_ACTIVITY_ID: s->activity_id = v; break;
    case X4_SPI_SERIAL: s->serial = v; break;
    case X4_SPI_CALLING_SSEL: s->calling_ssel = v; break;
    case X4_SPI_CALLED_SSEL: s->called_ssel = v; break;
    case X4_SPI_CALLING_SS_REF: s->calling_ref = v; break;
    case X4_SPI_CALLED_SS_REF: s->called_ref = v; break;
    case X4_SPI_COMMON_REF: s->common_ref = v; break;
    case X4_SPI_ADDITIONAL_REF: s->additional_ref = v; break;
    case X4_SPI_REFLECT: s->reflect = v; break;
    case X4_SPI_ENCLOSURE: s->enclosure = v; break;
    case X4_SPI_USER_DATA:
    case X4_SPI_EXT_USER_DATA: s->user_data = v; break;
    default: break;
    }
}

static bool is_pgi(uint8_t code)
{
    return code == X4_SPI_CONN_ID || code == X4_SPI_CONN_ACC_ITEM ||
           code == X4_SPI_LINKING_INFO;
}

/* Parameters (PIs and PGIs holding PIs), depth at most 2. */
static x4_status parse_params(x4_spdu_list *o, x4_spdu *s, const uint8_t *p,
                              size_t start, size_t end, int depth)
{
    size_t off = start;
    while (off < end) {
        size_t at = off, vlen;
        uint8_t code = p[off++];
        if (read_len(p, end, &off, &vlen) != X4_OK || vlen > end - off)
            return fail(o, X4_ERR_MALFORMED, at, "session parameter overruns its SPDU");
        x4_bytes v = {p + off, vlen};
        /* At the top of an SPDU a PGI code opens a group of PIs; groups
         * do not nest. */
        if (depth == 0 && is_pgi(code)) {
            x4_status st = parse_params(o, s, p, off, off + vlen, 1);
            if (st != X4_OK)
                return st;
        } else {
            apply_pi(s, code, v);
        }
        off += vlen;
    }
    return X4_OK;
}

static x4_status decode_one(x4_spdu_list *o, x4_spdu *s, const uint8_t *p,
                            size_t len, size_t *off, bool after_cat0)
{
    size_t start = *off, plen;
    memset(s, 0, sizeof *s);
    s->si = p[start];
    s->offset = start;
    const si_row *row = find_si(s->si);
    x4_pdu_kind k = row ? (after_cat0 ? row->after_gt : row->alone) : X4_PDU_NONE;
    if (k == X4_PDU_NONE)
        return fail(o, X4_ERR_MALFORMED, start, after_cat0 ?
                    "unknown session SPDU" : "session SPDU that may not start a TSDU");
    s->kind = k;
    *off = start + 1;
    if (read_len(p, len, off, &plen) != X4_OK)
        return fail(o, X4_ERR_TRUNCATED, start, "session SPDU length truncated");
    if (plen > len - *off) {
        /* Keep what fits so the caller still learns which SPDU it was. */
        s->truncated = true;
        s->params = (x4_bytes){p + *off, len - *off};
        (void)parse_params(o, s, p, *off, len, 0);
        *off = len;
        return fail(o, X4_ERR_TRUNCATED, start, "session SPDU overruns the TSDU");
    }
    s->params = (x4_bytes){p + *off, plen};
    x4_status st = parse_params(o, s, p, *off, *off + plen, 0);
    if (st != X4_OK)
        return st;
    *off += plen;
    /* DT/EX/TD: user information is the rest of the TSDU.  A DT after a GT
     * is the data SPDU; the GT in that slot has no user information. */
    if ((row->user_info || k == X4_PDU_SES_DT) && *off <= len) {
        s->user_data = (x4_bytes){p + *off, len - *off};
        *off = len;
    }
    return X4_OK;
}

x4_status x4_session_decode(const uint8_t *p, size_t len, x4_spdu_list *o)
{
    /* Each SPDU row is cleared when it is read (decode_one): the list is
     * large and a TSDU holds few. */
    o->n = 0;
    o->dropped = false;
    o->err = NULL;
    o->err_off = 0;
    if (len == 0)
        return fail(o, X4_ERR_TRUNCATED, 0, "empty TSDU");
    size_t off = 0;
    bool after_cat0 = false;
    x4_spdu scratch;
    while (off < len) {
        x4_spdu *s = o->n < X4_SES_MAX_SPDUS ? &o->spdus[o->n] : &scratch;
        x4_status st = decode_one(o, s, p, len, &off, after_cat0);
        if (st != X4_OK) {
            if (s->truncated && s != &scratch)
                o->n++;
            return st;
        }
        if (s == &scratch)
            o->dropped = true;
        else
            o->n++;
        /* Only a leading GT/PT (category 0) lets category-2 SPDUs follow. */
        after_cat0 = s->kind == X4_PDU_SES_GT || s->kind == X4_PDU_SES_PT;
    }
    return X4_OK;
}
