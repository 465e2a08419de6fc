/* SPDX-License-Identifier: MIT */
/*
 * tunnel.h - the tunnel's life, from the carrier's own packets.
 *
 * A carrier endpoint (the VPN server's address, port and protocol) is
 * learned from the first packet of a flow the verdict called a carrier.
 * Each endpoint lives through these states, on packet time:
 *
 *   HANDSHAKE --data--> CONNECTED --silent too long--> OUTAGE
 *                          ^   |                          |
 *                          |   +--new session after a gap-+--new session-->
 *                          |                                      RECONNECT
 *                          +--------------data-----------------------+
 *
 *   (a capture that starts mid-session starts in CONNECTED; OUTAGE ends on
 *   the client's next packet: data or a keepalive of the same session
 *   means CONNECTED again, a new session's first message RECONNECT; from
 *   HANDSHAKE and RECONNECT only the client's data answered by the
 *   server's means CONNECTED, from that data on: not the keepalive that
 *   confirms the session, nor the kernel's router solicitation into a
 *   fresh interface; until the client's traffic takes the tunnel its
 *   routes may not be there yet.)
 *
 * Only the client's own packets (towards the endpoint) show it alive: a
 * server that goes on sending to a dead client proves nothing.  While the
 * server sends and the client does not, the client is given WireGuard's
 * keepalive timeout (10 s) to answer before its silence counts.
 *
 * "Silent too long" is relative to the carrier's own rhythm: a carrier
 * whose gaps have been short (a busy tunnel) is out after --outage
 * seconds of silence; one that only sends keepalives every K seconds, after
 * twice K and half a second (never before --outage).  An outage is also
 * recognised early when, after a gap longer than a second and longer than
 * the carrier's rhythm allows, the carrier's next packet starts a new
 * session (a WireGuard initiation, an OpenVPN client hard reset): the
 * client was restarted or reconnected.  Either way the outage starts at
 * the carrier's last packet before the gap, not when it was recognised.
 * A lull of an idle tunnel is no outage: offline, a silence recognised by
 * its length alone is reported only once a leak falls in it, a new
 * session ends it or the input ends in it; when the same session goes on
 * after it with no leak inside, it is forgotten and its length becomes the
 * carrier's rhythm (live, where it cannot wait, it is reported at once).  Live, the OS saying the
 * tunnel interface went down opens an outage at once.
 *
 * The phase of a moment T (event.h's enum ls_phase) combines the
 * endpoints: connected when any is connected at T; otherwise handshake
 * when none has ever carried data, reconnect when one is handshaking again,
 * outage when all that carried data are out; before_tunnel before the
 * first (live: connected when no carrier was seen but the OS says its
 * tunnel interface is up).  T's phase is settled once every endpoint has shown what it did
 * at T: a packet after T, or an outage recognised over T
 * (tunnel_settled).  The engine holds each leak until then (settle.h).
 */
#ifndef TUNNEL_H
#define TUNNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "carrier.h"
#include "event.h"
#include "flow.h"

struct ls_locality;
struct ls_reporter;

#define TUNNEL_MAX_CARRIERS	64	/* endpoints tracked */
#define TUNNEL_MAX_OS		32	/* OS tunnel interfaces tracked */
#define TUNNEL_OUTAGES		16	/* outages kept per endpoint */
#define TUNNEL_GAP_FLOOR_US	250000	/* gaps shorter: the inline path (and
					   too short to matter to the limits) */
#define TUNNEL_FRESH_GAP_US	1000000	/* a new session after this: outage */
#define TUNNEL_ANSWER_US	10500000 /* WireGuard's keepalive timeout, and
					   a half second */

enum ep_state { EP_HANDSHAKE, EP_CONNECTED, EP_OUTAGE, EP_RECONNECT };

struct ls_outage {
	uint64_t	start_us;	/* the carrier's last packet before */
	uint64_t	recog_us;	/* when it was recognised */
	uint64_t	end_us;		/* its first packet after (MAX: none) */
	uint64_t	data_us;	/* its first data after (MAX: none) */
	size_t		log;		/* its record in the log, or SIZE_MAX */
	bool		tentative;	/* silence alone, offline: not reported
					   until a leak falls in it, a new
					   session ends it or the input does;
					   forgotten if the same session goes
					   on (a lull) */
};

struct ls_carrier_ep {
	struct ls_addr		addr;
	uint16_t		port;
	uint8_t			proto;
	enum carrier_proto	cproto;
	enum ep_state		state;
	uint64_t		first_us, first_data_us;
	uint64_t		last_us;	/* its last packet towards it */
	uint64_t		last_in_us;	/* its last packet from it */
	uint64_t		rhythm_us;	/* a slowly decaying maximum of its gaps */
	/* a new flow to its address, not decided yet, may be its next
	 * session: its first packet and until when it may stay pending */
	uint64_t		pend_first_us, pend_until_us;
	uint64_t		data_out_us;	/* handshake, reconnect: the
						   client's last data, not yet
						   answered (0: none) */
	struct ls_outage	out[TUNNEL_OUTAGES];	/* a ring, oldest first */
	size_t			nout, out_head;
	char			app[48];
};

struct ls_tunnels {
	struct ls_carrier_ep	 ep[TUNNEL_MAX_CARRIERS];
	size_t			 n;
	uint64_t		 due;		/* none can go quiet before */
	uint64_t		 outage_us;	/* --outage */
	uint64_t		 lag_us;	/* --decide-after: how long a new
						   flow to an endpoint may stay
						   pending */
	uint64_t		 now_us;
	bool			 final;		/* the input ended: all settled */
	bool			 live;		/* outages reported at once */
	struct {
		char		name[16];
		bool		up;
	}			 os[TUNNEL_MAX_OS];
	size_t			 nos;
	const struct ls_locality *loc;
	struct ls_reporter	*rep;
	struct ls_stats		*st;
	const struct ls_source	*src;
	struct ls_outage_rec	*log;		/* every outage, for the summary */
	size_t			 nlog;
};

void	tunnel_init(struct ls_tunnels *, const struct ls_locality *,
	    struct ls_reporter *, struct ls_stats *, uint64_t outage_us);
void	tunnel_free(struct ls_tunnels *);
/* A leak released in an outage or reconnect at ts: count it in its
 * outage's record. */
void	tunnel_count_leak(struct ls_tunnels *, uint64_t ts_us);
/* A new capture: carriers are learned again. */
void	tunnel_begin_source(struct ls_tunnels *, const struct ls_source *);
void	tunnel_set_source(struct ls_tunnels *, const struct ls_source *);
/* The input ended: every silence is what it was (no outage unless
 * recognised), every phase settled. */
void	tunnel_end_input(struct ls_tunnels *);
/* Time passes: recognise the outages whose silence is long enough. */
void	tunnel_tick(struct ls_tunnels *, uint64_t now_us);
static inline bool
tunnel_due(const struct ls_tunnels *t, uint64_t now_us)
{
	return now_us >= t->due;
}
/* The phase at packet time T, and whether it can still change. */
enum ls_phase	tunnel_phase_at(const struct ls_tunnels *, uint64_t ts_us);
bool		tunnel_settled(const struct ls_tunnels *, uint64_t ts_us);
/* A new flow f at ts: if it goes to a carrier endpoint's address, it may
 * be that carrier's next session (decided later, its first message
 * replayed then): an outage's end is not known past its first packet
 * until it is decided. */
void	tunnel_flow_new(struct ls_tunnels *, const struct ls_flow *f,
	    uint64_t ts_us);
/* Live: whether the tunnel is connected as of its latest packet. */
bool		tunnel_connected_now(const struct ls_tunnels *);
/* Live: the OS says tunnel interface `name' went up or down. */
void	tunnel_os(struct ls_tunnels *, const char *name, bool up,
	    uint64_t now_us);

void	tunnel_seen_slow(struct ls_tunnels *, struct ls_flow *,
	    const struct ls_pkt_ctx *);

/* A packet of carrier flow f: its UDP/TCP payload is pl_len bytes at
 * frame + pl_off.  The common case, a connected endpoint's packet soon
 * after its last, is inline and reads none of it. */
/* The inline part alone, a packet going `dir' in flow f: true when it was
 * all there was to do. */
static inline bool
tunnel_seen_fast(struct ls_tunnels *t, struct ls_flow *f, uint64_t ts_us,
    unsigned dir)
{
	if (f->eng.carrier != 0 && f->eng.carrier <= t->n) {
		struct ls_carrier_ep *c = &t->ep[f->eng.carrier - 1];

		if (c->state != EP_CONNECTED)
			return false;
		if (dir != f->eng.carrier_dir) {	/* from the endpoint */
			if (ts_us > c->last_in_us)
				c->last_in_us = ts_us;
			return true;
		}
		if (ts_us >= c->last_us &&
		    ts_us - c->last_us < TUNNEL_GAP_FLOOR_US) {
			c->last_us = ts_us;
			return true;
		}
	}
	return false;
}

/* When carrier flow f's client was last heard (0: not a known carrier). */
static inline uint64_t
tunnel_client_last(const struct ls_tunnels *t, const struct ls_flow *f)
{
	if (f->eng.carrier != 0 && f->eng.carrier <= t->n)
		return t->ep[f->eng.carrier - 1].last_us;
	return 0;
}

/* A packet of carrier flow f (x->p set: its payload is the carrier's
 * message). */
static inline void
tunnel_seen(struct ls_tunnels *t, struct ls_flow *f,
    const struct ls_pkt_ctx *x)
{
	if (!tunnel_seen_fast(t, f, x->ts_us, x->dir))
		tunnel_seen_slow(t, f, x);
}

#endif /* TUNNEL_H */
