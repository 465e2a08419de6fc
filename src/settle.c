/* SPDX-License-Identifier: MIT */
/*
 * settle.c - leak events held until their phase is settled (settle.h).
 */
#include <stdlib.h>

#include "event.h"
#include "settle.h"
#include "tunnel.h"

void
settle_init(struct ls_settle *s, settle_fn release, void *arg)
{
	s->q = NULL;
	s->cap = s->head = s->len = 0;
	s->release = release;
	s->arg = arg;
}

void
settle_free(struct ls_settle *s)
{
	free(s->q);
	s->q = NULL;
	s->cap = s->head = s->len = 0;
}

static void
release(struct ls_settle *s, struct ls_leak *l, const struct ls_tunnels *t)
{
	l->phase = tunnel_phase_at(t, l->ts_us);
	l->tunnel = phase_tunnel(l->phase);
	l->killswitch = phase_killswitch(l->phase);
	l->held = false;
	s->release(s->arg, l);
}

static bool
grow(struct ls_settle *s)
{
	size_t cap = s->cap == 0 ? 64 : s->cap * 2;
	struct ls_leak **q = malloc(cap * sizeof(*q));

	if (q == NULL)
		return false;
	for (size_t i = 0; i < s->len; i++)
		q[i] = s->q[(s->head + i) % s->cap];
	free(s->q);
	s->q = q;
	s->cap = cap;
	s->head = 0;
	return true;
}

void
settle_push(struct ls_settle *s, struct ls_leak *l, const struct ls_tunnels *t)
{
	if (s->len == 0 && tunnel_settled(t, l->ts_us)) {
		release(s, l, t);
		return;
	}
	if (s->len == s->cap && !grow(s)) {
		release(s, l, t);
		return;
	}
	l->held = true;
	s->q[(s->head + s->len) % s->cap] = l;
	if (s->len == 0 || l->ts_us > s->newest_us)
		s->newest_us = l->ts_us;
	s->len++;
}

void
settle_run(struct ls_settle *s, const struct ls_tunnels *t)
{
	while (s->len > 0) {
		struct ls_leak *l = s->q[s->head];

		if (!tunnel_settled(t, l->ts_us))
			return;
		s->head = (s->head + 1) % s->cap;
		s->len--;
		release(s, l, t);
	}
}
