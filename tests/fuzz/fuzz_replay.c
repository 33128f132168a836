/* The whole replayer, scenario text to pcap bytes in memory: parse (with
 * the input's #!set and #!repeat lines), run the timeline into the pcap
 * writer on an open_memstream stream, then read the capture back.
 *
 * The oracle: a failed run gives a located error; a good one gives a pcap
 * whose every record is a whole Ethernet frame with correct IPv4 header,
 * TCP and ICMP checksums, in non-decreasing time, as many as the emitter
 * counted.  Runs are kept short by a budget of this harness (statements
 * and packets, below); the replayer's own limits (scenario.h) are what
 * keep the CLI bounded, and are fuzzed through the parser target and here. */
#include "checksum.h"
#include "emitter.h"
#include "fuzz_input.h"
#include "fuzz_text.h"
#include "pcap_out.h"
#include "timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_NAME "fuzz.x4s"
#define BUDGET_STATEMENTS 20000   /* per input, copies included */
#define BUDGET_PACKETS 100000

static uint32_t rd32le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

/* Sum of the TCP/ICMPv6 pseudo-header. */
static uint32_t pseudo(const uint8_t *src, const uint8_t *dst, size_t alen, uint8_t proto,
                       size_t len)
{
    uint32_t sum = x4r_csum_add(0, src, alen);
    sum = x4r_csum_add(sum, dst, alen);
    return sum + proto + (uint32_t)len;
}

/* The checksums of one frame verify (a correct checksum folds to 0). */
static void check_frame(const uint8_t *f, size_t len)
{
    X4F_CHECK(len >= 14 + 20);
    uint16_t type = rd16(f + 12);
    const uint8_t *ip = f + 14;
    size_t iplen = len - 14;
    if (type == 0x0800) {
        size_t hl = (size_t)(ip[0] & 15) * 4;
        X4F_CHECK(ip[0] >> 4 == 4 && hl >= 20 && rd16(ip + 2) == iplen);
        X4F_CHECK(x4r_csum_fold(x4r_csum_add(0, ip, hl)) == 0);
        const uint8_t *l4 = ip + hl;
        size_t l4len = iplen - hl;
        if (ip[9] == 6)
            X4F_CHECK(x4r_csum_fold(x4r_csum_add(pseudo(ip + 12, ip + 16, 4, 6, l4len), l4, l4len)) == 0);
        else
            X4F_CHECK(ip[9] == 1 && x4r_csum_fold(x4r_csum_add(0, l4, l4len)) == 0);
    } else {
        X4F_CHECK(type == 0x86DD && iplen >= 40 && rd16(ip + 4) == iplen - 40);
        X4F_CHECK(ip[6] == 6 || ip[6] == 58);
        size_t l4len = iplen - 40;
        uint32_t ps = pseudo(ip + 8, ip + 24, 16, ip[6], l4len);
        X4F_CHECK(x4r_csum_fold(x4r_csum_add(ps, ip + 40, l4len)) == 0);
    }
}

/* The capture libpcap wrote (microsecond pcap, little-endian host). */
static void check_pcap(const uint8_t *p, size_t n, uint64_t packets)
{
    X4F_CHECK(n >= 24 && rd32le(p) == 0xa1b2c3d4u);
    size_t off = 24;
    uint64_t last = 0, count = 0;
    while (off < n) {
        X4F_CHECK(n - off >= 16);
        uint64_t t = (uint64_t)rd32le(p + off) * 1000000u + rd32le(p + off + 4);
        uint32_t caplen = rd32le(p + off + 8), wirelen = rd32le(p + off + 12);
        X4F_CHECK(caplen == wirelen && caplen <= 65535 && n - off - 16 >= caplen);
        X4F_CHECK(t >= last);
        check_frame(p + off + 16, caplen);
        last = t;
        off += 16 + caplen;
        count++;
    }
    X4F_CHECK(count == packets);
}

static void run_to_memory(const x4r_scenario *sc, unsigned long repeat)
{
    char *buf = NULL, err[1024];
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    X4F_CHECK(fp != NULL);
    x4r_pcap *out = x4r_pcap_open_stream(fp, err, sizeof err);
    X4F_CHECK(out != NULL);
    static x4r_emitter em;  /* 64 KiB frame buffer: not on the stack */
    x4r_emitter_init(&em, x4r_pcap_frame, out);
    em.max_packets = BUDGET_PACKETS;
    if (x4r_run(sc, &em, repeat, err, sizeof err) != 0) {
        X4F_CHECK(x4f_located(err, FILE_NAME));
        x4r_pcap_abort(out);
    } else {
        X4F_CHECK(x4r_pcap_commit(out, err, sizeof err) == 0);
        check_pcap((const uint8_t *)buf, len, em.packets);
    }
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x4f_scenario_input in;
    if (!x4f_scenario_input_read(data, size, &in))
        return 0;
    char err[1024];
    x4r_scenario *sc = x4r_scenario_parse(FILE_NAME, in.text, in.sets, in.n_sets, err, sizeof err);
    if (!sc)
        X4F_CHECK(x4f_located(err, FILE_NAME));
    else if (sc->runs * in.repeat <= BUDGET_STATEMENTS)
        run_to_memory(sc, in.repeat);
    x4r_scenario_free(sc);
    x4f_scenario_input_free(&in);
    return 0;
}
