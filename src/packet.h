/* SPDX-License-Identifier: MIT */
/*
 * packet.h - what the decoders learned about one captured frame.
 *
 * Three lengths are kept apart (R2 of STYLE.md): wire_len (pkthdr.len),
 * cap_len (pkthdr.caplen) and the lengths headers claim.  Layers are stored
 * as offsets into the frame, never as pointers: libpcap may reuse its buffer
 * once the callback returns.
 */
#ifndef PACKET_H
#define PACKET_H

#include <stdbool.h>
#include <stdint.h>

#include "addr.h"
#include "anomaly.h"

/* What the frame carries above the link layer. */
enum ls_l3 {
	L3_NONE = 0,		/* nothing decodable (unknown ethertype...) */
	L3_ARP,			/* ARP / RARP: always local */
	L3_IPV4,
	L3_IPV6,
	L3_OTHER,		/* another ethertype (LLDP, EAPOL, ...): local */
};

enum {
	PKT_TRUNC	= 1u << 0,	/* the capture cut a header short */
	PKT_INVALID	= 1u << 1,	/* a header is malformed */
	PKT_FRAG	= 1u << 2,	/* an IP fragment */
	PKT_FRAG_LATER	= 1u << 3,	/* a non-first fragment: no L4 header */
	PKT_HAS_L4	= 1u << 4,	/* sport/dport/tcp_flags are valid */
	PKT_INNER	= 1u << 5,	/* addresses are of an IP-in-IP inner header */
	PKT_ETH		= 1u << 6,	/* Ethernet: the frame opens with the
					   destination and source MACs */
};

struct ls_packet {
	uint64_t	ts_us;		/* packet time, microseconds since epoch */
	uint32_t	wire_len;	/* pkthdr.len */
	uint32_t	cap_len;	/* pkthdr.caplen */
	uint32_t	iface;		/* capture source index (file or device) */

	uint16_t	vlan;		/* outermost 802.1Q VID, 0 if none */
	uint8_t		nvlan;		/* tags seen (capped, see decode.c) */
	uint8_t		l3;		/* enum ls_l3 */
	uint16_t	ethertype;	/* last ethertype seen, host order */
	uint8_t		ip_version;	/* 4 or 6 when l3 is IPv4/IPv6, else 0 */
	uint8_t		proto;		/* IPPROTO_* of the transport header */
	uint8_t		ttl;		/* IPv4 TTL / IPv6 hop limit */
	uint8_t		tcp_flags;	/* TH_* bits when proto is TCP */
	uint8_t		icmp_type;	/* ICMP / ICMPv6 type */
	uint8_t		icmp_code;
	uint16_t	flags;		/* PKT_* */

	struct ls_addr	src, dst;	/* v4-mapped for IPv4 */
	uint16_t	sport, dport;	/* host order, 0 without L4 */

	uint32_t	l3_off;		/* offset of the (innermost) IP header */
	uint32_t	l3_len;		/* captured bytes of it, cut to its claim */
	uint32_t	ip_claimed;	/* what the IP header says the datagram is */
	uint32_t	payload_off;	/* offset of the L4 payload */
	uint32_t	payload_len;	/* captured payload, cut to what L4 claims */
	uint32_t	payload_claimed;/* payload length the headers claim */

	enum ls_anom	anom;		/* first anomaly found, ANOM_NONE if none */
};

/*
 * One packet as it moves through the engine: the captured bytes, their
 * times and number, and (off the fast path) what decode_frame found.
 * Made by engine_packet and handed down; nothing keeps it.
 */
struct ls_pkt_ctx {
	const struct ls_packet	*p;		/* NULL on the fast path */
	const uint8_t		*frame;
	uint32_t		 caplen, len;
	uint64_t		 ts_us;
	uint64_t		 pcap_cnt;	/* 1-based, offline */
	uint8_t			 dir;		/* enum flow_dir, once looked up */
};

#endif /* PACKET_H */
