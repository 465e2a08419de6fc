/* SPDX-License-Identifier: MIT */
/*
 * netlink.h - tunnel interfaces as the kernel reports them (rtnetlink):
 * which exist and are up, as they change.
 */
#ifndef NETLINK_H
#define NETLINK_H

#include <stdbool.h>

#define NL_NAME_MAX	16

struct ls_nl;

/* A tunnel interface changed: appeared/up (up = true) or down/gone. */
struct ls_addr;

typedef void (*nl_tunnel_fn)(const char *name, bool up, void *arg);
/* A host route around the tunnel to dst, out of interface oif. */
typedef void (*nl_route_fn)(const struct ls_addr *dst, int oif, bool add,
    void *arg);

/* Subscribe to link changes; NULL (and a message) when not possible. */
struct ls_nl	*nl_open(void);
int		 nl_fd(const struct ls_nl *);
/* Ask for a dump of every link (the starting state). */
void		 nl_set_route_fn(struct ls_nl *, nl_route_fn fn);
void		 nl_request_dump(struct ls_nl *);
/* Read what is there, calling fn for each tunnel interface change. */
void		 nl_read(struct ls_nl *, nl_tunnel_fn fn, void *arg);
void		 nl_close(struct ls_nl *);

#endif /* NETLINK_H */
