/* SPDX-License-Identifier: MIT */
/*
 * leak.c - leak records (see leak.h).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "exposure.h"
#include "flow.h"
#include "http.h"
#include "inspect.h"
#include "leak.h"
#include "pending.h"
#include "rules.h"
#include "slab.h"
#include "stun.h"

void
leak_view(struct ls_leak *l, const struct ls_flow *f)
{
	struct ls_flow_view *v = &l->flow;

	v->cli = f->cli;
	v->srv = f->srv;
	v->cport = f->cport;
	v->sport = f->sport;
	v->proto = f->proto;
	v->ip_version = f->ip_version;
	v->icmp_type = f->icmp_type;
	v->icmp_code = f->icmp_code;
	v->first_us = f->first_us;
	v->last_us = f->last_us;
	memcpy(v->pkts, f->pkts, sizeof(v->pkts));
	memcpy(v->bytes, f->bytes, sizeof(v->bytes));
}

const char *
evidence_name(enum ls_basis e)
{
	return e == EVIDENCE_PORT ? "port" : "payload";
}

/* The protocols the flow's own bytes showed: the extractors', and nDPI's
 * when it detected rather than guessed from a port. */
static uint32_t
seen_protocols(const struct ls_flow *f, const struct ls_pending *pd)
{
	uint32_t ef = f->eng.eflags, seen = 0;

	if (ef & EF_DNS_SEEN)
		seen |= PROTO_DNS;
	if (ef & (EF_STUN_REQ | EF_STUN_RESP))
		seen |= PROTO_STUN;
	if (ef & EF_HTTP_REQ)
		seen |= PROTO_HTTP;
	if (pd != NULL && pd->l7.known && !pd->l7.guessed)
		seen |= pd->l7.protocols;
	if ((seen & PROTO_TLS) && (f->eng.protocols & PROTO_DOT))
		seen |= PROTO_DOT;	/* TLS seen, on 853 */
	return seen;
}

/*
 * A class by protocol rests on the bytes when they showed that protocol;
 * a port-only rule on the port.  The ipv6 class rests on the addresses.
 * The ip class ("anything else") rests on the bytes unless a payload was
 * cut before anything in it could be recognised: it might have been DNS
 * or HTTP.
 */
static enum ls_basis
evidence_of(const struct ls_flow *f, const struct ls_pending *pd,
    const struct ls_rule *r)
{
	if (r->protocols != 0)
		return (r->protocols & seen_protocols(f, pd)) != 0 ?
		    EVIDENCE_PAYLOAD : EVIDENCE_PORT;
	if (r->class == CLASS_IPV6)
		return EVIDENCE_PAYLOAD;
	if (r->nports > 0)
		return EVIDENCE_PORT;
	if ((f->eng.eflags & EF_CUT) && seen_protocols(f, pd) == 0)
		return EVIDENCE_PORT;
	return EVIDENCE_PAYLOAD;
}

struct ls_leak *
leak_new(struct ls_flow *f, struct ls_pending *pd, const struct ls_match *m,
    const struct ls_source *src, uint32_t capture, struct ls_slab *slab)
{
	struct ls_leak *l = slab_get(slab);

	if (l == NULL)
		return NULL;
	l->class = m->rule->class;
	l->tags = m->tags;
	l->rule = m->rule;
	l->severity = m->rule->severity;
	l->evidence = evidence_of(f, pd, m->rule);
	l->flow_id = ((uint64_t)capture << 40) |
	    ((f->seq & ((1ull << 40) - 1)) + 1);	/* never 0 */
	l->src = src;
	if (pd != NULL) {
		memcpy(l->app, pd->l7.name, sizeof(l->app));
		if (pd->l7.protocols & (PROTO_TLS | PROTO_QUIC | PROTO_DOT |
		    PROTO_DOH))
			memcpy(l->sni, pd->l7.host, sizeof(l->sni));
		l->dns = pd->dns;
		pd->dns = NULL;
		l->http = pd->http;
		pd->http = NULL;
		l->stun = pd->stun;
		pd->stun = NULL;
		if (l->dns != NULL)
			leak_add_name(l, l->dns);
	} else
		strcpy(l->app, "Unknown");
	leak_view(l, f);
	return l;
}

void
leak_free(struct ls_leak *l, struct ls_slab *slab)
{
	if (l == NULL)
		return;
	if (l->names != NULL) {		/* most leaks asked no name */
		for (size_t i = 0; i < l->nnames; i++)
			free(l->names[i]);
		free(l->names);
		free(l->name_lens);
		free(l->qtypes);
	}
	if (l->dns != NULL)
		free(l->dns);
	if (l->http != NULL)
		free(l->http);
	if (l->stun != NULL)
		free(l->stun);
	if (slab != NULL)
		slab_put(slab, l);
	else
		free(l);
}

void
leak_add_name(struct ls_leak *l, const struct ls_dns *d)
{
	for (size_t i = 0; i < l->nnames; i++)
		if (l->name_lens[i] == d->qname_len &&
		    memcmp(l->names[i], d->qname, d->qname_len) == 0)
			return;
	if (l->nnames == LEAK_MAX_NAMES) {
		l->names_cut = true;
		return;
	}
	if (l->names == NULL) {
		l->names = calloc(LEAK_MAX_NAMES, sizeof(*l->names));
		l->name_lens = calloc(LEAK_MAX_NAMES, sizeof(*l->name_lens));
		l->qtypes = calloc(LEAK_MAX_NAMES, sizeof(*l->qtypes));
		if (l->names == NULL || l->name_lens == NULL ||
		    l->qtypes == NULL)
			return;
	}
	/* qname may hold NUL bytes: keep qname_len bytes plus a NUL. */
	char *s = malloc(d->qname_len + 1);
	if (s == NULL)
		return;
	memcpy(s, d->qname, d->qname_len);
	s[d->qname_len] = '\0';
	l->names[l->nnames] = s;
	l->name_lens[l->nnames] = (uint16_t)d->qname_len;
	l->qtypes[l->nnames] = d->qtype;
	l->nnames++;
}

void
leak_packet(struct ls_leak *l, const struct ls_pkt_ctx *x)
{
	const struct ls_packet *p = x->p;
	const uint8_t *pl = x->frame + p->payload_off;

	if (p->payload_len == 0)
		return;
	if (l->dns != NULL || (l->tags & (1u << CLASS_DNS))) {
		struct ls_dns d;
		if (dns_extract(pl, p->payload_len, p->proto == IPPROTO_TCP,
		    &d) == DNS_OK && !d.response)
			leak_add_name(l, &d);
	}
	if (l->http != NULL && x->dir == DIR_TOSERVER)
		exposure_http_packet(l, pl, p->payload_len);
	if (l->stun != NULL && !l->stun->has_mapped &&
	    p->payload_len >= STUN_HDR_LEN) {
		struct ls_stun s;
		if (stun_extract(pl, p->payload_len, &s) == STUN_OK &&
		    s.has_mapped)
			*l->stun = s;
	}
}

void
leak_finish(struct ls_leak *l)
{
	uint32_t x = 1u << EXPOSE_REAL_ADDRESS;

	if (l->dns != NULL || l->nnames > 0)
		x |= 1u << EXPOSE_DNS_NAME;
	if (l->sni[0] != '\0')
		x |= 1u << EXPOSE_TLS_SNI;
	if (l->http != NULL && l->http->host_len > 0)
		x |= 1u << EXPOSE_HTTP_HOST;
	if (l->stun != NULL && l->stun->has_mapped)
		x |= 1u << EXPOSE_PUBLIC_ADDRESS;
	l->exposes = x;
	exposure_finish(l);	/* credentials, MAC, by_design, severity */
}
