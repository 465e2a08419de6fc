/* SPDX-License-Identifier: MIT */
/*
 * localnet.h - LocalNet (TunnelCrack, Vanhoef et al., USENIX Security
 * 2023): a network that makes public addresses on-link, so that a VPN
 * client's "local network" exception sends traffic to them around the
 * tunnel, in plaintext, to whoever answers on the link.
 *
 * A public prefix made on-link (a DHCP lease's subnet, an on-link
 * classless route, a router advertisement's on-link prefix; "public":
 * not wholly inside the SPEC's local ranges, documentation ranges count
 * as public) is an offer, kept here with who made it (the DHCP server,
 * the router).  Most such offers are real LANs: a home's global IPv6 /64,
 * an office on public IPv4; traffic between their hosts is local and
 * stays so.  An offer is the attack, not a LAN, when
 *
 *   - it holds the VPN endpoint (a -e endpoint, or a carrier seen, also
 *     one seen after the offer: the TunnelCrack recipe that sends the
 *     carrier itself on-link, or blocks it), or a well-known public
 *     resolver, or is wider than any LAN (/8, /48; lanlearn.c refuses
 *     these);
 *   - or the gateway answers for an address in it that is not its own
 *     (an ARP reply from the gateway's MAC for another public address, a
 *     neighbour advertisement from it with the override flag clear, the
 *     mark of a proxy): the "neighbour" is the router, and traffic to it
 *     is routed off the LAN while the host believes it on-link.
 *
 * An address of an offer of the first kind, and an address the gateway
 * answered for, is not local by learning (lanlearn_contains), so its
 * traffic is judged as any other public destination's.  Once traffic to
 * an address in such an offer is seen sent on-link (an ARP request or
 * neighbour solicitation for it by a host, a frame to it addressed to a
 * MAC that is not the gateway's, the gateway's proxy answer; never the
 * client's own leased address or the gateway), one `localnet' warning
 * per offer (address: the first address sent on-link; server: who made
 * it on-link), then or at the first leak to such an address when the
 * offer is known no LAN only later (a carrier found after the ARP), and
 * every leak to an address of such an offer that was sent on-link, or
 * that the gateway answered for, has cause localnet (engine.c's leaked()
 * calls localnet_leak).  A leak to such an offer that went to the
 * gateway's MAC unasked was routed by the host itself: no cause.  An offer is warned about once, whatever its
 * number of addresses: no floods.
 *
 * Not caught: a narrow public prefix whose "neighbours" answer with MACs
 * of their own and nothing else gives it away looks exactly like a LAN
 * on public addresses; it is left local (SPEC: learned prefixes are
 * local), with no warning.
 */
#ifndef LOCALNET_H
#define LOCALNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "event.h"

struct ls_locality;
struct ls_pkt_ctx;
struct ls_warner;

#define LOCALNET_MAX_OFFERS	16
#define LOCALNET_MAX_SENT	64	/* addresses sent on-link (a ring) */

struct ls_localnet_offer {
	struct ls_cidr	 cidr;
	struct ls_addr	 server;	/* who made it on-link */
	struct ls_addr	 own;		/* a lease's: the client's address */
	uint8_t		 via;		/* enum lan_via */
	bool		 warned;
	bool		 proxied;	/* the gateway answered for one of it */
	const char	*why;		/* static: why it is no LAN; NULL: none
					   known (yet) */
};

struct ls_localnet {
	struct ls_warner	*warn;		/* the engine's (NULL: none) */
	struct ls_localnet_offer offers[LOCALNET_MAX_OFFERS];
	size_t			 n;
	/* public addresses of offers seen sent on-link: a leak to one is
	 * LocalNet's also when its offer is known no LAN only later */
	struct ls_addr		 sent[LOCALNET_MAX_SENT];
	size_t			 nsent, sent_next;
};

/* A public prefix c made on-link by server via a DHCP lease (for the
 * client own), an on-link route or an RA (own NULL); why: lanlearn's
 * reason for refusing it (NULL: learned). */
void	localnet_offer(struct ls_locality *, const struct ls_cidr *c,
	    enum lan_via, const struct ls_addr *server,
	    const struct ls_addr *own, const char *why);
/* Traffic to a sent on-link (how: static text), at packet x of src;
 * proxied: the gateway's MAC answered for it. */
void	localnet_onlink(struct ls_locality *, const struct ls_addr *a,
	    const char *how, bool proxied, const struct ls_pkt_ctx *x,
	    const struct ls_source *src);
/* a is a host's own address (an IPv6 duplicate address detection
 * target): the first one in its offer is the client's, never sent to. */
void	localnet_own(struct ls_locality *, const struct ls_addr *);
/* Is a in an offer that is no LAN (so not local by learning)? */
bool	localnet_excluded(const struct ls_locality *, const struct ls_addr *);
/* A leak record just made: its cause, when LocalNet sent it around. */
void	localnet_leak(struct ls_locality *, struct ls_leak *);

#endif /* LOCALNET_H */
