/* The whole OSI stack of one RFC1006 connection, decoded TPKT by TPKT.
 *
 * This is the one entry point the epan glue and the association analysis
 * use.  It owns the per-direction state the layers need across TPKTs:
 * joining TP0 DTs with EOT=0 into one TSDU, the mode of the association
 * (X.410-1984 or normal) learnt from the connect, the presentation contexts,
 * and the RTSE/session chunks of one P1 APDU.  Everything it reports about
 * one TPKT is appended to an x4_frame_info, so a frame that carries several
 * TPKTs gets one summary.
 *
 * Bounds: every list below has a fixed capacity (overflow sets *_dropped);
 * buffered TSDU/APDU bytes per direction are capped at X4_MAX_BUFFERED and
 * the excess is reported as X4_ERR_LIMIT, never stored.
 */
#ifndef X4_OSI_STACK_H
#define X4_OSI_STACK_H

#include "x4_common.h"
#include "osi_codes.h"   /* x4_dir, x4_mode, x4_pdu_kind, x4_layer */
#include "mtsid.h"       /* x4_mtsid */

#define X4_MAX_BUFFERED   (1u << 20) /* bytes of one TSDU or APDU kept per direction */
#define X4_MAX_PDUS       24         /* PDU names reported per frame */
#define X4_MAX_MTAS       4
#define X4_MAX_MTSIDS     8
#define X4_MAX_REASONS    8
#define X4_MAX_ERRORS     4
#define X4_MTA_NAME_MAX   64         /* X.411 ub-mta-name-length is 32 */
#define X4_TSAP_MAX       32

/* One PDU seen at one layer; kind comes from osi_codes.h (x4_pdu_kind),
 * whose name table gives the display text ("TP0 CR", "SES CN", "RTORQ"). */
typedef struct {
    x4_pdu_kind kind;
    x4_dir dir;
} x4_pdu;

/* A refusal, abort or disconnect reason, at the layer that gave it. */
typedef struct {
    x4_layer layer;     /* X4_LAYER_TP0, _SESSION, _PRES, _ACSE, _RTSE, _P1 */
    x4_pdu_kind pdu;    /* the PDU that carried it (TP0 DR, SES RF, RTORJ...) */
    uint32_t code;      /* the reason/cause/result code on the wire */
    const char *text;   /* static string from osi_codes, e.g. "authentication-error" */
} x4_reason;

typedef struct {
    x4_dir dir;
    bool is_responder;  /* bind result (true) or bind argument (false) */
    char name[X4_MTA_NAME_MAX + 1];
} x4_mta_name;

/* A decoding problem worth an expert info (malformed group). */
typedef struct {
    x4_layer layer;
    x4_status status;
    uint32_t offset;    /* byte offset inside the TPKT where it was found (a TSDU
                         * joined from several DTs: where this TPKT's part starts) */
    const char *what;   /* static text: "TP0 DT LI must be 2", ... */
} x4_decode_error;

typedef struct {
    /* Everything up to `pdus` is cleared for each frame (x4_frame_info_init);
     * the arrays after it hold meaning only up to their counts. */
    unsigned n_pdus;
    bool pdus_dropped;
    unsigned n_mtas, n_mtsids, n_reasons, n_errors;

    x4_mode mode;       /* X.400 mode of the association after this frame; stays
                         * UNKNOWN until the connection shows X.400 evidence (an
                         * MMS association is not "normal mode") */

    /* TP0 connect parameters, when this frame carried a CR or CC. */
    char calling_tsap[X4_TSAP_MAX + 1], called_tsap[X4_TSAP_MAX + 1];
    uint32_t tpdu_size;  /* 0 = absent */

    bool x400;          /* evidence this is X.400 (RTSE or P1 decoded, or x410 connect);
                         * sticky: true on every frame of the connection from the
                         * first evidence on */
    bool not_osi;       /* TP0 user data is not an OSI session (S7comm, RDP...) */

    /* Added by the decoders (not in the first contract). */
    bool tpkt_reserved_nonzero; /* TPKT byte 1 != 0 (Exchange 4.0 before SP3, KB Q151626) */
    bool class0_illegal;        /* a TPDU type class 0 does not allow (DC AK EA RJ ED, unknown) */

    x4_pdu pdus[X4_MAX_PDUS];
    x4_mta_name mtas[X4_MAX_MTAS];
    x4_mtsid mtsids[X4_MAX_MTSIDS];
    x4_reason reasons[X4_MAX_REASONS];
    x4_decode_error errors[X4_MAX_ERRORS];
} x4_frame_info;

typedef struct x4_conn x4_conn;

/* alloc (NULL: the C library's) must outlive the connection: it is kept
 * by address. */
x4_conn *x4_conn_new(const x4_alloc *alloc);
void x4_conn_free(x4_conn *c);

/* Clears *info (call once per frame before the first feed). */
void x4_frame_info_init(x4_frame_info *info);

/* Decode one whole TPKT (4-byte header included) sent in direction dir and
 * append what it carried to *info.  Returns X4_OK or the first error (which
 * is also recorded in info->errors); later TPKTs can always be fed. */
x4_status x4_conn_feed_tpkt(x4_conn *c, x4_dir dir,
                            const uint8_t *tpkt, size_t len,
                            x4_frame_info *info);

/* Error policy of x4_conn_feed_tpkt, for callers deciding on expert infos.
 * Errors are reported for: bad TPKT or TP0 bytes; session SPDUs once the
 * connection has shown a CN, AC or RF; presentation/ACSE/RTSE/P1 bytes of
 * the connect PDUs; data-phase bytes once the connect told us the mode.
 * Never for: TP0 user data that is not a session SPDU string (S7comm, RDP:
 * not_osi instead); associations whose presentation contexts are all
 * another application's (MMS, ICCP); data seen before the connect (a
 * capture that starts mid-association), where the mode is inferred only
 * from bytes that leave no doubt. */

#endif
