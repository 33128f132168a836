/* The meaning of every PDU kind for the state machine (see pdu_class.h). */
#include "pdu_class.h"

#define C(K, B) [K] = { (B), X4_REFUSED_NONE }
#define R(K, B, L) [K] = { (B) | PC_REFUSE, (L) }

static const x4_pdu_class classes[X4_PDU_KIND_COUNT] = {
    C(X4_PDU_TP0_CR, PC_CONNECT),
    C(X4_PDU_TP0_CC, PC_CONFIRM),
    /* A DR refuses only while a CR is pending; the engine checks that. */
    R(X4_PDU_TP0_DR, PC_TP_DR, X4_REFUSED_TP0),
    C(X4_PDU_TP0_DT, PC_TP_DT),
    C(X4_PDU_TP0_ER, PC_TP_ERROR),
    C(X4_PDU_TP0_DC, PC_ILLEGAL_C0),
    C(X4_PDU_TP0_AK, PC_ILLEGAL_C0),
    C(X4_PDU_TP0_EA, PC_ILLEGAL_C0),
    C(X4_PDU_TP0_RJ, PC_ILLEGAL_C0),
    /* ED is left out: ISODE negotiates a TCP-only expedited ED in class 0. */
    C(X4_PDU_SES_CN, PC_CONNECT),
    C(X4_PDU_SES_AC, PC_CONFIRM),
    R(X4_PDU_SES_RF, 0, X4_REFUSED_SESSION),
    C(X4_PDU_SES_FN, PC_REL_REQ),
    C(X4_PDU_SES_DN, PC_REL_DONE),
    C(X4_PDU_SES_AB, PC_ABORT),
    C(X4_PDU_SES_DT, PC_SES_DATA),
    C(X4_PDU_SES_AS, PC_SES_DATA | PC_ACT_START),
    C(X4_PDU_SES_AR, PC_SES_DATA | PC_ACT_START),
    C(X4_PDU_SES_AE, PC_SES_DATA),
    C(X4_PDU_SES_AEA, PC_SES_DATA | PC_ACT_END),
    C(X4_PDU_SES_MIP, PC_SES_DATA),
    C(X4_PDU_SES_MIA, PC_SES_DATA),
    C(X4_PDU_SES_TD, PC_SES_DATA),
    C(X4_PDU_SES_EX, PC_SES_DATA),
    C(X4_PDU_SES_AI, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_AIA, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_AD, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_ADA, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_ER, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_ED, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_RS, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_SES_RA, PC_SES_DATA | PC_INTERRUPT),
    C(X4_PDU_PRES_CPA, PC_RT_ACCEPT),
    R(X4_PDU_PRES_CPR, 0, X4_REFUSED_RTSE),
    C(X4_PDU_PRES_ARU, PC_ABORT),
    C(X4_PDU_PRES_ARP, PC_ABORT),
    C(X4_PDU_AARQ, PC_RT_REQUEST),
    /* AARE: the engine tells accept from reject by the ACSE reason. */
    C(X4_PDU_AARE, 0),
    C(X4_PDU_RLRQ, PC_REL_REQ),
    C(X4_PDU_RLRE, PC_REL_DONE),
    C(X4_PDU_ABRT, PC_ABORT),
    C(X4_PDU_RTORQ, PC_RT_REQUEST),
    C(X4_PDU_RTOAC, PC_RT_ACCEPT),
    R(X4_PDU_RTORJ, 0, X4_REFUSED_RTSE),
    C(X4_PDU_RTTP, PC_RT_DATA),
    C(X4_PDU_RTTR, PC_RT_DATA),
    C(X4_PDU_RTAB, PC_ABORT),
    C(X4_PDU_P1_BIND_RES, PC_BOUND),
    R(X4_PDU_P1_BIND_ERR, 0, X4_REFUSED_P1),
    C(X4_PDU_P1_MESSAGE, PC_RT_DATA),
    C(X4_PDU_P1_REPORT, PC_RT_DATA),
    C(X4_PDU_P1_PROBE, PC_RT_DATA),
};

const x4_pdu_class *x4_pdu_class_of(x4_pdu_kind k)
{
    static const x4_pdu_class none = { 0, X4_REFUSED_NONE };
    return (unsigned)k < X4_PDU_KIND_COUNT ? &classes[k] : &none;
}

static const x4_refuser layer_refusers[X4_LAYER_COUNT] = {
    [X4_LAYER_TPKT] = X4_REFUSED_TP0,
    [X4_LAYER_TP0] = X4_REFUSED_TP0,
    [X4_LAYER_SESSION] = X4_REFUSED_SESSION,
    [X4_LAYER_PRES] = X4_REFUSED_RTSE,   /* CPR counts as rtse (the contract) */
    [X4_LAYER_ACSE] = X4_REFUSED_RTSE,   /* AARE-reject counts as rtse */
    [X4_LAYER_RTSE] = X4_REFUSED_RTSE,
    [X4_LAYER_P1] = X4_REFUSED_P1,
};

x4_refuser x4_layer_refuser(x4_layer l)
{
    return (unsigned)l < X4_LAYER_COUNT ? layer_refusers[l] : X4_REFUSED_NONE;
}
