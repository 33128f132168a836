/* Invariants of what the decoders and the engine hand the epan glue: the
 * glue prints these strings and indexes tables with these enums, so a
 * violation would be a crash or garbage in Wireshark. */
#ifndef X4F_FUZZ_CHECKS_H
#define X4F_FUZZ_CHECKS_H

#include "osi_stack.h"

/* Every count within its capacity, every enum in range, every string
 * terminated inside its array and every text pointer non-NULL. */
void x4f_check_frame_info(const x4_frame_info *info);

#endif
