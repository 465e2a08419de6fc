/* SPDX-License-Identifier: MIT */
/*
 * serverip.c - the VPN server's own address as a way around the tunnel
 * (see serverip.h for the rules).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "carrier.h"
#include "dns.h"
#include "event.h"
#include "packet.h"
#include "serverip.h"
#include "warn.h"

void
serverip_init(struct ls_serverip *s, const struct ls_carrier_set *cs,
    const struct ls_tunnels *t, struct ls_warner *w)
{
	memset(s, 0, sizeof(*s));
	s->carriers = cs;
	s->tun = t;
	s->warn = w;
}

void
serverip_free(struct ls_serverip *s)
{
	free(s->ring);
	s->ring = NULL;
	s->head = s->n = 0;
}

void
serverip_begin_source(struct ls_serverip *s)
{
	s->head = s->n = 0;
	s->nhost = 0;
	s->nseen = 0;
}

bool
serverip_is_endpoint(const struct ls_serverip *s, const struct ls_addr *a)
{
	const struct ls_carrier_set *cs = s->carriers;

	for (size_t i = 0; cs != NULL && i < cs->nconfigured; i++)
		if (addr_cmp(&cs->configured[i].addr, a) == 0)
			return true;
	/* a peer the OS names; a host route alone may be a split route to
	 * some site, not the VPN server (a carrier seen through it is
	 * below) */
	for (size_t i = 0; cs != NULL && i < cs->nos; i++)
		if (!cs->os[i].route && addr_cmp(&cs->os[i].ep.addr, a) == 0)
			return true;
	for (size_t i = 0; s->tun != NULL && i < s->tun->n; i++)
		if (addr_cmp(&s->tun->ep[i].addr, a) == 0)
			return true;
	return false;
}

void
serverip_cause(struct ls_serverip *s, struct ls_leak *l)
{
	serverip_sync(s);
	if (l->phase == PHASE_BEFORE_TUNNEL)
		return;
	if (serverip_is_endpoint(s, &l->flow.srv) ||
	    serverip_is_endpoint(s, &l->flow.cli))
		l->cause = CAUSE_SERVERIP;
}

/* --- names resolved to an endpoint ---------------------------------------- */

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The same DNS name: case-insensitive (RFC 4343), a final dot or not. */
static bool
same_name(const char *a, size_t an, const char *b, size_t bn)
{
	if (an > 0 && a[an - 1] == '.')
		an--;
	if (bn > 0 && b[bn - 1] == '.')
		bn--;
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

static struct serverip_answer *
ring_at(struct ls_serverip *s, size_t k)
{
	return &s->ring[(s->head + k) % SERVERIP_ANSWERS];
}

static struct serverip_host *
host_of(struct ls_serverip *s, const struct ls_addr *a)
{
	for (size_t i = 0; i < s->nhost; i++)
		if (addr_cmp(&s->host[i].addr, a) == 0)
			return &s->host[i];
	return NULL;
}

/* FNV-1a of the name as same_name compares it. */
static uint32_t
name_hash(const char *a, size_t n)
{
	uint32_t x = 2166136261u;

	if (n > 0 && a[n - 1] == '.')
		n--;
	for (size_t i = 0; i < n; i++)
		x = (x ^ (uint8_t)lower(a[i])) * 16777619u;
	return x;
}

/* Was this name warned about for h already?  Remember it if not. */
static bool
warned_before(struct serverip_host *h, const struct serverip_answer *e)
{
	uint32_t x = name_hash(e->name, e->name_len);

	for (size_t i = 0; i < h->nwarned; i++)
		if (h->warned[i] == x)
			return true;
	if (h->nwarned < SERVERIP_WARNED)
		h->warned[h->nwarned++] = x;
	return false;
}

/* Answer e for the address of endpoint h: the VPN's own name, or not. */
static void
judge(struct ls_serverip *s, struct serverip_answer *e,
    struct serverip_host *h)
{
	struct ls_warning w;

	e->done = true;
	if (h->known && same_name(e->name, e->name_len, h->name, h->name_len))
		return;
	if (warned_before(h, e))
		return;
	memset(&w, 0, sizeof(w));
	w.ts_us = e->ts_us;
	w.src = e->src;
	w.pcap_cnt = e->pcap_cnt;
	w.kind = WARN_SERVERIP_DNS;
	w.via = "dns_answer";
	w.server = e->server;
	w.client = e->client;
	w.address = e->addr;
	memcpy(w.name, e->name, e->name_len);
	w.name_len = e->name_len;
	if (h->known) {
		w.severity = SEV_HIGH;
		strcpy(w.detail, "a name other than the VPN's own resolves to "
		    "the VPN server's address: its traffic bypasses the tunnel");
	} else {
		w.severity = SEV_MEDIUM;
		strcpy(w.detail, "resolves to the VPN server's address; no name "
		    "was seen resolved to it before the tunnel began");
	}
	warn_emit(s->warn, &w);
}

/* A new endpoint address: its own name is the last answered for it
 * before its first carrier packet. */
static struct serverip_host *
host_new(struct ls_serverip *s, const struct ls_carrier_ep *c)
{
	struct serverip_host *h = &s->host[s->nhost++];

	memset(h, 0, sizeof(*h));
	h->addr = c->addr;
	h->first_us = c->first_us;
	for (size_t k = s->n; k-- > 0;) {
		const struct serverip_answer *e = ring_at(s, k);
		if (e->ts_us <= c->first_us &&
		    addr_cmp(&e->addr, &c->addr) == 0) {
			memcpy(h->name, e->name, e->name_len);
			h->name_len = e->name_len;
			h->known = true;
			break;
		}
	}
	return h;
}

void
serverip_sync(struct ls_serverip *s)
{
	const struct ls_tunnels *t = s->tun;

	if (t == NULL)
		return;
	if (t->n < s->nseen)		/* the tunnel began again */
		s->nseen = 0;
	for (; s->nseen < t->n; s->nseen++) {
		const struct ls_carrier_ep *c = &t->ep[s->nseen];
		struct serverip_host *h;

		if (host_of(s, &c->addr) != NULL || s->nhost == TUNNEL_MAX_CARRIERS)
			continue;	/* another port of a known address */
		h = host_new(s, c);
		for (size_t k = 0; k < s->n; k++) {
			struct serverip_answer *e = ring_at(s, k);
			if (!e->done && addr_cmp(&e->addr, &h->addr) == 0)
				judge(s, e, h);
		}
	}
}

static void
remember(struct ls_serverip *s, const struct ls_pkt_ctx *x,
    const struct ls_source *src, const struct ls_dns *d,
    const struct ls_addr *a)
{
	struct serverip_answer *e;
	struct serverip_host *h;

	if (s->ring == NULL &&
	    (s->ring = calloc(SERVERIP_ANSWERS, sizeof(*s->ring))) == NULL)
		return;
	if (s->n == SERVERIP_ANSWERS) {		/* the oldest goes */
		s->head = (s->head + 1) % SERVERIP_ANSWERS;
		s->n--;
	}
	e = ring_at(s, s->n++);
	memset(e, 0, sizeof(*e));
	e->ts_us = x->ts_us;
	e->pcap_cnt = x->pcap_cnt;
	e->src = src;
	e->addr = *a;
	e->server = x->p->src;
	e->client = x->p->dst;
	memcpy(e->name, d->qname, d->qname_len);
	e->name_len = (uint16_t)d->qname_len;
	if ((h = host_of(s, a)) != NULL)
		judge(s, e, h);
}

void
serverip_dns(struct ls_serverip *s, const struct ls_pkt_ctx *x,
    const struct ls_source *src)
{
	const struct ls_packet *p = x->p;
	struct ls_dns_addrs as;
	struct ls_dns d;
	bool tcp = p->proto == IPPROTO_TCP;
	const uint8_t *pl = x->frame + p->payload_off;

	if (p->payload_len == 0 || (!tcp && p->proto != IPPROTO_UDP))
		return;
	if (dns_answer_addrs(pl, p->payload_len, tcp, &as) != DNS_OK ||
	    as.n == 0 || dns_extract(pl, p->payload_len, tcp, &d) != DNS_OK)
		return;
	serverip_sync(s);
	for (size_t i = 0; i < as.n; i++)
		remember(s, x, src, &d, &as.addr[i]);
}
