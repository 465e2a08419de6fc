/* SPDX-License-Identifier: MIT */
/*
 * settle.h - leak events held until their tunnel phase is settled.
 *
 * A leak is decided at a packet; whether the tunnel was connected or out
 * at that moment may only be known later (tunnel.h: the carrier's next
 * packet, or a silence long enough).  The leak record waits here, in the
 * order leaks were decided, and is released (its phase, tunnel state and
 * kill-switch flag set, then reported) once tunnel_settled() says its
 * moment can no longer change.  A record leaves in order: one that is
 * settled waits for those decided before it.  When its flow ends while it
 * waits, the flow event follows its leak event at release.
 *
 * Offline the wait costs nothing (packet time); live it is bounded by the
 * carrier's silence limit, and the end of input releases everything.
 */
#ifndef SETTLE_H
#define SETTLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ls_leak;
struct ls_tunnels;

typedef void (*settle_fn)(void *arg, struct ls_leak *);

struct ls_settle {
	struct ls_leak	**q;		/* a ring that grows */
	size_t		  cap, head, len;
	uint64_t	  newest_us;	/* the latest ts_us held (len > 0) */
	settle_fn	  release;
	void		 *arg;
};

void	settle_init(struct ls_settle *, settle_fn release, void *arg);
void	settle_free(struct ls_settle *);
/* Hold l (or, out of memory, release it now with what is known). */
void	settle_push(struct ls_settle *, struct ls_leak *,
	    const struct ls_tunnels *);
/* Release every held record whose moment is settled. */
void	settle_run(struct ls_settle *, const struct ls_tunnels *);
static inline bool
settle_waiting(const struct ls_settle *s)
{
	return s->len > 0;
}
/* Can a carrier whose client was last heard at last_us release a held
 * leak by being heard again?  Only if some held leak is later than that
 * (tunnel_settled reads a carrier's client packets, never its
 * endpoint's). */
static inline bool
settle_waits_past(const struct ls_settle *s, uint64_t last_us)
{
	return s->len > 0 && s->newest_us > last_us;
}

#endif /* SETTLE_H */
