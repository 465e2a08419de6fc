/* SPDX-License-Identifier: MIT */
/*
 * dhcp.c - the DHCPv4 fields locality learns from (see dhcp.h).
 *
 * RFC 2131 2: op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr,
 * siaddr, giaddr, chaddr[16], sname[64], file[128], then the magic cookie
 * 99.130.83.99 and the options (RFC 2132: code, length, value; 0 pad,
 * 255 end).
 */
#include <string.h>

#include "cursor.h"
#include "dhcp.h"

#define BOOTP_FIXED	236
#define DHCP_COOKIE	0x63825363u

static uint8_t
mask_len(const uint8_t m[4])
{
	uint32_t v = (uint32_t)m[0] << 24 | (uint32_t)m[1] << 16 |
	    (uint32_t)m[2] << 8 | m[3];
	uint8_t n = 0;

	while (n < 32 && (v & (0x80000000u >> n)))
		n++;
	if (n < 32 && (v << n) != 0)
		return 255;		/* holes: not a prefix */
	return n;
}

/*
 * RFC 3442: each route is a width (0..32), the significant octets of the
 * destination (ceil(width / 8)), and a 4-byte router.
 */
static bool
parse_routes(struct ls_cursor c, struct ls_dhcp *d)
{
	d->nroutes = 0;
	d->routes_cut = false;
	while (cur_remaining(&c) > 0) {
		uint8_t w = cur_u8(&c), dst[4] = { 0, 0, 0, 0 }, gw[4];
		if (!cur_ok(&c) || w > 32)
			return false;
		if (!cur_bytes(&c, dst, (w + 7u) / 8u) || !cur_bytes(&c, gw, 4))
			return false;
		if (d->nroutes == DHCP_MAX_ROUTES) {
			d->routes_cut = true;	/* kept no further */
			continue;
		}
		struct ls_dhcp_route *r = &d->routes[d->nroutes++];
		memcpy(r->dst, dst, 4);
		memcpy(r->gw, gw, 4);
		r->plen = w;
	}
	return true;
}

static void
option(struct ls_dhcp *d, uint8_t code, struct ls_cursor v, bool *have121)
{
	size_t len = cur_remaining(&v);

	switch (code) {
	case 1:
		if (len == 4 && cur_bytes(&v, d->mask, 4)) {
			d->have_mask = true;
			d->mask_plen = mask_len(d->mask);
		}
		break;
	case 3:
		while (cur_remaining(&v) >= 4 && d->nrouters < DHCP_MAX_ROUTERS)
			cur_bytes(&v, d->routers[d->nrouters++], 4);
		break;
	case 28:
		if (len == 4 && cur_bytes(&v, d->bcast, 4))
			d->have_bcast = true;
		break;
	case 53:
		if (len == 1)
			d->msg_type = cur_u8(&v);
		break;
	case 54:
		if (len == 4 && cur_bytes(&v, d->server, 4))
			d->have_server = true;
		break;
	case 121:
	case 249:
		/* 121 wins over 249 (RFC 3442 says clients use 121) */
		if (code == 249 && *have121)
			break;
		if (!parse_routes(v, d)) {
			d->routes_bad = true;
			d->nroutes = 0;
			d->routes_cut = false;
			d->routes_opt = 0;
		} else {
			d->routes_opt = code;
			if (code == 121)
				*have121 = true;
		}
		break;
	default:
		break;
	}
}

enum dhcp_result
dhcp_parse(const uint8_t *buf, size_t len, struct ls_dhcp *d)
{
	struct ls_cursor c = cur_init(buf, len);
	bool have121 = false;

	memset(d, 0, sizeof(*d));
	d->op = cur_u8(&c);
	cur_skip(&c, 15);			/* htype .. ciaddr */
	cur_bytes(&c, d->yiaddr, 4);
	cur_skip(&c, BOOTP_FIXED - 20);		/* siaddr .. file */
	uint32_t cookie = cur_be32(&c);
	if (!cur_ok(&c) || (d->op != 1 && d->op != 2))
		return DHCP_NOT_DHCP;
	if (cookie != DHCP_COOKIE)
		return DHCP_NOT_DHCP;
	while (cur_remaining(&c) > 0) {
		uint8_t code = cur_u8(&c);
		if (code == 0)
			continue;
		if (code == 255)
			return DHCP_OK;
		uint8_t olen = cur_u8(&c);
		bool trunc = false;
		struct ls_cursor v = cur_sub(&c, olen, &trunc);
		if (!cur_ok(&c) || trunc)
			return DHCP_MALFORMED;
		option(d, code, v, &have121);
	}
	return DHCP_OK;		/* no end option: what was read stands */
}
