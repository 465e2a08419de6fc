/* SPDX-License-Identifier: MIT */
/*
 * carrier.c - tunnel endpoints and tunnel message shapes (see carrier.h).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "carrier.h"
#include "cursor.h"
#include "flow.h"
#include "tunnel.h"

static uint64_t
be64(struct ls_cursor *c)
{
	uint64_t hi = cur_be32(c);

	return hi << 32 | cur_be32(c);
}

enum wg_shape
carrier_wg_shape(const uint8_t *p, size_t n)
{
	uint32_t idx;

	return carrier_wg_msg(p, n, n, &idx);
}

/*
 * OpenVPN (ssl_pkt.h): opcode << 3 | key_id, then at least a session id.
 * A client hard reset is opcode 7 (v2) or 10 (v3), the server's 8.
 */
enum ovpn_op
carrier_ovpn_op(const uint8_t *p, size_t n, size_t wire, bool tcp)
{
	struct ls_cursor c = cur_init(p, n);
	uint8_t op;

	if (wire < n)
		return OVPN_NONE;
	if (tcp) {
		uint16_t len = cur_be16(&c);
		if (!cur_ok(&c) || len != wire - 2)
			return OVPN_NONE;
		wire -= 2;
	}
	op = cur_u8(&c);
	/* the session id (8 bytes) follows: judged on wire when cut */
	if (!cur_ok(&c) || wire < 9 || (op & 0x07) != 0)
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

/* --- the message shapes, on cut captures too ------------------------------ */

enum wg_shape
carrier_wg_msg(const uint8_t *p, size_t n, size_t wire, uint32_t *idx)
{
	struct ls_cursor c = cur_init(p, n);
	uint32_t t = cur_le32(&c);

	*idx = 0;
	if (!cur_ok(&c) || wire < n)
		return WG_SHAPE_NONE;
	switch (t) {
	case 1:	return wire == 148 ? WG_SHAPE_HANDSHAKE : WG_SHAPE_NONE;
	case 2:	return wire == 92 ? WG_SHAPE_HANDSHAKE : WG_SHAPE_NONE;
	case 3:	return wire == 64 ? WG_SHAPE_OTHER : WG_SHAPE_NONE;
	case 4:
		*idx = cur_le32(&c);
		if (!cur_ok(&c) || wire < 32 || (wire - 32) % 16 != 0)
			return WG_SHAPE_NONE;
		return WG_SHAPE_OTHER;
	default:
		return WG_SHAPE_NONE;
	}
}

enum ike_msg
carrier_ike(const uint8_t *p, size_t n, size_t wire, struct ike_hdr *h)
{
	struct ls_cursor c = cur_init(p, n);

	memset(h, 0, sizeof(*h));
	if (wire < n)
		return IKE_NONE;
	/* the non-ESP marker; an SPIi is never 0 */
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0) {
		cur_skip(&c, 4);
		wire -= 4;
	}
	h->spi_i = be64(&c);
	h->spi_r = be64(&c);
	uint8_t np = cur_u8(&c), ver = cur_u8(&c);
	h->exchange = cur_u8(&c);
	if (!cur_ok(&c) || h->spi_i == 0 || ver != 0x20 || np == 0 ||
	    h->exchange < 34 || h->exchange > 44 || wire < IKE_HDR_LEN)
		return IKE_NONE;
	h->flags = cur_u8(&c);
	bool have_flags = cur_ok(&c);
	/* flags: only R (0x20), V (0x10), I (0x08) are defined */
	if (have_flags && (h->flags & 0xc7) != 0)
		return IKE_NONE;
	uint32_t msgid = cur_be32(&c);
	bool have_id = cur_ok(&c);
	uint32_t len = cur_be32(&c);
	if (cur_ok(&c) && len != wire)
		return IKE_NONE;
	if (h->exchange != 34)
		return h->spi_r != 0 ? IKE_OTHER : IKE_NONE;
	if (have_id && msgid != 0)
		return IKE_NONE;
	/* the R flag, where captured, says which; a response asking for a
	 * cookie or another group keeps SPIr 0 (RFC 7296 2.6, 1.2) */
	if (have_flags)
		return (h->flags & 0x20) ? IKE_INIT_RESPONSE :
		    h->spi_r == 0 ? IKE_INIT_REQUEST : IKE_NONE;
	return h->spi_r == 0 ? IKE_INIT_REQUEST : IKE_INIT_RESPONSE;
}

bool
carrier_esp(const uint8_t *p, size_t n, size_t wire, uint32_t *spi,
    uint32_t *seq)
{
	struct ls_cursor c = cur_init(p, n);

	*spi = cur_be32(&c);
	*seq = cur_be32(&c);
	return cur_ok(&c) && wire >= n && wire >= 16 && *spi >= 256 &&
	    *seq != 0;
}

/* --- runs of messages ----------------------------------------------------- */

bool
carrier_track_wg(struct carrier_track *t, int dir, uint32_t idx)
{
	if (t->wg_n[dir] == 0 || t->wg_idx[dir] != idx) {
		t->wg_idx[dir] = idx;
		t->wg_n[dir] = 1;
	} else if (t->wg_n[dir] < UINT8_MAX)
		t->wg_n[dir]++;
	return t->wg_n[dir] >= CARRIER_DATA_RUN;
}

bool
carrier_track_esp(struct carrier_track *t, int dir, uint32_t spi,
    uint32_t seq)
{
	/* in sequence: the same SPI, a number a little higher (a capture
	 * sees every packet of an SA one after the other, give or take
	 * reordering and drops; DNS retransmits read as ESP climb by 2^16) */
	if (t->esp_n[dir] == 0 || t->esp_spi[dir] != spi ||
	    seq <= t->esp_seq[dir] || seq - t->esp_seq[dir] > CARRIER_ESP_GAP) {
		t->esp_spi[dir] = spi;
		t->esp_seq[dir] = seq;
		t->esp_n[dir] = 1;
	} else if (t->esp_n[dir] < UINT8_MAX) {
		t->esp_seq[dir] = seq;
		t->esp_n[dir]++;
	}
	return t->esp_n[dir] >= CARRIER_DATA_RUN;
}

bool
carrier_track_ike(struct carrier_track *t, enum ike_msg m,
    const struct ike_hdr *h)
{
	switch (m) {
	case IKE_INIT_REQUEST:
		t->ike_req = true;
		t->ike_spi_i = h->spi_i;
		return false;
	case IKE_INIT_RESPONSE:
		if (t->ike_req && t->ike_spi_i == h->spi_i)
			return true;
		break;
	case IKE_OTHER:
		break;
	default:
		return false;
	}
	if (t->ike_n == 0 || t->ike_spis[0] != h->spi_i ||
	    t->ike_spis[1] != h->spi_r) {
		t->ike_spis[0] = h->spi_i;
		t->ike_spis[1] = h->spi_r;
		t->ike_n = 1;
		return false;
	}
	return ++t->ike_n >= CARRIER_DATA_RUN;
}

bool
carrier_track_framed(struct carrier_track *t, int dir, const uint8_t *p,
    size_t n, size_t wire)
{
	struct ls_cursor c = cur_init(p, n);
	uint16_t len = cur_be16(&c);

	if (!cur_ok(&c) || n != 2 || wire <= n)
		return false;
	if (len != wire - 2)
		t->unframed = true;
	else if (t->framed_n[dir] < UINT8_MAX)
		t->framed_n[dir]++;
	return !t->unframed && t->framed_n[dir] >= 1 && t->framed_n[!dir] >= 1 &&
	    (t->framed_n[0] >= CARRIER_DATA_RUN ||
	    t->framed_n[1] >= CARRIER_DATA_RUN);
}

/* --- IPsec's halves ------------------------------------------------------- */

static bool
ipsec_port(uint8_t proto, uint16_t port)
{
	return proto == IPPROTO_ESP ||
	    (proto == IPPROTO_UDP && (port == 500 || port == 4500));
}

uint16_t
carrier_other_half(const struct ls_carrier_ep *eps, size_t n,
    const struct ls_flow *f)
{
	if (!ipsec_port(f->proto, f->sport) && !ipsec_port(f->proto, f->cport))
		return 0;
	for (size_t i = 0; i < n && i < UINT16_MAX; i++) {
		const struct ls_carrier_ep *k = &eps[i];
		if (!ipsec_port(k->proto, k->port))
			continue;
		if (addr_cmp(&k->addr, &f->srv) == 0 ||
		    addr_cmp(&k->addr, &f->cli) == 0)
			return (uint16_t)(i + 1);
	}
	return 0;
}
