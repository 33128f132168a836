/* Event scripts for the engine tests: one call per frame, the helper keeps
 * frame numbers, addresses, the clock and a tally of every flag raised.
 *
 *     sc s; sc_init(&s, NULL);
 *     sc_conn(&s, 1, 1, 2000);               // stream 1, client 10.0.0.1:2000 -> 10.0.0.2:102
 *     sc_handshake(&s);
 *     sc_at(&s, 0.1); sc_pdus(&s, I, X4_PDU_TP0_CR, 0);
 *     sc_at(&s, 30.1); x4_note *n = sc_tcp(&s, I, "FA", 0);
 *     assert_non_null(sc_flag(n, X4_P_CLOSE_BEFORE_OK));
 */
#ifndef X4_TEST_SCRIPT_H
#define X4_TEST_SCRIPT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"

#define I X4_DIR_INITIATOR
#define R X4_DIR_RESPONDER

typedef struct {
    x4_engine *e;
    x4_prefs prefs;
    uint32_t frame;
    double t;
    uint32_t stream;
    uint8_t cli[4], srv[4];
    uint16_t cport, sport;
    bool rfc1006;
    x4_note note;                  /* of the last frame */
    unsigned tally[X4_P_COUNT];    /* flags raised so far, per precursor */
    uint32_t tally_frame[X4_P_COUNT]; /* frame of the last one */
    x4_flag last[X4_P_COUNT];      /* the last flag of each precursor */
} sc;

void sc_init(sc *s, const x4_prefs *prefs);   /* NULL: defaults */
void sc_free(sc *s);

/* cmocka fixture: *state is a new script (default prefs, or *prefs), freed
 * after the test whatever its outcome.  sc_unit_test(f) runs f with it. */
int sc_setup(void **state);
int sc_setup_prefs(void **state, const x4_prefs *prefs);
int sc_teardown(void **state);
#define sc_unit_test(f) cmocka_unit_test_setup_teardown(f, sc_setup, sc_teardown)

/* Current connection: client 10.0.0.<client>:<cport> to 10.0.0.2:102. */
void sc_conn(sc *s, uint32_t stream, uint8_t client, uint16_t cport);
void sc_at(sc *s, double t);                  /* clock for the next frames */

/* A TCP frame.  flags: S syn, A ack, F fin, R rst, Z zero window advertised,
 * P zero-window probe, T retransmission, D duplicate ack, C icmp error.
 * Window is 8192 unless Z. */
x4_note *sc_tcp(sc *s, x4_dir d, const char *flags, uint32_t len);
/* Any frame: flags and length as sc_tcp, carrying *fi (NULL: nothing). */
x4_note *sc_frame(sc *s, x4_dir d, const char *flags, uint32_t len, const x4_frame_info *fi);
/* A payload frame ("A", 100 bytes) carrying *info. */
x4_note *sc_info(sc *s, x4_dir d, const x4_frame_info *info);
/* A payload frame with these PDUs (list ends with 0 = X4_PDU_NONE). */
x4_note *sc_pdus(sc *s, x4_dir d, ...);
/* The same with info->x400 set. */
x4_note *sc_x400(sc *s, x4_dir d, ...);

/* A TP0 DR frame with its reason. */
x4_note *sc_tp0_dr(sc *s, x4_dir d, uint32_t code, const char *text);

/* Build infos. */
x4_frame_info fi_x400(void);                  /* empty, with x400 set */
x4_frame_info fi_not_osi_dt(void);            /* a TP0 DT of another protocol (S7comm, RDP) */
void fi_pdus(x4_frame_info *fi, ...);         /* append, 0-terminated */
void fi_reason(x4_frame_info *fi, x4_layer l, x4_pdu_kind pdu, uint32_t code, const char *text);
void fi_mtsid(x4_frame_info *fi, const char *text);
void fi_mta(x4_frame_info *fi, const char *name, bool responder);

/* Canned sequences on the current connection (each frame 10 ms apart). */
void sc_handshake(sc *s);                     /* SYN, SYN-ACK, ACK */
void sc_tp0_connect(sc *s);                   /* CR, CC (no clock change) */
void sc_tp0_open(sc *s);                      /* sc_handshake, sc_tp0_connect */
/* As captured: SYN, SYN-ACK, ACK, CR, CC at the times t[0..4]. */
void sc_open_at(sc *s, const double t[5]);
void sc_x400_bind(sc *s);                     /* CR, CC, CN+AARQ+RTORQ+bind, AC+...+bind result */
void sc_x400_open(sc *s);                     /* sc_handshake, sc_x400_bind: bound */
void sc_x400_transfer(sc *s, const char *mtsid); /* AS, DT with a P1 message, AEA */
void sc_release(sc *s);                       /* RLRQ, DN+RLRE, FIN, ACK, RST (responder) */

/* Random events (xorshift32, fixed seeds): any flags, lengths, PDU kinds
 * (some out of range), reasons, MTS identifiers and MTA names, over five
 * clients and forty ports of one server. */
uint32_t sc_rnd(uint32_t *seed);
void sc_random_frame(uint32_t *seed, x4_tcp_event *ev, x4_frame_info *fi, uint32_t frame,
                     double t);

/* The flag of precursor id on a note, or NULL. */
const x4_flag *sc_flag(const x4_note *n, x4_precursor_id id);
/* Number of canonical flags raised so far. */
unsigned sc_canonical(const sc *s);

#endif
