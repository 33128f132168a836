#include "scenario_load.h"
#include "bytebuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const x4r_builtin *x4r_builtin_find(const char *name)
{
    for (unsigned i = 0; i < x4r_n_builtins; i++)
        if (strcmp(x4r_builtins[i].name, name) == 0)
            return &x4r_builtins[i];
    return NULL;
}

static char *read_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    x4r_buf b = { 0 };
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        x4r_buf_put(&b, chunk, n);
    bool bad = ferror(f);
    fclose(f);
    x4r_buf_u8(&b, 0);
    if (bad || strlen((char *)b.p) != b.len - 1) {
        snprintf(err, errlen, "%s: %s", path, bad ? "read error" : "not a text file (NUL byte)");
        x4r_buf_free(&b);
        return NULL;
    }
    return (char *)b.p;
}

static bool looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') != NULL || (n > 4 && strcmp(s + n - 4, ".x4s") == 0);
}

/* The text of SCENARIO (malloc'd) and the file name its messages use. */
static char *load_text(const char *scenario, const char **file, char *err, size_t errlen)
{
    const x4r_builtin *b = looks_like_path(scenario) ? NULL : x4r_builtin_find(scenario);
    if (b) {
        static char label[256];
        snprintf(label, sizeof label, "%s.x4s", b->name);
        *file = label;
        return x4r_xstrdup(b->text);
    }
    *file = scenario;
    char why[768];
    char *text = read_file(scenario, why, sizeof why);
    if (!text) {
        if (looks_like_path(scenario))
            snprintf(err, errlen, "x400replay: %s", why);
        else
            snprintf(err, errlen, "x400replay: no built-in scenario named '%s', and %s", scenario, why);
    }
    return text;
}

x4r_scenario *x4r_scenario_load(const char *scenario, x4r_setting *sets, unsigned n_sets,
                                char *err, size_t errlen)
{
    const char *file;
    char *text = load_text(scenario, &file, err, errlen);
    if (!text)
        return NULL;
    x4r_scenario *sc = x4r_scenario_parse(file, text, sets, n_sets, err, errlen);
    free(text);
    return sc;
}

bool x4r_setting_add(char *kv, x4r_setting *sets, unsigned *n, char *err, size_t errlen)
{
    char *eq = strchr(kv, '=');
    if (!eq || eq == kv) {
        snprintf(err, errlen, "--set %s: expected KEY=VALUE", kv);
        return false;
    }
    if (*n == X4R_MAX_SETTINGS) {
        snprintf(err, errlen, "too many --set options");
        return false;
    }
    *eq = '\0';
    sets[*n].key = kv;
    sets[*n].value = eq + 1;
    sets[*n].used = false;
    (*n)++;
    return true;
}

int x4r_usage_error(const char *fmt, const char *arg)
{
    fputs("x400replay: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'x400replay --help'.\n", stderr);
    return 2;
}

int x4r_common_arg(int argc, char **argv, int *i, const char **scenario, x4r_setting *sets, unsigned *n_sets)
{
    const char *arg = argv[*i];
    if (strcmp(arg, "--set") == 0) {
        if (*i + 1 >= argc)
            return x4r_usage_error("%s needs KEY=VALUE", arg);
        char why[256];
        if (!x4r_setting_add(argv[++*i], sets, n_sets, why, sizeof why))
            return x4r_usage_error("%s", why);
        return 0;
    }
    if (arg[0] == '-' && arg[1])
        return x4r_usage_error("unknown option %s", arg);
    if (*scenario)
        return x4r_usage_error("unexpected argument %s", arg);
    *scenario = arg;
    return 0;
}
