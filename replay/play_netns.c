#include "play_netns.h"

#include <errno.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* Offloads of lo that would put one 64 KB "segment" in the capture where a
 * wire carries MSS-sized ones: TCP and generic segmentation.  (Transmit
 * checksumming is fixed on lo: its captured TCP checksums stay the partial
 * ones the kernel leaves to a NIC, as on any host that offloads them.) */
static const uint32_t offloads_off[] = { ETHTOOL_STSO, ETHTOOL_SGSO };

static bool ethtool_off(int fd, uint32_t cmd)
{
    struct ethtool_value v = { .cmd = cmd, .data = 0 };
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
    ifr.ifr_data = (char *)&v;
    return ioctl(fd, SIOCETHTOOL, &ifr) == 0;
}

bool x4p_netns_enter(bool *offload_off, char *err, size_t errlen)
{
    *offload_off = false;
    if (unshare(CLONE_NEWNET) != 0) {
        snprintf(err, errlen, "no private network namespace: %s", strerror(errno));
        return false;
    }
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
    if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) != 0) {
        snprintf(err, errlen, "the new namespace's lo: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(fd, SIOCSIFFLAGS, &ifr) != 0) {
        snprintf(err, errlen, "bringing up the new namespace's lo: %s", strerror(errno));
        close(fd);
        return false;
    }
    bool all = true;
    for (size_t i = 0; i < sizeof offloads_off / sizeof offloads_off[0]; i++)
        all = ethtool_off(fd, offloads_off[i]) && all;
    *offload_off = all;
    close(fd);
    return true;
}
