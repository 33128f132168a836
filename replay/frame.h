/* Ethernet + IPv4/IPv6 + TCP framing of one segment, checksums included. */
#ifndef X4R_FRAME_H
#define X4R_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    bool v6;
    uint8_t ip[16];  /* IPv4 uses the first 4 bytes */
    uint8_t mac[6];
} x4r_addr;

enum {
    X4R_FIN = 0x01, X4R_SYN = 0x02, X4R_RST = 0x04,
    X4R_PSH = 0x08, X4R_ACK = 0x10
};

typedef struct {
    const x4r_addr *src, *dst;
    uint16_t sport, dport;
    uint32_t seq, ack;
    uint8_t flags;
    uint16_t window;
    uint16_t mss;      /* MSS option when non-zero (SYN segments) */
    uint16_t ip_id;    /* IPv4 identification */
    const uint8_t *payload;
    size_t len;
} x4r_segment;

/* Largest frame x4r_frame_build writes: Ethernet + IPv6 + TCP(+MSS) + 64 KiB. */
#define X4R_FRAME_MAX (14 + 40 + 24 + 65535)

/* Writes the whole Ethernet frame into out (X4R_FRAME_MAX bytes); returns
 * its length. */
size_t x4r_frame_build(uint8_t *out, const x4r_segment *seg);

/* An ICMP (IPv4) or ICMPv6 destination-unreachable message quoting the
 * start of an offending datagram. */
typedef struct {
    const x4r_addr *src, *dst;
    uint8_t code;          /* ICMPv4 code (0 net, 1 host, 2 protocol, 3 port, 13 admin) */
    uint16_t ip_id;
    const uint8_t *quoted; /* the offending IP datagram's first bytes */
    size_t qlen;
} x4r_icmp;

size_t x4r_frame_build_icmp(uint8_t *out, const x4r_icmp *m);

/* Derives a locally administered MAC from the IP address: 0A:58 + IPv4,
 * 0A:56 + the last 4 bytes of IPv6. */
void x4r_addr_default_mac(x4r_addr *a);

/* Parses a dotted IPv4 or an IPv6 text address; false when invalid. */
bool x4r_addr_parse(x4r_addr *a, const char *text);
/* Adds k to the address (IPv4: the whole 32 bits; IPv6: the last 32 bits). */
void x4r_addr_offset(x4r_addr *a, uint32_t k);

#endif
