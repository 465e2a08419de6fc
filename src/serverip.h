/* SPDX-License-Identifier: MIT */
/*
 * serverip.h - ServerIP (TunnelCrack, Xue et al., USENIX Security 2023):
 * the VPN server's own address as a way around the tunnel.
 *
 * A VPN client routes its server's address outside the tunnel (the
 * carrier must not go into itself), so every other flow to that address
 * leaves outside the tunnel too.  An attacker who answers the client's
 * plaintext query for the VPN's name with the address of a site it wants
 * to see (and relays the carrier on to the real server) makes that site's
 * traffic go around the tunnel.  Two things follow, and this module owns
 * both:
 *
 *  - a leak to a carrier endpoint's address (any -e endpoint, any peer
 *    the OS names, any carrier seen in the capture; not a host route the
 *    OS has, which may be a split route) has cause serverip, when it
 *    happened once the tunnel had begun (any phase but before_tunnel:
 *    before the first carrier packet there is no route around a tunnel,
 *    only no tunnel, and that is what the phase says).  The cause is
 *    settled when the record is reported, with every endpoint known by
 *    then; -e or detection give the same answer.
 *
 *  - a plaintext DNS answer that maps a name to a carrier endpoint's
 *    address is a warning of kind serverip_dns, unless the name is the
 *    VPN's own.  The VPN's own name for an endpoint address is the name
 *    of the last answer for that address before the endpoint's first
 *    carrier packet (the resolution the client made to connect; it
 *    re-resolves it on every reconnect, so that name is expected at any
 *    time after).  Any other name mapped to the address is severity high:
 *    whatever the client sends to that name bypasses the tunnel.  When no
 *    answer for the address came before its first carrier packet (the
 *    capture began with the tunnel up, or the name was cached), the VPN's
 *    own name is not known and such an answer is severity medium.
 *    One warning per name and address (the first SERVERIP_WARNED names;
 *    beyond them every answer warns): a client that resolves a name again
 *    says nothing new.
 *    Answers are kept (the last SERVERIP_ANSWERS addresses) until their
 *    address's endpoint is known, so the order of a capture does not
 *    matter; a warning carries the time and packet of its answer.
 */
#ifndef SERVERIP_H
#define SERVERIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "dns.h"
#include "tunnel.h"

struct ls_carrier_set;
struct ls_leak;
struct ls_pkt_ctx;
struct ls_source;
struct ls_warner;

#define SERVERIP_ANSWERS	256	/* answer addresses kept, the last */

struct serverip_answer {
	uint64_t		 ts_us, pcap_cnt;
	const struct ls_source	*src;
	struct ls_addr		 addr, server, client;
	uint16_t		 name_len;
	bool			 done;		/* judged against its endpoint */
	char			 name[DNS_NAME_MAX + 1];
};

#define SERVERIP_WARNED		16	/* names warned once per address */

/* An endpoint address and the VPN's own name for it. */
struct serverip_host {
	struct ls_addr		 addr;
	uint64_t		 first_us;	/* its first carrier packet */
	bool			 known;		/* a name resolved before it */
	uint16_t		 name_len;
	char			 name[DNS_NAME_MAX + 1];
	uint32_t		 warned[SERVERIP_WARNED];	/* name hashes */
	size_t			 nwarned;
};

struct ls_serverip {
	const struct ls_carrier_set	*carriers;	/* -e, the OS's */
	const struct ls_tunnels		*tun;		/* carriers seen */
	struct ls_warner		*warn;
	struct serverip_answer		*ring;		/* lazily, oldest first */
	size_t				 head, n;
	struct serverip_host		 host[TUNNEL_MAX_CARRIERS];
	size_t				 nhost;
	size_t				 nseen;		/* tun->ep looked at */
};

void	serverip_init(struct ls_serverip *, const struct ls_carrier_set *,
	    const struct ls_tunnels *, struct ls_warner *);
void	serverip_free(struct ls_serverip *);
/* A new capture (not a continuation): nothing carries over. */
void	serverip_begin_source(struct ls_serverip *);
/* Is a a carrier endpoint's address (-e, the OS's, or seen)? */
bool	serverip_is_endpoint(const struct ls_serverip *, const struct ls_addr *);
/* A leak record about to be reported, its phase set: cause serverip when
 * its flow's other end is an endpoint's address and the tunnel had
 * begun (it wins over a less specific cause: the server's host route is
 * the most specific there is). */
void	serverip_cause(struct ls_serverip *, struct ls_leak *);
/* A packet from port 53 of a flow that is not a carrier (x->p set). */
void	serverip_dns(struct ls_serverip *, const struct ls_pkt_ctx *x,
	    const struct ls_source *src);
/* Endpoints seen since the last call: judge the answers for them. */
void	serverip_sync(struct ls_serverip *);

#endif /* SERVERIP_H */
