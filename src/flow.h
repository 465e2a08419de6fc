/* SPDX-License-Identifier: MIT */
/*
 * flow.h - bidirectional flow table.
 *
 * Key: the two (address, port) pairs sorted as pairs, the transport protocol,
 * the capture interface and the outermost VLAN (Suricata's livedev + vlan).
 * A seeded hash over a fixed bucket array, flows drawn from a pool sized by
 * --max-flows, per-timeout-class LRU lists ordered by packet time, and an
 * insertion-ordered list so that whatever is reported at the end comes out in
 * first-seen order whatever the hash seed.  Timeouts use packet time only.
 *
 * The table owns struct ls_flow memory; the engine owns what hangs off it
 * (l7, leak) and frees it in the end callback, which runs exactly once for
 * every flow: on expiry, on eviction, or from flow_end_all().
 */
#ifndef FLOW_H
#define FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "packet.h"

struct ls_flow_key {			/* memset 0 before filling: padding is hashed */
	uint8_t		lo_addr[16], hi_addr[16];
	uint16_t	lo_port, hi_port;	/* sorted as (addr, port) PAIRS */
	uint32_t	iface;
	uint16_t	vlan;
	uint8_t		proto;
	uint8_t		pad;
};
_Static_assert(sizeof(struct ls_flow_key) == 44, "no hidden padding");

enum flow_dir { DIR_TOSERVER = 0, DIR_TOCLIENT = 1 };

enum flow_end_reason { END_TIMEOUT, END_EVICTED, END_EOF };

/* Timeout classes, each with its own LRU list. */
enum flow_tclass { TCLASS_TCP, TCLASS_UDP, TCLASS_OTHER, TCLASS__COUNT };

struct ls_leak;				/* event.h */
struct ls_pending;			/* pending.h */

/*
 * What the engine keeps on a flow.  The table zeroes it when it creates
 * the flow and reads nothing of it but `pinned'.
 */
struct ls_flow_eng {
	uint8_t			 verdict;	/* enum ls_verdict (verdict.h) */
	uint8_t			 payload_pkts;	/* with payload, while pending */
	uint8_t			 link;		/* LINK_*: what its first frame's
						   MACs said (locality.h) */
	uint32_t		 eflags;	/* EF_*: what inspection found */
	uint16_t		 carrier;	/* 1 + its tunnel endpoint (tunnel.h) */
	bool			 pinned;	/* prefer not to evict (a leak) */
	uint8_t			 carrier_dir;	/* the way to its tunnel endpoint */
	uint32_t		 protocols;	/* PROTO_* (rules.h) */
	struct ls_pending	*pending;	/* while undecided (pending.h) */
	struct ls_leak		*leak;		/* once it leaked (event.h) */
};

struct ls_flow {
	struct ls_flow_key	 key;
	uint32_t		 hash;
	struct ls_flow		*hnext;			/* bucket chain */
	struct ls_flow		*lru_prev, *lru_next;	/* oldest first */
	struct ls_flow		*seq_prev, *seq_next;	/* first-seen order */
	uint64_t		 seq;			/* creation number */

	/* Oriented by the first packet: its sender is the client.  (Ordered
	 * so that the struct has no padding: 224 bytes.) */
	struct ls_addr		 cli, srv;
	uint32_t		 iface;
	uint16_t		 cport, sport;
	uint16_t		 vlan;
	uint8_t			 proto;
	uint8_t			 ip_version;
	uint8_t			 icmp_type;	/* ICMP/ICMPv6: of the first packet */
	uint8_t			 icmp_code;
	uint8_t			 tclass;		/* enum flow_tclass */
	bool			 closing;		/* TCP FIN or RST seen */
	uint64_t		 first_us, last_us;
	uint64_t		 pkts[2], bytes[2];	/* [enum flow_dir] */

	struct ls_flow_eng	 eng;
};
_Static_assert(sizeof(void *) != 8 || sizeof(struct ls_flow) == 224, "struct ls_flow has padding");

typedef void (*flow_end_fn)(struct ls_flow *, enum flow_end_reason, void *arg);

struct ls_flow_table_stats {
	uint64_t	created;
	uint64_t	expired;
	uint64_t	evicted;
	uint64_t	evicted_pinned;	/* had to evict a pinned flow: table too small */
	size_t		active, max_active;
	/* work, for tests that bound it: hash-chain entries compared, and
	 * LRU entries looked at to find an eviction victim */
	uint64_t	chain_steps, evict_steps;
};

/* LRU entries looked at, at most, to find a flow to evict. */
#define FLOW_EVICT_SCAN	64

/* Seconds of silence after which a flow ends, by class (and TCP closing). */
#define FLOW_TIMEOUT_TCP	300
#define FLOW_TIMEOUT_TCP_CLOSED	10
#define FLOW_TIMEOUT_UDP	60
#define FLOW_TIMEOUT_OTHER	30

struct ls_flow_table	*flow_table_new(size_t max_flows, uint64_t seed);
/* Ends every remaining flow (END_EOF, first-seen order), then frees. */
void			 flow_table_free(struct ls_flow_table *, flow_end_fn,
			    void *arg);

/*
 * Find or create the flow of an IP packet (p->l3 is L3_IPV4 or L3_IPV6).
 * *dir says which way this packet goes; *created is set for a new flow.
 * When the table is full, the oldest idle flow that is not pinned is ended
 * (END_EVICTED) through on_end and reused; a pinned flow only when none other
 * is found within a bounded scan.  Updates last_us (never backwards), the
 * LRU position, and tcp closing state; counters pkts/bytes are the caller's.
 */
struct ls_flow		*flow_lookup(struct ls_flow_table *,
			    const struct ls_packet *p, enum flow_dir *dir,
			    bool *created, flow_end_fn on_end, void *arg);
/* A packet of f seen without a lookup (the engine's fast path): what
 * flow_lookup does to a found UDP flow, and nothing else. */
void			 flow_touch_move(struct ls_flow_table *, struct ls_flow *);
static inline void
flow_touch(struct ls_flow_table *t, struct ls_flow *f, uint64_t ts_us)
{
	if (ts_us > f->last_us)
		f->last_us = ts_us;
	if (f->lru_next != NULL)	/* not at its list's tail yet */
		flow_touch_move(t, f);
}
/* End (END_TIMEOUT) every flow idle longer than its class's timeout. */
void			 flow_expire(struct ls_flow_table *, uint64_t now_us,
			    flow_end_fn, void *arg);
/* End (END_EOF) every flow in first-seen order; the table stays usable. */
void			 flow_end_all(struct ls_flow_table *, flow_end_fn,
			    void *arg);
const struct ls_flow_table_stats *flow_table_stats(const struct ls_flow_table *);

#endif /* FLOW_H */
