#include "frame.h"
#include "checksum.h"

#include <arpa/inet.h>
#include <string.h>

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);  p[3] = (uint8_t)v;
}

static size_t build_ether(uint8_t *p, const x4r_segment *s)
{
    memcpy(p, s->dst->mac, 6);
    memcpy(p + 6, s->src->mac, 6);
    put16(p + 12, s->src->v6 ? 0x86DD : 0x0800);
    return 14;
}

static size_t tcp_header_len(const x4r_segment *s) { return s->mss ? 24 : 20; }

static size_t build_ipv4(uint8_t *p, const x4r_segment *s, size_t tcp_len)
{
    p[0] = 0x45;
    p[1] = 0;
    put16(p + 2, (uint16_t)(20 + tcp_len));
    put16(p + 4, s->ip_id);
    put16(p + 6, 0x4000); /* DF */
    p[8] = 128;           /* TTL */
    p[9] = 6;             /* TCP */
    put16(p + 10, 0);
    memcpy(p + 12, s->src->ip, 4);
    memcpy(p + 16, s->dst->ip, 4);
    put16(p + 10, x4r_csum_fold(x4r_csum_add(0, p, 20)));
    return 20;
}

static size_t build_ipv6(uint8_t *p, const x4r_segment *s, size_t tcp_len)
{
    put32(p, 0x60000000u);
    put16(p + 4, (uint16_t)tcp_len);
    p[6] = 6;
    p[7] = 64;
    memcpy(p + 8, s->src->ip, 16);
    memcpy(p + 24, s->dst->ip, 16);
    return 40;
}

static uint32_t pseudo_sum(const x4r_segment *s, size_t tcp_len)
{
    size_t alen = s->src->v6 ? 16 : 4;
    uint32_t sum = x4r_csum_add(0, s->src->ip, alen);
    sum = x4r_csum_add(sum, s->dst->ip, alen);
    return sum + 6 + (uint32_t)(tcp_len & 0xFFFF) + (uint32_t)(tcp_len >> 16);
}

static void build_tcp(uint8_t *p, const x4r_segment *s, size_t hlen)
{
    put16(p, s->sport);
    put16(p + 2, s->dport);
    put32(p + 4, s->seq);
    put32(p + 8, s->ack);
    p[12] = (uint8_t)((hlen / 4) << 4);
    p[13] = s->flags;
    put16(p + 14, s->window);
    put16(p + 16, 0);
    put16(p + 18, 0);
    if (s->mss) {
        p[20] = 2;
        p[21] = 4;
        put16(p + 22, s->mss);
    }
    if (s->len)
        memcpy(p + hlen, s->payload, s->len);
    uint32_t sum = x4r_csum_add(pseudo_sum(s, hlen + s->len), p, hlen + s->len);
    put16(p + 16, x4r_csum_fold(sum));
}

/* ICMPv6 codes for the ICMPv4 ones the language names. */
static uint8_t icmp6_code(uint8_t v4)
{
    switch (v4) {
    case 0: return 0;  /* no route */
    case 13: return 1; /* administratively prohibited */
    case 1: return 3;  /* address unreachable */
    default: return 4; /* port unreachable */
    }
}

size_t x4r_frame_build_icmp(uint8_t *out, const x4r_icmp *m)
{
    x4r_segment hdr = { .src = m->src, .dst = m->dst, .ip_id = m->ip_id };
    size_t icmp_len = 8 + m->qlen;
    size_t off = build_ether(out, &hdr);
    uint8_t *ip = out + off;
    off += m->src->v6 ? build_ipv6(ip, &hdr, icmp_len) : build_ipv4(ip, &hdr, icmp_len);
    uint8_t *ic = out + off;
    ic[0] = m->src->v6 ? 1 : 3; /* destination unreachable */
    ic[1] = m->src->v6 ? icmp6_code(m->code) : m->code;
    memset(ic + 2, 0, 6);
    memcpy(ic + 8, m->quoted, m->qlen);
    uint32_t sum = 0;
    if (m->src->v6) {
        ip[6] = 58; /* next header ICMPv6 */
        sum = x4r_csum_add(0, m->src->ip, 16);
        sum = x4r_csum_add(sum, m->dst->ip, 16);
        sum += 58 + (uint32_t)icmp_len;
    } else {
        ip[9] = 1; /* ICMP */
        put16(ip + 10, 0);
        put16(ip + 10, x4r_csum_fold(x4r_csum_add(0, ip, 20)));
    }
    put16(ic + 2, x4r_csum_fold(x4r_csum_add(sum, ic, icmp_len)));
    return off + icmp_len;
}

size_t x4r_frame_build(uint8_t *out, const x4r_segment *s)
{
    size_t hlen = tcp_header_len(s);
    size_t tcp_len = hlen + s->len;
    size_t off = build_ether(out, s);
    off += s->src->v6 ? build_ipv6(out + off, s, tcp_len) : build_ipv4(out + off, s, tcp_len);
    build_tcp(out + off, s, hlen);
    return off + tcp_len;
}

void x4r_addr_default_mac(x4r_addr *a)
{
    const uint8_t *ip = a->v6 ? a->ip + 12 : a->ip;
    a->mac[0] = 0x0A; /* locally administered, unicast, no vendor (nor NLB) name */
    a->mac[1] = a->v6 ? 0x56 : 0x58;
    memcpy(a->mac + 2, ip, 4);
}

bool x4r_addr_parse(x4r_addr *a, const char *text)
{
    memset(a, 0, sizeof *a);
    if (inet_pton(AF_INET, text, a->ip) == 1) {
        a->v6 = false;
    } else if (inet_pton(AF_INET6, text, a->ip) == 1) {
        a->v6 = true;
    } else {
        return false;
    }
    x4r_addr_default_mac(a);
    return true;
}

void x4r_addr_offset(x4r_addr *a, uint32_t k)
{
    uint8_t *p = a->v6 ? a->ip + 12 : a->ip;
    uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    put32(p, v + k);
}
