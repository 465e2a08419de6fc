/* SPDX-License-Identifier: MIT */
/*
 * carrier.h - is this flow the VPN's own encrypted traffic?
 *
 * Two kinds of evidence, kept apart from the verdict that weighs them
 * (verdict.c): endpoints (the -e list, and the ones the OS names live: a
 * userspace WireGuard's peers, the host route around the tunnel), and the
 * shape of a tunnel protocol's messages, recognised whatever the port
 * (WireGuard's four message types and their sizes, as OpenBSD's wg_match;
 * OpenVPN's hard-reset exchange).
 */
#ifndef CARRIER_H
#define CARRIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct ls_flow;

/* --- shapes -------------------------------------------------------------- */

enum wg_shape {
	WG_SHAPE_NONE = 0,
	WG_SHAPE_HANDSHAKE,	/* initiation (148 bytes) or response (92) */
	WG_SHAPE_OTHER,		/* cookie reply (64) or transport data */
};

enum wg_shape	carrier_wg_shape(const uint8_t *payload, size_t n);

enum ovpn_op {
	OVPN_NONE = 0,
	OVPN_CLIENT_RESET,	/* P_CONTROL_HARD_RESET_CLIENT_V2 / V3 */
	OVPN_SERVER_RESET,	/* P_CONTROL_HARD_RESET_SERVER_V2 */
};

/* Over TCP the 2-byte length that frames each packet must match. */
enum ovpn_op	carrier_ovpn_op(const uint8_t *payload, size_t n, bool tcp);

/* What one packet of a known carrier is, for the tunnel's life. */
enum carrier_proto { CPROTO_OTHER = 0, CPROTO_WIREGUARD, CPROTO_OPENVPN };

enum carrier_msg {
	CMSG_NONE = 0,		/* no payload (a TCP ACK): alive, nothing more */
	CMSG_INIT,		/* a new session starts (WireGuard initiation,
				   OpenVPN client hard reset) */
	CMSG_HANDSHAKE,		/* the rest of a handshake, control */
	CMSG_DATA,		/* data: the session carries */
	CMSG_KEEPALIVE,		/* an empty data message (WireGuard: 32
				   bytes): the session is alive, idle */
};

enum carrier_proto	carrier_proto_of(const char *app);
enum carrier_msg	carrier_msg(enum carrier_proto, bool tcp,
			    const uint8_t *payload, size_t n);

/* --- endpoints ----------------------------------------------------------- */

#define CARRIER_OS_MAX	32

enum carrier_os { CARRIER_OS_NONE = 0, CARRIER_OS_EXACT, CARRIER_OS_ROUTE };

struct ls_carrier_set {
	const struct ls_endpoint *configured;	/* -e */
	size_t			 nconfigured;
	struct {
		struct ls_endpoint	ep;
		bool			route;	/* a host route, not exact */
		char			why[64];
	}			 os[CARRIER_OS_MAX];
	size_t			 nos;
};

/* Is either end of f a -e endpoint? */
bool		carrier_configured(const struct ls_carrier_set *,
		    const struct ls_flow *);
/* Is either end of f an endpoint the OS named (never with -e: -e wins)?
 * EXACT when one matches exactly, ROUTE when only a host route does. */
enum carrier_os	carrier_os_match(const struct ls_carrier_set *,
		    const struct ls_flow *);
/* Add or withdraw an OS endpoint; returns whether the set changed. */
bool		carrier_os_endpoint(struct ls_carrier_set *,
		    const struct ls_endpoint *, bool route, bool add,
		    const char *why);

#endif /* CARRIER_H */
