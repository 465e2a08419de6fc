/* SPDX-License-Identifier: MIT */
/*
 * routeinj.c - route injection warnings and the leaks they cause (see
 * routeinj.h for what counts, the severity table and the cause).
 *
 * The messages come parsed (lanmsg.h: the same parse lanlearn.c learns
 * from).  What is remembered is a small table of the announcers' current
 * sets, searched linearly: a LAN has a handful of DHCP servers and
 * routers, and the table is read only when a leak is made.
 */
#include <stdio.h>
#include <string.h>

#include "lanmsg.h"
#include "packet.h"
#include "routeinj.h"
#include "warn.h"

static const struct ls_addr no_addr;

void
routeinj_init(struct ls_routeinj *ri, struct ls_warner *w)
{
	memset(ri, 0, sizeof(*ri));
	ri->warn = w;
}

enum ls_severity
routeinj_severity(double share)
{
	if (share >= 0.5)
		return SEV_CRITICAL;
	if (share > 0)
		return SEV_HIGH;
	return SEV_INFO;
}

/* A route that can beat a VPN's: anything longer than a default route. */
static bool
steers(const struct ls_cidr *c)
{
	return c->plen > (addr_is_v4(&c->addr) ? 96 : 0);
}

static double
share_of(const struct ri_set *s)
{
	struct ls_cidr c[WARN_MAX_ROUTES];
	size_t n = 0;

	for (size_t i = 0; i < s->nroutes; i++)
		if (steers(&s->routes[i].dest))
			c[n++] = s->routes[i].dest;
	return n > 0 ? warn_public_share(c, n) : 0;
}

static struct ls_cidr
cidr_of(const struct ls_addr *a, unsigned plen)
{
	struct ls_cidr c = { *a, (uint8_t)plen };

	for (unsigned bit = plen; bit < 128; bit++)
		c.addr.b[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
	return c;
}

static struct ri_set *
find(struct ls_routeinj *ri, const struct ri_set *k)
{
	for (size_t i = 0; i < RI_MAX_SETS; i++) {
		struct ri_set *s = &ri->sets[i];
		if (s->used && s->from == k->from &&
		    addr_cmp(&s->server, &k->server) == 0 &&
		    addr_cmp(&s->client, &k->client) == 0 &&
		    (k->from != RI_RA_RDNSS ||
		    addr_cmp(&s->resolver, &k->resolver) == 0))
			return s;
	}
	return NULL;
}

static struct ri_set *
slot(struct ls_routeinj *ri)
{
	struct ri_set *old = &ri->sets[0];

	for (size_t i = 0; i < RI_MAX_SETS; i++) {
		if (!ri->sets[i].used)
			return &ri->sets[i];
		if (ri->sets[i].since_us < old->since_us)
			old = &ri->sets[i];
	}
	return old;
}

static bool
same_set(const struct ri_set *a, const struct ri_set *b)
{
	if (a->nroutes != b->nroutes || a->cut != b->cut || a->via != b->via)
		return false;
	for (size_t i = 0; i < a->nroutes; i++)
		if (memcmp(&a->routes[i], &b->routes[i],
		    sizeof(a->routes[i])) != 0)
			return false;
	return true;
}

static void
warn_set(struct ls_routeinj *ri, const struct ri_set *s,
    const struct ls_packet *p, const struct ls_source *src,
    uint64_t pcap_cnt)
{
	struct ls_warning w;

	memset(&w, 0, sizeof(w));
	w.ts_us = p->ts_us;
	w.src = src;
	w.pcap_cnt = pcap_cnt;
	w.kind = WARN_ROUTE_INJECTION;
	w.via = s->via;
	w.server = s->server;
	w.client = s->client;
	if (s->from == RI_RA_RDNSS) {
		w.severity = SEV_LOW;
		w.address = s->resolver;
		snprintf(w.detail, sizeof(w.detail), "a global resolver "
		    "announced on the link, outside the tunnel");
	} else {
		memcpy(w.routes, s->routes, s->nroutes * sizeof(s->routes[0]));
		w.nroutes = s->nroutes;
		w.routes_cut = s->cut;
		w.public_share = share_of(s);
		w.severity = routeinj_severity(w.public_share);
		snprintf(w.detail, sizeof(w.detail), "%s",
		    w.public_share > 0 ? "routes public space around the "
		    "tunnel" : "private or default routes only");
	}
	if (ri->warn != NULL)
		warn_emit(ri->warn, &w);
}

/* k is what was just said (empty: nothing, or withdrawn): remember it,
 * warn when it is news. */
static void
said(struct ls_routeinj *ri, const struct ri_set *k, bool empty,
    const struct ls_packet *p, const struct ls_source *src,
    uint64_t pcap_cnt)
{
	struct ri_set *s = find(ri, k);

	if (empty) {			/* withdrawn: forget it */
		if (s != NULL)
			s->used = false;
		return;
	}
	if (s != NULL && same_set(s, k))
		return;			/* renewed: no news */
	if (s == NULL)
		s = slot(ri);
	*s = *k;
	s->used = true;
	ri->any = true;
	s->since_us = p->ts_us;
	warn_set(ri, s, p, src, pcap_cnt);
}

static void
from_dhcp(struct ls_routeinj *ri, const struct ls_packet *p,
    const struct ls_dhcp *d, const struct ls_source *src, uint64_t pcap_cnt)
{
	struct ri_set k;

	if (d->op != 2 || (d->msg_type != DHCP_ACK &&
	    d->msg_type != DHCP_OFFER))
		return;
	memset(&k, 0, sizeof(k));
	k.from = RI_DHCP;
	k.via = d->routes_opt == 249 ? "dhcp_option_249" : "dhcp_option_121";
	if (d->have_server)
		addr_from_v4(&k.server, d->server);
	else
		k.server = p->src;
	addr_from_v4(&k.client, d->yiaddr);
	if (k.client.b[12] == 0)
		k.client = no_addr;		/* INFORM: whoever asked */
	for (size_t i = 0; i < d->nroutes; i++) {
		struct ls_addr a;
		if (k.nroutes == WARN_MAX_ROUTES) {
			k.cut = true;
			break;
		}
		addr_from_v4(&a, d->routes[i].dst);
		k.routes[k.nroutes].dest = cidr_of(&a, 96u + d->routes[i].plen);
		addr_from_v4(&k.routes[k.nroutes].via, d->routes[i].gw);
		if (k.routes[k.nroutes].via.b[12] == 0 &&
		    k.routes[k.nroutes].via.b[13] == 0 &&
		    k.routes[k.nroutes].via.b[14] == 0 &&
		    k.routes[k.nroutes].via.b[15] == 0)
			k.routes[k.nroutes].via = no_addr;	/* on-link */
		k.nroutes++;
	}
	k.cut |= d->routes_cut;
	/* a lease with no routes said (or none that parsed): an empty set */
	said(ri, &k, k.nroutes == 0, p, src, pcap_cnt);
}

static void
from_ra(struct ls_routeinj *ri, const struct ls_packet *p,
    const struct ls_ndp *n, const struct ls_source *src, uint64_t pcap_cnt)
{
	struct ri_set k;

	memset(&k, 0, sizeof(k));
	k.from = RI_RA_ROUTE;
	k.via = "ra_route_information";
	k.server = p->src;
	for (size_t i = 0; i < n->nroutes; i++) {
		struct ls_addr a;
		if (n->routes[i].lifetime == 0)
			continue;		/* withdrawn */
		if (k.nroutes == WARN_MAX_ROUTES) {
			k.cut = true;
			break;
		}
		addr_from_v6(&a, n->routes[i].prefix);
		k.routes[k.nroutes].dest = cidr_of(&a, n->routes[i].plen);
		k.routes[k.nroutes].via = p->src;
		k.nroutes++;
	}
	k.cut |= n->routes_cut;
	said(ri, &k, k.nroutes == 0, p, src, pcap_cnt);

	/* every global resolver announced: one set each (an address said
	 * twice counts as it is said last) */
	for (size_t i = 0; i < n->nrdnss; i++) {
		bool later = false;
		for (size_t j = i + 1; j < n->nrdnss; j++)
			later |= memcmp(n->rdnss[i], n->rdnss[j], 16) == 0;
		if (later)
			continue;
		memset(&k, 0, sizeof(k));
		k.from = RI_RA_RDNSS;
		k.via = "ra_rdnss";
		k.server = p->src;
		addr_from_v6(&k.resolver, n->rdnss[i]);
		if (!addr_is_v6_global(&k.resolver))
			continue;		/* link-local, ULA: on the LAN */
		said(ri, &k, n->rdnss_lifetime[i] == 0, p, src, pcap_cnt);
	}
}

void
routeinj_packet(struct ls_routeinj *ri, const struct ls_packet *p,
    const struct ls_lanmsg *m, const struct ls_source *src,
    uint64_t pcap_cnt)
{
	if (m->kind == LANMSG_DHCP)
		from_dhcp(ri, p, &m->dhcp, src, pcap_cnt);
	else if (m->kind == LANMSG_NDP && m->ndp_ok && m->ndp.type == NDP_RA)
		from_ra(ri, p, &m->ndp, src, pcap_cnt);
}

/* Outside the space leaksniff calls private (warn.c's public share). */
static bool
public_addr(const struct ls_addr *a)
{
	struct ls_cidr c = { *a, 128 };

	return warn_public_share(&c, 1) > 0 || (!addr_is_v4(a) &&
	    addr_is_v6_global(a));
}

enum ls_cause
routeinj_cause(const struct ls_routeinj *ri, const struct ls_addr *cli,
    const struct ls_addr *dst, uint64_t first_us)
{
	if (!ri->any)
		return CAUSE_NONE;
	for (size_t i = 0; i < RI_MAX_SETS; i++) {
		const struct ri_set *s = &ri->sets[i];
		if (!s->used || s->from == RI_RA_RDNSS ||
		    s->since_us > first_us)
			continue;
		if (addr_cmp(&s->client, &no_addr) != 0 &&
		    addr_cmp(&s->client, cli) != 0)
			continue;		/* another host's lease */
		for (size_t r = 0; r < s->nroutes; r++) {
			if (!steers(&s->routes[r].dest) ||
			    !cidr_contains(&s->routes[r].dest, dst))
				continue;
			return public_addr(dst) ? CAUSE_ROUTE_INJECTION :
			    CAUSE_NONE;
		}
	}
	return CAUSE_NONE;
}

void
routeinj_settled(struct ls_leak *l)
{
	if (l->cause == CAUSE_ROUTE_INJECTION && l->phase != PHASE_CONNECTED)
		l->cause = CAUSE_NONE;
}
