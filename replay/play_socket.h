/* The socket operations of a live play, one function each: addresses given
 * on the command line, a connect or listen with the scenario's MSS and
 * receive buffer, FIN (shutdown for writing), reset (SO_LINGER 0 and close).
 * Every socket is non-blocking and has TCP_NODELAY, so each send leaves at
 * the scenario's time instead of waiting for Nagle. */
#ifndef X4P_PLAY_SOCKET_H
#define X4P_PLAY_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

typedef struct {
    struct sockaddr_storage ss;
    socklen_t len;
} x4p_sockaddr;

/* Parses one explicit numeric address: "ADDR:PORT", "[V6]:PORT", or with
 * port_only_ok a bare "PORT" (the wildcard address).  No names, ranges,
 * wildcards (unless port_only_ok), multicast or broadcast. */
bool x4p_addr_parse(const char *text, bool port_only_ok, x4p_sockaddr *out, char *err, size_t errlen);
/* From a family and raw address bytes (4 or 16) and a port. */
void x4p_addr_make(x4p_sockaddr *out, bool v6, const unsigned char *ip, unsigned port);
void x4p_addr_set_port(x4p_sockaddr *a, unsigned port);
unsigned x4p_addr_port(const x4p_sockaddr *a);
/* "127.0.0.2:102", "[::1]:102"; host only without the port when !with_port. */
void x4p_addr_format(const x4p_sockaddr *a, bool with_port, char *buf, size_t n);
bool x4p_addr_is_wildcard(const x4p_sockaddr *a);
bool x4p_addr_is_loopback(const x4p_sockaddr *a);

/* A connect in progress to `to` (from `from` when its family is set), with
 * TCP_MAXSEG mss and SO_RCVBUF rcvbuf (0: the kernel's).  -1 and err. */
int x4p_sock_connect(const x4p_sockaddr *to, const x4p_sockaddr *from, unsigned mss, unsigned rcvbuf,
                     char *err, size_t errlen);
/* 0 when the connect completed, else its errno. */
int x4p_sock_connect_result(int fd);
/* A listening socket (SO_REUSEADDR); -1 and err. */
int x4p_sock_listen(const x4p_sockaddr *at, unsigned mss, unsigned rcvbuf, char *err, size_t errlen);
/* What the next accepted connection inherits: window scale and MSS are
 * fixed at the SYN, so the listener carries them. */
void x4p_sock_tune(int fd, unsigned mss, unsigned rcvbuf);
/* The next pending connection (non-blocking, TCP_NODELAY), or -1. */
int x4p_sock_accept(int listen_fd);
/* FIN: shutdown(SHUT_WR).  0 or errno. */
int x4p_sock_fin(int fd);
/* RST: SO_LINGER {1, 0} then close. */
void x4p_sock_reset(int fd);
/* The pending socket error (SO_ERROR), 0 if none. */
int x4p_sock_error(int fd);

#endif
