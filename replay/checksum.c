#include "checksum.h"

#include <string.h>

/* The one's complement sum does not depend on byte order (RFC 1071 2(B)):
 * add 64-bit native words with end-around carry, fold to 16 bits, and swap
 * to network order on a little-endian host. */
static bool host_is_little(void)
{
    const uint16_t one = 1;
    uint8_t b;
    memcpy(&b, &one, 1);
    return b == 1;
}

uint32_t x4r_csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    uint64_t acc = 0;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        acc += v;
        acc += acc < v; /* end-around carry */
        p += 8;
        n -= 8;
    }
    bool little = host_is_little();
    uint64_t tail = 0;
    while (n >= 2) {
        uint16_t w;
        memcpy(&w, p, 2);
        tail += w;
        p += 2;
        n -= 2;
    }
    if (n)
        tail += little ? p[0] : (uint16_t)(p[0] << 8);
    acc += tail;
    acc += acc < tail;
    /* fold 64 -> 16 bits */
    acc = (acc & 0xFFFFFFFFu) + (acc >> 32);
    acc = (acc & 0xFFFFFFFFu) + (acc >> 32);
    acc = (acc & 0xFFFF) + (acc >> 16);
    acc = (acc & 0xFFFF) + (acc >> 16);
    acc = (acc & 0xFFFF) + (acc >> 16);
    uint32_t w16 = (uint32_t)acc;
    if (little)
        w16 = ((w16 & 0xFF) << 8) | (w16 >> 8);
    uint32_t s = sum + w16;
    return (s & 0xFFFF) + (s >> 16);
}

uint16_t x4r_csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return (uint16_t)~sum;
}
