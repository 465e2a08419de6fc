/* SPDX-License-Identifier: MIT */
/*
 * tunnel.c - the tunnel's life (see tunnel.h for the state machine).
 */
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locality.h"
#include "pending.h"
#include "report.h"
#include "tunnel.h"

static const char *const phase_names[PHASE__COUNT] = {
	[PHASE_BEFORE_TUNNEL]	= "before_tunnel",
	[PHASE_HANDSHAKE]	= "handshake",
	[PHASE_CONNECTED]	= "connected",
	[PHASE_OUTAGE]		= "outage",
	[PHASE_RECONNECT]	= "reconnect",
};

/* Where the k-th oldest outage of c is kept in its ring. */
static size_t
outage_slot(const struct ls_carrier_ep *c, size_t k)
{
	return (c->out_head + k) % TUNNEL_OUTAGES;
}

/* The gap the carrier's own rhythm allows (its silences so far, twice,
 * and half a second). */
static uint64_t
rhythm_allows(const struct ls_carrier_ep *c)
{
	return 2 * c->rhythm_us + 500000;
}

static struct ls_outage *last_outage(struct ls_carrier_ep *);
static void outage_confirm(struct ls_tunnels *, struct ls_carrier_ep *,
    struct ls_outage *);

const char *
tunnel_name(enum ls_tunnel t)
{
	switch (t) {
	case TUNNEL_UP:		return "up";
	case TUNNEL_DOWN:	return "down";
	default:		return "unknown";
	}
}

const char *
phase_name(enum ls_phase p)
{
	return p < PHASE__COUNT ? phase_names[p] : "unknown";
}

int
phase_of(const char *s)
{
	for (int p = 0; p < PHASE__COUNT; p++)
		if (strcmp(s, phase_names[p]) == 0)
			return p;
	return -1;
}

enum ls_tunnel
phase_tunnel(enum ls_phase p)
{
	switch (p) {
	case PHASE_BEFORE_TUNNEL:	return TUNNEL_UNKNOWN;
	case PHASE_CONNECTED:		return TUNNEL_UP;
	default:			return TUNNEL_DOWN;
	}
}

bool
phase_killswitch(enum ls_phase p)
{
	return p == PHASE_OUTAGE || p == PHASE_RECONNECT;
}

void
tunnel_init(struct ls_tunnels *t, const struct ls_locality *loc,
    struct ls_reporter *rep, struct ls_stats *st, uint64_t outage_us)
{
	memset(t, 0, sizeof(*t));
	t->loc = loc;
	t->rep = rep;
	t->st = st;
	t->outage_us = outage_us;
}

void
tunnel_free(struct ls_tunnels *t)
{
	free(t->log);
	t->log = NULL;
	t->nlog = 0;
	t->st->outage_log = NULL;
	t->st->outage_log_len = 0;
}

void
tunnel_count_leak(struct ls_tunnels *t, uint64_t ts)
{
	for (size_t i = 0; i < t->n; i++) {
		struct ls_carrier_ep *c = &t->ep[i];
		for (size_t k = c->nout; k-- > 0;) {
			struct ls_outage *o = &c->out[outage_slot(c, k)];
			if (ts > o->start_us && ts < o->data_us) {
				if (o->tentative)	/* a leak fell in it */
					outage_confirm(t, c, o);
				if (o->log != SIZE_MAX)
					t->log[o->log].leaks++;
				return;
			}
		}
	}
}

/* Keep the summary's record of outage o of endpoint c. */
static void
log_outage(struct ls_tunnels *t, const struct ls_carrier_ep *c,
    struct ls_outage *o)
{
	struct ls_outage_rec *r;

	o->log = SIZE_MAX;
	if (t->nlog == OUTAGE_LOG_MAX)
		return;		/* counted in stats.outages all the same */
	if (t->log == NULL &&
	    (t->log = calloc(OUTAGE_LOG_MAX, sizeof(*t->log))) == NULL)
		return;
	o->log = t->nlog;
	r = &t->log[t->nlog++];
	memset(r, 0, sizeof(*r));
	r->addr = c->addr;
	r->port = c->port;
	r->proto = c->proto;
	r->start_us = o->start_us;
	t->st->outage_log = t->log;
	t->st->outage_log_len = t->nlog;
}

/* The outage's record follows it: back, data again. */
static void
log_update(struct ls_tunnels *t, const struct ls_outage *o)
{
	if (o->log == SIZE_MAX)
		return;
	t->log[o->log].end_us = o->end_us != UINT64_MAX ? o->end_us : 0;
	t->log[o->log].data_us = o->data_us != UINT64_MAX ? o->data_us : 0;
}

void
tunnel_begin_source(struct ls_tunnels *t, const struct ls_source *src)
{
	t->src = src;
	t->live = src != NULL && !src->offline;
	t->n = 0;
	t->due = 0;
	t->now_us = 0;
	t->final = false;
}

void
tunnel_set_source(struct ls_tunnels *t, const struct ls_source *src)
{
	t->src = src;
	t->live = src != NULL && !src->offline;
}

void
tunnel_end_input(struct ls_tunnels *t)
{
	/* a carrier silent to the end stopped */
	for (size_t i = 0; i < t->n; i++) {
		struct ls_outage *o = last_outage(&t->ep[i]);
		if (o != NULL && o->tentative)
			outage_confirm(t, &t->ep[i], o);
	}
	t->final = true;
}

/* --- one endpoint -------------------------------------------------------- */

/* How long this endpoint may be silent before it is out. */
static uint64_t
silence_limit(const struct ls_tunnels *t, const struct ls_carrier_ep *c)
{
	uint64_t rel = rhythm_allows(c);
	uint64_t lim = rel > t->outage_us ? rel : t->outage_us;

	/* the server goes on talking (more than an answer's delay after the
	 * client's last), the client has not answered yet: WireGuard's
	 * keepalive timeout for it to */
	if (c->last_in_us > c->last_us + TUNNEL_FRESH_GAP_US &&
	    lim < TUNNEL_ANSWER_US)
		lim = TUNNEL_ANSWER_US;
	return lim;
}

static struct ls_outage *
last_outage(struct ls_carrier_ep *c)
{
	if (c->nout == 0)
		return NULL;
	return &c->out[outage_slot(c, c->nout - 1)];
}

static void
emit(struct ls_tunnels *t, const struct ls_carrier_ep *c, enum ls_tunnel st,
    uint64_t ts, bool first, uint64_t pcap_cnt, const struct ls_outage *o)
{
	struct ls_tunnel_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_us = ts;
	ev.state = st;
	ev.first = first;
	ev.addr = c->addr;
	ev.port = c->port;
	ev.proto = c->proto;
	memcpy(ev.app, c->app, sizeof(ev.app));
	ev.src = t->src;
	ev.pcap_cnt = pcap_cnt;
	if (o != NULL) {
		ev.outage_start_us = o->start_us;
		if (st == TUNNEL_UP)
			ev.outage_end_us = o->end_us;
	}
	t->st->tunnel_events++;
	if (t->rep->ops->tunnel != NULL)
		t->rep->ops->tunnel(t->rep, &ev);
}

/* Outage o of c is one: counted, in the summary, a tunnel event (stamped
 * when it was recognised). */
static void
outage_confirm(struct ls_tunnels *t, struct ls_carrier_ep *c,
    struct ls_outage *o)
{
	o->tentative = false;
	t->st->outages++;
	log_outage(t, c, o);
	log_update(t, o);
	emit(t, c, TUNNEL_DOWN, o->recog_us, false, 0, o);
}

/* The endpoint went out at its last packet; recognised at `recog'.  By
 * silence alone (offline) it is tentative: see struct ls_outage. */
static void
outage_open(struct ls_tunnels *t, struct ls_carrier_ep *c, uint64_t recog,
    bool silence)
{
	struct ls_outage *o;

	if (c->nout == TUNNEL_OUTAGES) {
		c->out_head = outage_slot(c, 1);	/* the oldest goes */
		c->nout--;
	}
	o = &c->out[outage_slot(c, c->nout)];
	c->nout++;
	o->start_us = c->last_us;
	o->recog_us = recog;
	o->end_us = UINT64_MAX;
	o->data_us = UINT64_MAX;
	c->state = EP_OUTAGE;
	o->log = SIZE_MAX;
	o->tentative = silence && !t->live;
	if (!o->tentative)
		outage_confirm(t, c, o);
}

/* Data flows (again). */
static void
connected(struct ls_tunnels *t, struct ls_carrier_ep *c, uint64_t ts,
    uint64_t pcap_cnt)
{
	struct ls_outage *o = last_outage(c);
	enum ep_state was = c->state;

	c->state = EP_CONNECTED;
	c->data_out_us = 0;
	if (c->first_data_us == UINT64_MAX)
		c->first_data_us = ts;
	if (o != NULL && o->data_us == UINT64_MAX) {
		o->data_us = ts;
		if (o->end_us == UINT64_MAX)
			o->end_us = ts;
		log_update(t, o);
	}
	if (was == EP_OUTAGE || was == EP_RECONNECT)
		emit(t, c, TUNNEL_UP, ts, false, pcap_cnt, o);
}

/* A packet of endpoint c at ts, of kind m. */
static void
ep_packet(struct ls_tunnels *t, struct ls_carrier_ep *c, uint64_t ts,
    uint64_t pcap_cnt, enum carrier_msg m)
{
	uint64_t gap = ts > c->last_us ? ts - c->last_us : 0;
	uint64_t fresh = rhythm_allows(c);

	if (fresh < TUNNEL_FRESH_GAP_US)
		fresh = TUNNEL_FRESH_GAP_US;
	switch (c->state) {
	case EP_CONNECTED:
		if (m == CMSG_INIT && gap > fresh) {
			/* restarted or reconnected: out since its last */
			outage_open(t, c, ts, false);
			last_outage(c)->end_us = ts;
			log_update(t, last_outage(c));
			c->state = EP_RECONNECT;
		} else if (gap >= TUNNEL_GAP_FLOOR_US) {
			/* its rhythm: the gaps of a carrier that carries on */
			uint64_t decayed = c->rhythm_us - c->rhythm_us / 16;
			c->rhythm_us = gap > decayed ? gap : decayed;
		}
		break;
	case EP_OUTAGE: {
		struct ls_outage *o = last_outage(c);
		if (o->tentative && (m == CMSG_DATA || m == CMSG_KEEPALIVE)) {
			/* the same session goes on, no leak fell in the
			 * silence: a lull, and the carrier's rhythm */
			c->nout--;
			c->state = EP_CONNECTED;
			if (gap > c->rhythm_us)
				c->rhythm_us = gap;
			break;
		}
		if (o->tentative)
			outage_confirm(t, c, o);	/* a new session */
		o->end_us = ts;
		log_update(t, o);
		if (m == CMSG_KEEPALIVE && c->first_data_us != UINT64_MAX &&
		    gap > c->rhythm_us)
			/* a keepalive after the silence: that was its
			 * keepalive interval, not an outage to expect again */
			c->rhythm_us = gap;
		if (m == CMSG_DATA || m == CMSG_KEEPALIVE)
			connected(t, c, ts, pcap_cnt);
		else
			c->state = EP_RECONNECT;
		break;
	}
	case EP_HANDSHAKE:
	case EP_RECONNECT:
		/* data, not the keepalive that confirms a new session, and
		 * data that is answered (ep_inbound): until the client's
		 * traffic takes the tunnel its routes may not be there yet
		 * (wg-quick sets them after the handshake), and the first
		 * data may be the kernel's own router solicitation */
		if (m == CMSG_DATA)
			c->data_out_us = ts;
		break;
	}
	if (ts > c->last_us)
		c->last_us = ts;
	if (c->state != EP_OUTAGE) {	/* its deadline may now be the first */
		uint64_t d = c->last_us + silence_limit(t, c) + 1;
		if (d < t->due)
			t->due = d;
	}
}

/* --- the carriers together ----------------------------------------------- */

void
tunnel_tick(struct ls_tunnels *t, uint64_t now)
{
	uint64_t due = UINT64_MAX;

	if (now > t->now_us)
		t->now_us = now;
	/* nothing can go quiet before the earliest deadline last computed:
	 * last_us only grows, and a packet resets it */
	if (now < t->due)
		return;
	for (size_t i = 0; i < t->n; i++) {
		struct ls_carrier_ep *c = &t->ep[i];
		uint64_t lim;

		if (c->state == EP_OUTAGE)
			continue;
		lim = c->last_us + silence_limit(t, c);
		if (now > lim)
			outage_open(t, c, lim, true);
		else if (lim + 1 < due)
			due = lim + 1;
	}
	t->due = due;
}

static enum ls_phase
ep_phase(const struct ls_carrier_ep *c, uint64_t ts)
{
	if (ts < c->first_us)
		return PHASE_BEFORE_TUNNEL;
	for (size_t k = c->nout; k-- > 0;) {
		const struct ls_outage *o = &c->out[outage_slot(c, k)];
		if (ts <= o->start_us)
			continue;
		if (ts < o->end_us)
			return PHASE_OUTAGE;
		if (ts < o->data_us)
			return PHASE_RECONNECT;
		return PHASE_CONNECTED;
	}
	return ts < c->first_data_us ? PHASE_HANDSHAKE : PHASE_CONNECTED;
}

enum ls_phase
tunnel_phase_at(const struct ls_tunnels *t, uint64_t ts)
{
	bool any = false, ever = false, again = false, out = false;

	for (size_t i = 0; i < t->n; i++) {
		const struct ls_carrier_ep *c = &t->ep[i];
		enum ls_phase p = ep_phase(c, ts);

		if (p == PHASE_BEFORE_TUNNEL)
			continue;
		any = true;
		if (c->first_data_us <= ts)
			ever = true;
		if (p == PHASE_CONNECTED)
			return PHASE_CONNECTED;
		if (p == PHASE_RECONNECT || p == PHASE_HANDSHAKE)
			again = true;
		if (p == PHASE_OUTAGE)
			out = true;
	}
	if (!any) {
		/* live, no carrier seen: the OS's tunnel interface is up */
		for (size_t i = 0; i < t->nos; i++)
			if (t->os[i].up)
				return PHASE_CONNECTED;
		return PHASE_BEFORE_TUNNEL;
	}
	if (!ever)
		return PHASE_HANDSHAKE;
	if (again)
		return PHASE_RECONNECT;
	return out ? PHASE_OUTAGE : PHASE_CONNECTED;
}

bool
tunnel_connected_now(const struct ls_tunnels *t)
{
	/* after every packet so far, before any outage still to come */
	return tunnel_phase_at(t, UINT64_MAX - 1) == PHASE_CONNECTED;
}

bool
tunnel_settled(const struct ls_tunnels *t, uint64_t ts)
{
	bool open = false;

	if (t->final)
		return true;
	for (size_t i = 0; i < t->n; i++) {
		const struct ls_carrier_ep *c = &t->ep[i];
		/* an outage is known up to now, but for a new flow to the
		 * endpoint still pending: it may be the next session */
		uint64_t known = c->state != EP_OUTAGE ? c->last_us :
		    t->now_us < c->pend_until_us && c->pend_first_us <
		    t->now_us ? c->pend_first_us : t->now_us;
		/* a new session's data not answered yet: connected from it
		 * on, or not, is not known past it */
		if (c->state != EP_OUTAGE && c->state != EP_CONNECTED &&
		    c->data_out_us != 0 && c->data_out_us < known)
			known = c->data_out_us;

		if (c->first_us > ts)
			continue;
		if (known < ts)
			open = true;	/* it has not shown what it did at ts */
		else if (ep_phase(c, ts) == PHASE_CONNECTED)
			return true;	/* connected whatever the others did */
	}
	return !open;
}

/* A packet from the endpoint: alive at its end, which says nothing of the
 * client. */
static void
ep_inbound(struct ls_tunnels *t, struct ls_carrier_ep *c, uint64_t ts,
    uint64_t pcap_cnt, enum carrier_msg m)
{
	/* an answer to the client's data of a new session: the tunnel
	 * carries from that data on */
	if ((c->state == EP_HANDSHAKE || c->state == EP_RECONNECT) &&
	    m == CMSG_DATA && c->data_out_us != 0)
		connected(t, c, c->data_out_us, pcap_cnt);
	if (ts > c->last_in_us)
		c->last_in_us = ts;
	t->due = 0;	/* its limit may have grown */
}

/* A packet of carrier flow f, of endpoint c: from the client or to it. */
static void
ep_seen(struct ls_tunnels *t, struct ls_carrier_ep *c,
    const struct ls_flow *f, const struct ls_pkt_ctx *x)
{
	enum carrier_msg m = carrier_msg(c->cproto, f->proto == IPPROTO_TCP,
	    x->frame + x->p->payload_off, x->p->payload_len);

	if (x->dir != f->eng.carrier_dir)
		ep_inbound(t, c, x->ts_us, x->pcap_cnt, m);
	else
		ep_packet(t, c, x->ts_us, x->pcap_cnt, m);
}

void __attribute__((noinline))
tunnel_seen_slow(struct ls_tunnels *t, struct ls_flow *f,
    const struct ls_pkt_ctx *x)
{
	uint64_t ts = x->ts_us, pcap_cnt = x->pcap_cnt;
	const uint8_t *payload = x->frame + x->p->payload_off;
	uint32_t n = x->p->payload_len;
	const struct ls_addr *a;
	uint16_t port;
	struct ls_carrier_ep *c = NULL;
	bool tcp = f->proto == IPPROTO_TCP;

	if (ts > t->now_us)
		t->now_us = ts;
	/* the flow remembers its endpoint */
	if (f->eng.carrier != 0 && f->eng.carrier <= t->n) {
		c = &t->ep[f->eng.carrier - 1];
		ep_seen(t, c, f, x);
		return;
	}

	/* The VPN server is the end that is not local (or the server end). */
	if (!locality_is_local(t->loc, &f->srv) ||
	    locality_is_local(t->loc, &f->cli)) {
		a = &f->srv;
		port = f->sport;
		f->eng.carrier_dir = DIR_TOSERVER;
	} else {
		a = &f->cli;
		port = f->cport;
		f->eng.carrier_dir = DIR_TOCLIENT;
	}
	for (size_t i = 0; i < t->n; i++) {
		struct ls_carrier_ep *k = &t->ep[i];
		if (k->port == port && k->proto == f->proto &&
		    addr_cmp(&k->addr, a) == 0) {
			c = k;
			f->eng.carrier = (uint16_t)(i + 1);
			break;
		}
	}
	if (c != NULL) {	/* a new flow of a known endpoint (roaming) */
		ep_seen(t, c, f, x);
		return;
	}
	if (t->n == TUNNEL_MAX_CARRIERS)
		return;		/* tracked enough */
	c = &t->ep[t->n++];
	memset(c, 0, sizeof(*c));
	c->addr = *a;
	c->port = port;
	c->proto = f->proto;
	c->first_us = ts;
	c->last_us = ts;
	if (x->dir != f->eng.carrier_dir)
		c->last_in_us = ts;
	c->first_data_us = UINT64_MAX;
	f->eng.carrier = (uint16_t)t->n;
	if (f->eng.leak == NULL && f->eng.pending != NULL)
		memcpy(c->app, f->eng.pending->l7.name, sizeof(c->app));
	c->cproto = carrier_proto_of(c->app);
	/* a capture that starts mid-session starts connected */
	enum carrier_msg m = carrier_msg(c->cproto, tcp, payload, n);
	if (m == CMSG_DATA || m == CMSG_KEEPALIVE) {
		c->state = EP_CONNECTED;
		c->first_data_us = ts;
	} else
		c->state = EP_HANDSHAKE;
	t->due = 0;
	emit(t, c, TUNNEL_UP, ts, true, pcap_cnt, NULL);
}

void
tunnel_flow_new(struct ls_tunnels *t, const struct ls_flow *f, uint64_t ts)
{
	for (size_t i = 0; i < t->n; i++) {
		struct ls_carrier_ep *c = &t->ep[i];

		if (c->proto != f->proto || (addr_cmp(&c->addr, &f->srv) != 0 &&
		    addr_cmp(&c->addr, &f->cli) != 0))
			continue;
		if (ts >= c->pend_until_us)
			c->pend_first_us = ts;
		c->pend_until_us = ts + t->lag_us + 1;
	}
}

void
tunnel_os(struct ls_tunnels *t, const char *name, bool up, uint64_t now_us)
{
	struct ls_tunnel_event ev;
	size_t i;

	for (i = 0; i < t->nos; i++)
		if (strcmp(t->os[i].name, name) == 0)
			break;
	if (i == t->nos) {
		if (t->nos == TUNNEL_MAX_OS)
			return;
		snprintf(t->os[i].name, sizeof(t->os[i].name), "%s", name);
		t->nos++;
	} else if (t->os[i].up == up)
		return;
	t->os[i].up = up;
	memset(&ev, 0, sizeof(ev));
	ev.ts_us = now_us;
	ev.state = up ? TUNNEL_UP : TUNNEL_DOWN;
	ev.src = t->src;
	snprintf(ev.ifname, sizeof(ev.ifname), "%s", name);
	t->st->tunnel_events++;
	if (t->rep->ops->tunnel != NULL)
		t->rep->ops->tunnel(t->rep, &ev);
	if (up)
		return;
	/* the interface is gone: every carrier is out from its last packet */
	if (now_us > t->now_us)
		t->now_us = now_us;
	for (size_t k = 0; k < t->n; k++)
		if (t->ep[k].state != EP_OUTAGE)
			outage_open(t, &t->ep[k], now_us, false);
}
