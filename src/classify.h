/* SPDX-License-Identifier: MIT */
/*
 * classify.h - the only door to nDPI 4.2.  No ndpi_* type appears here.
 *
 * One classifier per run; one opaque state per flow, created lazily and
 * freed when the flow ends.  classify_packet feeds one IP datagram (L3) to
 * nDPI and reports what it knows so far, mapped onto leaksniff's PROTO_*
 * bits (rules.h) and a carrier verdict for tunnel protocols.
 */
#ifndef CLASSIFY_H
#define CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define L7_NAME_MAX	48
#define L7_HOST_MAX	80

struct ls_classifier;

struct ls_l7 {
	uint16_t	master_id, app_id;
	bool		known;		/* nDPI named a protocol */
	bool		final;		/* detection complete or given up */
	bool		guessed;	/* named by port/IP guess at give-up */
	bool		carrier;	/* a VPN / tunnel protocol */
	uint32_t	protocols;	/* PROTO_* bits (rules.h) */
	char		name[L7_NAME_MAX];	/* "DNS.Google", "WireGuard", "Unknown" */
	char		host[L7_HOST_MAX];	/* SNI / HTTP host / DNS name, raw */
};

struct ls_classifier	*classify_new(void);
void			 classify_free(struct ls_classifier *);
const char		*classify_version(void);
/* Every protocol name nDPI can give (its own and the protocol file's), for
 * checking rules: a list the caller frees with classify_app_names_free;
 * NULL if nDPI fails.  About 20 ms: an nDPI module of its own. */
char			**classify_app_names(size_t *n);
void			 classify_app_names_free(char **, size_t n);
void			*classify_flow_new(struct ls_classifier *);
void			 classify_flow_free(void *);
/* l3 points at the IP header; l3len is clamped to UINT16_MAX. */
void			 classify_packet(struct ls_classifier *, void *fstate,
			    const uint8_t *l3, size_t l3len, uint64_t ts_ms,
			    struct ls_l7 *out);
void			 classify_giveup(struct ls_classifier *, void *fstate,
			    struct ls_l7 *out);
/* Give up on a flow nDPI was never fed (a TCP flow with no payload): its
 * guess from the IP protocol, the ports and (IPv4) the addresses, as
 * give-up would make it, without nDPI's dissectors.  Addresses are
 * 16-byte (v4-mapped) forms. */
void			 classify_guess(struct ls_classifier *, uint8_t proto,
			    const uint8_t cli[16], uint16_t cport,
			    const uint8_t srv[16], uint16_t sport,
			    struct ls_l7 *out);
/* The same from ndpi_guess_undetected_protocol itself, not remembered:
 * what classify_guess must agree with (t_classify). */
void			 classify_guess_ndpi(struct ls_classifier *,
			    uint8_t proto, const uint8_t cli[16],
			    uint16_t cport, const uint8_t srv[16],
			    uint16_t sport, struct ls_l7 *out);
/* Whether nDPI could name a UDP datagram with payload (sport, dport in
 * host order): false when no dissector it runs can claim it, so that
 * feeding it to classify_packet can change nothing. */
bool			 classify_udp_screen(struct ls_classifier *,
			    uint16_t sport, uint16_t dport,
			    const uint8_t *payload, size_t n);
/* Name a flow the engine recognised itself; host (SNI, DNS query name,
 * HTTP Host) may be NULL. */
enum l7_self { L7_TLS, L7_QUIC, L7_DNS, L7_HTTP, L7_STUN };
void			 classify_named(struct ls_classifier *, void *fstate,
			    enum l7_self what, const char *host,
			    struct ls_l7 *out);

#endif /* CLASSIFY_H */
