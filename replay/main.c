/* x400replay: writes pcaps of X.400 MTA associations over RFC1006 from
 * scenario files (see README.md, "x400replay"). */
#include "bytebuf.h"
#include "pcap_out.h"
#include "play_cli.h"
#include "scenario_load.h"
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
    "%s"
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
    "  play    play SCENARIO over real TCP sockets: its initiator against an MTA,\n"
    "          its responder for an MTA that connects, or both over loopback;\n"
    "          the peer's PDUs are decoded and checked against the scenario\n"
    "\n"
    "Options of write:\n"
    "  -o, --output FILE    the capture to write\n"
    "  --set KEY=VALUE      override the scenario's 'default KEY VALUE'\n"
    "  --repeat N           write N copies back to back, each with its own\n"
    "                       initiator addresses, ports and ISNs, 1 s apart\n"
    "  --stats              print packets written, seconds and packets/s on stderr\n"
    "\n"
    "%s"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  the output could not be written (nothing is left behind); play: a\n"
    "     socket or capture operation failed on this host\n"
    "  2  bad command line, unknown scenario, or a malformed scenario\n"
    "     (reported as file:line:column: message; no output file); play: also\n"
    "     steps no socket can produce (each reported so; nothing is sent)\n"
    "  3  play: the peer did not do what the scenario expects (each difference\n"
    "     reported as file:line:column: role: connection: what differed)\n"
    "\n"
    "Never point play at a production MTA: it misbehaves on purpose.\n";

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
        return x4r_usage_error("show takes one scenario name%s", "");
    const x4r_builtin *b = x4r_builtin_find(argv[2]);
    if (!b)
        return x4r_usage_error("no built-in scenario named '%s' (see x400replay list)", argv[2]);
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
    x4r_setting sets[X4R_MAX_SETTINGS];
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
                return x4r_usage_error("%s needs a file name", arg);
            a->output = argv[++i];
        } else if (strcmp(arg, "--repeat") == 0) {
            if (!has_next)
                return x4r_usage_error("%s needs a count", arg);
            char *end;
            errno = 0;
            a->repeat = strtoul(argv[++i], &end, 10);
            if (errno || *end || a->repeat == 0 || a->repeat > 100000000ul || argv[i][0] == '-')
                return x4r_usage_error("--repeat %s: expected a count from 1 to 100000000", argv[i]);
        } else if (strcmp(arg, "--stats") == 0) {
            a->stats = true;
        } else {
            int rc = x4r_common_arg(argc, argv, &i, &a->scenario, a->sets, &a->n_sets);
            if (rc)
                return rc;
        }
    }
    if (!a->scenario)
        return x4r_usage_error("write needs a SCENARIO (a built-in name or a file)%s", "");
    if (!a->output)
        return x4r_usage_error("write needs -o FILE.pcap%s", "");
    return EXIT_OK;
}

static int cmd_write(int argc, char **argv)
{
    write_args a;
    int rc = parse_write_args(argc, argv, &a);
    if (rc != EXIT_OK)
        return rc;
    char err[1024];
    x4r_scenario *sc = x4r_scenario_load(a.scenario, a.sets, a.n_sets, err, sizeof err);
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
        return x4r_usage_error("missing command (list, write, show, play)%s", "");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        printf(usage_text, x4p_play_usage, x4p_play_options);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        puts("x400replay 0.1.0");
        return EXIT_OK;
    }
    if (strcmp(cmd, "list") == 0)
        return argc == 2 ? cmd_list() : x4r_usage_error("list takes no arguments%s", "");
    if (strcmp(cmd, "write") == 0)
        return cmd_write(argc, argv);
    if (strcmp(cmd, "show") == 0)
        return cmd_show(argc, argv);
    if (strcmp(cmd, "play") == 0)
        return x4p_cmd_play(argc, argv);
    return x4r_usage_error("unknown command '%s' (list, write, show, play)", cmd);
}
