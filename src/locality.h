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
#include "localnet.h"
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
	struct ls_localnet	 ln;		/* public prefixes made on-link */
};

/* What a flow's first Ethernet frame said by its MACs (lanlearn_flow;
 * struct ls_flow_eng's link): the server end (the frame's destination)
 * or the client end (its source) routed through a gateway, or on-link
 * at the MAC its neighbour answer gave. */
enum {
	LINK_SRV_ROUTED	= 1u << 0,
	LINK_CLI_ROUTED	= 1u << 1,
	LINK_SRV_ONLINK	= 1u << 2,
	LINK_CLI_ONLINK	= 1u << 3,
};

void	locality_init(struct ls_locality *, const struct ls_cidr *lan,
	    size_t nlan, const struct ls_ruleset *);
/* SIGHUP: the new rule file's local: list. */
void	locality_set_rules(struct ls_locality *, const struct ls_ruleset *);
bool	locality_is_local(const struct ls_locality *, const struct ls_addr *);
/* Local by contract: built-in, -L, the rule file's local: (not learned). */
bool	locality_fixed_local(const struct ls_locality *,
	    const struct ls_addr *);
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
/* The same with what its first frame's MACs said (LINK_*): a routed end
 * is not local by learning, an on-link one is. */
bool	locality_nonlocal_link(const struct ls_locality *,
	    const struct ls_addr *cli, const struct ls_addr *srv, uint8_t link);
/* Local whatever the rules say: loopback, unicast mDNS/LLMNR between
 * local hosts. */
bool	locality_always_local(const struct ls_locality *, uint8_t proto,
	    const struct ls_addr *cli, uint16_t cport,
	    const struct ls_addr *srv, uint16_t sport);

/* --- learning (lanlearn.c) ----------------------------------------------- */

/* Learn from one decoded packet x (x->p set) of src (DHCP ACK, RA, NS,
 * NA, ARP): prefixes, gateways, neighbours, their MACs; LocalNet's
 * evidence (localnet.h). */
void	lanlearn_packet(struct ls_locality *, const struct ls_pkt_ctx *x,
	    const struct ls_source *src);
/* The same from its message parsed already (lanmsg.h). */
struct ls_lanmsg;
void	lanlearn_msg(struct ls_locality *, const struct ls_pkt_ctx *x,
	    const struct ls_source *src, const struct ls_lanmsg *);
/* A new flow's first packet x (fp: what its key was made of; LINK_*
 * only when that is x's own packet): its LINK_* bits. */
uint8_t	lanlearn_flow(struct ls_locality *, const struct ls_packet *fp,
	    const struct ls_pkt_ctx *x, const struct ls_source *src);
/* Is a an address the gateway's MAC answered for, not its own? */
bool	lanlearn_proxied(const struct ls_locality *, const struct ls_addr *);
/* Would an address known on-link by its MAC be local (not the VPN
 * endpoint, a public resolver, a LocalNet address)? */
bool	lanlearn_onlink_local(const struct ls_locality *,
	    const struct ls_addr *);
/* Does c hold a carrier endpoint (-e or seen)? */
bool	lanlearn_holds_carrier(const struct ls_locality *,
	    const struct ls_cidr *);
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
