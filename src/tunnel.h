/* SPDX-License-Identifier: MIT */
/*
 * tunnel.h - the tunnel's life: which carriers exist, and whether the
 * tunnel is up.
 *
 * A carrier endpoint (the VPN server's address, port and protocol) is
 * learned from the first packet of a flow the verdict called a carrier.
 * State machine, per endpoint, on packet time:
 *
 *   (none) --first packet--> UP --silent > outage_after--> DOWN
 *                             ^                              |
 *                             +-------- a packet again ------+
 *
 * The tunnel is UP while any endpoint is, DOWN once every known one is,
 * UNKNOWN before the first.  Live, once the OS has said anything about a
 * tunnel interface (rtnetlink), the tunnel follows the OS instead.  Every
 * change is a tunnel event.
 *
 * The engine asks tunnel_state() when a flow leaks, reports each carrier
 * packet with tunnel_seen(), and lets time pass with tunnel_tick().
 */
#ifndef TUNNEL_H
#define TUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "flow.h"

struct ls_locality;
struct ls_reporter;

#define TUNNEL_MAX_CARRIERS	64	/* endpoints tracked */
#define TUNNEL_MAX_OS		32	/* OS tunnel interfaces tracked */

struct ls_carrier_ep {
	struct ls_addr	addr;
	uint16_t	port;
	uint8_t		proto;
	enum ls_tunnel	state;
	uint64_t	last_us;	/* its last packet */
	char		app[48];
};

struct ls_tunnels {
	struct ls_carrier_ep	 ep[TUNNEL_MAX_CARRIERS];
	size_t			 n;
	uint64_t		 due;		/* none can go quiet before */
	uint64_t		 outage_us;
	struct {
		char		name[16];
		bool		up;
	}			 os[TUNNEL_MAX_OS];
	size_t			 nos;
	const struct ls_locality *loc;
	struct ls_reporter	*rep;
	struct ls_stats		*st;
	const struct ls_source	*src;
};

void	tunnel_init(struct ls_tunnels *, const struct ls_locality *,
	    struct ls_reporter *, struct ls_stats *, uint64_t outage_us);
/* A new capture: carriers are learned again. */
void	tunnel_begin_source(struct ls_tunnels *, const struct ls_source *);
void	tunnel_set_source(struct ls_tunnels *, const struct ls_source *);
enum ls_tunnel tunnel_state(const struct ls_tunnels *);
/* Mark endpoints silent for longer than outage_after as down. */
void	tunnel_tick(struct ls_tunnels *, uint64_t now_us);
static inline bool
tunnel_due(const struct ls_tunnels *t, uint64_t now_us)
{
	return now_us >= t->due;
}
/* Live: the OS says tunnel interface `name' went up or down. */
void	tunnel_os(struct ls_tunnels *, const char *name, bool up,
	    uint64_t now_us);

void	tunnel_seen_slow(struct ls_tunnels *, struct ls_flow *, uint64_t ts_us,
	    uint64_t pcap_cnt);

/* A packet of carrier flow f: its endpoint is alive.  The common case, a
 * flow that remembers its endpoint and that endpoint up, is inline. */
static inline void
tunnel_seen(struct ls_tunnels *t, struct ls_flow *f, uint64_t ts_us,
    uint64_t pcap_cnt)
{
	if (f->eng.carrier != 0 && f->eng.carrier <= t->n) {
		struct ls_carrier_ep *c = &t->ep[f->eng.carrier - 1];

		if (ts_us > c->last_us)
			c->last_us = ts_us;
		if (c->state == TUNNEL_UP)
			return;
	}
	tunnel_seen_slow(t, f, ts_us, pcap_cnt);
}

#endif /* TUNNEL_H */
