/* SPDX-License-Identifier: MIT */
/*
 * routeinj.h - route injection (TunnelVision, CVE-2024-3661): routes and
 * resolvers the local network pushes around the tunnel.
 *
 * A DHCP OFFER or ACK with classless static routes (RFC 3442 option 121,
 * Microsoft's 249), a router advertisement with route information (RFC
 * 4191) or a global recursive resolver (RFC 8106 RDNSS) is a warning of
 * kind route_injection.  Its severity follows the share of the public
 * address space the routes cover, a default route (/0) not counted: a
 * VPN's own routes (0/1 + 128/1, or a table of its own with the main
 * table's /0 suppressed) beat a default route, while any longer route the
 * network pushes beats them (that is the attack).
 *
 *	public share		severity
 *	>= 0.5			critical  (e.g. 0.0.0.0/1 + 128.0.0.0/1)
 *	> 0			high      (some public prefix: targeted)
 *	0			info      (private prefixes, a default route)
 *	global RDNSS		low       (a resolver outside the tunnel)
 *
 * Each announcer's current set is remembered, keyed by (server, client,
 * what said it): the same set said again (a lease renewed, a periodic
 * advertisement) is no new warning, a changed set is.  A set said empty
 * (a lease without routes, lifetimes 0) forgets the old one.
 *
 * A leaked flow from the client to a public address inside a remembered
 * route (not a /0) that was announced before the flow began has the cause
 * route_injection; once its phase is known the cause stands only when the
 * tunnel was connected (routeinj_settled): with no tunnel up nothing had
 * to be steered around it.
 */
#ifndef ROUTEINJ_H
#define ROUTEINJ_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"

struct ls_lanmsg;
struct ls_packet;
struct ls_warner;

#define RI_MAX_SETS	32	/* announcers remembered; oldest goes */

enum ri_from { RI_DHCP = 0, RI_RA_ROUTE, RI_RA_RDNSS };

struct ri_set {
	bool			 used;
	enum ri_from		 from;
	const char		*via;		/* static: "dhcp_option_121", ... */
	struct ls_addr		 server;
	struct ls_addr		 client;	/* 0: everyone on the link */
	struct ls_addr		 resolver;	/* RDNSS */
	struct ls_warn_route	 routes[WARN_MAX_ROUTES];
	size_t			 nroutes;
	bool			 cut;
	uint64_t		 since_us;	/* when this set was first said */
};

struct ls_routeinj {
	struct ls_warner	*warn;
	struct ri_set		 sets[RI_MAX_SETS];
	bool			 any;		/* a set was ever said: else no
						   leak needs looking at */
};

void	routeinj_init(struct ls_routeinj *, struct ls_warner *);
/* One packet's LAN message: warn when it pushes a new set. */
void	routeinj_packet(struct ls_routeinj *, const struct ls_packet *,
	    const struct ls_lanmsg *, const struct ls_source *,
	    uint64_t pcap_cnt);
/* The cause of a leak from cli to dst whose flow began at first_us:
 * CAUSE_ROUTE_INJECTION or CAUSE_NONE. */
enum ls_cause routeinj_cause(const struct ls_routeinj *,
	    const struct ls_addr *cli, const struct ls_addr *dst,
	    uint64_t first_us);
/* The leak's phase is known: route injection only while connected. */
void	routeinj_settled(struct ls_leak *);
/* The severity of a route set's public share (the table above). */
enum ls_severity routeinj_severity(double public_share);

#endif /* ROUTEINJ_H */
