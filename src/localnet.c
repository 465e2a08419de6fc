/* SPDX-License-Identifier: MIT */
/*
 * localnet.c - public prefixes made on-link (LocalNet, see localnet.h):
 * the offers, which of them are no LAN, the addresses sent on-link in
 * them, the one warning per offer and the leaks' cause.
 *
 * Offers and addresses are bounded tables, looked at by the LAN
 * learner's messages (ARP, NDP, DHCP), once per new flow when an offer
 * is known, and once per leak; never per packet.
 */
#include <stdio.h>
#include <string.h>

#include "locality.h"
#include "localnet.h"
#include "packet.h"
#include "warn.h"

static bool
wholly_local(const struct ls_locality *loc, const struct ls_cidr *c)
{
	return locality_covers(loc, c);
}

/* Public: not local by contract (built-in, -L, local:), not multicast or
 * broadcast.  Documentation ranges are public. */
static bool
public_addr(const struct ls_locality *loc, const struct ls_addr *a)
{
	return !addr_is_multicast(a) && !addr_is_broadcast(a) &&
	    !locality_fixed_local(loc, a);
}

static bool
is_gateway(const struct ls_locality *loc, const struct ls_addr *a)
{
	for (size_t i = 0; i < loc->learned.ngateways; i++)
		if (addr_cmp(&loc->learned.gateways[i], a) == 0)
			return true;
	return false;
}

/* The narrowest offer holding a. */
static struct ls_localnet_offer *
find(const struct ls_localnet *ln, const struct ls_addr *a)
{
	const struct ls_localnet_offer *best = NULL;

	for (size_t i = 0; i < ln->n; i++)
		if (cidr_contains(&ln->offers[i].cidr, a) && (best == NULL ||
		    ln->offers[i].cidr.plen > best->cidr.plen))
			best = &ln->offers[i];
	return (struct ls_localnet_offer *)best;
}

/* Why o is no LAN: what lanlearn refused it for, or a carrier endpoint
 * seen in it since; NULL while it looks like a LAN. */
static const char *
why_of(const struct ls_locality *loc, const struct ls_localnet_offer *o)
{
	if (o->why != NULL)
		return o->why;
	if (lanlearn_holds_carrier(loc, &o->cidr))
		return "holds the VPN endpoint";
	return NULL;
}

static const char *
via_text(uint8_t via)
{
	switch (via) {
	case LAN_VIA_DHCP:	return "dhcp_lease";
	case LAN_VIA_DHCP_ROUTE: return "dhcp_option_121";
	case LAN_VIA_RA:	return "ra_prefix";
	default:		return NULL;
	}
}

void
localnet_offer(struct ls_locality *loc, const struct ls_cidr *c,
    enum lan_via via, const struct ls_addr *server,
    const struct ls_addr *own, const char *why)
{
	struct ls_localnet *ln = &loc->ln;
	struct ls_localnet_offer *o = NULL;

	if (wholly_local(loc, c))
		return;
	for (size_t i = 0; i < ln->n; i++)
		if (memcmp(&ln->offers[i].cidr, c, sizeof(*c)) == 0) {
			o = &ln->offers[i];
			if (why != NULL)
				o->why = why;
			if (own != NULL)
				o->own = *own;
			return;
		}
	if (ln->n < LOCALNET_MAX_OFFERS)
		o = &ln->offers[ln->n++];
	else if (why != NULL) {
		/* full: one that looks like a LAN and was not warned about
		 * gives way to one that is no LAN */
		for (size_t i = 0; i < ln->n && o == NULL; i++)
			if (ln->offers[i].why == NULL && !ln->offers[i].warned)
				o = &ln->offers[i];
	}
	if (o == NULL)
		return;
	memset(o, 0, sizeof(*o));
	o->cidr = *c;
	o->server = *server;
	o->via = (uint8_t)via;
	o->why = why;
	if (own != NULL)
		o->own = *own;
}

static bool
was_sent(const struct ls_localnet *ln, const struct ls_addr *a)
{
	for (size_t i = 0; i < ln->nsent; i++)
		if (addr_cmp(&ln->sent[i], a) == 0)
			return true;
	return false;
}

static void
sent(struct ls_localnet *ln, const struct ls_addr *a)
{
	if (was_sent(ln, a))
		return;
	ln->sent[ln->sent_next] = *a;
	ln->sent_next = (ln->sent_next + 1) % LOCALNET_MAX_SENT;
	if (ln->nsent < LOCALNET_MAX_SENT)
		ln->nsent++;
}

static void
emit(struct ls_locality *loc, struct ls_localnet_offer *o,
    const struct ls_addr *a, const char *why, const char *how,
    uint64_t ts_us, uint64_t pcap_cnt, const struct ls_source *src)
{
	struct ls_warning w;

	o->warned = true;
	if (loc->ln.warn == NULL)
		return;
	memset(&w, 0, sizeof(w));
	w.ts_us = ts_us;
	w.src = src;
	w.pcap_cnt = pcap_cnt;
	w.kind = WARN_LOCALNET;
	/* no LAN for certain: high; the gateway's proxy answers: medium */
	w.severity = o->why != NULL || lanlearn_holds_carrier(loc, &o->cidr) ?
	    SEV_HIGH : SEV_MEDIUM;
	w.via = via_text(o->via);
	w.server = o->server;
	w.routes[0].dest = o->cidr;
	w.nroutes = 1;
	w.public_share = warn_public_share(&o->cidr, 1);
	w.address = *a;
	snprintf(w.detail, sizeof(w.detail), "the on-link prefix %s; %s",
	    why, how);
	warn_emit(loc->ln.warn, &w);
}

void
localnet_onlink(struct ls_locality *loc, const struct ls_addr *a,
    const char *how, bool proxied, const struct ls_pkt_ctx *x,
    const struct ls_source *src)
{
	struct ls_localnet_offer *o;
	const char *why;

	if (loc->ln.n == 0 || !public_addr(loc, a) ||
	    (o = find(&loc->ln, a)) == NULL || addr_cmp(&o->own, a) == 0 ||
	    is_gateway(loc, a))
		return;		/* the client's own, the router: no news */
	sent(&loc->ln, a);
	if (proxied)
		o->proxied = true;
	if (o->warned)
		return;
	if ((why = why_of(loc, o)) == NULL && proxied)
		why = "is routed by its gateway";
	if (why != NULL)
		emit(loc, o, a, why, how, x->ts_us, x->pcap_cnt, src);
}

void
localnet_own(struct ls_locality *loc, const struct ls_addr *a)
{
	struct ls_localnet_offer *o;
	static const struct ls_addr none;

	if (loc->ln.n > 0 && (o = find(&loc->ln, a)) != NULL &&
	    addr_cmp(&o->own, &none) == 0)
		o->own = *a;
}

bool
localnet_excluded(const struct ls_locality *loc, const struct ls_addr *a)
{
	const struct ls_localnet_offer *o;

	return loc->ln.n > 0 && (o = find(&loc->ln, a)) != NULL &&
	    why_of(loc, o) != NULL && public_addr(loc, a);
}

/*
 * A leak to (or from) a public address of an offer that is no LAN, the
 * address seen sent on-link, or one the gateway answered for: LocalNet
 * sent it around the tunnel.  The offer's warning now if it was not
 * given yet (it turned out no LAN only since: a carrier seen in it).
 */
void
localnet_leak(struct ls_locality *loc, struct ls_leak *l)
{
	struct ls_localnet *ln = &loc->ln;
	const struct ls_addr *a = &l->flow.srv;
	struct ls_localnet_offer *o;
	const char *why;
	bool proxied;

	if (ln->n == 0 || l->cause != CAUSE_NONE)
		return;
	/* the far end: the server, or the client of a flow to a local one
	 * (never the client's own address of an outgoing flow) */
	if (!public_addr(loc, a))
		a = &l->flow.cli;
	if (!public_addr(loc, a) || (o = find(ln, a)) == NULL)
		return;
	proxied = lanlearn_proxied(loc, a);
	why = why_of(loc, o);
	if (!proxied && (why == NULL || !was_sent(ln, a)))
		return;
	if (!o->warned)
		emit(loc, o, a, why != NULL ? why :
		    "is routed by its gateway",
		    "a leak to it, sent on-link", l->ts_us, l->pcap_cnt,
		    l->src);
	l->cause = CAUSE_LOCALNET;
}
