#include "pcap_out.h"
#include "bytebuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <pcap/pcap.h>
#include <stdio.h>
#ifdef __GLIBC__
#include <stdio_ext.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define X4R_STDIO_BUFFER (1u << 20)

struct x4r_pcap {
    bool direct;        /* written in place: not a regular file (/dev/null, a FIFO), or a stream */
    pcap_t *dead;
    pcap_dumper_t *dumper;
    FILE *fp;
    char *path, *tmp;
    char *iobuf;
};

static void cleanup(x4r_pcap *o)
{
    if (o->dumper)
        pcap_dump_close(o->dumper); /* also closes fp */
    else if (o->fp)
        fclose(o->fp);
    if (o->dead)
        pcap_close(o->dead);
    free(o->iobuf);
    free(o->path);
    free(o->tmp);
    free(o);
}

static mode_t default_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* A device or FIFO is written in place: renaming over it would replace it. */
static bool is_special(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

static int open_target(x4r_pcap *o, const char *path)
{
    if (is_special(path)) {
        o->direct = true;
        o->tmp = x4r_xstrdup(path);
        return open(path, O_WRONLY);
    }
    size_t n = strlen(path) + 16;
    o->tmp = x4r_xrealloc(NULL, n);
    snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd >= 0)
        fchmod(fd, default_file_mode());
    return fd;
}

static void discard(x4r_pcap *o)
{
    if (!o->direct)
        unlink(o->tmp);
}

/* The pcap header on o->fp, in the link type and snap length of `format`,
 * or of a dead Ethernet handle (the synthesiser's frames) when it is NULL;
 * false (o cleaned up) with a message in err. */
static bool start_dumper(x4r_pcap *o, pcap_t *format, char *err, size_t errlen)
{
#ifdef __GLIBC__
    __fsetlocking(o->fp, FSETLOCKING_BYCALLER); /* one thread: no lock per fwrite */
#endif
    if (!format)
        format = o->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535, PCAP_TSTAMP_PRECISION_MICRO);
    o->dumper = format ? pcap_dump_fopen(format, o->fp) : NULL;
    if (!o->dumper) {
        snprintf(err, errlen, "%s: cannot start the capture: %s", o->path,
                 format ? pcap_geterr(format) : "pcap_open_dead failed");
        discard(o);
        cleanup(o);
        return false;
    }
    return true;
}

static x4r_pcap *open_for(const char *path, pcap_t *format, char *err, size_t errlen)
{
    x4r_pcap *o = x4r_xcalloc(1, sizeof *o);
    o->path = x4r_xstrdup(path);
    int fd = open_target(o, path);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create %s: %s", path,
                 o->direct ? "the output" : "a temporary file beside it", strerror(errno));
        cleanup(o);
        return NULL;
    }
    o->fp = fdopen(fd, "wb");
    o->iobuf = x4r_xrealloc(NULL, X4R_STDIO_BUFFER);
    setvbuf(o->fp, o->iobuf, _IOFBF, X4R_STDIO_BUFFER);
    return start_dumper(o, format, err, errlen) ? o : NULL;
}

x4r_pcap *x4r_pcap_open_stream(FILE *fp, char *err, size_t errlen)
{
    x4r_pcap *o = x4r_xcalloc(1, sizeof *o);
    o->path = x4r_xstrdup("(stream)");
    o->direct = true;
    o->fp = fp;
    return start_dumper(o, NULL, err, errlen) ? o : NULL;
}

x4r_pcap *x4r_pcap_open(const char *path, char *err, size_t errlen)
{
    return open_for(path, NULL, err, errlen);
}

x4r_pcap *x4r_pcap_open_like(const char *path, pcap_t *live, char *err, size_t errlen)
{
    return open_for(path, live, err, errlen);
}

void x4r_pcap_dump_record(x4r_pcap *o, const struct pcap_pkthdr *h, const unsigned char *bytes)
{
    pcap_dump((u_char *)o->dumper, h, bytes);
}

void x4r_pcap_write(x4r_pcap *o, uint64_t t_us, const uint8_t *frame, size_t len)
{
    struct pcap_pkthdr h;
    h.ts.tv_sec = (time_t)(t_us / 1000000u);
    h.ts.tv_usec = (suseconds_t)(t_us % 1000000u);
    h.caplen = h.len = (bpf_u_int32)len;
    x4r_pcap_dump_record(o, &h, frame);
}

void x4r_pcap_frame(void *ctx, uint64_t t_us, const uint8_t *frame, size_t len)
{
    x4r_pcap_write(ctx, t_us, frame, len);
}

int x4r_pcap_commit(x4r_pcap *o, char *err, size_t errlen)
{
    int rc = 0;
    if (pcap_dump_flush(o->dumper) != 0 || ferror(o->fp)) {
        snprintf(err, errlen, "%s: write error: %s", o->path, strerror(errno));
        rc = -1;
    }
    pcap_dump_close(o->dumper);
    o->dumper = NULL;
    o->fp = NULL;
    if (rc == 0 && !o->direct && rename(o->tmp, o->path) != 0) {
        snprintf(err, errlen, "%s: cannot rename the temporary file: %s", o->path, strerror(errno));
        rc = -1;
    }
    if (rc != 0)
        discard(o);
    cleanup(o);
    return rc;
}

void x4r_pcap_abort(x4r_pcap *o)
{
    if (!o)
        return;
    if (o->dumper) {
        pcap_dump_close(o->dumper);
        o->dumper = NULL;
        o->fp = NULL;
    }
    discard(o);
    cleanup(o);
}

