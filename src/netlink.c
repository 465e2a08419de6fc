/* SPDX-License-Identifier: MIT */
/*
 * netlink.c - follow tunnel interfaces and host routes over rtnetlink
 * (RTMGRP_LINK, RTMGRP_IPV4_ROUTE, RTMGRP_IPV6_ROUTE).
 *
 * A link is a tunnel when the kernel says so: ARPHRD_NONE (tun, WireGuard),
 * IP tunnels (IPIP, IP6TNL, SIT, GRE, IP6GRE), ARPHRD_PPP, or the
 * point-to-point flag.  It is up when IFF_UP and IFF_RUNNING are both set
 * (a WireGuard or tun device whose process died loses RUNNING, or the
 * device itself).  Only changes are reported: the last state of each
 * tunnel seen is kept in a small table.  Messages are walked with the
 * kernel's NLMSG/RTA macros, bounded by what recv returned.
 *
 * Routes: while a tunnel interface exists, a unicast host route (/32,
 * /128) through a gateway on another interface goes around the tunnel:
 * either the path to the VPN server (OpenVPN's redirect-gateway def1) or a
 * split route, through which traffic leaks.  Such routes, added and
 * removed, go to the route callback.  The link dump is answered first, then the route
 * dump is asked for (one dump at a time per socket).
 */
#include <errno.h>
#include <linux/if_arp.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "netlink.h"

#define NL_MAX_TUNNELS	32

struct tun_state {
	int	ifindex;
	char	name[NL_NAME_MAX];
	bool	up;
};

struct ls_nl {
	int			fd;
	unsigned		seq;
	struct tun_state	t[NL_MAX_TUNNELS];
	size_t			n;
	bool			want_routes;
	nl_route_fn		route_fn;
	/* one recv's messages */
	char			buf[16384] __attribute__((aligned(NLMSG_ALIGNTO)));
};

struct ls_nl *
nl_open(void)
{
	struct sockaddr_nl sa;
	struct ls_nl *nl = calloc(1, sizeof(*nl));

	if (nl == NULL)
		return NULL;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    NETLINK_ROUTE);
	if (nl->fd < 0) {
		fprintf(stderr, "leaksniff: rtnetlink: %s: tunnel state from "
		    "traffic only\n", strerror(errno));
		free(nl);
		return NULL;
	}
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_ROUTE;
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		fprintf(stderr, "leaksniff: rtnetlink: %s: tunnel state from "
		    "traffic only\n", strerror(errno));
		close(nl->fd);
		free(nl);
		return NULL;
	}
	return nl;
}

int
nl_fd(const struct ls_nl *nl)
{
	return nl->fd;
}

void
nl_set_route_fn(struct ls_nl *nl, nl_route_fn fn)
{
	nl->route_fn = fn;
}

static void
dump(struct ls_nl *nl, uint16_t type)
{
	struct {
		struct nlmsghdr		h;
		struct rtgenmsg		g;
	} req;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = NLMSG_LENGTH(sizeof(req.g));
	req.h.nlmsg_type = type;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = ++nl->seq;
	req.g.rtgen_family = AF_UNSPEC;
	if (send(nl->fd, &req, req.h.nlmsg_len, 0) < 0)
		fprintf(stderr, "leaksniff: rtnetlink: dump: %s\n",
		    strerror(errno));
}

void
nl_request_dump(struct ls_nl *nl)
{
	dump(nl, RTM_GETLINK);
	nl->want_routes = nl->route_fn != NULL;
}

static struct tun_state *
find(struct ls_nl *nl, int ifindex)
{
	for (size_t k = 0; k < nl->n; k++)
		if (nl->t[k].ifindex == ifindex)
			return &nl->t[k];
	return NULL;
}

static void
handle_route(struct ls_nl *nl, const struct nlmsghdr *h, void *arg)
{
	const struct rtmsg *r;
	const struct rtattr *a;
	int len, oif = 0;
	bool gw = false, have_dst = false;
	uint32_t table;
	struct ls_addr dst;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*r)))
		return;
	r = NLMSG_DATA(h);
	table = r->rtm_table;
	if (r->rtm_type != RTN_UNICAST ||
	    !((r->rtm_family == AF_INET && r->rtm_dst_len == 32) ||
	    (r->rtm_family == AF_INET6 && r->rtm_dst_len == 128)))
		return;
	len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*r)));
	for (a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		size_t n = RTA_PAYLOAD(a);
		switch (a->rta_type) {
		case RTA_DST:
			if (n == 4) {
				addr_from_v4(&dst, RTA_DATA(a));
				have_dst = true;
			} else if (n == 16) {
				addr_from_v6(&dst, RTA_DATA(a));
				have_dst = true;
			}
			break;
		case RTA_GATEWAY:
			gw = true;
			break;
		case RTA_OIF:
			if (n == sizeof(int))
				memcpy(&oif, RTA_DATA(a), sizeof(int));
			break;
		case RTA_TABLE:
			if (n == sizeof(table))
				memcpy(&table, RTA_DATA(a), sizeof(table));
			break;
		}
	}
	if (!have_dst || !gw || oif == 0 || table == RT_TABLE_LOCAL)
		return;
	if (find(nl, oif) != NULL)
		return;			/* into a tunnel, not around it */
	if (h->nlmsg_type == RTM_NEWROUTE && nl->n == 0)
		return;			/* no VPN: an ordinary static route */
	nl->route_fn(&dst, oif, h->nlmsg_type == RTM_NEWROUTE, arg);
}

static bool
is_tunnel(const struct ifinfomsg *i)
{
	switch (i->ifi_type) {
	case ARPHRD_NONE: case ARPHRD_TUNNEL: case ARPHRD_TUNNEL6:
	case ARPHRD_SIT: case ARPHRD_IPGRE: case ARPHRD_IP6GRE:
	case ARPHRD_PPP:
		return true;
	default:
		return (i->ifi_flags & IFF_POINTOPOINT) != 0;
	}
}

static void
handle(struct ls_nl *nl, const struct nlmsghdr *h, nl_tunnel_fn fn, void *arg)
{
	const struct ifinfomsg *i;
	const struct rtattr *a;
	int len;
	char name[NL_NAME_MAX] = "";

	if ((h->nlmsg_type == RTM_NEWROUTE || h->nlmsg_type == RTM_DELROUTE) &&
	    nl->route_fn != NULL) {
		handle_route(nl, h, arg);
		return;
	}
	if (h->nlmsg_type != RTM_NEWLINK && h->nlmsg_type != RTM_DELLINK)
		return;
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*i)))
		return;
	i = NLMSG_DATA(h);
	len = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(*i)));
	for (a = IFLA_RTA(i); RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == IFLA_IFNAME) {
			size_t n = RTA_PAYLOAD(a);
			if (n >= sizeof(name))
				n = sizeof(name) - 1;
			memcpy(name, RTA_DATA(a), n);
			name[n] = '\0';
		}
	struct tun_state *t = find(nl, i->ifi_index);
	bool up = h->nlmsg_type == RTM_NEWLINK &&
	    (i->ifi_flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING);
	if (t == NULL) {
		if (h->nlmsg_type == RTM_DELLINK || !is_tunnel(i) ||
		    nl->n == NL_MAX_TUNNELS)
			return;
		t = &nl->t[nl->n++];
		t->ifindex = i->ifi_index;
		snprintf(t->name, sizeof(t->name), "%s", name);
		t->up = up;
		fn(t->name, up, arg);
		return;
	}
	if (t->up != up) {
		t->up = up;
		fn(t->name, up, arg);
	}
	if (h->nlmsg_type == RTM_DELLINK)
		*t = nl->t[--nl->n];
}

void
nl_read(struct ls_nl *nl, nl_tunnel_fn fn, void *arg)
{
	char *buf = nl->buf;

	for (;;) {
		ssize_t n = recv(nl->fd, buf, sizeof(nl->buf), 0);
		if (n <= 0)
			return;
		/* NLMSG_OK/NLMSG_NEXT, spelled out with sizes */
		size_t off = 0, len = (size_t)n;
		while (off + sizeof(struct nlmsghdr) <= len) {
			struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
			if (h->nlmsg_len < sizeof(*h) || h->nlmsg_len > len - off)
				break;
			if (h->nlmsg_type == NLMSG_DONE ||
			    h->nlmsg_type == NLMSG_ERROR) {
				if (h->nlmsg_type == NLMSG_DONE &&
				    nl->want_routes) {
					nl->want_routes = false;
					dump(nl, RTM_GETROUTE);
				}
				break;
			}
			handle(nl, h, fn, arg);
			off += NLMSG_ALIGN(h->nlmsg_len);
		}
	}
}

void
nl_close(struct ls_nl *nl)
{
	if (nl == NULL)
		return;
	close(nl->fd);
	free(nl);
}
