/* What each decoded PDU kind means to the association state machine.
 *
 * The engine never switches on x4_pdu_kind: it reads these bits from one
 * table (pdu_class.c), so a new PDU kind needs one row there. */
#ifndef X4_PDU_CLASS_H
#define X4_PDU_CLASS_H

#include "osi_codes.h"
#include "catalogue.h"

enum {
    PC_CONNECT      = 1u << 0,  /* connect request: TP0 CR, SES CN */
    PC_CONFIRM      = 1u << 1,  /* the OK response: TP0 CC, SES AC */
    PC_REFUSE       = 1u << 2,  /* refusal of a connect (TP0 DR only while requested) */
    PC_SES_DATA     = 1u << 3,  /* session data-phase SPDU (DT, AS, MIP, ...) */
    PC_RT_DATA      = 1u << 4,  /* RTSE transfer or P1 APDU */
    PC_REL_REQ      = 1u << 5,  /* orderly release asked: SES FN, RLRQ */
    PC_REL_DONE     = 1u << 6,  /* orderly release done: SES DN, RLRE */
    PC_ABORT        = 1u << 7,  /* SES AB, ARU/ARP, ABRT, RTAB */
    PC_INTERRUPT    = 1u << 8,  /* activity interrupt/discard/resync: RTSE may resend */
    PC_ILLEGAL_C0   = 1u << 9,  /* TPDU type illegal in class 0 */
    PC_TP_ERROR     = 1u << 10, /* TP0 ER */
    PC_BOUND        = 1u << 11, /* bind result: the association is bound */
    PC_ACT_START    = 1u << 12, /* activity start/resume: a transfer begins */
    PC_ACT_END      = 1u << 13, /* activity end acknowledged: transfer done */
    PC_RT_REQUEST   = 1u << 14, /* RTORQ / AARQ: RTSE open asked */
    PC_RT_ACCEPT    = 1u << 15, /* RTOAC / AARE / CPA: RTSE open accepted */
    PC_TP_DT        = 1u << 16, /* TP0 DT */
    PC_TP_DR        = 1u << 17, /* TP0 DR */
};

typedef struct {
    unsigned bits;
    x4_refuser refuser;   /* layer that refuses when this PDU is a refusal */
} x4_pdu_class;

const x4_pdu_class *x4_pdu_class_of(x4_pdu_kind k);

/* The refused_by value of a reason given at layer l. */
x4_refuser x4_layer_refuser(x4_layer l);

#endif
