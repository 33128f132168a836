/* Where a SCENARIO argument of the command line comes from: a built-in name,
 * else a file (anything with a '/' or ending in .x4s is always a file); the
 * --set KEY=VALUE options that override its defaults; and the usage errors.
 * Shared by the write and play commands. */
#ifndef X4R_SCENARIO_LOAD_H
#define X4R_SCENARIO_LOAD_H

#include "builtin.h"
#include "scenario.h"

#include <stdbool.h>
#include <stddef.h>

#define X4R_MAX_SETTINGS 64

const x4r_builtin *x4r_builtin_find(const char *name);

/* Loads and parses SCENARIO with the settings.  NULL on failure, with the
 * whole message in err (file:line:column for a malformed scenario). */
x4r_scenario *x4r_scenario_load(const char *scenario, x4r_setting *sets, unsigned n_sets,
                                char *err, size_t errlen);

/* A usage error: "x400replay: MESSAGE" and the --help hint on stderr;
 * returns 2 (the exit status of a bad command line). */
int x4r_usage_error(const char *fmt, const char *arg);

/* The arguments write and play take alike, tried after their own options:
 * --set KEY=VALUE, the SCENARIO (once), and any other '-' word (unknown).
 * Consumes argv[*i] (and a value); returns 0, or 2 after a usage error. */
int x4r_common_arg(int argc, char **argv, int *i, const char **scenario, x4r_setting *sets, unsigned *n_sets);

/* Splits one --set argument (modified in place) into sets[*n]; false with a
 * message in err when it is not KEY=VALUE or there are too many. */
bool x4r_setting_add(char *kv, x4r_setting *sets, unsigned *n, char *err, size_t errlen);

#endif
