#include "play_socket.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool parse_port(const char *s, unsigned *port)
{
    char *end;
    if (!*s || strspn(s, "0123456789") != strlen(s))
        return false;
    unsigned long v = strtoul(s, &end, 10);
    if (v == 0 || v > 65535)
        return false;
    *port = (unsigned)v;
    return true;
}

static bool usable_unicast(const x4p_sockaddr *a)
{
    if (a->ss.ss_family == AF_INET) {
        uint32_t ip = ntohl(((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr);
        return ip != 0xFFFFFFFFu && (ip >> 28) != 0xE;   /* broadcast, multicast */
    }
    const struct in6_addr *ip6 = &((const struct sockaddr_in6 *)&a->ss)->sin6_addr;
    return !IN6_IS_ADDR_MULTICAST(ip6);
}

bool x4p_addr_parse(const char *text, bool port_only_ok, x4p_sockaddr *out, char *err, size_t errlen)
{
    char host[128];
    const char *port_s;
    memset(out, 0, sizeof *out);
    unsigned port;
    if (port_only_ok && parse_port(text, &port)) {
        x4p_addr_make(out, false, (const unsigned char *)"\0\0\0\0", port);
        return true;
    }
    if (text[0] == '[') {
        const char *close = strchr(text, ']');
        if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof host)
            goto bad;
        memcpy(host, text + 1, (size_t)(close - text - 1));
        host[close - text - 1] = '\0';
        port_s = close + 2;
    } else {
        const char *colon = strrchr(text, ':');
        if (!colon || strchr(text, ':') != colon || (size_t)(colon - text) >= sizeof host)
            goto bad;
        memcpy(host, text, (size_t)(colon - text));
        host[colon - text] = '\0';
        port_s = colon + 1;
    }
    if (!parse_port(port_s, &port))
        goto bad;
    struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_NUMERICSERV, .ai_socktype = SOCK_STREAM };
    struct addrinfo *ai = NULL;
    if (getaddrinfo(host, port_s, &hints, &ai) != 0 || !ai || ai->ai_next) {
        if (ai)
            freeaddrinfo(ai);
        goto bad;
    }
    memcpy(&out->ss, ai->ai_addr, ai->ai_addrlen);
    out->len = ai->ai_addrlen;
    freeaddrinfo(ai);
    if (!usable_unicast(out) || (!port_only_ok && x4p_addr_is_wildcard(out))) {
        snprintf(err, errlen, "%s: not the address of one host (wildcard, broadcast or multicast)", text);
        return false;
    }
    return true;
bad:
    snprintf(err, errlen, "%s: expected one numeric address and port, e.g. 192.0.2.10:102 or [2001:db8::10]:102%s",
             text, port_only_ok ? " (or a port alone)" : "");
    return false;
}

void x4p_addr_make(x4p_sockaddr *out, bool v6, const unsigned char *ip, unsigned port)
{
    memset(out, 0, sizeof *out);
    if (v6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&out->ss;
        s6->sin6_family = AF_INET6;
        memcpy(&s6->sin6_addr, ip, 16);
        out->len = sizeof *s6;
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&out->ss;
        s4->sin_family = AF_INET;
        memcpy(&s4->sin_addr, ip, 4);
        out->len = sizeof *s4;
    }
    x4p_addr_set_port(out, port);
}

void x4p_addr_set_port(x4p_sockaddr *a, unsigned port)
{
    if (a->ss.ss_family == AF_INET6)
        ((struct sockaddr_in6 *)&a->ss)->sin6_port = htons((uint16_t)port);
    else
        ((struct sockaddr_in *)&a->ss)->sin_port = htons((uint16_t)port);
}

unsigned x4p_addr_port(const x4p_sockaddr *a)
{
    return ntohs(a->ss.ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)&a->ss)->sin6_port
                                             : ((const struct sockaddr_in *)&a->ss)->sin_port);
}

void x4p_addr_format(const x4p_sockaddr *a, bool with_port, char *buf, size_t n)
{
    char ip[INET6_ADDRSTRLEN];
    bool v6 = a->ss.ss_family == AF_INET6;
    const void *raw = v6 ? (const void *)&((const struct sockaddr_in6 *)&a->ss)->sin6_addr
                         : (const void *)&((const struct sockaddr_in *)&a->ss)->sin_addr;
    inet_ntop(v6 ? AF_INET6 : AF_INET, raw, ip, sizeof ip);
    if (!with_port)
        snprintf(buf, n, "%s", ip);
    else
        snprintf(buf, n, v6 ? "[%s]:%u" : "%s:%u", ip, x4p_addr_port(a));
}

bool x4p_addr_is_wildcard(const x4p_sockaddr *a)
{
    if (a->ss.ss_family == AF_INET)
        return ((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr == htonl(INADDR_ANY);
    return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)&a->ss)->sin6_addr);
}

bool x4p_addr_is_loopback(const x4p_sockaddr *a)
{
    if (a->ss.ss_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr) >> 24) == 127;
    return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)&a->ss)->sin6_addr);
}

void x4p_sock_tune(int fd, unsigned mss, unsigned rcvbuf)
{
    int v = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v);
    if (mss) {
        v = (int)mss;
        setsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v);
    }
    if (rcvbuf) {
        v = (int)rcvbuf;
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
    }
}

static int tcp_socket(int family, char *err, size_t errlen)
{
    int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        snprintf(err, errlen, "socket: %s", strerror(errno));
    return fd;
}

static int fail_close(int fd, const char *what, const x4p_sockaddr *a, char *err, size_t errlen)
{
    char where[80];
    x4p_addr_format(a, true, where, sizeof where);
    snprintf(err, errlen, "%s %s: %s", what, where, strerror(errno));
    close(fd);
    return -1;
}

int x4p_sock_connect(const x4p_sockaddr *to, const x4p_sockaddr *from, unsigned mss, unsigned rcvbuf,
                     char *err, size_t errlen)
{
    int fd = tcp_socket(to->ss.ss_family, err, errlen);
    if (fd < 0)
        return -1;
    x4p_sock_tune(fd, mss, rcvbuf);
    if (from && from->ss.ss_family) {
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (const struct sockaddr *)&from->ss, from->len) != 0)
            return fail_close(fd, "bind", from, err, errlen);
    }
    if (connect(fd, (const struct sockaddr *)&to->ss, to->len) != 0 && errno != EINPROGRESS)
        return fail_close(fd, "connect", to, err, errlen);
    return fd;
}

int x4p_sock_error(int fd)
{
    int e = 0;
    socklen_t n = sizeof e;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &n) != 0)
        return errno;
    return e;
}

int x4p_sock_connect_result(int fd)
{
    return x4p_sock_error(fd);
}

int x4p_sock_listen(const x4p_sockaddr *at, unsigned mss, unsigned rcvbuf, char *err, size_t errlen)
{
    int fd = tcp_socket(at->ss.ss_family, err, errlen);
    if (fd < 0)
        return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    x4p_sock_tune(fd, mss, rcvbuf);
    if (bind(fd, (const struct sockaddr *)&at->ss, at->len) != 0)
        return fail_close(fd, "bind", at, err, errlen);
    if (listen(fd, 16) != 0)
        return fail_close(fd, "listen", at, err, errlen);
    return fd;
}

int x4p_sock_accept(int listen_fd)
{
    int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    return fd;
}

int x4p_sock_fin(int fd)
{
    return shutdown(fd, SHUT_WR) == 0 ? 0 : errno;
}

void x4p_sock_reset(int fd)
{
    struct linger l = { .l_onoff = 1, .l_linger = 0 };
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}
