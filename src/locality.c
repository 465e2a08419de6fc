/* SPDX-License-Identifier: MIT */
/*
 * locality.c - what counts as the local network (see locality.h).
 */
#include <netinet/in.h>
#include <string.h>

#include "locality.h"
#include "rules.h"

static const char *const builtin_prefixes[LOCALITY_BUILTIN] = {
	"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
	"127.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32",
	"fe80::/10", "fc00::/7", "ff00::/8", "::1/128",
};

void
locality_init(struct ls_locality *loc, const struct ls_cidr *lan, size_t nlan,
    const struct ls_ruleset *rules)
{
	for (size_t i = 0; i < LOCALITY_BUILTIN; i++)
		cidr_parse(builtin_prefixes[i], &loc->builtin[i], NULL);
	loc->lan = lan;
	loc->nlan = nlan;
	loc->rules = rules;
	loc->learn = true;
	memset(&loc->learned, 0, sizeof(loc->learned));
	loc->reported = 0;
	loc->endpoints = NULL;
	loc->nendpoints = 0;
	loc->tun = NULL;
	memset(&loc->ln, 0, sizeof(loc->ln));
}

void
locality_set_rules(struct ls_locality *loc, const struct ls_ruleset *rules)
{
	loc->rules = rules;
}

static bool
in_list(const struct ls_cidr *l, size_t n, const struct ls_addr *a)
{
	for (size_t i = 0; i < n; i++)
		if (cidr_contains(&l[i], a))
			return true;
	return false;
}

static bool
list_covers(const struct ls_cidr *l, size_t n, const struct ls_cidr *c)
{
	for (size_t i = 0; i < n; i++)
		if (l[i].plen <= c->plen && cidr_contains(&l[i], &c->addr))
			return true;
	return false;
}

bool
locality_covers(const struct ls_locality *loc, const struct ls_cidr *c)
{
	return list_covers(loc->builtin, LOCALITY_BUILTIN, c) ||
	    list_covers(loc->lan, loc->nlan, c) || (loc->rules != NULL &&
	    list_covers(loc->rules->local, loc->rules->nlocal, c));
}

/* builtin_prefixes, tested byte by byte: every new flow asks. */
static bool
builtin_local(const struct ls_addr *a)
{
	const uint8_t *b = a->b;

	if (addr_is_v4(a))
		return b[12] == 10 || (b[12] == 172 && (b[13] & 0xf0) == 16) ||
		    (b[12] == 192 && b[13] == 168) ||
		    (b[12] == 169 && b[13] == 254) || b[12] == 127 ||
		    (b[12] & 0xf0) == 0xe0 || (b[12] == 255 && b[13] == 255 &&
		    b[14] == 255 && b[15] == 255);
	if ((b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || (b[0] & 0xfe) == 0xfc ||
	    b[0] == 0xff)
		return true;
	for (int i = 0; i < 15; i++)
		if (b[i] != 0)
			return false;
	return b[15] == 1;
}

bool
locality_fixed_local(const struct ls_locality *loc, const struct ls_addr *a)
{
	return builtin_local(a) ||
	    in_list(loc->lan, loc->nlan, a) || (loc->rules != NULL &&
	    in_list(loc->rules->local, loc->rules->nlocal, a));
}

bool
locality_is_local(const struct ls_locality *loc, const struct ls_addr *a)
{
	return locality_fixed_local(loc, a) || lanlearn_contains(loc, a);
}

/* One end, with what its MAC said: routed through a gateway, it is not
 * local by learning; on-link at its neighbour's MAC, it is. */
static bool
end_local(const struct ls_locality *loc, const struct ls_addr *a,
    bool routed, bool onlink)
{
	if (locality_fixed_local(loc, a))
		return true;
	if (routed)
		return false;
	return lanlearn_contains(loc, a) ||
	    (onlink && lanlearn_onlink_local(loc, a));
}

/* The last address of an IPv4 prefix of /30 or narrower. */
static bool
directed_bcast(const struct ls_cidr *c, const struct ls_addr *a)
{
	if (!addr_is_v4(&c->addr) || c->plen < 96 + 8 || c->plen > 96 + 30 ||
	    !cidr_contains(c, a))
		return false;
	for (unsigned bit = c->plen; bit < 128; bit++)
		if (!(a->b[bit / 8] & (0x80u >> (bit % 8))))
			return false;
	return true;
}

bool
locality_dest_onlink(const struct ls_locality *loc, const struct ls_addr *a)
{
	if (addr_is_multicast(a) || addr_is_broadcast(a))
		return true;
	if (!addr_is_v4(a))
		return false;
	for (size_t i = 0; i < loc->nlan; i++)
		if (directed_bcast(&loc->lan[i], a))
			return true;
	for (size_t i = 0; i < loc->learned.nprefixes; i++)
		if (directed_bcast(&loc->learned.prefixes[i].cidr, a))
			return true;
	return false;
}

bool
locality_nonlocal_link(const struct ls_locality *loc,
    const struct ls_addr *cli, const struct ls_addr *srv, uint8_t link)
{
	if (locality_dest_onlink(loc, srv))
		return false;
	return !end_local(loc, cli, link & LINK_CLI_ROUTED,
	    link & LINK_CLI_ONLINK) || !end_local(loc, srv,
	    link & LINK_SRV_ROUTED, link & LINK_SRV_ONLINK);
}

bool
locality_nonlocal(const struct ls_locality *loc, const struct ls_addr *cli,
    const struct ls_addr *srv)
{
	return locality_nonlocal_link(loc, cli, srv, 0);
}

static bool
loopback(const struct ls_addr *a)
{
	static const uint8_t v6lo[16] = { [15] = 1 };

	return (addr_is_v4(a) && a->b[12] == 127) ||
	    memcmp(a->b, v6lo, 16) == 0;
}

bool
locality_always_local(const struct ls_locality *loc, uint8_t proto,
    const struct ls_addr *cli, uint16_t cport, const struct ls_addr *srv,
    uint16_t sport)
{
	/* a capture on lo or any: never left the host */
	if (loopback(cli) && loopback(srv))
		return true;
	/* mDNS (RFC 6762 6.7) and LLMNR (RFC 4795 2.4) answers are unicast
	 * between hosts of the link, not queries to a resolver */
	if (proto == IPPROTO_UDP && (sport == 5353 || sport == 5355 ||
	    cport == 5353 || cport == 5355))
		return locality_is_local(loc, cli) &&
		    locality_is_local(loc, srv);
	return false;
}

bool
locality_housekeeping(const struct ls_packet *p)
{
	if (p->proto == IPPROTO_IGMP)
		return true;
	if (p->proto == IPPROTO_UDP) {
		if ((p->sport == 67 && p->dport == 68) ||
		    (p->sport == 68 && p->dport == 67) ||
		    (p->sport == 546 && p->dport == 547) ||
		    (p->sport == 547 && p->dport == 546))
			return true;
	}
	if (p->proto == IPPROTO_ICMPV6) {
		switch (p->icmp_type) {
		case 130: case 131: case 132: case 143:	/* MLD */
		case 133: case 134: case 135: case 136: case 137: /* NDP */
			return true;
		}
	}
	return false;
}
