/* SPDX-License-Identifier: MIT */
/*
 * decode.h - frame decoding: link layer, IPv4/IPv6, TCP/UDP/ICMP.
 *
 * The link-layer entry point is chosen once per capture from its DLT
 * (decode_supported); decode_frame then fills a struct ls_packet.  Decoding
 * never fails as a whole: a short or malformed header stops at that layer,
 * sets PKT_TRUNC or PKT_INVALID and records the first anomaly.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "packet.h"

#define DECODE_MAX_VLAN		2	/* 802.1Q + QinQ; a third tag is an anomaly */
#define DECODE_MAX_V6_EXT	8	/* extension headers before giving up */
#define DECODE_MAX_IPIP		1	/* one IP-in-IP / 6in4 level is followed */

enum ls_dres { DRES_OK, DRES_TRUNC, DRES_INVALID, DRES_UNSUPPORTED };

/* Is this pcap link type (DLT_* value) one leaksniff decodes? */
bool		 decode_supported(int dlt);
/* "EN10MB", "LINUX_SLL2", ... or NULL when unknown to leaksniff. */
const char	*decode_dlt_name(int dlt);

/*
 * Decode one frame.  p->ts_us, p->wire_len, p->cap_len and p->iface are set
 * by the caller; everything else is filled here (zeroed first).  Returns the
 * outcome of the deepest layer reached.
 */
enum ls_dres	 decode_frame(int dlt, const uint8_t *frame, uint32_t caplen,
		    struct ls_packet *p);

#endif /* DECODE_H */
