/* SPDX-License-Identifier: MIT */
/*
 * wgnl.c - kernel WireGuard endpoint query over generic netlink; see wgnl.h.
 *
 * Two requests: CTRL_CMD_GETFAMILY for the "wireguard" family id, then a
 * WG_CMD_GET_DEVICE dump for one interface.  Every answer byte is read
 * through a cursor, netlink attribute by attribute; only peer endpoints
 * are looked at (never keys).  Each answer must come within 300 ms.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/wireguard.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "cursor.h"
#include "wgnl.h"

#define WGNL_BUF	65536
#define WGNL_WAIT_MS	300

/* Netlink integers are in host byte order. */
static uint16_t
cur_h16(struct ls_cursor *c)
{
	uint16_t v;

	cur_bytes(c, &v, sizeof(v));
	return v;
}

static uint32_t
cur_h32(struct ls_cursor *c)
{
	uint32_t v;

	cur_bytes(c, &v, sizeof(v));
	return v;
}

/* The next attribute of c: its type and a cursor over its value.  False at
 * the end; at a malformed attribute also sets c's short_read flag. */
static bool
nla_next(struct ls_cursor *c, uint16_t *type, struct ls_cursor *val)
{
	bool trunc;

	if (cur_remaining(c) < NLA_HDRLEN) {
		if (cur_remaining(c) > 0)
			cur_fail(c);
		return false;
	}
	uint16_t len = cur_h16(c);
	*type = cur_h16(c) & NLA_TYPE_MASK;
	if (len < NLA_HDRLEN) {
		cur_fail(c);
		return false;
	}
	*val = cur_sub(c, (size_t)len - NLA_HDRLEN, &trunc);
	if (trunc) {
		cur_fail(c);
		return false;
	}
	size_t pad = NLA_ALIGN(len) - len;
	cur_skip(c, pad < cur_remaining(c) ? pad : cur_remaining(c));
	return true;
}

/* struct sockaddr_in or sockaddr_in6, as WGPEER_A_ENDPOINT holds it. */
static bool
endpoint(struct ls_cursor v, struct ls_endpoint *ep)
{
	uint8_t a[16];
	uint16_t fam = cur_h16(&v);

	memset(ep, 0, sizeof(*ep));
	ep->port = cur_be16(&v);
	ep->proto = IPPROTO_UDP;
	if (fam == AF_INET && cur_bytes(&v, a, 4))
		addr_from_v4(&ep->addr, a);
	else if (fam == AF_INET6 && cur_skip(&v, 4) && cur_bytes(&v, a, 16))
		addr_from_v6(&ep->addr, a);
	else
		return false;
	return cur_ok(&v) && ep->port != 0;
}

static bool
peers(struct ls_cursor v, struct ls_endpoint *out, size_t max, size_t *k)
{
	struct ls_cursor peer, attr;
	uint16_t type;

	while (nla_next(&v, &type, &peer)) {
		while (nla_next(&peer, &type, &attr)) {
			struct ls_endpoint ep;

			if (type == WGPEER_A_ENDPOINT && endpoint(attr, &ep) &&
			    *k < max)
				out[(*k)++] = ep;
		}
		if (!cur_ok(&peer))
			return false;
	}
	return cur_ok(&v);
}

/*
 * Walk the messages in buf.  For each message of type `want', call the
 * attribute walk below with the attributes after the genetlink header.
 */
enum walk { W_MORE = 0, W_DONE = 1, W_ERR = -1 };

static enum walk
messages(const uint8_t *buf, size_t n, uint16_t want,
    bool (*each)(uint16_t type, struct ls_cursor v, void *arg), void *arg)
{
	struct ls_cursor c = cur_init(buf, n);

	while (cur_remaining(&c) >= NLMSG_HDRLEN) {
		uint32_t len = cur_h32(&c);
		uint16_t type = cur_h16(&c);
		bool trunc;

		cur_skip(&c, 2 + 4 + 4);	/* flags, seq, pid */
		if (len < NLMSG_HDRLEN)
			return W_ERR;
		struct ls_cursor body = cur_sub(&c, len - NLMSG_HDRLEN, &trunc);
		if (trunc)
			return W_ERR;
		size_t pad = NLMSG_ALIGN(len) - len;
		cur_skip(&c, pad < cur_remaining(&c) ? pad : cur_remaining(&c));

		if (type == NLMSG_DONE)
			return W_DONE;
		if (type == NLMSG_ERROR)
			return (int32_t)cur_h32(&body) == 0 && cur_ok(&body) ?
			    W_DONE : W_ERR;
		if (type != want || !cur_skip(&body, GENL_HDRLEN))
			continue;
		struct ls_cursor attr;
		uint16_t t;
		while (nla_next(&body, &t, &attr))
			if (!each(t, attr, arg))
				return W_ERR;
		if (!cur_ok(&body))
			return W_ERR;
	}
	return cur_remaining(&c) == 0 ? W_MORE : W_ERR;
}

static bool
family_attr(uint16_t type, struct ls_cursor v, void *arg)
{
	uint16_t *id = arg;

	if (type == CTRL_ATTR_FAMILY_ID && cur_remaining(&v) >= 2)
		*id = cur_h16(&v);
	return true;
}

uint16_t
wg_nl_parse_family(const uint8_t *buf, size_t n)
{
	uint16_t id = 0;

	if (messages(buf, n, GENL_ID_CTRL, family_attr, &id) == W_ERR)
		return 0;
	return id;
}

struct dev_arg {
	struct ls_endpoint	*out;
	size_t			 max, *k;
};

static bool
device_attr(uint16_t type, struct ls_cursor v, void *arg)
{
	struct dev_arg *d = arg;

	if (type == WGDEVICE_A_PEERS)
		return peers(v, d->out, d->max, d->k);
	return true;
}

int
wg_nl_parse_device(const uint8_t *buf, size_t n, uint16_t family,
    struct ls_endpoint *out, size_t max, size_t *k)
{
	struct dev_arg d = { out, max, k };

	if (family == 0 || family == GENL_ID_CTRL)
		return -1;
	return (int)messages(buf, n, family, device_attr, &d);
}

/* --- the two requests ---------------------------------------------------- */

static bool
request(int fd, uint16_t type, uint16_t flags, uint8_t cmd, uint8_t version,
    uint16_t attr, const char *str)
{
	struct {
		struct nlmsghdr		n;
		struct genlmsghdr	g;
		struct nlattr		a;
		char			v[NLA_ALIGN(GENL_NAMSIZ)];
	} req;
	size_t slen = strlen(str) + 1;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	if (slen > sizeof(req.v))
		return false;
	memset(&req, 0, sizeof(req));
	req.n.nlmsg_len = (uint32_t)(NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN +
	    NLA_ALIGN(slen));
	req.n.nlmsg_type = type;
	req.n.nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
	req.n.nlmsg_seq = 1;
	req.g.cmd = cmd;
	req.g.version = version;
	req.a.nla_len = (uint16_t)(NLA_HDRLEN + slen);
	req.a.nla_type = attr;
	memcpy(req.v, str, slen);
	return sendto(fd, &req, req.n.nlmsg_len, 0, (struct sockaddr *)&kernel,
	    sizeof(kernel)) == (ssize_t)req.n.nlmsg_len;
}

static ssize_t
answer(int fd, uint8_t *buf, size_t cap)
{
	struct pollfd p = { fd, POLLIN, 0 };

	if (poll(&p, 1, WGNL_WAIT_MS) <= 0)
		return -1;
	return recv(fd, buf, cap, 0);
}

int
wg_nl_endpoints(const char *ifname, struct ls_endpoint *out, size_t max)
{
	uint8_t *buf;
	uint16_t family;
	size_t k = 0;
	ssize_t n;
	int fd, r = -1;

	if (strlen(ifname) >= IFNAMSIZ)
		return -1;
	if ((buf = malloc(WGNL_BUF)) == NULL)
		return -1;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	if (!request(fd, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 1,
	    CTRL_ATTR_FAMILY_NAME, WG_GENL_NAME) ||
	    (n = answer(fd, buf, WGNL_BUF)) <= 0 ||
	    (family = wg_nl_parse_family(buf, (size_t)n)) == 0)
		goto out;		/* no WireGuard in this kernel */
	if (!request(fd, family, NLM_F_DUMP, WG_CMD_GET_DEVICE,
	    WG_GENL_VERSION, WGDEVICE_A_IFNAME, ifname))
		goto out;
	while ((n = answer(fd, buf, WGNL_BUF)) > 0) {
		r = wg_nl_parse_device(buf, (size_t)n, family, out, max, &k);
		if (r != 0)
			break;
	}
	r = r == 1 ? (int)k : -1;
out:
	close(fd);
	free(buf);
	return r;
}
