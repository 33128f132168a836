/* Session SPDUs (X.225) of the RTS: connect, accept, refuse, abort, release,
 * and the activity SPDUs of an RT-TRANSFER.  Each verb is one TSDU (or, for
 * a transfer, three) wrapped in TP0 DTs. */
#include "osi_encode.h"
#include "osi_codes.h"
#include "verbs.h"

#include <string.h>

/* A length as session writes it: one byte up to 254, else FF + two bytes. */
static void ses_len(x4r_buf *b, size_t n)
{
    if (n <= 254) {
        x4r_buf_u8(b, (uint8_t)n);
    } else {
        x4r_buf_u8(b, X4_SES_LEN_LONG);
        x4r_buf_u16(b, (uint16_t)n);
    }
}

static void ses_param(x4r_buf *b, uint8_t code, const void *v, size_t n)
{
    x4r_buf_u8(b, code);
    ses_len(b, n);
    x4r_buf_put(b, v, n);
}

static void ses_param_u8(x4r_buf *b, uint8_t code, uint8_t v) { ses_param(b, code, &v, 1); }

/* SI, LI (the parameters), parameters, then user information (not in LI). */
static void spdu(x4r_buf *tsdu, uint8_t si, const x4r_buf *params, const uint8_t *info, size_t n)
{
    x4r_buf_u8(tsdu, si);
    ses_len(tsdu, params ? params->len : 0);
    if (params)
        x4r_buf_put(tsdu, params->p, params->len);
    x4r_buf_put(tsdu, info, n);
}

static void send_tsdu(x4r_buf *out, const x4r_osi_state *st, x4r_buf *tsdu)
{
    x4r_tp0_wrap_tsdu(out, st, tsdu->p, tsdu->len);
    tsdu->len = 0;
}

/* CN and AC: Connect/Accept item, requirements, selector, user data. */
static void connect_spdu(x4r_buf *out, x4r_osi_state *st, uint8_t si, const x4r_params *p,
                         const x4r_buf *ud)
{
    unsigned version = p->version ? p->version
                                  : (st->mode == X4_MODE_NORMAL ? X4_SES_VERSION_2 : X4_SES_VERSION_1);
    uint8_t item[9] = {
        X4_SPI_PROTOCOL_OPTIONS, 1, 0x00,
        X4_SPI_VERSION, 1, (uint8_t)version,
        X4_SPI_TOKEN_SETTING, 1, 0x00,  /* all tokens on the initiator's side */
    };
    uint8_t sreq[2] = { X4_SREQ_RTS >> 8, X4_SREQ_RTS & 0xFF };
    x4r_buf params = { 0 }, tsdu = { 0 };
    ses_param(&params, X4_SPI_CONN_ACC_ITEM, item, sizeof item);
    ses_param(&params, X4_SPI_SES_REQUIREMENTS, sreq, sizeof sreq);
    if (p->selector)
        ses_param(&params, si == X4_SPDU_CN ? X4_SPI_CALLING_SSEL : X4_SPI_CALLED_SSEL,
                  p->selector, strlen(p->selector));
    ses_param(&params, ud->len > 512 ? X4_SPI_EXT_USER_DATA : X4_SPI_USER_DATA, ud->p, ud->len);
    spdu(&tsdu, si, &params, NULL, 0);
    send_tsdu(out, st, &tsdu);
    x4r_buf_free(&params);
    x4r_buf_free(&tsdu);
}

void x4r_enc_connect_request(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf ud = { 0 };
    x4r_upper_connect(&ud, st->mode, p);
    connect_spdu(out, st, X4_SPDU_CN, p, &ud);
    x4r_buf_free(&ud);
}

void x4r_enc_connect_accept(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf ud = { 0 };
    x4r_upper_accept(&ud, st->mode, p);
    connect_spdu(out, st, X4_SPDU_AC, p, &ud);
    x4r_buf_free(&ud);
}

/* RF: transport disconnect (release), [requirements,] reason + user data. */
static void refuse_spdu(x4r_buf *out, x4r_osi_state *st, uint8_t reason, const x4r_buf *ud)
{
    x4r_buf params = { 0 }, tsdu = { 0 }, r = { 0 };
    ses_param_u8(&params, X4_SPI_TRANSPORT_DISC, X4_TDISC_RELEASE);
    if (st->mode == X4_MODE_NORMAL && ud) {
        uint8_t sreq[2] = { X4_SREQ_RTS >> 8, X4_SREQ_RTS & 0xFF };
        ses_param(&params, X4_SPI_SES_REQUIREMENTS, sreq, sizeof sreq);
    }
    x4r_buf_u8(&r, reason);
    if (ud)
        x4r_buf_put(&r, ud->p, ud->len);
    ses_param(&params, X4_SPI_REASON, r.p, r.len);
    spdu(&tsdu, X4_SPDU_RF, &params, NULL, 0);
    send_tsdu(out, st, &tsdu);
    x4r_buf_free(&params);
    x4r_buf_free(&tsdu);
    x4r_buf_free(&r);
}

void x4r_enc_connect_refuse(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf ud = { 0 };
    x4r_upper_refuse(&ud, st->mode, p);
    refuse_spdu(out, st, X4_RF_USER_DATA, &ud);
    x4r_buf_free(&ud);
}

void x4r_enc_session_refuse(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    refuse_spdu(out, st, (uint8_t)(p->reason >= 0 ? p->reason : X4_RF_SSEL_UNKNOWN), NULL);
}

void x4r_enc_abort(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf params = { 0 }, tsdu = { 0 }, ud = { 0 };
    x4r_upper_abort(&ud, st->mode, p);
    ses_param_u8(&params, X4_SPI_TRANSPORT_DISC, X4_TDISC_RELEASE | X4_TDISC_USER_ABORT);
    ses_param(&params, X4_SPI_USER_DATA, ud.p, ud.len);
    spdu(&tsdu, X4_SPDU_AB, &params, NULL, 0);
    send_tsdu(out, st, &tsdu);
    x4r_buf_free(&params);
    x4r_buf_free(&tsdu);
    x4r_buf_free(&ud);
}

/* GT (category 0, no parameters) followed by one SPDU: one TSDU. */
static void gt_pair(x4r_buf *out, const x4r_osi_state *st, uint8_t si, const x4r_buf *params,
                    const uint8_t *info, size_t n)
{
    x4r_buf tsdu = { 0 };
    spdu(&tsdu, X4_SPDU_GT, NULL, NULL, 0);
    spdu(&tsdu, si, params, info, n);
    send_tsdu(out, st, &tsdu);
    x4r_buf_free(&tsdu);
}

static const uint8_t first_serial[] = { '1' }; /* V(M) after activity start */

/* GT+AS: the activity identifier is a BER INTEGER (the activity number). */
void x4r_enc_activity_start(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf params = { 0 }, id = { 0 };
    st->activity = X4R_GIVEN(p, X4R_P_ACTIVITY) ? p->activity : st->activity + 1;
    x4r_ber_int(&id, X4_BER_TAG_INTEGER, (long)st->activity);
    ses_param(&params, X4_SPI_ACTIVITY_ID, id.p, id.len);
    gt_pair(out, st, X4_SPDU_AS, &params, NULL, 0);
    x4r_buf_free(&params);
    x4r_buf_free(&id);
}

/* GT+DT carrying the MTS-APDU (X.410: raw; normal: P-DATA with RTTR). */
void x4r_enc_transfer_data(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf data = { 0 };
    x4r_upper_transfer(&data, st->mode, p);
    gt_pair(out, st, X4_SPDU_DT, NULL, data.p, data.len);
    x4r_buf_free(&data);
}

/* GT+AE with the serial number V(M) = 1 (no minor syncs in the activity). */
void x4r_enc_activity_end(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    (void)p;
    x4r_buf params = { 0 };
    ses_param(&params, X4_SPI_SERIAL, first_serial, sizeof first_serial);
    gt_pair(out, st, X4_SPDU_AE, &params, NULL, 0);
    x4r_buf_free(&params);
}

/* RT-TRANSFER of one APDU: three TSDUs, GT+AS, GT+DT, GT+AE. */
void x4r_enc_transfer(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    x4r_enc_activity_start(out, st, dir, p);
    x4r_enc_transfer_data(out, st, dir, p);
    x4r_enc_activity_end(out, st, dir, p);
}

void x4r_enc_transfer_ack(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    (void)p;
    x4r_buf params = { 0 };
    ses_param(&params, X4_SPI_SERIAL, first_serial, sizeof first_serial);
    gt_pair(out, st, X4_SPDU_AEA, &params, NULL, 0);
    x4r_buf_free(&params);
}

static void release(x4r_buf *out, x4r_osi_state *st, uint8_t si, bool response)
{
    x4r_buf params = { 0 }, tsdu = { 0 }, ud = { 0 };
    if (!response)
        ses_param_u8(&params, X4_SPI_TRANSPORT_DISC, X4_TDISC_RELEASE);
    x4r_upper_release(&ud, st->mode, response);
    if (ud.len)
        ses_param(&params, X4_SPI_USER_DATA, ud.p, ud.len);
    spdu(&tsdu, si, &params, NULL, 0);
    send_tsdu(out, st, &tsdu);
    x4r_buf_free(&params);
    x4r_buf_free(&tsdu);
    x4r_buf_free(&ud);
}

void x4r_enc_release_request(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    (void)p;
    release(out, st, X4_SPDU_FN, false);
}

void x4r_enc_release_response(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    (void)p;
    release(out, st, X4_SPDU_DN, true);
}

void x4r_enc_session_data(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p)
{
    (void)dir;
    x4r_buf d = { 0 };
    x4r_user_data(&d, p);
    gt_pair(out, st, X4_SPDU_DT, NULL, d.p, d.len);
    x4r_buf_free(&d);
}
