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
 * MACs, from the same messages: each neighbour's (an ARP sender's, an NS
 * or RS sender's source link-layer option, an NA target's target
 * link-layer option, else the Ethernet source), the gateways' (the ARP or
 * NDP answer for a gateway's address, an RA's source link-layer option,
 * the Ethernet source of a DHCP reply sent by one of the routers it
 * names).  A flow's first Ethernet frame is then judged by its MACs
 * (lanlearn_flow): addressed to a gateway's MAC for an address that is
 * not that gateway's own, its destination is routed, so off the LAN
 * whatever a learned prefix or neighbour says (the SPEC's fixed ranges,
 * -L and local: stay local by contract); addressed to the MAC a
 * neighbour answered with, for that neighbour's address, it is on-link.
 * The same for its source by the source MAC.  A gateway's own addresses
 * are its DHCP or RA ones and, IPv6, the ones it solicits from and the
 * targets it advertises with the override flag set; an IPv4 address it
 * answers ARP for, or an IPv6 one it advertises with the flag clear (RFC
 * 4861 7.2.8), is a proxy's answer: routed, never learned as a neighbour
 * (localnet.h).  An IPv6 address nothing is known of, sent to the
 * gateway's MAC, proves nothing (a router has global addresses besides
 * its link-local one, their answers may predate the capture); an IPv4
 * one is routed (a router seldom has two addresses on one LAN).
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

#include "cursor.h"
#include "dhcp.h"
#include "localnet.h"
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

_Static_assert(LAN_MAX_GATEWAYS <= 8, "gateway_has_mac is 8 bits");

bool
lanlearn_holds_carrier(const struct ls_locality *loc, const struct ls_cidr *c)
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
			return !localnet_excluded(loc, a) &&
			    !lanlearn_proxied(loc, a);
	return false;
}

/* --- MACs ---------------------------------------------------------------- */

static bool
mac_unicast(const uint8_t mac[6])
{
	return !(mac[0] & 1) &&
	    (mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]) != 0;
}

static int
gateway_index(const struct ls_lan *l, const struct ls_addr *a)
{
	for (size_t i = 0; i < l->ngateways; i++)
		if (addr_cmp(&l->gateways[i], a) == 0)
			return (int)i;
	return -1;
}

static bool
mac_eq(const uint8_t a[6], const uint8_t b[6])
{
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) |
	    (a[4] ^ b[4]) | (a[5] ^ b[5])) == 0;
}

/* Is mac a gateway's? */
static bool
gateway_mac(const struct ls_lan *l, const uint8_t mac[6])
{
	for (size_t i = 0; i < l->ngateways; i++)
		if ((l->gateway_has_mac & (1u << i)) &&
		    mac_eq(l->gateway_mac[i], mac))
			return true;
	return false;
}

/* An address's bit in neigh_bloom (1024 bits). */
static unsigned
neigh_hash(const struct ls_addr *a)
{
	uint32_t w[4];

	memcpy(w, a->b, 16);
	return ((w[0] ^ w[1] ^ w[2] ^ w[3]) * 0x9e3779b1u) >> 22;
}

/* Every new flow asks for both its ends: a miss (nearly every address
 * off the LAN) costs a hash and a bit; a hit a scan of at most
 * LAN_MAX_NEIGH. */
static struct ls_lan_neigh *
neigh_find(const struct ls_lan *l, const struct ls_addr *a)
{
	unsigned h = neigh_hash(a);

	if (!(l->neigh_bloom[h / 64] & (1ull << (h % 64))))
		return NULL;
	for (size_t i = 0; i < l->nneigh; i++)
		if (memcmp(l->neigh[i].addr.b, a->b, 16) == 0)
			return (struct ls_lan_neigh *)&l->neigh[i];
	return NULL;
}

static void
neigh_bloom_set(struct ls_lan *l, const struct ls_addr *a)
{
	unsigned h = neigh_hash(a);

	l->neigh_bloom[h / 64] |= 1ull << (h % 64);
}

static void
gateway_mac_set(struct ls_lan *l, int gi, const uint8_t mac[6])
{
	memcpy(l->gateway_mac[gi], mac, 6);
	l->gateway_has_mac |= (uint8_t)(1u << gi);
}

/* a answered (or asked) with mac: kept, the oldest entry giving way. */
static void
neigh_set(struct ls_locality *loc, const struct ls_addr *a,
    const uint8_t mac[6], uint8_t flags)
{
	struct ls_lan *l = &loc->learned;
	struct ls_lan_neigh *n;
	int gi;

	if (!mac_unicast(mac) || addr_is_multicast(a) || addr_is_broadcast(a))
		return;
	if ((n = neigh_find(l, a)) == NULL) {
		bool evict = l->nneigh == LAN_MAX_NEIGH;
		n = &l->neigh[l->neigh_next];
		l->neigh_next = (l->neigh_next + 1) % LAN_MAX_NEIGH;
		if (!evict)
			l->nneigh++;
		n->addr = *a;
		if (evict) {		/* the old one's bit may go: again */
			memset(l->neigh_bloom, 0, sizeof(l->neigh_bloom));
			for (size_t i = 0; i < l->nneigh; i++)
				neigh_bloom_set(l, &l->neigh[i].addr);
		} else
			neigh_bloom_set(l, a);
	}
	n->addr = *a;
	memcpy(n->mac, mac, 6);
	n->flags = flags;
	if ((gi = gateway_index(l, a)) >= 0)
		gateway_mac_set(l, gi, mac);
}

/* The gateway's MAC answered for a, not one of its own addresses. */
static bool
proxied_entry(const struct ls_lan *l, const struct ls_lan_neigh *n)
{
	return n != NULL && gateway_mac(l, n->mac) &&
	    gateway_index(l, &n->addr) < 0 &&
	    (addr_is_v4(&n->addr) || (n->flags & NEIGH_NO_OVERRIDE));
}

bool
lanlearn_proxied(const struct ls_locality *loc, const struct ls_addr *a)
{
	const struct ls_lan *l = &loc->learned;

	return l->gateway_has_mac != 0 && proxied_entry(l, neigh_find(l, a));
}

/* Is a one of the addresses of the gateway whose MAC is mac? */
static bool
gateway_own(const struct ls_lan *l, const uint8_t mac[6],
    const struct ls_addr *a)
{
	const struct ls_lan_neigh *n;
	int gi = gateway_index(l, a);

	if (gi >= 0)
		return true;
	n = neigh_find(l, a);
	return n != NULL && mac_eq(n->mac, mac) && !proxied_entry(l, n);
}

/* LINK_* of one end: routed (or on-link) by its MAC. */
static uint8_t
end_link(const struct ls_lan *l, const uint8_t mac[6],
    const struct ls_addr *a, uint8_t routed, uint8_t onlink)
{
	const struct ls_lan_neigh *n;

	if (!mac_unicast(mac))
		return 0;
	n = neigh_find(l, a);
	if (gateway_mac(l, mac)) {
		if (gateway_own(l, mac, a))
			return onlink;
		/* an IPv6 router has global addresses besides the one it
		 * advertises from: one nothing is known of may be its own */
		if (!addr_is_v4(a) && n == NULL)
			return 0;
		return routed;
	}
	return n != NULL && mac_eq(n->mac, mac) ? onlink : 0;
}

uint8_t
lanlearn_flow(struct ls_locality *loc, const struct ls_packet *fp,
    const struct ls_pkt_ctx *x, const struct ls_source *src)
{
	const struct ls_lan *l = &loc->learned;
	const struct ls_packet *p = x->p;
	uint8_t dmac[6], smac[6], link;

	if (fp != p || !loc->learn || !(p->flags & PKT_ETH) ||
	    (p->flags & PKT_INNER) || (l->nneigh == 0 && l->ngateways == 0))
		return 0;
	struct ls_cursor c = cur_init(x->frame, x->caplen);
	cur_bytes(&c, dmac, 6);
	cur_bytes(&c, smac, 6);
	if (!cur_ok(&c))
		return 0;
	link = (uint8_t)(end_link(l, dmac, &p->dst, LINK_SRV_ROUTED,
	    LINK_SRV_ONLINK) | end_link(l, smac, &p->src, LINK_CLI_ROUTED,
	    LINK_CLI_ONLINK));
	/* sent on-link: to a MAC on the link that is not the gateway's, by
	 * a host (not the gateway delivering) */
	if (loc->ln.n > 0 && l->gateway_has_mac != 0 && mac_unicast(dmac) &&
	    !gateway_mac(l, dmac) && !gateway_mac(l, smac))
		localnet_onlink(loc, &p->dst, "a frame to it at a MAC on the link",
		    false, x, src);
	return link;
}

/* Would an address known on-link by its MAC be local?  Not the VPN
 * endpoint, a public resolver, an address of an offer that is no LAN. */
bool
lanlearn_onlink_local(const struct ls_locality *loc, const struct ls_addr *a)
{
	struct ls_cidr c = { *a, 128 };

	return !lanlearn_holds_carrier(loc, &c) && !holds_resolver(&c) &&
	    !localnet_excluded(loc, a) && !lanlearn_proxied(loc, a);
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
	if (lanlearn_holds_carrier(loc, c)) {
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
	if (l->ngateways < LAN_MAX_GATEWAYS) {
		const struct ls_lan_neigh *n = neigh_find(l, a);
		if (n != NULL)
			gateway_mac_set(l, (int)l->ngateways, n->mac);
		l->gateways[l->ngateways++] = *a;
	}
}

/* The reason c was refused, NULL when it was not. */
static const char *
refused_why(const struct ls_locality *loc, const struct ls_cidr *c)
{
	const struct ls_lan *l = &loc->learned;

	for (size_t i = 0; i < l->nrefused; i++)
		if (memcmp(&l->refused[i].cidr, c, sizeof(*c)) == 0)
			return l->refused[i].why;
	return NULL;
}

/* A prefix a server made on-link (for its client own): learned or
 * refused, and LocalNet's. */
static void
offer(struct ls_locality *loc, const struct ls_cidr *c, enum lan_via via,
    const struct ls_addr *server, const struct ls_addr *own)
{
	bool ok = lanlearn_prefix(loc, c, via);

	localnet_offer(loc, c, via, server, own, ok ? NULL :
	    refused_why(loc, c));
}

/* The frame's source MAC (Ethernet), into mac; false when none. */
static bool
eth_src(const struct ls_pkt_ctx *x, uint8_t mac[6])
{
	struct ls_cursor c = cur_init(x->frame, x->caplen);

	if (!(x->p->flags & PKT_ETH) || (x->p->flags & PKT_INNER))
		return false;
	cur_skip(&c, 6);
	cur_bytes(&c, mac, 6);
	return cur_ok(&c);
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
	    addr_is_broadcast(a) || localnet_excluded(loc, a))
		return;		/* (a LocalNet prefix's: no LAN) */
	lanlearn_prefix(loc, &c, via);
}

static void
from_dhcp(struct ls_locality *loc, const struct ls_pkt_ctx *x,
    const struct ls_dhcp *d)
{
	const struct ls_packet *p = x->p;
	struct ls_addr a;
	uint8_t mac[6];
	int gi;

	if (d->op != 2 || (d->msg_type != DHCP_ACK &&
	    d->msg_type != DHCP_OFFER))
		return;
	addr_from_v4(&a, d->yiaddr);
	if (d->have_mask && d->mask_plen <= 32 && a.b[12] != 0) {
		struct ls_cidr c = prefix_of(&a, 96u + d->mask_plen);
		offer(loc, &c, LAN_VIA_DHCP, &p->src, &a);
	}
	for (size_t i = 0; i < d->nrouters; i++) {
		addr_from_v4(&a, d->routers[i]);
		gateway(loc, &a);
	}
	/* sent by one of its routers: that router's MAC */
	if ((gi = gateway_index(&loc->learned, &p->src)) >= 0 &&
	    eth_src(x, mac) && mac_unicast(mac))
		gateway_mac_set(&loc->learned, gi, mac);
	for (size_t i = 0; i < d->nroutes; i++) {
		const struct ls_dhcp_route *r = &d->routes[i];
		if (r->gw[0] | r->gw[1] | r->gw[2] | r->gw[3])
			continue;		/* routed: not on the link */
		addr_from_v4(&a, r->dst);
		struct ls_cidr c = prefix_of(&a, 96u + r->plen);
		offer(loc, &c, LAN_VIA_DHCP_ROUTE, &p->src, NULL);
	}
}

static bool
unspecified(const struct ls_addr *a)
{
	static const uint8_t zero[16];

	return memcmp(a->b, zero, 16) == 0;
}

static void
from_ndp(struct ls_locality *loc, const struct ls_pkt_ctx *x,
    const struct ls_source *src, const struct ls_lanmsg *m)
{
	const struct ls_packet *p = x->p;
	const struct ls_ndp *n = &m->ndp;
	struct ls_addr a;
	uint8_t mac[6];
	bool have_mac;

	/* whoever sends neighbour discovery (hop limit 255) is on the link */
	if (p->icmp_type != NDP_RA)
		neighbour(loc, &p->src, LAN_VIA_NDP);
	if (!m->ndp_ok)
		return;
	if (n->have_lladdr) {
		memcpy(mac, n->lladdr, 6);
		have_mac = true;
	} else
		have_mac = eth_src(x, mac);
	if (n->type == NDP_RS || n->type == NDP_NS) {
		if (have_mac && !unspecified(&p->src))
			neigh_set(loc, &p->src, mac, 0);
		addr_from_v6(&a, n->target);
		/* asked for on the link by a host; duplicate address
		 * detection (from ::) names the sender's own address */
		if (n->type == NDP_NS && unspecified(&p->src))
			localnet_own(loc, &a);
		else if (n->type == NDP_NS &&
		    !(have_mac && gateway_mac(&loc->learned, mac)))
			localnet_onlink(loc, &a, "neighbour solicitation for it",
			    false, x, src);
		return;
	}
	if (n->type == NDP_NA) {
		addr_from_v6(&a, n->target);
		if (have_mac)
			neigh_set(loc, &a, mac, n->override ? 0 :
			    NEIGH_NO_OVERRIDE);
		if (lanlearn_proxied(loc, &a))
			localnet_onlink(loc, &a, "the gateway answers "
			    "neighbour solicitations for it", true, x, src);
		else
			neighbour(loc, &a, LAN_VIA_NDP);
		return;
	}
	if (n->router_lifetime != 0)
		gateway(loc, &p->src);
	if (have_mac)
		neigh_set(loc, &p->src, mac, 0);
	for (size_t i = 0; i < n->nprefixes; i++) {
		if (!n->prefixes[i].onlink || n->prefixes[i].valid == 0)
			continue;
		addr_from_v6(&a, n->prefixes[i].prefix);
		if (addr_is_v4(&a))
			continue;
		struct ls_cidr c = prefix_of(&a, n->prefixes[i].plen);
		offer(loc, &c, LAN_VIA_RA, &p->src, NULL);
	}
}

static void
from_arp(struct ls_locality *loc, const struct ls_pkt_ctx *x,
    const struct ls_source *src, const struct ls_arp *arp)
{
	struct ls_addr a, t;

	/* the sender of a request or a reply is on the link */
	if (arp->op != 1 && arp->op != 2)
		return;
	addr_from_v4(&a, arp->spa);
	addr_from_v4(&t, arp->tpa);
	if (a.b[12] | a.b[13] | a.b[14] | a.b[15])
		neigh_set(loc, &a, arp->sha, 0);
	if (lanlearn_proxied(loc, &a))
		localnet_onlink(loc, &a, "the gateway answers ARP for it",
		    true, x, src);
	else
		neighbour(loc, &a, LAN_VIA_ARP);
	/* a host's request (not the gateway's, not a probe or a gratuitous
	 * one): t is looked for on the link */
	if (arp->op == 1 && (a.b[12] | a.b[13] | a.b[14] | a.b[15]) &&
	    addr_cmp(&a, &t) != 0 && !gateway_mac(&loc->learned, arp->sha))
		localnet_onlink(loc, &t, "ARP request for it", false, x,
		    src);
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
		m->ndp_ok = p->payload_off >= 4 && ndp_parse(p->icmp_type,
		    frame + p->payload_off, p->payload_len, &m->ndp) == NDP_OK;
	}
}

void
lanlearn_msg(struct ls_locality *loc, const struct ls_pkt_ctx *x,
    const struct ls_source *src, const struct ls_lanmsg *m)
{
	if (!loc->learn)
		return;
	switch (m->kind) {
	case LANMSG_ARP:
		from_arp(loc, x, src, &m->arp);
		break;
	case LANMSG_DHCP:
		from_dhcp(loc, x, &m->dhcp);
		break;
	case LANMSG_NDP:
		from_ndp(loc, x, src, m);
		break;
	default:
		break;
	}
}

void
lanlearn_packet(struct ls_locality *loc, const struct ls_pkt_ctx *x,
    const struct ls_source *src)
{
	struct ls_lanmsg m;

	if (!loc->learn)
		return;
	lanmsg_parse(x->p, x->frame, &m);
	lanlearn_msg(loc, x, src, &m);
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
