/* SPDX-License-Identifier: MIT */
/*
 * anomaly.h - named decode anomalies.
 *
 * A truncated or malformed packet is data, not an error: the decoder records
 * the first anomaly in struct ls_packet and the pipeline counts it.  Names are
 * dotted (Suricata's decode event style) and appear in the stats record.
 * Keep the enum and anom_name[] in anomaly.c in step; a unit test checks it.
 */
#ifndef ANOMALY_H
#define ANOMALY_H

#include <stdint.h>

enum ls_anom {
	ANOM_NONE = 0,
	/* link */
	ANOM_ETH_SHORT,
	ANOM_VLAN_SHORT,
	ANOM_VLAN_TOO_DEEP,
	ANOM_SLL_SHORT,
	ANOM_SLL2_SHORT,
	ANOM_NULL_SHORT,
	ANOM_NULL_UNKNOWN_FAMILY,
	/* IPv4 */
	ANOM_IPV4_SHORT,
	ANOM_IPV4_BAD_VERSION,
	ANOM_IPV4_IHL_LT_5,
	ANOM_IPV4_TOTLEN_LT_IHL,
	ANOM_IPV4_TRUNC,		/* captured less than total length */
	ANOM_IPV4_OPT_TRUNC,
	ANOM_IPV4_FRAG,			/* counted, not an error */
	/* IPv6 */
	ANOM_IPV6_SHORT,
	ANOM_IPV6_BAD_VERSION,
	ANOM_IPV6_TRUNC,
	ANOM_IPV6_EXT_SHORT,
	ANOM_IPV6_EXT_TOO_MANY,
	ANOM_IPV6_FRAG,
	/* tunnels */
	ANOM_IPIP_TOO_DEEP,
	/* L4 */
	ANOM_TCP_SHORT,
	ANOM_TCP_HLEN_LT_20,
	ANOM_TCP_HLEN_GT_LEN,
	ANOM_UDP_SHORT,
	ANOM_UDP_LEN_LT_8,
	ANOM_UDP_LEN_GT_IP,
	ANOM_ICMP_SHORT,
	ANOM_ICMPV6_SHORT,
	ANOM__COUNT
};

/* "decode.ipv4.ihl_lt_5" etc.; never NULL for a valid enum value. */
const char	*anom_name(enum ls_anom);

#endif /* ANOMALY_H */
