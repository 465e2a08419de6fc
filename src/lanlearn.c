/* SPDX-License-Identifier: MIT */
/*
 * lanlearn.c - learning the local network from the capture and, live,
 * from the interfaces (see locality.h; the learned state lives in struct
 * ls_locality).
 *
 * Evidence, each judged by its own packet:
 *   - a DHCP OFFER or ACK (server to client): yiaddr with its subnet mask, the
 *     routers (gateways), on-link classless routes (option 121 with
 *     router 0.0.0.0);
 *   - a router advertisement: every prefix information option with the
 *     on-link flag; its sender is a gateway while its router lifetime is
 *     not 0;
 *   - a neighbour advertisement's target, the sender of a router or
 *     neighbour solicitation or advertisement (not ::), the sender of an
 *     ARP request or reply: one address known on-link (a /32 or /128);
 *   - live: the prefixes of the captured interfaces' own addresses.
 *
 * A prefix already local (built-in, -L, the rule file's local:, or
 * learned before) adds nothing and is not reported.  Never learned (kept in learned.refused with the reason): an IPv4 prefix
 * wider than /8 or an IPv6 one wider than /48 (a lease of 0.0.0.0/1 is
 * the TunnelVision attack, not a LAN; no site has an on-link prefix wider
 * than its /48), and a prefix holding a carrier endpoint (-e or one seen)
 * or a well-known public resolver.  Learning applies from the packet that
 * taught it on: a flow decided before stays as it was.
 */
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "dhcp.h"
#include "lanmsg.h"
#include "locality.h"
#include "ndp.h"
#include "report.h"
#include "tunnel.h"

static const char *const via_names[LAN_VIA__COUNT] = {
	[LAN_VIA_DHCP] = "dhcp", [LAN_VIA_DHCP_ROUTE] = "dhcp-route",
	[LAN_VIA_RA] = "ra", [LAN_VIA_ARP] = "arp", [LAN_VIA_NDP] = "ndp",
	[LAN_VIA_IFACE] = "interface",
};

const char *
lan_via_name(enum lan_via v)
{
	return (unsigned)v < LAN_VIA__COUNT ? via_names[v] : "?";
}

/* Public resolvers no LAN holds (Google, Cloudflare, Quad9, OpenDNS). */
static const char *const resolvers[] = {
	"8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9",
	"149.112.112.112", "208.67.222.222", "208.67.220.220",
	"2001:4860:4860::8888", "2001:4860:4860::8844",
	"2606:4700:4700::1111", "2606:4700:4700::1001", "2620:fe::fe",
	"2620:119:35::35",
};

static bool
holds_resolver(const struct ls_cidr *c)
{
	struct ls_addr a;

	for (size_t i = 0; i < sizeof(resolvers) / sizeof(resolvers[0]); i++)
		if (addr_parse(resolvers[i], &a) && cidr_contains(c, &a))
			return true;
	return false;
}

static bool
holds_carrier(const struct ls_locality *loc, const struct ls_cidr *c)
{
	for (size_t i = 0; i < loc->nendpoints; i++)
		if (cidr_contains(c, &loc->endpoints[i].addr))
			return true;
	if (loc->tun != NULL)
		for (size_t i = 0; i < loc->tun->n; i++)
			if (cidr_contains(c, &loc->tun->ep[i].addr))
				return true;
	return false;
}

static void
refuse(struct ls_locality *loc, const struct ls_cidr *c, enum lan_via via,
    const char *why)
{
	struct ls_lan *l = &loc->learned;

	for (size_t i = 0; i < l->nrefused; i++)
		if (memcmp(&l->refused[i].cidr, c, sizeof(*c)) == 0)
			return;
	if (l->nrefused == LAN_MAX_REFUSED)
		return;
	l->refused[l->nrefused].cidr = *c;
	l->refused[l->nrefused].via = (uint8_t)via;
	l->refused[l->nrefused].why = why;
	l->nrefused++;
	l->change++;
}

/* A carrier endpoint seen after its prefix was learned is still never
 * local by learning: other traffic to the VPN server stays a leak. */
bool
lanlearn_contains(const struct ls_locality *loc, const struct ls_addr *a)
{
	if (loc->learned.nprefixes == 0)
		return false;
	if (loc->tun != NULL)
		for (size_t i = 0; i < loc->tun->n; i++)
			if (addr_cmp(&loc->tun->ep[i].addr, a) == 0)
				return false;
	for (size_t i = 0; i < loc->learned.nprefixes; i++)
		if (cidr_contains(&loc->learned.prefixes[i].cidr, a))
			return true;
	return false;
}

bool
lanlearn_prefix(struct ls_locality *loc, const struct ls_cidr *c,
    enum lan_via via)
{
	struct ls_lan *l = &loc->learned;
	bool v4 = addr_is_v4(&c->addr);

	for (size_t i = 0; i < l->nprefixes; i++)
		if (l->prefixes[i].cidr.plen <= c->plen &&
		    cidr_contains(&l->prefixes[i].cidr, &c->addr))
			return true;		/* known already */
	if (locality_covers(loc, c))
		return true;		/* local anyway: nothing to learn */
	if (v4 ? c->plen < 96 + LAN_MIN_PLEN_V4 : c->plen < LAN_MIN_PLEN_V6) {
		refuse(loc, c, via, v4 ? "wider than /8" : "wider than /48");
		return false;
	}
	if (holds_carrier(loc, c)) {
		refuse(loc, c, via, "holds the VPN endpoint");
		return false;
	}
	if (holds_resolver(c)) {
		refuse(loc, c, via, "holds a public resolver");
		return false;
	}
	if (l->nprefixes == LAN_MAX_PREFIXES) {
		l->prefixes_cut = true;
		return false;
	}
	/* a wider prefix takes the place of the narrower ones it holds */
	size_t k = 0;
	for (size_t i = 0; i < l->nprefixes; i++)
		if (!(c->plen <= l->prefixes[i].cidr.plen &&
		    cidr_contains(c, &l->prefixes[i].cidr.addr)))
			l->prefixes[k++] = l->prefixes[i];
	l->nprefixes = k;
	l->prefixes[l->nprefixes].cidr = *c;
	l->prefixes[l->nprefixes].via = (uint8_t)via;
	l->nprefixes++;
	l->change++;
	return true;
}

static void
gateway(struct ls_locality *loc, const struct ls_addr *a)
{
	struct ls_lan *l = &loc->learned;

	for (size_t i = 0; i < l->ngateways; i++)
		if (addr_cmp(&l->gateways[i], a) == 0)
			return;
	/* reported with the prefixes; alone it is no news */
	if (l->ngateways < LAN_MAX_GATEWAYS)
		l->gateways[l->ngateways++] = *a;
}

/* a with its host bits beyond plen (on the 16-byte form) cleared */
static struct ls_cidr
prefix_of(const struct ls_addr *a, unsigned plen)
{
	struct ls_cidr c = { *a, (uint8_t)plen };

	for (unsigned bit = plen; bit < 128; bit++)
		c.addr.b[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
	return c;
}

/* One address known on-link: kept unless a local prefix holds it. */
static void
neighbour(struct ls_locality *loc, const struct ls_addr *a, enum lan_via via)
{
	struct ls_cidr c = { *a, 128 };
	static const uint8_t zero[16];

	if (memcmp(a->b + (addr_is_v4(a) ? 12 : 0), zero,
	    addr_is_v4(a) ? 4 : 16) == 0 || addr_is_multicast(a) ||
	    addr_is_broadcast(a))
		return;
	lanlearn_prefix(loc, &c, via);
}

static void
from_dhcp(struct ls_locality *loc, const struct ls_dhcp *d)
{
	struct ls_addr a;

	if (d->op != 2 || (d->msg_type != DHCP_ACK &&
	    d->msg_type != DHCP_OFFER))
		return;
	addr_from_v4(&a, d->yiaddr);
	if (d->have_mask && d->mask_plen <= 32 && a.b[12] != 0) {
		struct ls_cidr c = prefix_of(&a, 96u + d->mask_plen);
		lanlearn_prefix(loc, &c, LAN_VIA_DHCP);
	}
	for (size_t i = 0; i < d->nrouters; i++) {
		addr_from_v4(&a, d->routers[i]);
		gateway(loc, &a);
	}
	for (size_t i = 0; i < d->nroutes; i++) {
		const struct ls_dhcp_route *r = &d->routes[i];
		if (r->gw[0] | r->gw[1] | r->gw[2] | r->gw[3])
			continue;		/* routed: not on the link */
		addr_from_v4(&a, r->dst);
		struct ls_cidr c = prefix_of(&a, 96u + r->plen);
		lanlearn_prefix(loc, &c, LAN_VIA_DHCP_ROUTE);
	}
}

static void
from_ndp(struct ls_locality *loc, const struct ls_packet *p,
    const struct ls_lanmsg *m)
{
	const struct ls_ndp *n = &m->ndp;
	struct ls_addr a;

	/* whoever sends neighbour discovery (hop limit 255) is on the link */
	if (p->icmp_type != NDP_RA)
		neighbour(loc, &p->src, LAN_VIA_NDP);
	if (!m->ndp_ok)
		return;
	if (n->type == NDP_NA) {
		addr_from_v6(&a, n->target);
		neighbour(loc, &a, LAN_VIA_NDP);
		return;
	}
	if (n->router_lifetime != 0)
		gateway(loc, &p->src);
	for (size_t i = 0; i < n->nprefixes; i++) {
		if (!n->prefixes[i].onlink || n->prefixes[i].valid == 0)
			continue;
		addr_from_v6(&a, n->prefixes[i].prefix);
		if (addr_is_v4(&a))
			continue;
		struct ls_cidr c = prefix_of(&a, n->prefixes[i].plen);
		lanlearn_prefix(loc, &c, LAN_VIA_RA);
	}
}

static void
from_arp(struct ls_locality *loc, const struct ls_arp *arp)
{
	struct ls_addr a;

	/* the sender of a request or a reply is on the link */
	if (arp->op != 1 && arp->op != 2)
		return;
	addr_from_v4(&a, arp->spa);
	neighbour(loc, &a, LAN_VIA_ARP);
}

void
lanmsg_parse(const struct ls_packet *p, const uint8_t *frame,
    struct ls_lanmsg *m)
{
	m->kind = LANMSG_NONE;
	if (p->flags & (PKT_INNER | PKT_FRAG_LATER))
		return;
	if (p->l3 == L3_ARP) {
		if (p->l3_len != 0 && arp_parse(frame + p->l3_off, p->l3_len,
		    &m->arp))
			m->kind = LANMSG_ARP;
	} else if (p->proto == IPPROTO_UDP && p->ip_version == 4 &&
	    (p->flags & PKT_HAS_L4) && p->sport == 67 && p->dport == 68) {
		if (dhcp_parse(frame + p->payload_off, p->payload_len,
		    &m->dhcp) == DHCP_OK)
			m->kind = LANMSG_DHCP;
	} else if (p->proto == IPPROTO_ICMPV6 && (p->flags & PKT_HAS_L4) &&
	    p->icmp_type >= NDP_RS && p->icmp_type <= NDP_NA &&
	    p->ttl == 255) {		/* RFC 4861 6.1.2, 7.1.2 */
		m->kind = LANMSG_NDP;
		m->ndp_ok = (p->icmp_type == NDP_RA ||
		    p->icmp_type == NDP_NA) && p->payload_off >= 4 &&
		    ndp_parse(p->icmp_type, frame + p->payload_off,
		    p->payload_len, &m->ndp) == NDP_OK;
	}
}

void
lanlearn_msg(struct ls_locality *loc, const struct ls_packet *p,
    const struct ls_lanmsg *m)
{
	if (!loc->learn)
		return;
	switch (m->kind) {
	case LANMSG_ARP:
		from_arp(loc, &m->arp);
		break;
	case LANMSG_DHCP:
		from_dhcp(loc, &m->dhcp);
		break;
	case LANMSG_NDP:
		from_ndp(loc, p, m);
		break;
	default:
		break;
	}
}

void
lanlearn_packet(struct ls_locality *loc, const struct ls_packet *p,
    const uint8_t *frame)
{
	struct ls_lanmsg m;

	if (!loc->learn)
		return;
	lanmsg_parse(p, frame, &m);
	lanlearn_msg(loc, p, &m);
}

static unsigned
mask_plen(const uint8_t *m, size_t n)
{
	unsigned plen = 0;

	for (size_t i = 0; i < n; i++)
		for (unsigned bit = 0; bit < 8; bit++) {
			if (!(m[i] & (0x80u >> bit)))
				return plen;
			plen++;
		}
	return plen;
}

void
lanlearn_interface(struct ls_locality *loc, const char *ifname)
{
	struct ifaddrs *ifa, *i;
	struct ls_addr a;

	if (!loc->learn || getifaddrs(&ifa) != 0)
		return;
	for (i = ifa; i != NULL; i = i->ifa_next) {
		if (i->ifa_addr == NULL || i->ifa_netmask == NULL ||
		    strcmp(i->ifa_name, ifname) != 0)
			continue;
		if (i->ifa_addr->sa_family == AF_INET) {
			const struct sockaddr_in *s = (const void *)i->ifa_addr;
			const struct sockaddr_in *m = (const void *)i->ifa_netmask;
			addr_from_v4(&a, (const uint8_t *)&s->sin_addr);
			struct ls_cidr c = prefix_of(&a, 96u +
			    mask_plen((const uint8_t *)&m->sin_addr, 4));
			lanlearn_prefix(loc, &c, LAN_VIA_IFACE);
		} else if (i->ifa_addr->sa_family == AF_INET6) {
			const struct sockaddr_in6 *s = (const void *)i->ifa_addr;
			const struct sockaddr_in6 *m = (const void *)i->ifa_netmask;
			addr_from_v6(&a, s->sin6_addr.s6_addr);
			struct ls_cidr c = prefix_of(&a,
			    mask_plen(m->sin6_addr.s6_addr, 16));
			lanlearn_prefix(loc, &c, LAN_VIA_IFACE);
		}
	}
	freeifaddrs(ifa);
}

bool
lanlearn_changed(const struct ls_locality *loc)
{
	return loc->learned.change != loc->reported;
}

void
lanlearn_reported(struct ls_locality *loc)
{
	loc->reported = loc->learned.change;
}

void
lanlearn_report(struct ls_locality *loc, struct ls_reporter *rep,
    const struct ls_source *src, uint64_t now_us, bool live)
{
	struct ls_lan_event ev = { now_us, src, &loc->learned, live };

	if (!lanlearn_changed(loc))
		return;
	lanlearn_reported(loc);
	if (rep->ops->lan != NULL)
		rep->ops->lan(rep, &ev);
}
