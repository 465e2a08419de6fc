/* SPDX-License-Identifier: MIT */
/*
 * leak.h - the leak record of a leaked flow (struct ls_leak, event.h).
 *
 * Made when the verdict says leak, from what the pending state found (the
 * first DNS, HTTP and STUN messages move into it); it then collects every
 * distinct DNS name the flow asks, the STUN answer that carries the mapped
 * address, and a copy of its flow for the reporters.
 */
#ifndef LEAK_H
#define LEAK_H

#include "event.h"

struct ls_dns;
struct ls_flow;
struct ls_match;
struct ls_pending;
struct ls_pkt_ctx;
struct ls_slab;

/* A new record for f from slab (NULL: out of memory).  pd may be NULL. */
struct ls_leak	*leak_new(struct ls_flow *f, struct ls_pending *pd,
		    const struct ls_match *m, const struct ls_source *src,
		    uint32_t capture, struct ls_slab *slab);
/* Free a record and what it holds; back to slab, or to free() when slab
 * is NULL (a record made by calloc). */
void		 leak_free(struct ls_leak *, struct ls_slab *slab);
/* Keep one more name the flow asked (at most LEAK_MAX_NAMES). */
void		 leak_add_name(struct ls_leak *, const struct ls_dns *);
/* A later packet of the leaked flow (x->p set): its names, its mapped
 * address. */
void		 leak_packet(struct ls_leak *, const struct ls_pkt_ctx *x);
/* Before the record is reported (and again at its flow's end): what it
 * exposes, from everything collected so far. */
void		 leak_finish(struct ls_leak *);
/* Copy f's addresses, ports and counters into l->flow. */
void		 leak_view(struct ls_leak *, const struct ls_flow *f);

#endif /* LEAK_H */
