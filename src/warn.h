/* SPDX-License-Identifier: MIT */
/*
 * warn.h - warning events: something on the network steers traffic
 * around the tunnel (struct ls_warning, event.h).
 *
 * The modules that recognise such a thing (an injected route, a public
 * prefix made on-link, a name resolved to the VPN server) fill a warning
 * and hand it here; this counts it by kind and passes it to the reporters.
 * The names of kinds, causes, exposures and extra tags live here too, so
 * the reporters and the expectations spell them one way.
 */
#ifndef WARN_H
#define WARN_H

#include "event.h"

struct ls_reporter;

struct ls_warner {
	struct ls_reporter	*rep;
	uint64_t		*counts;	/* WARN__COUNT of them (stats) */
};

/* Report w (its kind's count goes up). */
void	warn_emit(struct ls_warner *, const struct ls_warning *w);

/* The fraction of the public IPv4 (or IPv6 global unicast, 2000::/3)
 * space the n prefixes cover together, overlaps counted once: 0.0.0.0/1
 * and 128.0.0.0/1 together are 1.0, a private prefix alone 0. */
double	warn_public_share(const struct ls_cidr *c, size_t n);

/* "route_injection", ... back to the kind; -1 when none is so named. */
int	warn_kind_of(const char *);
int	cause_of(const char *);

#endif /* WARN_H */
