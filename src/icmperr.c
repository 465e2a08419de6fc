/* SPDX-License-Identifier: MIT */
/*
 * icmperr.c - the packet an ICMP error quotes (see icmperr.h).
 *
 * After the 4-byte ICMP header come 4 bytes (unused, pointer, MTU), then
 * the quoted IP header and at least 8 bytes of its transport header
 * (RFC 792; RFC 4443 3.1-3.4).  The quote is decoded by the ordinary IP
 * decoder, told the wire held everything, so a quote cut short is
 * truncated, never an anomaly; a TCP header cut to its first 8 bytes
 * gives its ports by hand.
 */
#include <netinet/in.h>

#include "cursor.h"
#include "decode.h"
#include "dlt.h"
#include "icmperr.h"

/*
 * A quoted TCP header is cut after its first 8 bytes, so the decoder
 * refuses it: read the two ports it holds (after an IPv4 header of IHL
 * words, or an IPv6 header with no extension header).
 */
static bool
quoted_ports(const uint8_t *ip, size_t len, struct ls_packet *q)
{
	struct ls_cursor c = cur_init(ip, len);
	uint8_t vihl = 0, nh = 0;
	size_t off;

	if (q->proto != IPPROTO_TCP || !cur_peek_u8(&c, 0, &vihl))
		return false;
	if (q->ip_version == 4)
		off = (size_t)(vihl & 0x0f) * 4;
	else if (cur_peek_u8(&c, 6, &nh) && nh == IPPROTO_TCP)
		off = 40;
	else
		return false;
	if (!cur_skip(&c, off))
		return false;
	q->sport = cur_be16(&c);
	q->dport = cur_be16(&c);
	if (!cur_ok(&c))
		return false;
	q->flags |= PKT_HAS_L4;
	return true;
}

static bool
is_error(const struct ls_packet *p)
{
	if (p->proto == IPPROTO_ICMP)
		return p->icmp_type == 3 || p->icmp_type == 11 ||
		    p->icmp_type == 12;
	if (p->proto == IPPROTO_ICMPV6)
		return p->icmp_type >= 1 && p->icmp_type <= 4;
	return false;
}

bool
icmperr_quote(const struct ls_packet *p, const uint8_t *frame,
    struct ls_packet *q)
{
	if (!(p->flags & PKT_HAS_L4) || (p->flags & PKT_FRAG_LATER) ||
	    !is_error(p) || p->payload_len < 4 + 20)
		return false;
	q->ts_us = p->ts_us;
	q->wire_len = UINT32_MAX;
	q->cap_len = p->payload_len - 4;
	q->iface = p->iface;
	const uint8_t *ip = frame + p->payload_off + 4;
	decode_frame(LS_DLT_RAW, ip, p->payload_len - 4, q);
	if (q->ip_version != p->ip_version || (q->flags & PKT_INNER))
		return false;
	if (!(q->flags & PKT_HAS_L4) &&
	    !quoted_ports(ip, p->payload_len - 4, q))
		return false;
	/* an error about an error is never sent (RFC 1122 3.2.2) */
	if (is_error(q))
		return false;
	q->vlan = p->vlan;
	q->nvlan = p->nvlan;
	q->wire_len = p->wire_len;
	q->cap_len = p->cap_len;
	q->anom = ANOM_NONE;
	q->payload_len = 0;
	q->payload_claimed = 0;
	q->l3_len = 0;
	return true;
}
