/* SPDX-License-Identifier: MIT */
/*
 * lanmsg.h - a packet's local-network message, parsed once: a DHCP reply
 * (dhcp.h), neighbour discovery (ndp.h) or ARP.
 *
 * Two modules read these: lanlearn.c learns the LAN from them and
 * routeinj.c warns of the routes and resolvers they push.  The engine
 * has lanmsg_parse fill one struct per packet and hands it to both, so
 * no message is parsed twice.  Tunnelled (inner) packets and non-first
 * fragments carry none.
 */
#ifndef LANMSG_H
#define LANMSG_H

#include <stdbool.h>
#include <stdint.h>

#include "dhcp.h"
#include "ndp.h"

struct ls_packet;

enum lanmsg_kind { LANMSG_NONE = 0, LANMSG_DHCP, LANMSG_NDP, LANMSG_ARP };

struct ls_lanmsg {
	enum lanmsg_kind	kind;
	bool			ndp_ok;	/* NDP: an RA or NA that parsed */
	union {
		struct ls_dhcp	dhcp;	/* a server's reply (67 -> 68) */
		struct ls_ndp	ndp;	/* RS, RA, NS, NA with hop limit 255 */
		struct ls_arp	arp;
	};
};

/* Parse what p holds (m->kind says what it was; NONE for most). */
void	lanmsg_parse(const struct ls_packet *p, const uint8_t *frame,
	    struct ls_lanmsg *m);

#endif /* LANMSG_H */
