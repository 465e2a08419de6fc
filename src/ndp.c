/* SPDX-License-Identifier: MIT */
/*
 * ndp.c - router and neighbour advertisements, ARP (see ndp.h).
 *
 * RA (RFC 4861 4.2): hop limit, flags, router lifetime, reachable time,
 * retrans timer (12 bytes after the checksum), then options.  RS (4.1):
 * reserved (4 bytes), options.  NS (4.3): reserved, target, options.  NA
 * (4.4): R/S/O flags and reserved (4 bytes), target, options.  Options (4.6):
 * type, length in units of 8 bytes (0 is invalid); prefix information
 * (4.6.2, type 3, length 4): prefix length, L/A flags, valid and preferred
 * lifetimes, reserved, prefix.
 *
 * Route information (RFC 4191 2.3, type 24, length 1..3): prefix length,
 * flags (Prf in bits 3-4), route lifetime, then as many bytes of the
 * prefix as the length holds (0, 8 or 16).  Recursive DNS server (RFC
 * 8106 5.1, type 25, length 3 + 2 per address): reserved, lifetime,
 * addresses.
 */
#include <string.h>

#include "cursor.h"
#include "ndp.h"

#define OPT_SRC_LLADDR	1
#define OPT_TGT_LLADDR	2
#define OPT_PREFIX_INFO	3
#define OPT_ROUTE_INFO	24
#define OPT_RDNSS	25

static enum ndp_result
prefix_info(struct ls_cursor v, struct ls_ndp *n)
{
	struct ls_ndp_prefix pi;
	uint8_t fl;

	memset(&pi, 0, sizeof(pi));
	pi.plen = cur_u8(&v);
	fl = cur_u8(&v);
	pi.valid = cur_be32(&v);
	cur_skip(&v, 8);		/* preferred lifetime, reserved */
	cur_bytes(&v, pi.prefix, 16);
	if (!cur_ok(&v) || pi.plen > 128)
		return NDP_MALFORMED;
	pi.onlink = (fl & 0x80) != 0;
	pi.autoconf = (fl & 0x40) != 0;
	if (n->nprefixes < NDP_MAX_PREFIXES)
		n->prefixes[n->nprefixes++] = pi;
	return NDP_OK;
}

/* An invalid route information or resolver option is ignored (RFC 4191
 * 2.3, RFC 8106 5.1), the rest of the advertisement stands. */
static void
route_info(struct ls_cursor v, uint8_t len, struct ls_ndp *n)
{
	struct ls_ndp_route r;
	uint8_t fl, prf;
	size_t nb = len == 1 ? 0 : len == 2 ? 8 : 16;

	memset(&r, 0, sizeof(r));
	r.plen = cur_u8(&v);
	fl = cur_u8(&v);
	r.lifetime = cur_be32(&v);
	cur_bytes(&v, r.prefix, nb);
	/* 2.3: a prefix longer than the option holds is invalid */
	if (!cur_ok(&v) || len > 3 || r.plen > 128 ||
	    (r.plen > 64 && len < 3) || (r.plen > 0 && len < 2))
		return;
	for (unsigned bit = r.plen; bit < 128; bit++)
		r.prefix[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
	prf = (fl >> 3) & 3;
	if (prf == 2)		/* the reserved value: 2.3 ignores the option */
		return;
	r.pref = prf == 1 ? 1 : prf == 3 ? -1 : 0;
	if (n->nroutes < NDP_MAX_ROUTES)
		n->routes[n->nroutes++] = r;
	else
		n->routes_cut = true;
}

static void
rdnss(struct ls_cursor v, uint8_t len, struct ls_ndp *n)
{
	uint32_t life;

	cur_skip(&v, 2);
	life = cur_be32(&v);
	if (!cur_ok(&v) || len < 3 || (len - 1) % 2 != 0)
		return;
	while (cur_remaining(&v) >= 16) {
		uint8_t a[16];
		cur_bytes(&v, a, 16);
		if (n->nrdnss == NDP_MAX_RDNSS) {
			n->rdnss_cut = true;
			continue;
		}
		memcpy(n->rdnss[n->nrdnss], a, 16);
		n->rdnss_lifetime[n->nrdnss++] = life;
	}
}

static enum ndp_result
options(struct ls_cursor *c, struct ls_ndp *n)
{
	while (cur_remaining(c) > 0) {
		uint8_t type = cur_u8(c), len = cur_u8(c);
		bool trunc = false;
		if (!cur_ok(c) || len == 0)
			return NDP_MALFORMED;
		struct ls_cursor v = cur_sub(c, (size_t)len * 8 - 2, &trunc);
		if (trunc)
			return NDP_MALFORMED;
		if (type == OPT_PREFIX_INFO && len == 4 &&
		    prefix_info(v, n) != NDP_OK)
			return NDP_MALFORMED;
		/* Ethernet: 6 bytes in an 8-byte option; the one for this
		 * message's type (RFC 4861 4.6.1), the first of them */
		if (len == 1 && !n->have_lladdr && type == (n->type == NDP_NA ?
		    OPT_TGT_LLADDR : OPT_SRC_LLADDR)) {
			cur_bytes(&v, n->lladdr, 6);
			n->have_lladdr = cur_ok(&v);
		}
		if (n->type == NDP_RA && type == OPT_ROUTE_INFO)
			route_info(v, len, n);
		if (n->type == NDP_RA && type == OPT_RDNSS)
			rdnss(v, len, n);
	}
	return NDP_OK;
}

enum ndp_result
ndp_parse(uint8_t type, const uint8_t *body, size_t len, struct ls_ndp *n)
{
	struct ls_cursor c = cur_init(body, len);

	memset(n, 0, sizeof(*n));
	n->type = type;
	switch (type) {
	case NDP_RA:
		cur_skip(&c, 2);
		n->router_lifetime = cur_be16(&c);
		cur_skip(&c, 8);
		if (!cur_ok(&c))
			return NDP_MALFORMED;
		return options(&c, n);
	case NDP_RS:
		cur_skip(&c, 4);		/* reserved */
		if (!cur_ok(&c))
			return NDP_MALFORMED;
		return options(&c, n);
	case NDP_NS:
	case NDP_NA: {
		uint8_t fl = cur_u8(&c);
		cur_skip(&c, 3);
		cur_bytes(&c, n->target, 16);
		if (!cur_ok(&c))
			return NDP_MALFORMED;
		if (type == NDP_NA) {
			n->solicited = (fl & 0x40) != 0;
			n->override = (fl & 0x20) != 0;
		}
		return options(&c, n);
	}
	default:
		return NDP_IGNORED;
	}
}

/* RFC 826: htype, ptype, hlen, plen, op, sha, spa, tha, tpa. */
bool
arp_parse(const uint8_t *buf, size_t len, struct ls_arp *a)
{
	struct ls_cursor c = cur_init(buf, len);
	uint16_t htype = cur_be16(&c), ptype = cur_be16(&c);
	uint8_t hlen = cur_u8(&c), plen = cur_u8(&c);

	memset(a, 0, sizeof(*a));
	a->op = cur_be16(&c);
	cur_bytes(&c, a->sha, 6);
	cur_bytes(&c, a->spa, 4);
	cur_bytes(&c, a->tha, 6);
	cur_bytes(&c, a->tpa, 4);
	return cur_ok(&c) && htype == 1 && ptype == 0x0800 && hlen == 6 &&
	    plen == 4;
}
