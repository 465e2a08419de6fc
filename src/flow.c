/* SPDX-License-Identifier: MIT */
/*
 * flow.c - bidirectional flow table (see flow.h).
 *
 * A fixed pool of struct ls_flow, calloc'd once and handed out in order, so
 * pages no flow has used yet stay out of RSS (an idle sniffer with the
 * default 262,144 flows holds a few MB, not 60), and a power-of-two bucket
 * array chained through hnext.  Four LRU
 * lists, each with one timeout, keep expiry O(expired): TCP, TCP after FIN
 * or RST, UDP, other.  A fifth list keeps creation order for first-seen
 * output.  When the pool is empty the oldest idle unpinned flow is ended and
 * reused; a bounded scan (FLOW_EVICT_SCAN) keeps that O(1).
 *
 * Memory: sizeof(struct ls_flow) is 224 bytes plus 8 per bucket, so a
 * million flows need about 240 MB before the engine's per-flow extras
 * (a leaked flow's record: docs/performance.md).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

#define NLISTS		(TCLASS__COUNT + 1)
#define LIST_TCP_CLOSED	TCLASS__COUNT

struct lru {
	struct ls_flow	*head, *tail;
};

struct ls_flow_table {
	struct ls_flow		*pool;
	size_t			 max;
	size_t			 carved;	/* pool[0..carved) used at least once */
	struct ls_flow		*free;		/* ended ones, chained through hnext */
	struct ls_flow		**buckets;
	size_t			 mask;
	uint64_t		 seed;
	struct lru		 lru[NLISTS];
	struct ls_flow		*seq_head, *seq_tail;
	struct ls_flow		*last;		/* the last flow looked up */
	struct ls_flow_table_stats st;
};

static const uint64_t timeout_s[NLISTS] = {
	[TCLASS_TCP]	= FLOW_TIMEOUT_TCP,
	[TCLASS_UDP]	= FLOW_TIMEOUT_UDP,
	[TCLASS_OTHER]	= FLOW_TIMEOUT_OTHER,
	[LIST_TCP_CLOSED] = FLOW_TIMEOUT_TCP_CLOSED,
};

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

static uint32_t
key_hash(const struct ls_flow_key *k, uint64_t seed)
{
	const uint8_t *b = (const uint8_t *)k;
	uint64_t h = seed, w;

	for (size_t i = 0; i + 8 <= sizeof(*k); i += 8) {
		memcpy(&w, b + i, 8);
		h = mix(h ^ w) + 0x9e3779b97f4a7c15ull;
	}
	w = 0;
	memcpy(&w, b + 40, 4);
	h = mix(h ^ w);
	return (uint32_t)(h ^ h >> 32);
}

/*
 * Is the first packet seen of a flow its answer?  A TCP SYN+ACK, an echo
 * reply, or a packet from a service port (below 1024) to an ephemeral one
 * (1024 and up): the flow is then oriented from the other side, so its
 * client is the side that asked.
 */
static bool
reply_side(const struct ls_packet *p)
{
	switch (p->proto) {
	case 6:
		if ((p->tcp_flags & 0x12) == 0x12)
			return true;
		if (p->tcp_flags & 0x02)
			return false;
		/* FALLTHROUGH */
	case 17:
		return (p->flags & PKT_HAS_L4) && p->sport != 0 &&
		    p->sport < 1024 && p->dport >= 1024;
	case 1:
		return p->icmp_type == 0;
	case 58:
		return p->icmp_type == 129;
	default:
		return false;
	}
}

static void
make_key(const struct ls_packet *p, struct ls_flow_key *k)
{
	int c = memcmp(p->src.b, p->dst.b, 16);

	memset(k, 0, sizeof(*k));
	if (c < 0 || (c == 0 && p->sport <= p->dport)) {
		memcpy(k->lo_addr, p->src.b, 16);
		memcpy(k->hi_addr, p->dst.b, 16);
		k->lo_port = p->sport;
		k->hi_port = p->dport;
	} else {
		memcpy(k->lo_addr, p->dst.b, 16);
		memcpy(k->hi_addr, p->src.b, 16);
		k->lo_port = p->dport;
		k->hi_port = p->sport;
	}
	k->iface = p->iface;
	k->vlan = p->vlan;
	k->proto = p->proto;
}

static int
list_of(const struct ls_flow *f)
{
	if (f->tclass == TCLASS_TCP && f->closing)
		return LIST_TCP_CLOSED;
	return f->tclass;
}

static void
lru_unlink_from(struct ls_flow_table *t, struct ls_flow *f, int list)
{
	struct lru *l = &t->lru[list];

	if (f->lru_prev != NULL)
		f->lru_prev->lru_next = f->lru_next;
	else
		l->head = f->lru_next;
	if (f->lru_next != NULL)
		f->lru_next->lru_prev = f->lru_prev;
	else
		l->tail = f->lru_prev;
	f->lru_prev = f->lru_next = NULL;
}

static void
lru_unlink(struct ls_flow_table *t, struct ls_flow *f)
{
	lru_unlink_from(t, f, list_of(f));
}

static void
lru_append(struct ls_flow_table *t, struct ls_flow *f)
{
	struct lru *l = &t->lru[list_of(f)];

	f->lru_next = NULL;
	f->lru_prev = l->tail;
	if (l->tail != NULL)
		l->tail->lru_next = f;
	else
		l->head = f;
	l->tail = f;
}

struct ls_flow_table *
flow_table_new(size_t max_flows, uint64_t seed)
{
	struct ls_flow_table *t;
	size_t nb = 1;

	if (max_flows == 0 || max_flows > (SIZE_MAX / 2) / sizeof(struct ls_flow))
		return NULL;
	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	while (nb < max_flows)
		nb <<= 1;
	t->pool = calloc(max_flows, sizeof(*t->pool));
	t->buckets = calloc(nb, sizeof(*t->buckets));
	if (t->pool == NULL || t->buckets == NULL) {
		free(t->pool);
		free(t->buckets);
		free(t);
		return NULL;
	}
	t->max = max_flows;
	t->mask = nb - 1;
	t->seed = seed;
	return t;
}

/* End a flow: callback, unlink from everything, back to the free list. */
static void
flow_end(struct ls_flow_table *t, struct ls_flow *f, enum flow_end_reason why,
    flow_end_fn fn, void *arg)
{
	struct ls_flow **pp = &t->buckets[f->hash & t->mask];

	if (fn != NULL)
		fn(f, why, arg);
	if (t->last == f)
		t->last = NULL;
	while (*pp != NULL && *pp != f)
		pp = &(*pp)->hnext;
	if (*pp == f)
		*pp = f->hnext;
	lru_unlink(t, f);
	if (f->seq_prev != NULL)
		f->seq_prev->seq_next = f->seq_next;
	else
		t->seq_head = f->seq_next;
	if (f->seq_next != NULL)
		f->seq_next->seq_prev = f->seq_prev;
	else
		t->seq_tail = f->seq_prev;
	memset(f, 0, sizeof(*f));
	f->hnext = t->free;
	t->free = f;
	t->st.active--;
}

/* The oldest unpinned flow across the lists, within a bounded scan. */
static struct ls_flow *
evict_victim(struct ls_flow_table *t)
{
	struct ls_flow *cur[NLISTS], *best = NULL, *oldest = NULL;
	unsigned steps = 0;

	for (int i = 0; i < NLISTS; i++) {
		cur[i] = t->lru[i].head;
		if (cur[i] != NULL && (oldest == NULL ||
		    cur[i]->last_us < oldest->last_us))
			oldest = cur[i];
	}
	while (steps++ < FLOW_EVICT_SCAN) {
		struct ls_flow *pick = NULL;
		int pi = -1;

		t->st.evict_steps++;

		for (int i = 0; i < NLISTS; i++)
			if (cur[i] != NULL && (pick == NULL ||
			    cur[i]->last_us < pick->last_us)) {
				pick = cur[i];
				pi = i;
			}
		if (pick == NULL)
			break;
		if (!pick->eng.pinned) {
			best = pick;
			break;
		}
		cur[pi] = pick->lru_next;
	}
	if (best == NULL && oldest != NULL)
		t->st.evicted_pinned++;
	return best != NULL ? best : oldest;
}

struct ls_flow *
flow_lookup(struct ls_flow_table *t, const struct ls_packet *p,
    enum flow_dir *dir, bool *created, flow_end_fn on_end, void *arg)
{
	struct ls_flow_key k;
	struct ls_flow *f;
	uint32_t h;

	int list = -1;

	make_key(p, &k);
	*created = false;
	/* packets come in bursts of one flow: try the last one first */
	if (t->last != NULL && memcmp(&t->last->key, &k, sizeof(k)) == 0) {
		f = t->last;
		goto found;
	}
	h = key_hash(&k, t->seed);
	for (f = t->buckets[h & t->mask]; f != NULL; f = f->hnext) {
		t->st.chain_steps++;
		if (f->hash == h && memcmp(&f->key, &k, sizeof(k)) == 0)
			break;
	}
	if (f == NULL) {
		if (t->free == NULL && t->carved == t->max) {
			struct ls_flow *v = evict_victim(t);
			if (v == NULL)
				return NULL;
			t->st.evicted++;
			flow_end(t, v, END_EVICTED, on_end, arg);
		}
		if (t->free != NULL) {
			f = t->free;
			t->free = f->hnext;
		} else
			f = &t->pool[t->carved++];	/* first use of this entry */
		memset(f, 0, sizeof(*f));
		f->key = k;
		f->hash = h;
		f->hnext = t->buckets[h & t->mask];
		t->buckets[h & t->mask] = f;
		f->seq = t->st.created++;
		f->tclass = p->proto == IPPROTO_TCP ? TCLASS_TCP :
		    p->proto == IPPROTO_UDP ? TCLASS_UDP : TCLASS_OTHER;
		if (reply_side(p)) {
			f->cli = p->dst;
			f->srv = p->src;
			f->cport = p->dport;
			f->sport = p->sport;
		} else {
			f->cli = p->src;
			f->srv = p->dst;
			f->cport = p->sport;
			f->sport = p->dport;
		}
		f->proto = p->proto;
		f->icmp_type = p->icmp_type;
		f->icmp_code = p->icmp_code;
		f->ip_version = p->ip_version;
		f->iface = p->iface;
		f->vlan = p->vlan;
		f->first_us = f->last_us = p->ts_us;
		f->seq_prev = t->seq_tail;
		if (t->seq_tail != NULL)
			t->seq_tail->seq_next = f;
		else
			t->seq_head = f;
		t->seq_tail = f;
		if (++t->st.active > t->st.max_active)
			t->st.max_active = t->st.active;
		*created = true;
		goto placed;
	}
found:
	list = list_of(f);
	if (p->ts_us > f->last_us)
		f->last_us = p->ts_us;
placed:
	*dir = (memcmp(p->src.b, f->cli.b, 16) == 0 && p->sport == f->cport) ?
	    DIR_TOSERVER : DIR_TOCLIENT;
	if (f->tclass == TCLASS_TCP && (p->tcp_flags & 0x05))
		f->closing = true;
	/* to the tail of its LRU list, unless it is there already */
	if (list < 0)
		lru_append(t, f);
	else if (list != list_of(f) || t->lru[list].tail != f) {
		lru_unlink_from(t, f, list);
		lru_append(t, f);
	}
	t->last = f;
	return f;
}

/* flow_touch's cold part: to the tail of its LRU list (the newest). */
void
flow_touch_move(struct ls_flow_table *t, struct ls_flow *f)
{
	lru_unlink_from(t, f, list_of(f));
	lru_append(t, f);
}

void
flow_expire(struct ls_flow_table *t, uint64_t now_us, flow_end_fn fn,
    void *arg)
{
	for (int i = 0; i < NLISTS; i++) {
		uint64_t to = timeout_s[i] * 1000000u;
		struct ls_flow *f;

		while ((f = t->lru[i].head) != NULL && f->last_us + to < now_us) {
			t->st.expired++;
			flow_end(t, f, END_TIMEOUT, fn, arg);
		}
	}
}

void
flow_end_all(struct ls_flow_table *t, flow_end_fn fn, void *arg)
{
	while (t->seq_head != NULL)
		flow_end(t, t->seq_head, END_EOF, fn, arg);
}

const struct ls_flow_table_stats *
flow_table_stats(const struct ls_flow_table *t)
{
	return &t->st;
}

void
flow_table_free(struct ls_flow_table *t, flow_end_fn fn, void *arg)
{
	if (t == NULL)
		return;
	flow_end_all(t, fn, arg);
	free(t->pool);
	free(t->buckets);
	free(t);
}
