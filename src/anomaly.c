/* SPDX-License-Identifier: MIT */
/* anomaly.c - the dotted names of decode anomalies (see anomaly.h). */
#include <stddef.h>

#include "anomaly.h"

static const char *const names[ANOM__COUNT] = {
	[ANOM_NONE]			= "none",
	[ANOM_ETH_SHORT]		= "decode.eth.short",
	[ANOM_VLAN_SHORT]		= "decode.vlan.short",
	[ANOM_VLAN_TOO_DEEP]		= "decode.vlan.too_deep",
	[ANOM_SLL_SHORT]		= "decode.sll.short",
	[ANOM_SLL2_SHORT]		= "decode.sll2.short",
	[ANOM_NULL_SHORT]		= "decode.null.short",
	[ANOM_NULL_UNKNOWN_FAMILY]	= "decode.null.unknown_family",
	[ANOM_IPV4_SHORT]		= "decode.ipv4.short",
	[ANOM_IPV4_BAD_VERSION]		= "decode.ipv4.bad_version",
	[ANOM_IPV4_IHL_LT_5]		= "decode.ipv4.ihl_lt_5",
	[ANOM_IPV4_TOTLEN_LT_IHL]	= "decode.ipv4.totlen_lt_ihl",
	[ANOM_IPV4_TRUNC]		= "decode.ipv4.trunc",
	[ANOM_IPV4_OPT_TRUNC]		= "decode.ipv4.opt_trunc",
	[ANOM_IPV4_FRAG]		= "decode.ipv4.frag",
	[ANOM_IPV6_SHORT]		= "decode.ipv6.short",
	[ANOM_IPV6_BAD_VERSION]		= "decode.ipv6.bad_version",
	[ANOM_IPV6_TRUNC]		= "decode.ipv6.trunc",
	[ANOM_IPV6_EXT_SHORT]		= "decode.ipv6.ext_short",
	[ANOM_IPV6_EXT_TOO_MANY]	= "decode.ipv6.ext_too_many",
	[ANOM_IPV6_FRAG]		= "decode.ipv6.frag",
	[ANOM_IPIP_TOO_DEEP]		= "decode.ipip.too_deep",
	[ANOM_TCP_SHORT]		= "decode.tcp.short",
	[ANOM_TCP_HLEN_LT_20]		= "decode.tcp.hlen_lt_20",
	[ANOM_TCP_HLEN_GT_LEN]		= "decode.tcp.hlen_gt_len",
	[ANOM_UDP_SHORT]		= "decode.udp.short",
	[ANOM_UDP_LEN_LT_8]		= "decode.udp.len_lt_8",
	[ANOM_UDP_LEN_GT_IP]		= "decode.udp.len_gt_ip",
	[ANOM_ICMP_SHORT]		= "decode.icmp.short",
	[ANOM_ICMPV6_SHORT]		= "decode.icmpv6.short",
};

const char *
anom_name(enum ls_anom a)
{
	if ((unsigned)a >= ANOM__COUNT || names[a] == NULL)
		return "decode.unknown";
	return names[a];
}
