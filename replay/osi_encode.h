/* OSI encoders: each verb of the scenario language that puts bytes on the
 * wire appends whole TPKTs to out.  Session and upper-layer verbs build one
 * TSDU and wrap it in TP0 DTs (EOT on the last) cut to the TPDU size in force.
 * All protocol codes come from plugin/decode/osi_codes.h. */
#ifndef X4R_OSI_ENCODE_H
#define X4R_OSI_ENCODE_H

#include "bytebuf.h"
#include "scenario.h"
#include "ber_writer.h"

typedef struct {
    x4_mode mode;            /* X.400 mode of the association */
    unsigned tpdu_size;  /* TPDU size in force, bytes (DT carries size-3) */
    uint16_t ref[2];     /* TP0 source references of initiator, responder */
    unsigned activity;   /* last activity number started */
    uint8_t reserved;    /* TPKT reserved byte for the next TPKTs (0) */
} x4r_osi_state;

void x4r_osi_state_init(x4r_osi_state *st, x4_mode mode, uint16_t ref_a, uint16_t ref_b);

typedef void (*x4r_encode_fn)(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);

/* TPKT + TP0 (osi_encode_tp0.c) */
void x4r_tp0_wrap_tsdu(x4r_buf *out, const x4r_osi_state *st, const uint8_t *tsdu, size_t len);
void x4r_enc_tp0_cr(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_tp0_cc(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_tp0_dr(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_tp0_er(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_tp0_dt(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);

/* Session SPDUs carrying the upper layers (osi_encode_session.c) */
void x4r_enc_connect_request(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_connect_accept(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_connect_refuse(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_session_refuse(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_abort(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_transfer(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_activity_start(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_transfer_data(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_activity_end(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_transfer_ack(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_release_request(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_release_response(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);
void x4r_enc_session_data(x4r_buf *out, x4r_osi_state *st, x4_dir dir, const x4r_params *p);

/* Upper layers (osi_encode_upper.c): user data of the session SPDUs. */
void x4r_upper_connect(x4r_buf *out, x4_mode mode, const x4r_params *p);
void x4r_upper_accept(x4r_buf *out, x4_mode mode, const x4r_params *p);
void x4r_upper_refuse(x4r_buf *out, x4_mode mode, const x4r_params *p);
void x4r_upper_abort(x4r_buf *out, x4_mode mode, const x4r_params *p);
void x4r_upper_transfer(x4r_buf *out, x4_mode mode, const x4r_params *p);
void x4r_upper_release(x4r_buf *out, x4_mode mode, bool response);
/* n octets of readable filler text (content, raw data). */
void x4r_filler(x4r_buf *out, size_t n);
/* The raw user data of tp0-dt and session-data: the hex parameter's bytes,
 * else size (default 16) bytes of filler. */
void x4r_user_data(x4r_buf *out, const x4r_params *p);
/* Even-length and hex digits only. */
bool x4r_hex_valid(const char *hex);

#endif
