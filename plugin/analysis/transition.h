/* Transitions: what happened to an association, as the state module
 * (state/) saw it in a frame.  They are the only thing the rules (rules/)
 * hear: the state module emits each one as it happens, the dispatcher hands
 * it to the rules that asked for its kind, in catalogue order, and a rule
 * reads the association as it is at that moment (through a const pointer)
 * and may flag.  No rule changes state; no state code calls a rule. */
#ifndef X4_TRANSITION_H
#define X4_TRANSITION_H

#include "engine.h"
#include "pdu_class.h"

typedef enum {
    X4_TR_ATTEMPT,           /* the initiator's first SYN: an attempt to connect begins */
    X4_TR_ABANDONED,         /* an older attempt from the same host to the same responder
                                port got no SYN-ACK and the host tries again (about: the old one) */
    X4_TR_OUTCOME,           /* an attempt failed or succeeded (.outcome) */
    X4_TR_CONNECTED,         /* the TCP handshake completed */
    X4_TR_PDU,               /* a decoded PDU, before it changes the state (.pdu, .pc) */
    X4_TR_REQUESTED,         /* a connect request: TP0 CR or session CN (.layer) */
    X4_TR_CONFIRMED,         /* a connect confirm: TP0 CC or session AC (.layer); also when
                                the association already ended (a late confirm) */
    X4_TR_REFUSED,           /* the responder refused the connect (.refused_by, .reason) */
    X4_TR_GAVE_UP,           /* the asker closed (FIN, RST or TP0 DR) while its request waited */
    X4_TR_BOUND,             /* the P1 bind result */
    X4_TR_TRANSFER,          /* a P1 transfer with its MTS identifier (.mtsid) */
    X4_TR_RELEASE_ASKED,     /* session FN or ACSE RLRQ */
    X4_TR_RELEASED,          /* orderly release completed */
    X4_TR_ABORTED,           /* an abort PDU (session AB, ARU/ARP, ABRT, RTAB) */
    X4_TR_RETRANSMITTED,     /* .sender retransmitted payload (.count: of the same segment) */
    X4_TR_LOST,              /* the association in transfer or with data unacknowledged is lost:
                                a reset, or .count unanswered retransmissions (.loss, .related) */
    X4_TR_CLOSED_UNRELEASED, /* a bound X.400 association closed by FIN with no release */
    X4_TR_WINDOW_CLOSED,     /* the receiver of .sender's data advertised a zero window */
    X4_TR_WINDOW_PROBED,     /* .sender probed the zero window (.count probes so far) */
    X4_TR_WINDOW_REOPENED,   /* the receiver of .sender's data opened its window again */
    X4_TR_FLOW_ERROR,        /* the connection failed while .sender's data waited behind a
                                zero window (.flow_error) */
    X4_TR_DATA_AFTER_FLOW_ERROR, /* .sender sent data after that error */
    X4_TR_CLOSED,            /* .sender sent a FIN */
    X4_TR_RESET,             /* .sender sent a RST */
    X4_TR_ENDED,             /* the association is over (.state, terminal; .end: why) */
    X4_TR_COUNT
} x4_tr_kind;

/* How a connect attempt turned out (reconnect_storm counts them). */
typedef enum { X4_ATTEMPT_PENDING, X4_ATTEMPT_FAILED, X4_ATTEMPT_SUCCEEDED } x4_outcome;

/* Which layer's connect request waits for its confirm. */
typedef enum { X4_REQ_NONE, X4_REQ_TP0, X4_REQ_SESSION } x4_req_layer;

/* What failed a connection during a zero window (ndata_after_flow_error). */
typedef enum { X4_FLOW_ERR_RST, X4_FLOW_ERR_ICMP, X4_FLOW_ERR_PROBES } x4_flow_error;

/* What lost an association (association_lost). */
typedef enum { X4_LOSS_RESET, X4_LOSS_RETRANSMISSIONS } x4_loss;

/* Why an association ended (X4_TR_ENDED). */
typedef enum {
    X4_END_RELEASED,          /* orderly release */
    X4_END_REFUSED,           /* a connect_refused */
    X4_END_LOST,              /* a reset or unanswered retransmissions (X4_TR_LOST) */
    X4_END_FLOW_RESET,        /* the reset of a flow-control episode (ndata_after_flow_error) */
    X4_END_ABORTED,           /* an abort PDU */
    X4_END_UNRELEASED,        /* a bound association closed by FIN (X4_TR_CLOSED_UNRELEASED) */
    X4_END_GAVE_UP,           /* the asker closed before the confirm (X4_TR_GAVE_UP) */
    X4_END_ABANDONED,         /* an unanswered SYN the host retried (X4_TR_ABANDONED) */
    X4_END_CLOSED             /* FIN or RST of anything else */
} x4_end;

typedef struct {
    x4_tr_kind kind;
    x4_pdu_kind pdu;            /* PDU */
    const x4_pdu_class *pc;     /* PDU */
    x4_req_layer layer;         /* REQUESTED, CONFIRMED */
    x4_refuser refused_by;      /* REFUSED */
    const char *reason;         /* REFUSED: static text or NULL */
    x4_outcome outcome;         /* OUTCOME */
    x4_dir sender;              /* RETRANSMITTED, WINDOW_*, FLOW_ERROR, DATA_AFTER_FLOW_ERROR, CLOSED, RESET */
    x4_flow_error flow_error;   /* FLOW_ERROR */
    x4_loss loss;               /* LOST */
    uint32_t count;             /* RETRANSMITTED, LOST, WINDOW_PROBED */
    uint32_t related;           /* LOST: where the evidence began */
    const char *mtsid;          /* TRANSFER: its text form */
    x4_state state;             /* ENDED: the terminal state */
    x4_end end;                 /* ENDED */
} x4_transition;

/* Bit of a kind in a rule's subscription mask. */
#define X4_TR_BIT(kind) (1u << (kind))

#endif
