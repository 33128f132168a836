/* Runs a parsed scenario: at the times schedule.c resolves, opens connections,
 * encodes each PDU and hands bytes and TCP actions to the TCP synthesiser.
 * With repeat > 1 the whole timeline is written again per copy, each copy
 * with its own initiator addresses, ISNs and a later start; state is freed
 * between copies so memory does not grow with the count. */
#ifndef X4R_TIMELINE_H
#define X4R_TIMELINE_H

#include "emitter.h"
#include "osi_encode.h"
#include "scenario.h"

/* 0 on success; -1 with "file:line:column: message" in err. */
int x4r_run(const x4r_scenario *sc, x4r_emitter *em, unsigned long repeat, char *err, size_t errlen);

/* The OSI state a new connection starts in: the connect's mode (0: X.410)
 * and TP0 references derived from its serial (the n-th connection of the
 * copy), so the live player encodes the same bytes as the synthesiser. */
void x4r_timeline_osi_init(x4r_osi_state *st, x4_mode mode, unsigned serial);

#endif
