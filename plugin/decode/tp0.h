/* ISO 8073 class 0 TPDUs (CR, CC, DR, DT, ER) and recognition of the types
 * class 0 does not allow. */
#ifndef X4_TP0_H
#define X4_TP0_H

#include "x4_common.h"
#include "osi_codes.h"

typedef struct {
    uint8_t li;
    uint8_t code;            /* code byte as sent */
    x4_pdu_kind kind;        /* X4_PDU_TP0_* */
    bool class0_illegal;     /* DC, AK, EA, RJ, ED or an unknown type */
    uint16_t dst_ref, src_ref;
    uint8_t class_opt;       /* CR/CC */
    uint8_t reason;          /* DR */
    uint8_t cause;           /* ER */
    bool eot;                /* DT */
    uint8_t nr;              /* DT TPDU-NR */
    uint32_t tpdu_size;      /* from C0 (bytes), 0 = absent */
    uint32_t pref_max_tpdu;  /* from F0 (bytes), 0 = absent */
    bool has_alt_classes;
    uint8_t alt_classes, add_options;
    x4_bytes calling_tsap, called_tsap, add_info, invalid_tpdu;
    /* The variable part held something that is not a TP parameter (RDP's
     * cookie in a CR): parsing stopped there, quietly. */
    bool foreign_params;
    x4_bytes user_data;      /* after the header: DT data, CR/CC/DR user data */
    const char *err;
    size_t err_off;          /* offset inside the TPDU */
} x4_tp0;

x4_status x4_tp0_decode(const uint8_t *p, size_t len, x4_tp0 *out);

#endif
