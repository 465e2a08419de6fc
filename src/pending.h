/* SPDX-License-Identifier: MIT */
/*
 * pending.h - flows not yet decided: their state, held packets, and the
 * queues that decide them in time.
 *
 * While a flow is pending it has a struct ls_pending: nDPI's state, the
 * first DNS, HTTP and STUN messages the inspection found, and (with -w)
 * its first packets, held until the verdict: evidence of a leak starts at
 * the flow's first packet, not at the one that decided it.
 *
 * Two due queues decide flows whose evidence never comes: every new flow
 * waits decide_after seconds of packet time at most, and a STUN request
 * waits STUN_WAIT_US for the answer that carries the mapped address.
 * Each is a ring of (flow, seq, due) in push order with due never
 * decreasing along it, so only its head is ever compared with the clock;
 * an entry whose flow was decided early, or reused (seq changed), stays
 * until its time and is then skipped.
 */
#ifndef PENDING_H
#define PENDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "carrier.h"
#include "classify.h"
#include "packet.h"

struct ls_classifier;
struct ls_slab;
struct ls_dns;
struct ls_flow;
struct ls_http;
struct ls_stun;

#define PENDING_HOLD_PKTS	16	/* packets held while pending (-w) */
#define PENDING_HOLD_BYTES	65535
#define PENDING_FIRST_BYTES	33	/* a WireGuard keepalive is 32 */

struct held_pkt {
	struct held_pkt	*next;
	uint64_t	 ts_us;
	uint32_t	 caplen, len;
	uint8_t		 data[];
};

struct ls_pending {
	void		*ndpi;		/* classifier state */
	struct ls_l7	 l7;		/* its last verdict */
	struct ls_dns	*dns;		/* the flow's first DNS message */
	struct ls_http	*http;		/* its first HTTP request */
	struct ls_stun	*stun;		/* its best STUN message */
	struct carrier_track trk;	/* runs of tunnel messages */
	struct held_pkt	*held, **held_tail;
	unsigned	 nheld;
	uint8_t		 ndpi_pkts;	/* packets fed to nDPI */
	uint64_t	 last_cnt;	/* pcap_cnt of its last packet */
	/* its first payload packet, for the tunnel's life should it be a
	 * carrier (an OpenVPN client reset is known as one only at the
	 * server's answer): enough bytes for carrier_msg() */
	struct {
		uint64_t	ts_us, pcap_cnt;
		uint32_t	len;		/* 0: none yet */
		uint8_t		dir;
		uint8_t		b[PENDING_FIRST_BYTES];
	}		 first;
};

/* Remember x (x->p set) if it is f's first payload packet. */
void			 pending_first(struct ls_pending *,
			    const struct ls_pkt_ctx *x);

/* f's pending state, made on first use (NULL: out of memory). */
struct ls_pending	*pending_get(struct ls_slab *, struct ls_flow *);
/* Its nDPI flow state, made when nDPI is first needed (NULL: out of
 * memory): most flows are settled without it. */
void			*pending_ndpi(struct ls_classifier *, struct ls_pending *);
/* Free it and what it holds, back to the slab pending_get took it from. */
void			 pending_free(struct ls_pending *, struct ls_slab *);
/* Keep the packet for the evidence file (bounded). */
void			 pending_hold(struct ls_pending *,
			    const struct ls_pkt_ctx *);
struct ls_source;
typedef void (*evidence_fn)(void *arg, const struct ls_source *src,
    uint64_t ts_us, uint32_t caplen, uint32_t len, const uint8_t *frame);
/* Write the held packets out (their flow's source: src) and forget them. */
void			 pending_flush(struct ls_pending *, evidence_fn,
			    void *arg, const struct ls_source *src);

/* --- due queues ---------------------------------------------------------- */

struct ls_dueq {
	struct {
		struct ls_flow	*flow;
		uint64_t	 seq;
	}			*ref;
	uint64_t		*due;		/* apart: the timer check reads
						   only these */
	size_t			 cap, head, len;
	bool			 drop_oldest;	/* when full; else drop the new */
};

bool	dueq_init(struct ls_dueq *, size_t cap, bool drop_oldest);
void	dueq_free(struct ls_dueq *);
void	dueq_clear(struct ls_dueq *);
/* Queue f to be looked at by `due' (raised to the previous entry's). */
void	dueq_push(struct ls_dueq *, struct ls_flow *, uint64_t due);
/* Is the head due by now? */
static inline bool
dueq_ready(const struct ls_dueq *q, uint64_t now)
{
	return q->len > 0 && q->due[q->head] <= now;
}
/* Take the due head: the flow, or NULL when it was reused since. */
struct ls_flow	*dueq_pop(struct ls_dueq *);

#endif /* PENDING_H */
