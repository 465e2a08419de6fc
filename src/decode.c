/* SPDX-License-Identifier: MIT */
/*
 * decode.c - link layer, IPv4/IPv6 and TCP/UDP/ICMP decoding.
 *
 * One decoder per layer, each consuming its header from a bounds-checked
 * cursor and recording what it found in struct ls_packet.  Depth is capped:
 * DECODE_MAX_VLAN tags, DECODE_MAX_V6_EXT extension headers, DECODE_MAX_IPIP
 * inner IP header (IP-in-IP, 6in4, GRE).  Non-first fragments are recorded
 * (PKT_FRAG_LATER) and get no L4 parsing: without reassembly their ports
 * are unknown.  Checksums are not verified.
 */
#include <netinet/in.h>
#include <string.h>

#include "cursor.h"
#include "decode.h"
#include "dlt.h"


#define ETH_IPV4	0x0800
#define ETH_ARP		0x0806
#define ETH_RARP	0x8035
#define ETH_VLAN	0x8100
#define ETH_QINQ	0x88a8
#define ETH_QINQ_OLD	0x9100
#define ETH_IPV6	0x86dd
#define ETH_PPPOE_S	0x8864

static const struct {
	int		 dlt;
	const char	*name;
} dlts[] = {
	{ LS_DLT_NULL, "NULL" }, { LS_DLT_EN10MB, "EN10MB" }, { LS_DLT_RAW, "RAW" },
	{ LS_DLT_RAW_OBSD, "RAW" }, { LS_LINKTYPE_RAW, "RAW" },
	{ LS_DLT_LOOP, "LOOP" }, { LS_DLT_LINUX_SLL, "LINUX_SLL" },
	{ LS_DLT_IPV4, "IPV4" }, { LS_DLT_IPV6, "IPV6" },
	{ LS_DLT_LINUX_SLL2, "LINUX_SLL2" },
};

bool
decode_supported(int dlt)
{
	return decode_dlt_name(dlt) != NULL;
}

const char *
decode_dlt_name(int dlt)
{
	for (size_t i = 0; i < sizeof(dlts) / sizeof(dlts[0]); i++)
		if (dlts[i].dlt == dlt)
			return dlts[i].name;
	return NULL;
}

static enum ls_dres
anom(struct ls_packet *p, enum ls_anom a, enum ls_dres r)
{
	if (p->anom == ANOM_NONE)
		p->anom = a;
	p->flags |= r == DRES_TRUNC ? PKT_TRUNC : PKT_INVALID;
	return r;
}

/*
 * An IP packet whose claimed length runs past what was captured: if the
 * wire held it all, the capture's snap length cut it (normal, live runs
 * keep 4096 bytes): truncated, not damaged.  Only a packet shorter on the
 * wire than its header claims is an anomaly.
 */
static void
cut(struct ls_packet *p, const uint8_t *start, const uint8_t *frame,
    size_t claimed, enum ls_anom a)
{
	if ((size_t)(start - frame) + claimed <= p->wire_len)
		p->flags |= PKT_TRUNC;
	else
		anom(p, a, DRES_TRUNC);
}

static enum ls_dres decode_ip(struct ls_packet *, struct ls_cursor *,
    const uint8_t *frame, unsigned depth);

/* --- transport ----------------------------------------------------------- */

/*
 * TCP (RFC 9293 3.1): ports, sequence/ack, data offset (4 bits, in words,
 * >= 5), flags; options skipped.  UDP (RFC 768): ports, length (>= 8,
 * <= what the IP header leaves), checksum.
 */
static enum ls_dres
decode_l4(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    unsigned depth)
{
	switch (p->proto) {
	case IPPROTO_TCP: {
		size_t avail = cur_remaining(c);
		p->sport = cur_be16(c);
		p->dport = cur_be16(c);
		cur_skip(c, 8);
		uint8_t off = cur_u8(c);
		p->tcp_flags = cur_u8(c);
		cur_skip(c, 6);
		if (!cur_ok(c))
			return anom(p, ANOM_TCP_SHORT, DRES_TRUNC);
		p->flags |= PKT_HAS_L4;
		size_t hlen = (size_t)(off >> 4) * 4;
		if (hlen < 20)
			return anom(p, ANOM_TCP_HLEN_LT_20, DRES_INVALID);
		if (p->payload_claimed != 0 && hlen > p->payload_claimed)
			return anom(p, ANOM_TCP_HLEN_GT_LEN, DRES_INVALID);
		size_t opts = (size_t)(c->p - frame);
		if (!cur_skip(c, hlen - 20)) {
			/* options the snap length cut (the wire held them):
			 * truncated, no payload captured, not damaged */
			if (p->payload_claimed < hlen ||
			    opts + hlen - 20 > p->wire_len)
				return anom(p, ANOM_TCP_SHORT, DRES_TRUNC);
			p->flags |= PKT_TRUNC;
			p->payload_claimed -= (uint32_t)hlen;
			p->payload_off = p->cap_len;
			p->payload_len = 0;
			return DRES_TRUNC;
		}
		p->payload_claimed = p->payload_claimed > hlen ?
		    p->payload_claimed - (uint32_t)hlen : 0;
		(void)avail;
		break;
	}
	case IPPROTO_UDP: {
		p->sport = cur_be16(c);
		p->dport = cur_be16(c);
		uint16_t ulen = cur_be16(c);
		cur_skip(c, 2);
		if (!cur_ok(c))
			return anom(p, ANOM_UDP_SHORT, DRES_TRUNC);
		p->flags |= PKT_HAS_L4;
		/* p->payload_claimed is what the IP header leaves for UDP */
		uint32_t ipleft = p->payload_claimed;
		if (ulen < 8) {
			/* ulen 0: jumbogram or offload; use what IP says */
			if (ulen != 0)
				return anom(p, ANOM_UDP_LEN_LT_8, DRES_INVALID);
			p->payload_claimed = ipleft > 8 ? ipleft - 8 : 0;
		} else {
			uint32_t u = ulen;
			if (ipleft != 0 && u > ipleft) {
				anom(p, ANOM_UDP_LEN_GT_IP, DRES_INVALID);
				u = ipleft;
			}
			p->payload_claimed = u > 8 ? u - 8 : 0;
			cur_limit(c, p->payload_claimed);
		}
		break;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		p->icmp_type = cur_u8(c);
		p->icmp_code = cur_u8(c);
		if (!cur_ok(c))
			return anom(p, p->proto == IPPROTO_ICMP ?
			    ANOM_ICMP_SHORT : ANOM_ICMPV6_SHORT, DRES_TRUNC);
		p->flags |= PKT_HAS_L4;
		cur_skip(c, cur_remaining(c) < 2 ? cur_remaining(c) : 2);
		p->payload_claimed = p->payload_claimed > 4 ?
		    p->payload_claimed - 4 : 0;
		break;
	case IPPROTO_IPIP:
	case IPPROTO_IPV6:
		if (depth < DECODE_MAX_IPIP) {
			p->flags |= PKT_INNER;
			return decode_ip(p, c, frame, depth + 1);
		}
		anom(p, ANOM_IPIP_TOO_DEEP, DRES_INVALID);
		break;
	case IPPROTO_GRE: {
		/* RFC 2784/2890: C, K, S bits add 4 bytes each. */
		if (depth >= DECODE_MAX_IPIP)
			break;
		struct ls_cursor g = *c;
		uint16_t fl = cur_be16(&g), et = cur_be16(&g);
		if (!cur_ok(&g) || (fl & 0x0007) != 0)	/* version 0 only */
			break;
		cur_skip(&g, ((fl & 0x8000) ? 4u : 0) + ((fl & 0x2000) ? 4u :
		    0) + ((fl & 0x1000) ? 4u : 0));
		if (!cur_ok(&g) || (et != ETH_IPV4 && et != ETH_IPV6))
			break;
		*c = g;
		p->flags |= PKT_INNER;
		return decode_ip(p, c, frame, depth + 1);
	}
	default:
		break;
	}
	p->payload_off = (uint32_t)(c->p - frame);
	p->payload_len = (uint32_t)cur_remaining(c);
	if (p->payload_len > p->payload_claimed && p->payload_claimed != 0)
		p->payload_len = p->payload_claimed;
	if (p->payload_len < p->payload_claimed)
		p->flags |= PKT_TRUNC;
	if (p->flags & PKT_INVALID)
		return DRES_INVALID;
	return p->flags & PKT_TRUNC ? DRES_TRUNC : DRES_OK;
}

/* --- IPv4 / IPv6 --------------------------------------------------------- */

/*
 * IPv4 (RFC 791 3.1):
 *  0                   1                   2                   3
 *  |Version|  IHL  |Type of Service|          Total Length         |
 *  |         Identification        |Flags|      Fragment Offset    |
 *  |  Time to Live |    Protocol   |         Header Checksum       |
 *  |                       Source Address                          |
 *  |                    Destination Address                        |
 */
static enum ls_dres
decode_ipv4(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    unsigned depth)
{
	const uint8_t *start = c->p;
	uint8_t vihl = cur_u8(c), a[4], b[4];
	uint16_t totlen, frag;

	cur_skip(c, 1);
	totlen = cur_be16(c);
	cur_skip(c, 2);
	frag = cur_be16(c);
	p->ttl = cur_u8(c);
	p->proto = cur_u8(c);
	cur_skip(c, 2);
	cur_bytes(c, a, 4);
	cur_bytes(c, b, 4);
	if (!cur_ok(c))
		return anom(p, ANOM_IPV4_SHORT, DRES_TRUNC);
	if (vihl >> 4 != 4)
		return anom(p, ANOM_IPV4_BAD_VERSION, DRES_INVALID);
	size_t ihl = (size_t)(vihl & 0x0f) * 4;
	if (ihl < 20)
		return anom(p, ANOM_IPV4_IHL_LT_5, DRES_INVALID);
	p->l3 = L3_IPV4;
	p->ip_version = 4;
	addr_from_v4(&p->src, a);
	addr_from_v4(&p->dst, b);
	/* l3_off and l3_len change together: an inner header must never
	 * leave the outer one's length behind */
	size_t avail = cur_remaining(c) + 20;
	p->l3_off = (uint32_t)(start - frame);
	p->l3_len = (uint32_t)avail;
	/* total length 0: TSO / offloaded capture; trust the capture */
	if (totlen == 0)
		totlen = avail > 0xffff ? 0xffff : (uint16_t)avail;
	if (totlen < ihl)
		return anom(p, ANOM_IPV4_TOTLEN_LT_IHL, DRES_INVALID);
	p->ip_claimed = totlen;
	p->l3_len = (uint32_t)(avail < totlen ? avail : totlen);
	if (avail < totlen)
		cut(p, start, frame, totlen, ANOM_IPV4_TRUNC);
	cur_limit(c, totlen - 20u);
	if (!cur_skip(c, ihl - 20))
		return anom(p, ANOM_IPV4_OPT_TRUNC, DRES_TRUNC);
	p->payload_claimed = totlen - (uint32_t)ihl;
	if (frag & 0x3fff) {
		p->flags |= PKT_FRAG;
		if (p->anom == ANOM_NONE)
			p->anom = ANOM_IPV4_FRAG;
		if (frag & 0x1fff) {
			p->flags |= PKT_FRAG_LATER;
			p->payload_off = (uint32_t)(c->p - frame);
			p->payload_len = (uint32_t)cur_remaining(c);
			return DRES_OK;
		}
	}
	return decode_l4(p, c, frame, depth);
}

/*
 * IPv6 (RFC 8200 3): version, traffic class, flow label, payload length,
 * next header, hop limit, source, destination; then extension headers
 * (RFC 8200 4): hop-by-hop 0, routing 43, fragment 44, destination
 * options 60, AH 51 (RFC 4302, length in 4-byte units minus 2).
 */
static enum ls_dres
decode_ipv6(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    unsigned depth)
{
	const uint8_t *start = c->p;
	uint32_t vtf = cur_be32(c);
	uint16_t plen = cur_be16(c);
	uint8_t nh = cur_u8(c), a[16], b[16];

	p->ttl = cur_u8(c);
	cur_bytes(c, a, 16);
	cur_bytes(c, b, 16);
	if (!cur_ok(c))
		return anom(p, ANOM_IPV6_SHORT, DRES_TRUNC);
	if (vtf >> 28 != 6)
		return anom(p, ANOM_IPV6_BAD_VERSION, DRES_INVALID);
	p->l3 = L3_IPV6;
	p->ip_version = 6;
	addr_from_v6(&p->src, a);
	addr_from_v6(&p->dst, b);
	p->l3_off = (uint32_t)(start - frame);
	size_t avail = cur_remaining(c);
	size_t claim = plen != 0 ? plen : avail;	/* 0: jumbogram */
	p->ip_claimed = (uint32_t)claim + 40;
	p->l3_len = (uint32_t)(40 + (avail < claim ? avail : claim));
	if (avail < claim)
		cut(p, start, frame, 40 + claim, ANOM_IPV6_TRUNC);
	cur_limit(c, claim);
	p->payload_claimed = (uint32_t)claim;
	for (unsigned n = 0;; n++) {
		if (nh != 0 && nh != 43 && nh != 44 && nh != 60 && nh != 51)
			break;
		if (n == DECODE_MAX_V6_EXT)
			return anom(p, ANOM_IPV6_EXT_TOO_MANY, DRES_INVALID);
		uint8_t next = cur_u8(c), len = cur_u8(c);
		size_t hlen;
		if (nh == 44) {
			uint16_t off = cur_be16(c);
			cur_skip(c, 4);
			hlen = 8;
			if (!cur_ok(c))
				return anom(p, ANOM_IPV6_EXT_SHORT, DRES_TRUNC);
			p->flags |= PKT_FRAG;
			if (p->anom == ANOM_NONE)
				p->anom = ANOM_IPV6_FRAG;
			if ((off & 0xfff8) != 0)
				p->flags |= PKT_FRAG_LATER;
		} else {
			hlen = nh == 51 ? ((size_t)len + 2) * 4 :
			    ((size_t)len + 1) * 8;
			cur_skip(c, hlen - 2);
			if (!cur_ok(c))
				return anom(p, ANOM_IPV6_EXT_SHORT, DRES_TRUNC);
		}
		p->payload_claimed = p->payload_claimed > hlen ?
		    p->payload_claimed - (uint32_t)hlen : 0;
		nh = next;
	}
	p->proto = nh;
	if (p->flags & PKT_FRAG_LATER) {
		p->payload_off = (uint32_t)(c->p - frame);
		p->payload_len = (uint32_t)cur_remaining(c);
		return DRES_OK;
	}
	return decode_l4(p, c, frame, depth);
}

static enum ls_dres
decode_ip(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    unsigned depth)
{
	uint8_t v;

	if (!cur_peek_u8(c, 0, &v))
		return anom(p, ANOM_IPV4_SHORT, DRES_TRUNC);
	if (v >> 4 == 4)
		return decode_ipv4(p, c, frame, depth);
	if (v >> 4 == 6)
		return decode_ipv6(p, c, frame, depth);
	return anom(p, ANOM_IPV4_BAD_VERSION, DRES_INVALID);
}

/* --- link layers --------------------------------------------------------- */

static enum ls_dres
by_ethertype(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    uint16_t et)
{
	p->ethertype = et;
	switch (et) {
	case ETH_IPV4:
	case ETH_IPV6:
		return decode_ip(p, c, frame, 0);
	case ETH_ARP:
	case ETH_RARP:
		p->l3 = L3_ARP;
		p->l3_off = (uint32_t)(c->p - frame);	/* for neighbour evidence */
		p->l3_len = (uint32_t)cur_remaining(c);
		return DRES_OK;
	case ETH_PPPOE_S: {
		/* RFC 2516: ver/type, code, session, length; PPP protocol */
		cur_skip(c, 6);
		uint16_t ppp = cur_be16(c);
		if (!cur_ok(c))
			return anom(p, ANOM_ETH_SHORT, DRES_TRUNC);
		if (ppp == 0x0021 || ppp == 0x0057)
			return decode_ip(p, c, frame, 0);
		p->l3 = L3_OTHER;
		return DRES_OK;
	}
	default:
		p->l3 = L3_OTHER;
		return DRES_OK;
	}
}

/* Ethernet II (IEEE 802.3): dst, src, ethertype; 802.1Q/802.1ad tags. */
static enum ls_dres
decode_eth(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame)
{
	uint16_t et;

	cur_skip(c, 12);
	et = cur_be16(c);
	if (!cur_ok(c))
		return anom(p, ANOM_ETH_SHORT, DRES_TRUNC);
	p->flags |= PKT_ETH;
	while (et == ETH_VLAN || et == ETH_QINQ || et == ETH_QINQ_OLD) {
		if (p->nvlan == DECODE_MAX_VLAN)
			return anom(p, ANOM_VLAN_TOO_DEEP, DRES_INVALID);
		uint16_t tci = cur_be16(c);
		et = cur_be16(c);
		if (!cur_ok(c))
			return anom(p, ANOM_VLAN_SHORT, DRES_TRUNC);
		if (p->nvlan++ == 0)
			p->vlan = tci & 0x0fff;
	}
	if (et <= 1500) {		/* 802.3 length: LLC/SNAP */
		p->l3 = L3_OTHER;
		p->ethertype = et;
		return DRES_OK;
	}
	return by_ethertype(p, c, frame, et);
}

/* Linux cooked v1: type, ARPHRD, addr len, addr[8], protocol. */
static enum ls_dres
decode_sll(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame)
{
	uint16_t et;

	cur_skip(c, 14);
	et = cur_be16(c);
	if (!cur_ok(c))
		return anom(p, ANOM_SLL_SHORT, DRES_TRUNC);
	return by_ethertype(p, c, frame, et);
}

/* Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, alen, addr[8]. */
static enum ls_dres
decode_sll2(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame)
{
	uint16_t et = cur_be16(c);

	cur_skip(c, 18);
	if (!cur_ok(c))
		return anom(p, ANOM_SLL2_SHORT, DRES_TRUNC);
	return by_ethertype(p, c, frame, et);
}

/* BSD NULL (host order) and LOOP (network order): 4-byte address family. */
static enum ls_dres
decode_null(struct ls_packet *p, struct ls_cursor *c, const uint8_t *frame,
    bool loop)
{
	uint32_t be, le, af;

	if (cur_remaining(c) < 4) {
		cur_skip(c, 4);
		return anom(p, ANOM_NULL_SHORT, DRES_TRUNC);
	}
	struct ls_cursor d = *c;
	be = cur_be32(&d);
	le = cur_le32(c);
	af = loop ? be : (le < 256 ? le : be);
	switch (af) {
	case 2:
		return decode_ip(p, c, frame, 0);
	case 10: case 24: case 28: case 30:
		return decode_ip(p, c, frame, 0);
	default:
		p->l3 = L3_OTHER;
		return anom(p, ANOM_NULL_UNKNOWN_FAMILY, DRES_INVALID);
	}
}

enum ls_dres
decode_frame(int dlt, const uint8_t *frame, uint32_t caplen,
    struct ls_packet *p)
{
	/* the caller's four fields survive; cppcheck cannot see that only
	 * these are read */
	/* cppcheck-suppress ctuuninitvar */
	uint64_t ts = p->ts_us;
	uint32_t wl = p->wire_len, cl = p->cap_len, ifc = p->iface;
	struct ls_cursor c = cur_init(frame, caplen);

	memset(p, 0, sizeof(*p));
	p->ts_us = ts;
	p->wire_len = wl;
	p->cap_len = cl;
	p->iface = ifc;
	switch (dlt) {
	case LS_DLT_EN10MB:	return decode_eth(p, &c, frame);
	case LS_DLT_LINUX_SLL:	return decode_sll(p, &c, frame);
	case LS_DLT_LINUX_SLL2:	return decode_sll2(p, &c, frame);
	case LS_DLT_NULL:	return decode_null(p, &c, frame, false);
	case LS_DLT_LOOP:	return decode_null(p, &c, frame, true);
	case LS_DLT_RAW:
	case LS_DLT_RAW_OBSD:
	case LS_LINKTYPE_RAW:
	case LS_DLT_IPV4:
	case LS_DLT_IPV6:	return decode_ip(p, &c, frame, 0);
	default:		return DRES_UNSUPPORTED;
	}
}
