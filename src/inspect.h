/* SPDX-License-Identifier: MIT */
/*
 * inspect.h - payload inspection of pending flows.
 *
 * Each payload packet of a pending flow goes through the extractors in
 * order of how strict their shape is: DNS of its strict shape (any port),
 * the tunnel shapes (carrier.h), DNS on a DNS port, STUN, a TLS
 * ClientHello or QUIC Initial opening the flow, HTTP.  What they find is
 * recorded as EF_* flags on the flow and, for what the report shows, as
 * the first message in its struct ls_pending.  A protocol the extractors
 * settle is named to the classifier (classify_named) so that nDPI does not
 * parse it again.
 */
#ifndef INSPECT_H
#define INSPECT_H

#include <stdbool.h>

#include "flow.h"
#include "packet.h"

struct ls_classifier;
struct ls_pending;

/* f->eng.eflags: what inspection found. */
enum {
	EF_DNS_SEEN	= 1u << 0,
	EF_STUN_REQ	= 1u << 1,
	EF_STUN_RESP	= 1u << 2,
	EF_HTTP_REQ	= 1u << 3,
	EF_NDPI_FINAL	= 1u << 4,	/* nDPI (or an extractor) settled it */
	EF_PAYLOAD	= 1u << 5,
	EF_WG_SHAPE	= 1u << 6,
	EF_HOUSEKEEP	= 1u << 7,	/* locality_housekeeping() */
	EF_WG_HANDSHAKE	= 1u << 8,	/* WireGuard initiation/response */
	EF_OVPN_RESET	= 1u << 9,	/* OpenVPN client hard reset */
	EF_OVPN_SHAPE	= 1u << 10,	/* ... answered by a server reset */
	EF_FIRST_PL	= 1u << 11,	/* first payload packet seen */
	EF_SELF_NAMED	= 1u << 12,	/* TLS hello / QUIC Initial: no nDPI */
	EF_WG_DATA	= 1u << 13,	/* WireGuard data, one receiver index */
	EF_IKE_REQ	= 1u << 14,	/* IKE_SA_INIT request */
	EF_IKE_SHAPE	= 1u << 15,	/* ... answered, or an SA's exchange */
	EF_ESP_SHAPE	= 1u << 16,	/* ESP: protocol 50, or a run in UDP */
	EF_CUT		= 1u << 17,	/* a payload cut by the snap length */
	EF_IKE_SEEN	= 1u << 18,	/* an IKE message, alone so far */
	EF_ESP_HDR	= 1u << 19,	/* a message that reads as ESP-in-UDP */
	EF_OVPN_FRAMED	= 1u << 20,	/* OpenVPN TCP lengths, snap-cut */
};

/* Plaintext the tunnel should have carried: a flow with any of these is
 * not a carrier whatever its endpoint or shape says. */
#define EF_PLAINTEXT	(EF_DNS_SEEN | EF_HTTP_REQ | EF_STUN_REQ | EF_STUN_RESP)

/* A tunnel handshake the shapes settled. */
#define EF_TUNNEL_HANDSHAKE	(EF_WG_HANDSHAKE | EF_OVPN_SHAPE | EF_IKE_SHAPE)

/* Tunnel data the shapes settled, without a handshake. */
#define EF_TUNNEL_DATA		(EF_WG_DATA | EF_ESP_SHAPE | EF_OVPN_FRAMED)

enum inspect_res {
	INSPECT_NONE = 0,
	INSPECT_STUN_REQUEST,	/* the flow's first STUN request: wait for
				   its answer (pending.h's STUN queue) */
};

/* Inspect one packet of pending flow f (x->p set). */
enum inspect_res	inspect_payload(struct ls_classifier *,
			    struct ls_flow *f, struct ls_pending *,
			    const struct ls_pkt_ctx *x, enum flow_dir dir);

#endif /* INSPECT_H */
