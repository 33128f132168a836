/* The postdissector: sees every frame after all other dissectors, turns a
 * TCP frame on an RFC1006 connection into decoder input and engine events
 * on the first pass, caches the result, and builds the tree from the cache
 * on every pass (so tshark -2 and GUI re-dissection show the same). */
#ifndef X400MTA_POSTDISSECTOR_H
#define X400MTA_POSTDISSECTOR_H

void x400mta_register_postdissector(void);

/* Preference callback: hand our ports to TPKT, as RFC1006 wants. */
void x400mta_apply_preferences(void);

#endif
