/* x400replay: writes pcaps of X.400 MTA associations over RFC1006 from
 * scenario files (see README.md, "x400replay"). */
#include "builtin.h"
#include "bytebuf.h"
#include "pcap_out.h"
#include "scenario.h"
#include "timeline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { EXIT_OK = 0, EXIT_IO = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "Usage:\n"
    "  x400replay list\n"
    "  x400replay write SCENARIO -o FILE.pcap [--set KEY=VALUE]... [--repeat N] [--stats]\n"
    "  x400replay show SCENARIO\n"
    "  x400replay --help | --version\n"
    "\n"
    "Writes classic pcap captures (Ethernet, microsecond timestamps) of X.400 MTA\n"
    "associations over RFC1006/TP0 on TCP port 102, described by a scenario.\n"
    "\n"
    "Commands:\n"
    "  list    one line per built-in scenario, tab-separated:\n"
    "          name, KB article (or - for a healthy baseline),\n"
    "          expected precursors (comma-separated, or none), description\n"
    "  write   write SCENARIO (a built-in name, or a scenario file: any name with\n"
    "          a '/' or ending in .x4s is a file) to FILE.pcap;\n"
    "          the file appears only when complete (temporary file + rename)\n"
    "  show    print a built-in scenario's text (a starting point for your own)\n"
    "\n"
    "Options of write:\n"
    "  -o, --output FILE    the capture to write\n"
    "  --set KEY=VALUE      override the scenario's 'default KEY VALUE'\n"
    "  --repeat N           write N copies back to back, each with its own\n"
    "                       initiator addresses, ports and ISNs, 1 s apart\n"
    "  --stats              print packets written, seconds and packets/s on stderr\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  the output could not be written (nothing is left behind)\n"
    "  2  bad command line, unknown scenario, or a malformed scenario\n"
    "     (reported as file:line:column: message; no output file)\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("x400replay: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'x400replay --help'.\n", stderr);
    return EXIT_USAGE;
}

static const x4r_builtin *find_builtin(const char *name)
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

/* Loads SCENARIO: a built-in name, else a file (anything with a '/' or
 * ending in .x4s is a file).  Text is malloc'd. */
static char *load(const char *scenario, const char **file, char *err, size_t errlen)
{
    const x4r_builtin *b = looks_like_path(scenario) ? NULL : find_builtin(scenario);
    if (b) {
        static char label[256];
        snprintf(label, sizeof label, "%s.x4s", b->name);
        *file = label;
        return x4r_xstrdup(b->text);
    }
    *file = scenario;
    return read_file(scenario, err, errlen);
}

static int cmd_list(void)
{
    for (unsigned i = 0; i < x4r_n_builtins; i++) {
        char err[512], label[256];
        snprintf(label, sizeof label, "%s.x4s", x4r_builtins[i].name);
        x4r_scenario *sc = x4r_scenario_parse(label, x4r_builtins[i].text, NULL, 0, err, sizeof err);
        if (!sc) {
            fprintf(stderr, "x400replay: built-in %s\n", err);
            return EXIT_USAGE;
        }
        printf("%s\t%s\t", sc->name, sc->kb);
        if (sc->n_precursors == 0)
            fputs("none", stdout);
        for (unsigned k = 0; k < sc->n_precursors; k++)
            printf("%s%s", k ? "," : "", sc->precursors[k]);
        printf("\t%s\n", sc->description);
        x4r_scenario_free(sc);
    }
    return EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
    if (argc != 3)
        return usage_error("show takes one scenario name%s", "");
    const x4r_builtin *b = find_builtin(argv[2]);
    if (!b)
        return usage_error("no built-in scenario named '%s' (see x400replay list)", argv[2]);
    fputs(b->text, stdout);
    return EXIT_OK;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct {
    const char *scenario, *output;
    x4r_setting sets[64];
    unsigned n_sets;
    unsigned long repeat;
    bool stats;
} write_args;

static int parse_write_args(int argc, char **argv, write_args *a)
{
    memset(a, 0, sizeof *a);
    a->repeat = 1;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        bool has_next = i + 1 < argc;
        if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
            if (!has_next)
                return usage_error("%s needs a file name", arg);
            a->output = argv[++i];
        } else if (strcmp(arg, "--set") == 0) {
            if (!has_next)
                return usage_error("%s needs KEY=VALUE", arg);
            char *kv = argv[++i];
            char *eq = strchr(kv, '=');
            if (!eq || eq == kv)
                return usage_error("--set %s: expected KEY=VALUE", kv);
            if (a->n_sets == sizeof a->sets / sizeof a->sets[0])
                return usage_error("too many --set options%s", "");
            *eq = '\0';
            a->sets[a->n_sets].key = kv;
            a->sets[a->n_sets].value = eq + 1;
            a->n_sets++;
        } else if (strcmp(arg, "--repeat") == 0) {
            if (!has_next)
                return usage_error("%s needs a count", arg);
            char *end;
            errno = 0;
            a->repeat = strtoul(argv[++i], &end, 10);
            if (errno || *end || a->repeat == 0 || a->repeat > 100000000ul || argv[i][0] == '-')
                return usage_error("--repeat %s: expected a count from 1 to 100000000", argv[i]);
        } else if (strcmp(arg, "--stats") == 0) {
            a->stats = true;
        } else if (arg[0] == '-' && arg[1]) {
            return usage_error("unknown option %s", arg);
        } else if (!a->scenario) {
            a->scenario = arg;
        } else {
            return usage_error("unexpected argument %s", arg);
        }
    }
    if (!a->scenario)
        return usage_error("write needs a SCENARIO (a built-in name or a file)%s", "");
    if (!a->output)
        return usage_error("write needs -o FILE.pcap%s", "");
    return EXIT_OK;
}

static int cmd_write(int argc, char **argv)
{
    write_args a;
    int rc = parse_write_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    char err[1024];
    const char *file;
    char *text = load(a.scenario, &file, err, sizeof err);
    if (!text) {
        if (looks_like_path(a.scenario))
            fprintf(stderr, "x400replay: %s\n", err);
        else
            fprintf(stderr, "x400replay: no built-in scenario named '%s', and %s\n", a.scenario, err);
        return EXIT_USAGE;
    }
    x4r_scenario *sc = x4r_scenario_parse(file, text, a.sets, a.n_sets, err, sizeof err);
    free(text);
    if (!sc) {
        fprintf(stderr, "%s\n", err);
        return EXIT_USAGE;
    }
    x4r_pcap *out = x4r_pcap_open(a.output, err, sizeof err);
    if (!out) {
        fprintf(stderr, "x400replay: %s\n", err);
        x4r_scenario_free(sc);
        return EXIT_IO;
    }
    x4r_emitter *em = x4r_xcalloc(1, sizeof *em);
    x4r_emitter_init(em, x4r_pcap_frame, out);
    double t0 = now_seconds();
    rc = x4r_run(sc, em, a.repeat, err, sizeof err);
    uint64_t packets = em->packets;
    x4r_scenario_free(sc);
    free(em);
    if (rc != 0) {
        x4r_pcap_abort(out);
        fprintf(stderr, "%s\n", err);
        return EXIT_USAGE;
    }
    if (x4r_pcap_commit(out, err, sizeof err) != 0) {
        fprintf(stderr, "x400replay: %s\n", err);
        return EXIT_IO;
    }
    if (a.stats) {
        double secs = now_seconds() - t0;
        fprintf(stderr, "x400replay: %llu packets in %.6f s (%.0f packets/s)\n",
                (unsigned long long)packets, secs, secs > 0 ? (double)packets / secs : 0.0);
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing command (list, write, show)%s", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("x400replay 0.1.0");
        return EXIT_OK;
    }
    if (strcmp(cmd, "list") == 0)
        return argc == 2 ? cmd_list() : usage_error("list takes no arguments%s", "");
    if (strcmp(cmd, "write") == 0)
        return cmd_write(argc, argv);
    if (strcmp(cmd, "show") == 0)
        return cmd_show(argc, argv);
    return usage_error("unknown command '%s' (list, write, show)", cmd);
}
