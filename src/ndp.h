/* SPDX-License-Identifier: MIT */
/*
 * ndp.h - neighbour evidence: what router advertisements, neighbour
 * advertisements (RFC 4861) and ARP replies (RFC 826) say is on-link.
 *
 * A router advertisement's route information (RFC 4191) and recursive
 * resolvers (RFC 8106) are kept too, for route injection (routeinj.h).
 *
 * ndp_parse reads an ICMPv6 message body (after type, code and checksum):
 * an RA's prefixes, an NS's or NA's target, the NA's flags, the sender's
 * or target's Ethernet address (source or target link-layer address
 * option, RFC 4861 4.6.1);
 * arp_parse an ARP packet (after the link header).  Both through the
 * bounds-checked cursor.
 */
#ifndef NDP_H
#define NDP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NDP_MAX_PREFIXES	8
#define NDP_MAX_ROUTES		16
#define NDP_MAX_RDNSS		8

#define NDP_RS		133
#define NDP_RA		134
#define NDP_NS		135
#define NDP_NA		136

struct ls_ndp_prefix {
	uint8_t		prefix[16];
	uint8_t		plen;		/* 0..128 */
	bool		onlink;		/* the L flag */
	bool		autoconf;	/* the A flag */
	uint32_t	valid;		/* valid lifetime, seconds */
};

/* A route information option (RFC 4191 2.3). */
struct ls_ndp_route {
	uint8_t		prefix[16];	/* bits beyond plen cleared */
	uint8_t		plen;		/* 0..128 */
	int8_t		pref;		/* -1 low, 0 medium, 1 high */
	uint32_t	lifetime;	/* seconds; 0: withdrawn */
};

struct ls_ndp {
	uint8_t		type;		/* NDP_RS, NDP_RA, NDP_NS or NDP_NA */
	uint16_t	router_lifetime;	/* RA */
	struct ls_ndp_prefix prefixes[NDP_MAX_PREFIXES];	/* RA option 3 */
	size_t		nprefixes;
	struct ls_ndp_route routes[NDP_MAX_ROUTES];	/* RA option 24 */
	size_t		nroutes;
	bool		routes_cut;	/* more than NDP_MAX_ROUTES */
	uint8_t		rdnss[NDP_MAX_RDNSS][16];	/* RA option 25 */
	uint32_t	rdnss_lifetime[NDP_MAX_RDNSS];	/* 0: withdrawn */
	size_t		nrdnss;
	bool		rdnss_cut;
	uint8_t		target[16];	/* NS, NA */
	bool		solicited;	/* NA: the S flag */
	bool		override;	/* NA: the O flag (a proxy clears it) */
	bool		have_lladdr;	/* a link-layer address option: */
	uint8_t		lladdr[6];	/* RS, RA, NS the source's (type 1),
					   NA the target's (type 2) */
};

enum ndp_result { NDP_OK = 0, NDP_IGNORED, NDP_MALFORMED };

/* An ICMPv6 message of this type, body after the 4-byte header. */
enum ndp_result	ndp_parse(uint8_t type, const uint8_t *body, size_t len,
		    struct ls_ndp *);

struct ls_arp {
	uint16_t	op;		/* 1 request, 2 reply */
	uint8_t		sha[6], spa[4], tha[6], tpa[4];
};

/* An Ethernet/IPv4 ARP packet (htype 1, ptype 0x0800, 6, 4). */
bool		arp_parse(const uint8_t *, size_t, struct ls_arp *);

#endif /* NDP_H */
