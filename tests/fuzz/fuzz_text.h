/* A fuzz input as scenario text, the way x400replay gets it: text without
 * NUL bytes (the CLI refuses those), and the command line's --set and
 * --repeat from leading "#!set KEY=VALUE" and "#!repeat N" lines, which the
 * scenario language itself reads as comments. */
#ifndef X4F_FUZZ_TEXT_H
#define X4F_FUZZ_TEXT_H

#include "scenario.h"

#define X4F_MAX_SETS 8

typedef struct {
    char *text;          /* the whole input, NUL-terminated */
    char *block;         /* malloc'd: the directives' copy, then text */
    x4r_setting sets[X4F_MAX_SETS];
    unsigned n_sets;
    unsigned long repeat;
} x4f_scenario_input;

/* false when the input holds a NUL byte (then nothing to free). */
bool x4f_scenario_input_read(const uint8_t *data, size_t size, x4f_scenario_input *in);
void x4f_scenario_input_free(x4f_scenario_input *in);

/* err is "FILE:LINE:COLUMN: message" with FILE the name parsed. */
bool x4f_located(const char *err, const char *file);

#endif
