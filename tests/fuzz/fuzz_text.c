#include "fuzz_text.h"

#include <stdlib.h>
#include <string.h>

#define REPEAT_MAX 3 /* copies per input: more is the same work again */

/* Splits "#!set KEY=VALUE" at its '=' in place (the text keeps a NUL
 * there: it is a comment, so the scenario reads the same). */
static void directive(x4f_scenario_input *in, char *line, char *eol)
{
    if (strncmp(line, "#!set ", 6) == 0 && in->n_sets < X4F_MAX_SETS) {
        char *kv = line + 6, *eq = memchr(kv, '=', (size_t)(eol - kv));
        if (!eq || eq == kv)
            return;
        *eq = '\0';
        *eol = '\0';
        in->sets[in->n_sets++] = (x4r_setting){kv, eq + 1, false};
    } else if (strncmp(line, "#!repeat ", 9) == 0) {
        unsigned long n = strtoul(line + 9, NULL, 10);
        in->repeat = n < 1 ? 1 : n > REPEAT_MAX ? REPEAT_MAX : n;
    }
}

bool x4f_scenario_input_read(const uint8_t *data, size_t size, x4f_scenario_input *in)
{
    memset(in, 0, sizeof *in);
    in->repeat = 1;
    if (memchr(data, '\0', size))
        return false;
    /* Directives get NULs written into their copy; the parser gets another. */
    char *copy = in->block = malloc(2 * size + 2);
    memcpy(copy, data, size);
    copy[size] = '\0';
    in->text = copy + size + 1;
    memcpy(in->text, data, size);
    in->text[size] = '\0';
    char *line = copy;
    while (strncmp(line, "#!", 2) == 0) {
        char *eol = strchr(line, '\n');
        if (!eol)
            break;
        directive(in, line, eol);
        line = eol + 1;
    }
    return true;
}

void x4f_scenario_input_free(x4f_scenario_input *in)
{
    free(in->block);
    in->block = in->text = NULL;
}

bool x4f_located(const char *err, const char *file)
{
    size_t n = strlen(file);
    if (strncmp(err, file, n) != 0 || err[n] != ':')
        return false;
    const char *p = err + n + 1;
    for (int field = 0; field < 2; field++) {
        if (*p < '1' || *p > '9')
            return false;       /* lines and columns count from 1 */
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p++ != ':')
            return false;
    }
    return *p == ' ' && p[1] != '\0';
}
