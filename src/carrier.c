/* SPDX-License-Identifier: MIT */
/*
 * carrier.c - tunnel endpoints and tunnel message shapes (see carrier.h).
 */
#include <stdio.h>
#include <string.h>

#include "carrier.h"
#include "cursor.h"
#include "flow.h"

enum wg_shape
carrier_wg_shape(const uint8_t *p, size_t n)
{
	struct ls_cursor c = cur_init(p, n);
	uint32_t t = cur_le32(&c);

	if (!cur_ok(&c))
		return WG_SHAPE_NONE;
	switch (t) {
	case 1:	return n == 148 ? WG_SHAPE_HANDSHAKE : WG_SHAPE_NONE;
	case 2:	return n == 92 ? WG_SHAPE_HANDSHAKE : WG_SHAPE_NONE;
	case 3:	return n == 64 ? WG_SHAPE_OTHER : WG_SHAPE_NONE;
	case 4:	return n >= 32 && (n - 32) % 16 == 0 ? WG_SHAPE_OTHER :
		    WG_SHAPE_NONE;
	default: return WG_SHAPE_NONE;
	}
}

/*
 * OpenVPN (ssl_pkt.h): opcode << 3 | key_id, then at least a session id.
 * A client hard reset is opcode 7 (v2) or 10 (v3), the server's 8.
 */
enum ovpn_op
carrier_ovpn_op(const uint8_t *p, size_t n, bool tcp)
{
	struct ls_cursor c = cur_init(p, n);
	uint8_t op;

	if (tcp) {
		uint16_t len = cur_be16(&c);
		if (!cur_ok(&c) || len != n - 2)
			return OVPN_NONE;
	}
	op = cur_u8(&c);
	if (!cur_ok(&c) || cur_remaining(&c) < 8 || (op & 0x07) != 0)
		return OVPN_NONE;
	op >>= 3;
	if (op == 7 || op == 10)
		return OVPN_CLIENT_RESET;
	if (op == 8)
		return OVPN_SERVER_RESET;
	return OVPN_NONE;
}

enum carrier_proto
carrier_proto_of(const char *app)
{
	if (strcmp(app, "WireGuard") == 0)
		return CPROTO_WIREGUARD;
	if (strcmp(app, "OpenVPN") == 0)
		return CPROTO_OPENVPN;
	return CPROTO_OTHER;
}

/*
 * WireGuard: message type 1 starts a session, 2 and 3 finish or defer it,
 * 4 is data (32 bytes: a keepalive, nothing inside).  OpenVPN: opcode 7 or 10 (client
 * hard reset) starts one, 6 and 9 are data, the rest is control.  Any
 * other carrier's payload is data.
 */
enum carrier_msg
carrier_msg(enum carrier_proto cp, bool tcp, const uint8_t *p, size_t n)
{
	struct ls_cursor c = cur_init(p, n);

	if (n == 0)
		return CMSG_NONE;
	switch (cp) {
	case CPROTO_WIREGUARD: {
		uint8_t t = cur_u8(&c);
		if (!cur_ok(&c))
			return CMSG_NONE;
		if (t == 4 && n == 32)
			return CMSG_KEEPALIVE;
		return t == 1 ? CMSG_INIT : t == 2 || t == 3 ? CMSG_HANDSHAKE :
		    CMSG_DATA;
	}
	case CPROTO_OPENVPN: {
		if (tcp)
			(void)cur_be16(&c);	/* the packet length */
		uint8_t op = cur_u8(&c);
		if (!cur_ok(&c))
			return CMSG_NONE;
		op >>= 3;
		return op == 7 || op == 10 ? CMSG_INIT : op == 6 || op == 9 ?
		    CMSG_DATA : CMSG_HANDSHAKE;
	}
	default:
		return CMSG_DATA;
	}
}

bool
carrier_configured(const struct ls_carrier_set *cs, const struct ls_flow *f)
{
	for (size_t i = 0; i < cs->nconfigured; i++) {
		const struct ls_endpoint *ep = &cs->configured[i];
		if (endpoint_match(ep, &f->srv, f->sport, f->proto) ||
		    endpoint_match(ep, &f->cli, f->cport, f->proto))
			return true;
	}
	return false;
}

enum carrier_os
carrier_os_match(const struct ls_carrier_set *cs, const struct ls_flow *f)
{
	enum carrier_os r = CARRIER_OS_NONE;

	if (cs->nconfigured > 0)
		return CARRIER_OS_NONE;
	for (size_t i = 0; i < cs->nos; i++) {
		const struct ls_endpoint *ep = &cs->os[i].ep;
		if (!endpoint_match(ep, &f->srv, f->sport, f->proto) &&
		    !endpoint_match(ep, &f->cli, f->cport, f->proto))
			continue;
		if (!cs->os[i].route)
			return CARRIER_OS_EXACT;
		r = CARRIER_OS_ROUTE;
	}
	return r;
}

bool
carrier_os_endpoint(struct ls_carrier_set *cs, const struct ls_endpoint *ep,
    bool route, bool add, const char *why)
{
	size_t i;

	for (i = 0; i < cs->nos; i++)
		if (addr_cmp(&cs->os[i].ep.addr, &ep->addr) == 0 &&
		    cs->os[i].ep.port == ep->port &&
		    cs->os[i].ep.proto == ep->proto)
			break;
	if (!add) {
		if (i == cs->nos)
			return false;
		cs->os[i] = cs->os[--cs->nos];
		return true;
	}
	if (i < cs->nos || cs->nos == CARRIER_OS_MAX)
		return false;
	cs->os[i].ep = *ep;
	cs->os[i].route = route;
	snprintf(cs->os[i].why, sizeof(cs->os[i].why), "%s", why);
	cs->nos++;
	return true;
}
