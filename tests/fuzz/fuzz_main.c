/* The regression half of the fuzz targets, for any compiler: feeds every
 * file named on the command line (directories: every file in them, sorted)
 * through the target's LLVMFuzzerTestOneInput once.  A crash, sanitizer
 * report or broken invariant (X4F_CHECK traps) fails the run; the
 * slowest input is reported so a regression towards a hang shows. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

typedef struct {
    unsigned long inputs;
    double slowest;
    char slowest_name[4096];
} totals;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_file(const char *path, totals *t)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0, got;
    unsigned char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf)
        return -1;
    /* An exact-size copy, so a read past the input is past an allocation. */
    unsigned char *exact = malloc(n ? n : 1);
    memcpy(exact, buf, n);
    free(buf);
    double t0 = now();
    LLVMFuzzerTestOneInput(exact, n);
    double dt = now() - t0;
    free(exact);
    if (dt > t->slowest) {
        t->slowest = dt;
        snprintf(t->slowest_name, sizeof t->slowest_name, "%s", path);
    }
    t->inputs++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, totals *t)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && run_file(names[i], t) != 0)
            rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    totals t = {0};
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            rc = 1;
        } else if (S_ISDIR(st.st_mode) ? run_dir(argv[i], &t) : run_file(argv[i], &t)) {
            rc = 1;
        }
    }
    if (t.inputs == 0) {
        fputs("no input files\n", stderr);
        return 1;
    }
    printf("%lu inputs, slowest %.3f s (%s)\n", t.inputs, t.slowest, t.slowest_name);
    return rc;
}
