/* SPDX-License-Identifier: MIT */
/*
 * locality.h - what counts as the local network.
 *
 * An address is local when it falls in the built-in local ranges (SPEC.md:
 * RFC 1918, link-local, loopback, multicast, broadcast, ULA), in a -L
 * prefix, in the rule file's `local:' list, or in what was learned from
 * the capture or the interfaces (lanlearn.c: DHCP leases, router
 * advertisements, ARP and neighbour answers, live the interfaces' own
 * prefixes).  Housekeeping (DHCP, NDP, MLD, IGMP) is local whatever its
 * addresses say; so is a flow to a multicast or broadcast address (the
 * LAN's directed broadcast too), loopback traffic, and unicast mDNS and
 * LLMNR between local hosts.
 */
#ifndef LOCALITY_H
#define LOCALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "event.h"
#include "packet.h"

struct ls_ruleset;
struct ls_tunnels;

#define LOCALITY_BUILTIN	11

/* The narrowest prefix lengths learned (wider ones are refused). */
#define LAN_MIN_PLEN_V4		8
#define LAN_MIN_PLEN_V6		48

struct ls_locality {
	struct ls_cidr		 builtin[LOCALITY_BUILTIN];
	const struct ls_cidr	*lan;		/* -L */
	size_t			 nlan;
	const struct ls_ruleset	*rules;		/* its local: list */

	/* learning (lanlearn.c) */
	bool			 learn;		/* off: --no-learn-lan */
	struct ls_lan		 learned;
	unsigned		 reported;	/* learned.change last reported */
	const struct ls_endpoint *endpoints;	/* -e: never inside a prefix */
	size_t			 nendpoints;
	const struct ls_tunnels	*tun;		/* carriers seen: the same */
};

void	locality_init(struct ls_locality *, const struct ls_cidr *lan,
	    size_t nlan, const struct ls_ruleset *);
/* SIGHUP: the new rule file's local: list. */
void	locality_set_rules(struct ls_locality *, const struct ls_ruleset *);
bool	locality_is_local(const struct ls_locality *, const struct ls_addr *);
/* Is all of c local already (built-in, -L, local:)? */
bool	locality_covers(const struct ls_locality *, const struct ls_cidr *);
/* Housekeeping that is local whatever the addresses say. */
bool	locality_housekeeping(const struct ls_packet *);
/* A destination that never leaves the link whatever the source:
 * multicast, broadcast, a LAN prefix's directed broadcast. */
bool	locality_dest_onlink(const struct ls_locality *, const struct ls_addr *);
/* Does the flow (cli -> srv) leave the local network? */
bool	locality_nonlocal(const struct ls_locality *, const struct ls_addr *cli,
	    const struct ls_addr *srv);
/* Local whatever the rules say: loopback, unicast mDNS/LLMNR between
 * local hosts. */
bool	locality_always_local(const struct ls_locality *, uint8_t proto,
	    const struct ls_addr *cli, uint16_t cport,
	    const struct ls_addr *srv, uint16_t sport);

/* --- learning (lanlearn.c) ----------------------------------------------- */

/* Learn from one decoded packet (DHCP ACK, RA, NA, ARP reply). */
void	lanlearn_packet(struct ls_locality *, const struct ls_packet *,
	    const uint8_t *frame);
/* The same from its message parsed already (lanmsg.h). */
struct ls_lanmsg;
void	lanlearn_msg(struct ls_locality *, const struct ls_packet *,
	    const struct ls_lanmsg *);
/* Offer a prefix; false when refused (recorded with its reason). */
bool	lanlearn_prefix(struct ls_locality *, const struct ls_cidr *,
	    enum lan_via);
/* Live: learn the prefixes of this interface's own addresses. */
void	lanlearn_interface(struct ls_locality *, const char *ifname);
/* Is a learned prefix (not a -L or built-in one) holding a? */
bool	lanlearn_contains(const struct ls_locality *, const struct ls_addr *);
/* Something new since the last lan event? */
bool	lanlearn_changed(const struct ls_locality *);
void	lanlearn_reported(struct ls_locality *);
/* The lan event, when something changed since the last one. */
struct ls_reporter;
void	lanlearn_report(struct ls_locality *, struct ls_reporter *,
	    const struct ls_source *, uint64_t now_us, bool live);

#endif /* LOCALITY_H */
