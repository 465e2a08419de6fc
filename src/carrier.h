/* SPDX-License-Identifier: MIT */
/*
 * carrier.h - is this flow the VPN's own encrypted traffic?
 *
 * Two kinds of evidence, kept apart from the verdict that weighs them
 * (verdict.c): endpoints (the -e list, and the ones the OS names live: a
 * userspace WireGuard's peers, the host route around the tunnel), and the
 * shape of a tunnel protocol's messages, recognised whatever the port
 * (WireGuard's four message types and their sizes, as OpenBSD's wg_match;
 * OpenVPN's hard-reset exchange; IKEv2's header, bare or behind NAT-T's
 * non-ESP marker; ESP's SPI and sequence number).
 *
 * Every recogniser takes the captured bytes (n) and the length the
 * headers claim for the message (wire: the UDP length, the IP length):
 * a capture cut by its snap length keeps only a header, and a message's
 * size is judged on wire, its fields on what bytes there are.
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
/* The same on a message of `wire' bytes of which n were captured; a
 * transport message's receiver index into *idx (when n holds it: else
 * WG_SHAPE_NONE, a type alone is too little). */
enum wg_shape	carrier_wg_msg(const uint8_t *payload, size_t n, size_t wire,
		    uint32_t *idx);

enum ovpn_op {
	OVPN_NONE = 0,
	OVPN_CLIENT_RESET,	/* P_CONTROL_HARD_RESET_CLIENT_V2 / V3 */
	OVPN_SERVER_RESET,	/* P_CONTROL_HARD_RESET_SERVER_V2 */
};

/* Over TCP the 2-byte length that frames each packet must match the
 * segment's (wire) length. */
enum ovpn_op	carrier_ovpn_op(const uint8_t *payload, size_t n, size_t wire,
		    bool tcp);

/* IKEv2 (RFC 7296 3.1): SPIi, SPIr, next payload, version 2.0, exchange
 * type, flags, message id, length.  Over UDP 4500 (and in any UDP message
 * that starts with them) four zero bytes, RFC 3948's non-ESP marker, come
 * first. */
enum ike_msg {
	IKE_NONE = 0,
	IKE_INIT_REQUEST,	/* IKE_SA_INIT request: SPIr 0, message id 0 */
	IKE_INIT_RESPONSE,	/* IKE_SA_INIT response: SPIr set */
	IKE_OTHER,		/* IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL */
};
struct ike_hdr {
	uint64_t	spi_i, spi_r;
	uint8_t		exchange;
	uint8_t		flags;
};
#define IKE_HDR_LEN	28
/* The header's fields are judged as far as they were captured (at least
 * the SPIs, version and exchange type); its length field, when captured,
 * must equal wire. */
enum ike_msg	carrier_ike(const uint8_t *payload, size_t n, size_t wire,
		    struct ike_hdr *);

/* ESP (RFC 4303): SPI (256 and up: 1-255 are reserved, 0 is the non-ESP
 * marker) and sequence number (from 1), then at least an IV or an ICV:
 * wire of 16 bytes or more.  Over UDP a one-byte 0xff is a NAT keepalive
 * (RFC 3948), not ESP. */
bool		carrier_esp(const uint8_t *payload, size_t n, size_t wire,
		    uint32_t *spi, uint32_t *seq);

/*
 * What a flow's messages said so far, one direction each: WireGuard data
 * without a handshake (a capture that starts mid-session) is only
 * WireGuard when its receiver index holds from message to message, ESP
 * when its SPI does and the sequence number climbs.
 */
struct carrier_track {
	uint32_t	wg_idx[2];
	uint32_t	esp_spi[2], esp_seq[2];
	uint64_t	ike_spi_i;	/* of the IKE_SA_INIT request */
	uint8_t		wg_n[2];	/* transport messages with that index */
	uint8_t		esp_n[2];	/* ESP messages in sequence */
	bool		ike_req;	/* IKE_SA_INIT request seen */
	uint8_t		ike_n;		/* IKE messages with the SPI pair */
	uint8_t		framed_n[2];	/* OpenVPN TCP lengths, cut */
	bool		unframed;	/* a segment whose length was not */
	uint64_t	ike_spis[2];	/* SPI pair of the first of them */
};

/* Messages in one direction that make a carrier of data alone. */
#define CARRIER_DATA_RUN	2
/* ESP: the most a sequence number may climb from one message to the next
 * of a run. */
#define CARRIER_ESP_GAP		1024

/* Feed one message (dir 0 client to server, 1 back); returns true when
 * its run says WireGuard data (wg) or ESP (esp). */
bool		carrier_track_wg(struct carrier_track *, int dir,
		    uint32_t idx);
bool		carrier_track_esp(struct carrier_track *, int dir,
		    uint32_t spi, uint32_t seq);
/* An IKE message: true once the flow holds an IKE_SA_INIT request and
 * its response (same SPIi), or two IKE messages of one SA (same SPIs). */
bool		carrier_track_ike(struct carrier_track *, enum ike_msg,
		    const struct ike_hdr *);

/* OpenVPN over TCP in a header-only capture whose TCP options left only
 * the 2-byte packet length (68 bytes with timestamps): segments whose
 * length is their own (wire - 2), the flow's first ones both ways.  Feed
 * every payload segment cut to exactly 2 bytes; true once at least
 * CARRIER_DATA_RUN went one way and one the other, and none was not
 * framed so. */
bool		carrier_track_framed(struct carrier_track *, int dir,
		    const uint8_t *payload, size_t n, size_t wire);

/* IPsec's halves are one tunnel: IKE on UDP 500, then IKE and ESP on
 * 4500 (NAT-T), or ESP as IP protocol 50, to the same server.  For a
 * carrier flow f of IPsec, the known endpoint (1-based index into eps)
 * that is its other half; 0 when none is. */
struct ls_carrier_ep;
uint16_t	carrier_other_half(const struct ls_carrier_ep *eps, size_t n,
		    const struct ls_flow *f);

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
