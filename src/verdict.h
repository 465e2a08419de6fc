/* SPDX-License-Identifier: MIT */
/*
 * verdict.h - what a flow is: local, carrier, allowed or leak.
 *
 * A flow is PENDING until the evidence is in (verdict_ready), then decided
 * exactly once (verdict_decide):
 *
 *   carrier   a -e endpoint (exact address, port, protocol); with none
 *             given, an endpoint the OS names, or a tunnel protocol by its
 *             own bytes (a handshake, nDPI, a run of WireGuard data or
 *             ESP), unless the
 *             flow shows plaintext the tunnel should carry;
 *   local     housekeeping, or both ends local and no rule matches;
 *   allowed   an allow rule matched, or no rule did;
 *   leak      a leak rule matched: one primary class, tags for the others.
 *
 * The verdict reads the flow and its pending state and changes neither
 * (but for the DoT bit it derives); what follows from it (stats, the leak
 * record, reports) is the engine's.
 */
#ifndef VERDICT_H
#define VERDICT_H

#include <stdbool.h>

#include "rules.h"

struct ls_carrier_set;
struct ls_flow;
struct ls_locality;
struct ls_pending;
struct ls_tunnels;

enum ls_verdict {
	FS_PENDING = 0,
	FS_LOCAL,
	FS_CARRIER,
	FS_ALLOWED,	/* an allow rule, or no rule matched */
	FS_LEAK,
};

#define PEND_MAX_PAYLOAD	8	/* payload packets before deciding anyway */

/* Why a flow is a carrier. */
enum carrier_why {
	CARRIER_NOT = 0,
	CARRIER_BY_ENDPOINT,	/* -e */
	CARRIER_BY_OS,		/* an endpoint the OS named */
	CARRIER_BY_HANDSHAKE,	/* WireGuard, OpenVPN, IKEv2 handshakes */
	CARRIER_BY_NDPI,	/* nDPI named a tunnel protocol */
	CARRIER_BY_SHAPE,	/* WireGuard data, ESP: runs of one index */
};

struct ls_verdict_cfg {
	const struct ls_locality	*loc;
	const struct ls_carrier_set	*carriers;
	const struct ls_ruleset		*rules;
	const struct ls_tunnels		*tun;	/* carriers seen (may be NULL) */
};

/* The one carrier decision; pd may be NULL. */
enum carrier_why	verdict_carrier(const struct ls_verdict_cfg *,
			    const struct ls_flow *, const struct ls_pending *);
/* Is the evidence in for a pending flow? */
bool			verdict_ready(const struct ls_verdict_cfg *,
			    const struct ls_flow *, const struct ls_pending *);
/* Decide f; for FS_LEAK *m holds the rule and tags. */
enum ls_verdict		verdict_decide(const struct ls_verdict_cfg *,
			    struct ls_flow *, const struct ls_pending *,
			    struct ls_match *m);
/* The tunnel protocol a shape named ("WireGuard", "OpenVPN"), or NULL. */
const char		*verdict_carrier_name(const struct ls_flow *);

#endif /* VERDICT_H */
