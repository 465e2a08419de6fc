/* SPDX-License-Identifier: MIT */
/*
 * pending.c - pending flows' state, held packets, due queues (see
 * pending.h).
 */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "flow.h"
#include "pending.h"
#include "slab.h"

static void
held_free(struct ls_pending *pd)
{
	struct held_pkt *h = pd->held, *n;

	for (; h != NULL; h = n) {
		n = h->next;
		free(h);
	}
	pd->held = NULL;
	pd->held_tail = &pd->held;
	pd->nheld = 0;
}

void
pending_free(struct ls_pending *pd, struct ls_slab *slab)
{
	if (pd == NULL)
		return;
	if (pd->ndpi != NULL)
		classify_flow_free(pd->ndpi);
	if (pd->dns != NULL)
		free(pd->dns);
	if (pd->http != NULL)
		free(pd->http);
	if (pd->stun != NULL)
		free(pd->stun);
	if (pd->held != NULL)
		held_free(pd);
	slab_put(slab, pd);
}

struct ls_pending *
pending_get(struct ls_slab *slab, struct ls_flow *f)
{
	struct ls_pending *pd = f->eng.pending;

	if (pd != NULL)
		return pd;
	pd = slab_get(slab);
	if (pd == NULL)
		return NULL;
	pd->held_tail = &pd->held;
	f->eng.pending = pd;
	return pd;
}

void *
pending_ndpi(struct ls_classifier *cls, struct ls_pending *pd)
{
	if (pd->ndpi == NULL)
		pd->ndpi = classify_flow_new(cls);
	return pd->ndpi;
}

void
pending_hold(struct ls_pending *pd, const struct ls_pkt_ctx *x)
{
	struct held_pkt *h;

	if (pd->nheld >= PENDING_HOLD_PKTS || x->caplen > PENDING_HOLD_BYTES)
		return;
	h = malloc(sizeof(*h) + x->caplen);
	if (h == NULL)
		return;
	h->next = NULL;
	h->ts_us = x->ts_us;
	h->caplen = x->caplen;
	h->len = x->len;
	memcpy(h->data, x->frame, x->caplen);
	*pd->held_tail = h;
	pd->held_tail = &h->next;
	pd->nheld++;
}

void
pending_first(struct ls_pending *pd, const struct ls_pkt_ctx *x)
{
	uint32_t n = x->p->payload_len;

	if (pd->first.len != 0 || n == 0)
		return;
	pd->first.ts_us = x->ts_us;
	pd->first.pcap_cnt = x->pcap_cnt;
	pd->first.dir = x->dir;
	pd->first.len = n;
	memcpy(pd->first.b, x->frame + x->p->payload_off,
	    n < PENDING_FIRST_BYTES ? n : PENDING_FIRST_BYTES);
}

void
pending_flush(struct ls_pending *pd, evidence_fn fn, void *arg,
    const struct ls_source *src)
{
	for (struct held_pkt *h = pd->held; h != NULL; h = h->next)
		fn(arg, src, h->ts_us, h->caplen, h->len, h->data);
	held_free(pd);
}

/* --- due queues ---------------------------------------------------------- */

bool
dueq_init(struct ls_dueq *q, size_t cap, bool drop_oldest)
{
	memset(q, 0, sizeof(*q));
	q->cap = cap;
	q->drop_oldest = drop_oldest;
	q->ref = calloc(cap, sizeof(*q->ref));
	q->due = calloc(cap, sizeof(*q->due));
	return q->ref != NULL && q->due != NULL;
}

void
dueq_free(struct ls_dueq *q)
{
	free(q->ref);
	free(q->due);
	q->ref = NULL;
	q->due = NULL;
}

void
dueq_clear(struct ls_dueq *q)
{
	q->head = q->len = 0;
}

void
dueq_push(struct ls_dueq *q, struct ls_flow *f, uint64_t due)
{
	if (q->len == q->cap) {
		if (!q->drop_oldest)
			return;		/* the decide queue still has it */
		/* the oldest entries are long decided or gone */
		q->head = (q->head + 1) % q->cap;
		q->len--;
	}
	size_t i = (q->head + q->len) % q->cap;
	q->ref[i].flow = f;
	q->ref[i].seq = f->seq;
	if (q->len > 0) {	/* never before the one ahead (time went back) */
		uint64_t prev = q->due[(i + q->cap - 1) % q->cap];
		if (due < prev)
			due = prev;
	}
	q->due[i] = due;
	q->len++;
}

struct ls_flow *
dueq_pop(struct ls_dueq *q)
{
	struct ls_flow *f = q->ref[q->head].flow;
	uint64_t seq = q->ref[q->head].seq;

	q->head = (q->head + 1) % q->cap;
	q->len--;
	return f->seq == seq ? f : NULL;
}
