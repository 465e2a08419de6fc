/* SPDX-License-Identifier: MIT */
/*
 * locality.h - what counts as the local network.
 *
 * An address is local when it falls in the built-in local ranges (SPEC.md:
 * RFC 1918, link-local, loopback, multicast, broadcast, ULA), in a -L
 * prefix, or in the rule file's `local:' list.  Housekeeping (DHCP, NDP,
 * MLD, IGMP) is local whatever its addresses say.
 */
#ifndef LOCALITY_H
#define LOCALITY_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "packet.h"

struct ls_ruleset;

#define LOCALITY_BUILTIN	11

struct ls_locality {
	struct ls_cidr		 builtin[LOCALITY_BUILTIN];
	const struct ls_cidr	*lan;		/* -L */
	size_t			 nlan;
	const struct ls_ruleset	*rules;		/* its local: list */
};

void	locality_init(struct ls_locality *, const struct ls_cidr *lan,
	    size_t nlan, const struct ls_ruleset *);
/* SIGHUP: the new rule file's local: list. */
void	locality_set_rules(struct ls_locality *, const struct ls_ruleset *);
bool	locality_is_local(const struct ls_locality *, const struct ls_addr *);
/* Housekeeping that is local whatever the addresses say. */
bool	locality_housekeeping(const struct ls_packet *);

#endif /* LOCALITY_H */
