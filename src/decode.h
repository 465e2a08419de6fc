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

#include <netinet/in.h>
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

/*
 * The carrier fast path's shape check (fastpath.h): is this Ethernet frame,
 * untagged or with one 802.1Q tag, plain UDP or ESP over IPv4 (no options,
 * not a fragment) or IPv6 (no extension header), with every length
 * consistent?  Such a frame is exactly one that decode_frame reads without
 * an anomaly, and its flow's key bytes are contiguous, [*off, *off + *len):
 * the addresses and ports for UDP (12 or 36 bytes), the addresses alone for
 * ESP (8 or 32: its flows have no ports, and each way has its own SPI).
 * The payload may be cut by the snap length (decode_frame: truncated, not
 * an anomaly), the headers not.
 *
 * It reads fixed offsets below 66 after one check that caplen covers them,
 * without the cursor: it runs for nearly every packet under a VPN, and the
 * cursor's per-read checks would be the larger part of its cost.  The one
 * length check is the bound for every read below it.
 */
#define DECODE_FAST_MIN	(14 + 4 + 40 + 8)	/* Ethernet, a tag, IPv6, UDP */

static inline __attribute__((always_inline)) bool
decode_fast_shape(const uint8_t *b, uint32_t caplen, uint32_t wirelen,
    uint16_t *et, uint8_t *off, uint8_t *len)
{
	uint32_t v = 0;		/* 4 with a VLAN tag */

	if (caplen < DECODE_FAST_MIN)
		return false;
	*et = (uint16_t)(b[12] << 8 | b[13]);
	if (*et == 0x8100) {
		v = 4;
		b += 4;
		*et = (uint16_t)(b[12] << 8 | b[13]);
	}
	if (*et == 0x0800) {
		uint32_t tot = (uint32_t)(b[16] << 8 | b[17]);
		uint32_t ulen = (uint32_t)(b[38] << 8 | b[39]);
		if (b[14] != 0x45 || ((b[20] << 8 | b[21]) & 0x3fff) != 0 ||
		    tot < 28 || 14 + v + tot > wirelen)
			return false;
		*off = (uint8_t)(26 + v);
		if (b[23] == IPPROTO_UDP && ulen == tot - 20)
			*len = 12;
		else if (b[23] == IPPROTO_ESP)
			*len = 8;
		else
			return false;
		return true;
	}
	if (*et == 0x86dd) {
		uint32_t plen = (uint32_t)(b[18] << 8 | b[19]);
		uint32_t ulen = (uint32_t)(b[58] << 8 | b[59]);
		if ((b[14] >> 4) != 6 || plen < 8 || 54 + v + plen > wirelen)
			return false;
		*off = (uint8_t)(22 + v);
		if (b[20] == IPPROTO_UDP && ulen == plen)
			*len = 36;
		else if (b[20] == IPPROTO_ESP)
			*len = 32;
		else
			return false;
		return true;
	}
	return false;
}

#endif /* DECODE_H */
