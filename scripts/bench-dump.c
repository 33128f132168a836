/* Helper of scripts/bench-replay.
 *   bench-dump IN.pcap OUT.pcap   the bare libpcap loop to compare with: reads
 *                                 every record of IN into memory, then times one
 *                                 pcap_dump loop writing them all to OUT
 *                                 (pcap_open_dead + pcap_dump_open); prints
 *                                 "records seconds"
 *   bench-dump --maxrss CMD...    runs CMD and prints its peak resident set
 *                                 size in KB (getrusage of the child) */
#define _DEFAULT_SOURCE
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int maxrss(char **cmd)
{
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        execvp(cmd[0], cmd);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "bench-dump: %s failed\n", cmd[0]);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("%ld\n", ru.ru_maxrss);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "--maxrss") == 0)
        return maxrss(argv + 2);
    if (argc != 3) {
        fprintf(stderr, "usage: bench-dump IN.pcap OUT.pcap\n");
        return 2;
    }
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *in = pcap_open_offline(argv[1], err);
    if (!in) {
        fprintf(stderr, "bench-dump: %s\n", err);
        return 1;
    }
    size_t n = 0, cap = 1024;
    struct pcap_pkthdr *hdrs = malloc(cap * sizeof *hdrs);
    u_char **data = malloc(cap * sizeof *data);
    struct pcap_pkthdr *h;
    const u_char *d;
    while (pcap_next_ex(in, &h, &d) == 1) {
        if (n == cap) {
            cap *= 2;
            hdrs = realloc(hdrs, cap * sizeof *hdrs);
            data = realloc(data, cap * sizeof *data);
        }
        hdrs[n] = *h;
        data[n] = malloc(h->caplen);
        memcpy(data[n], d, h->caplen);
        n++;
    }
    pcap_close(in);
    pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pcap_dumper_t *out = pcap_dump_open(dead, argv[2]);
    if (!out) {
        fprintf(stderr, "bench-dump: %s\n", pcap_geterr(dead));
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        pcap_dump((u_char *)out, &hdrs[i], data[i]);
    pcap_dump_close(out);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%zu %.6f\n", n, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
