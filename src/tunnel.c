/* SPDX-License-Identifier: MIT */
/*
 * tunnel.c - the tunnel's life (see tunnel.h for the state machine).
 */
#include <stdio.h>
#include <string.h>

#include "locality.h"
#include "pending.h"
#include "report.h"
#include "tunnel.h"

const char *
tunnel_name(enum ls_tunnel t)
{
	switch (t) {
	case TUNNEL_UP:		return "up";
	case TUNNEL_DOWN:	return "down";
	default:		return "unknown";
	}
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
tunnel_begin_source(struct ls_tunnels *t, const struct ls_source *src)
{
	t->src = src;
	t->n = 0;
	t->due = 0;
}

void
tunnel_set_source(struct ls_tunnels *t, const struct ls_source *src)
{
	t->src = src;
}

enum ls_tunnel
tunnel_state(const struct ls_tunnels *t)
{
	bool any_down = false;

	/* what the OS says about its tunnel interfaces wins over traffic */
	if (t->nos > 0) {
		for (size_t i = 0; i < t->nos; i++)
			if (t->os[i].up)
				return TUNNEL_UP;
		return TUNNEL_DOWN;
	}
	for (size_t i = 0; i < t->n; i++) {
		if (t->ep[i].state == TUNNEL_UP)
			return TUNNEL_UP;
		any_down = true;
	}
	return any_down ? TUNNEL_DOWN : TUNNEL_UNKNOWN;
}

static void
emit(struct ls_tunnels *t, const struct ls_carrier_ep *c, uint64_t ts,
    bool first, uint64_t pcap_cnt)
{
	struct ls_tunnel_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_us = ts;
	ev.state = c->state;
	ev.first = first;
	ev.addr = c->addr;
	ev.port = c->port;
	ev.proto = c->proto;
	memcpy(ev.app, c->app, sizeof(ev.app));
	ev.src = t->src;
	ev.pcap_cnt = pcap_cnt;
	t->st->tunnel_events++;
	if (t->rep->ops->tunnel != NULL)
		t->rep->ops->tunnel(t->rep, &ev);
}

void
tunnel_tick(struct ls_tunnels *t, uint64_t now)
{
	uint64_t due = UINT64_MAX;

	/* nothing can go quiet before the earliest deadline last computed:
	 * last_us only grows, and an endpoint coming up resets it */
	if (now < t->due)
		return;
	for (size_t i = 0; i < t->n; i++) {
		struct ls_carrier_ep *c = &t->ep[i];

		if (c->state != TUNNEL_UP)
			continue;
		if (now > c->last_us + t->outage_us) {
			c->state = TUNNEL_DOWN;
			emit(t, c, c->last_us + t->outage_us, false, 0);
		} else if (c->last_us + t->outage_us + 1 < due)
			due = c->last_us + t->outage_us + 1;
	}
	t->due = due;
}

static void
come_up(struct ls_tunnels *t, struct ls_carrier_ep *c, uint64_t ts,
    bool first, uint64_t pcap_cnt)
{
	c->state = TUNNEL_UP;
	t->due = 0;
	emit(t, c, ts, first, pcap_cnt);
}

void __attribute__((noinline))
tunnel_seen_slow(struct ls_tunnels *t, struct ls_flow *f, uint64_t ts,
    uint64_t pcap_cnt)
{
	const struct ls_addr *a;
	uint16_t port;
	struct ls_carrier_ep *c = NULL;

	/* the flow remembers its endpoint, which was down */
	if (f->eng.carrier != 0 && f->eng.carrier <= t->n) {
		come_up(t, &t->ep[f->eng.carrier - 1], ts, false, pcap_cnt);
		return;
	}

	/* The VPN server is the end that is not local (or the server end). */
	if (!locality_is_local(t->loc, &f->srv) ||
	    locality_is_local(t->loc, &f->cli)) {
		a = &f->srv;
		port = f->sport;
	} else {
		a = &f->cli;
		port = f->cport;
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
	if (c == NULL) {
		if (t->n == TUNNEL_MAX_CARRIERS)
			return;		/* tracked enough; state stays known */
		c = &t->ep[t->n++];
		memset(c, 0, sizeof(*c));
		c->addr = *a;
		c->port = port;
		c->proto = f->proto;
		c->last_us = ts;
		f->eng.carrier = (uint16_t)t->n;
		if (f->eng.leak == NULL && f->eng.pending != NULL)
			memcpy(c->app, f->eng.pending->l7.name, sizeof(c->app));
		come_up(t, c, ts, true, pcap_cnt);
		return;
	}
	if (ts > c->last_us)
		c->last_us = ts;
	if (c->state != TUNNEL_UP)
		come_up(t, c, ts, false, pcap_cnt);
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
}
