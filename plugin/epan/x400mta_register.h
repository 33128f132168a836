/* Registration of protocol x400mta: fields, subtrees, expert infos and
 * preferences, and the handles the rest of the glue needs. */
#ifndef X400MTA_REGISTER_H
#define X400MTA_REGISTER_H

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/expert.h>

#include "catalogue.h"

/* Header field ids of every x400mta.* field (docs/contract.md, "Fields"). */
typedef struct {
    int assoc, state, dir, pdu, mode, mta, mtsid;
    int precursor, kb, event_id, related_frame, refused_by, reason;
    int ok_wait, retry_interval, count, resolution, finding;
    int calling_tsap, called_tsap, tpdu_size, decode_error;
} x400mta_hf_ids;

typedef struct {
    int proto;
    x400mta_hf_ids hf;
    gint ett_x400mta, ett_precursor;
    expert_field ei_malformed;
    expert_field ei_precursor[X4_P_COUNT];
    range_t *ports;         /* x400mta.ports */
    x4_prefs prefs;         /* thresholds, one preference each */
    int tap;                /* tap "x400mta": one frame_record per RFC1006 frame */
} x400mta_registry;

/* Filled by registration; read-only afterwards. */
extern x400mta_registry x400mta_reg;

void x400mta_register_protocol(void);
void x400mta_register_handoff(void);

#endif
