/* SPDX-License-Identifier: MIT */
/*
 * locality.c - what counts as the local network (see locality.h).
 */
#include <netinet/in.h>

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

bool
locality_is_local(const struct ls_locality *loc, const struct ls_addr *a)
{
	return in_list(loc->builtin, LOCALITY_BUILTIN, a) ||
	    in_list(loc->lan, loc->nlan, a) || (loc->rules != NULL &&
	    in_list(loc->rules->local, loc->rules->nlocal, a));
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
