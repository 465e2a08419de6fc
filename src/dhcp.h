/* SPDX-License-Identifier: MIT */
/*
 * dhcp.h - what a DHCPv4 message says about the local network.
 *
 * Only what locality and route injection (routeinj.h) learn from (RFC
 * 2131 message, RFC 2132 options 1, 3, 28, 53, 54; RFC 3442 option 121
 * and Microsoft's 249 with the same encoding): the leased address, its
 * mask, the routers, the broadcast address, the server identifier and
 * the classless routes.  Everything is read through the
 * bounds-checked cursor; option overload (52) is not followed.
 */
#ifndef DHCP_H
#define DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_MAX_ROUTERS	4
#define DHCP_MAX_ROUTES		16

enum {
	DHCP_DISCOVER = 1, DHCP_OFFER, DHCP_REQUEST, DHCP_DECLINE, DHCP_ACK,
	DHCP_NAK, DHCP_RELEASE, DHCP_INFORM,
};

struct ls_dhcp_route {
	uint8_t		dst[4];
	uint8_t		plen;		/* 0..32 */
	uint8_t		gw[4];		/* 0.0.0.0: on-link */
};

struct ls_dhcp {
	uint8_t		op;		/* 1 request, 2 reply */
	uint8_t		msg_type;	/* option 53, 0 if absent (BOOTP) */
	uint8_t		yiaddr[4];
	bool		have_mask;
	uint8_t		mask[4];	/* option 1 */
	uint8_t		mask_plen;	/* its length; 255: not contiguous */
	bool		have_bcast;
	uint8_t		bcast[4];	/* option 28 */
	uint8_t		routers[DHCP_MAX_ROUTERS][4];	/* option 3 */
	size_t		nrouters;
	bool		have_server;
	uint8_t		server[4];	/* option 54, the server identifier */
	struct ls_dhcp_route routes[DHCP_MAX_ROUTES];	/* 121, else 249 */
	size_t		nroutes;
	uint8_t		routes_opt;	/* 121 or 249: where they came from */
	bool		routes_cut;	/* more than DHCP_MAX_ROUTES */
	bool		routes_bad;	/* an option 121/249 did not parse */
};

enum dhcp_result { DHCP_OK = 0, DHCP_NOT_DHCP, DHCP_MALFORMED };

/* Parse a BOOTP/DHCP UDP payload. */
enum dhcp_result	dhcp_parse(const uint8_t *, size_t, struct ls_dhcp *);

#endif /* DHCP_H */
