/* The capture file: libpcap (pcap_open_dead + a dumper) writing Ethernet
 * frames, or a live capture's records, to a temporary file beside the
 * target, renamed over the target only by x4r_pcap_commit, so a failed run
 * leaves no partial output; or to a stream (the fuzz target's memory). */
#ifndef X4R_PCAP_OUT_H
#define X4R_PCAP_OUT_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct x4r_pcap x4r_pcap;

/* NULL on failure with a message in err. */
x4r_pcap *x4r_pcap_open(const char *path, char *err, size_t errlen);
/* The same file for a live capture: its link type and snap length. */
x4r_pcap *x4r_pcap_open_like(const char *path, pcap_t *live, char *err, size_t errlen);
/* One captured record as libpcap delivered it. */
void x4r_pcap_dump_record(x4r_pcap *o, const struct pcap_pkthdr *h, const unsigned char *bytes);
/* Writes one frame stamped t_us (microseconds since the epoch).  A write
 * error is reported by x4r_pcap_commit (libpcap's dumper buffers). */
void x4r_pcap_write(x4r_pcap *o, uint64_t t_us, const uint8_t *frame, size_t len);
/* The same capture written to a stream the writer then owns (closed by
 * commit or abort): open_memstream gives the pcap bytes in memory. */
x4r_pcap *x4r_pcap_open_stream(FILE *fp, char *err, size_t errlen);
/* x4r_pcap_write as an emitter callback (x4r_frame_fn, ctx the writer). */
void x4r_pcap_frame(void *ctx, uint64_t t_us, const uint8_t *frame, size_t len);
/* Flushes, closes and renames; 0 or -1 (then the temp file is removed). */
int x4r_pcap_commit(x4r_pcap *o, char *err, size_t errlen);
/* Closes and removes the temporary file. */
void x4r_pcap_abort(x4r_pcap *o);

#endif
