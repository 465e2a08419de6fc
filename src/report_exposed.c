/* SPDX-License-Identifier: MIT */
/*
 * report_exposed.c - the distinct things the run's leaks exposed, for the
 * text summary (see report_exposed.h).
 *
 * One small set per kind: values kept in first-seen order, found again
 * through an open-addressing hash of EXPOSED_KEPT * 2 slots; past
 * EXPOSED_KEPT distinct values a kind stops counting and says "more
 * than".  Names are compared byte for byte (as they leaked; the reporter
 * escapes them).  Credential kinds are a fixed set: a flow count each.
 */
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "dns.h"
#include "event.h"
#include "http.h"
#include "report_exposed.h"
#include "stun.h"

enum { K_DNS = 0, K_SNI, K_HOST, K_PUBLIC, K_MAC, K__COUNT };

static const char *const kind_title[K__COUNT] = {
	"DNS names", "TLS SNI", "HTTP hosts", "STUN-mapped public addresses",
	"MACs (EUI-64)"
};

#define SLOTS	(EXPOSED_KEPT * 2)

struct set {
	char		**vals;		/* first-seen order */
	uint16_t	*lens;
	size_t		 n;
	bool		 full;		/* more than EXPOSED_KEPT */
	uint32_t	*slot;		/* index + 1, 0: empty */
};

struct ls_exposed {
	struct set	 k[K__COUNT];
	uint64_t	 creds[HTTP_CRED__COUNT];	/* flows per kind */
};

struct ls_exposed *
exposed_new(void)
{
	return calloc(1, sizeof(struct ls_exposed));
}

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

static void
set_add(struct set *s, const char *v, size_t n)
{
	if (n == 0 || n > UINT16_MAX)
		return;
	if (s->slot == NULL) {
		s->slot = calloc(SLOTS, sizeof(*s->slot));
		s->vals = calloc(EXPOSED_KEPT, sizeof(*s->vals));
		s->lens = calloc(EXPOSED_KEPT, sizeof(*s->lens));
		if (s->slot == NULL || s->vals == NULL || s->lens == NULL)
			return;
	}
	uint32_t i = hash(v, n) % SLOTS;
	for (; s->slot[i] != 0; i = (i + 1) % SLOTS) {
		uint32_t j = s->slot[i] - 1;
		if (s->lens[j] == n && memcmp(s->vals[j], v, n) == 0)
			return;
	}
	if (s->n == EXPOSED_KEPT) {
		s->full = true;
		return;
	}
	char *c = malloc(n);
	if (c == NULL)
		return;
	memcpy(c, v, n);
	s->vals[s->n] = c;
	s->lens[s->n] = (uint16_t)n;
	s->slot[i] = (uint32_t)++s->n;
}

void
exposed_add(struct ls_exposed *e, const struct ls_leak *l)
{
	char buf[ADDR_STRLEN];

	if (e == NULL)
		return;
	if (l->dns != NULL)
		set_add(&e->k[K_DNS], l->dns->qname, l->dns->qname_len);
	for (size_t i = 0; i < l->nnames; i++)
		set_add(&e->k[K_DNS], l->names[i], l->name_lens[i]);
	if (l->sni[0] != '\0')
		set_add(&e->k[K_SNI], l->sni, strlen(l->sni));
	if (l->http != NULL) {
		set_add(&e->k[K_HOST], l->http->host, l->http->host_len);
		for (int c = 0; c < HTTP_CRED__COUNT; c++)
			if (l->http->creds & (1u << c))
				e->creds[c]++;
	}
	if (l->stun != NULL && l->stun->has_mapped) {
		addr_fmt(&l->stun->mapped, buf);
		set_add(&e->k[K_PUBLIC], buf, strlen(buf));
	}
	if (l->has_eui64) {
		char mac[18];
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
		    l->eui64_mac[0], l->eui64_mac[1], l->eui64_mac[2],
		    l->eui64_mac[3], l->eui64_mac[4], l->eui64_mac[5]);
		set_add(&e->k[K_MAC], mac, strlen(mac));
	}
}

void
exposed_print(const struct ls_exposed *e, FILE *o,
    void (*esc)(FILE *, const char *, size_t))
{
	if (e == NULL)
		return;
	for (int k = 0; k < K__COUNT; k++) {
		const struct set *s = &e->k[k];
		size_t shown = s->n < EXPOSED_SHOWN ? s->n : EXPOSED_SHOWN;

		if (s->n == 0)
			continue;
		fprintf(o, "summary: exposed %s (%s%zu):", kind_title[k],
		    s->full ? "more than " : "", s->n);
		for (size_t i = 0; i < shown; i++) {
			fputc(' ', o);
			esc(o, s->vals[i], s->lens[i]);
		}
		if (s->n > shown)
			fprintf(o, " ... and %s%zu more", s->full ?
			    "more than " : "", s->n - shown);
		fputc('\n', o);
	}
	const char *sep = "summary: exposed credentials:";
	for (int c = 0; c < HTTP_CRED__COUNT; c++)
		if (e->creds[c] > 0) {
			fprintf(o, "%s %s (%llu flow%s)", sep, httpcred_name(c),
			    (unsigned long long)e->creds[c],
			    e->creds[c] == 1 ? "" : "s");
			sep = ",";
		}
	if (sep[0] == ',')
		fputc('\n', o);
}

const char *
exposed_kind_name(int k)
{
	static const char *const names[K__COUNT] = {
		"dns_names", "tls_sni", "http_hosts", "public_addresses",
		"eui64_macs"
	};

	return k >= 0 && k < K__COUNT ? names[k] : NULL;
}

size_t
exposed_distinct(const struct ls_exposed *e, int k)
{
	return e != NULL && k >= 0 && k < K__COUNT ? e->k[k].n : 0;
}

uint64_t
exposed_cred_flows(const struct ls_exposed *e, int c)
{
	return e != NULL && c >= 0 && c < HTTP_CRED__COUNT ? e->creds[c] : 0;
}

void
exposed_free(struct ls_exposed *e)
{
	if (e == NULL)
		return;
	for (int k = 0; k < K__COUNT; k++) {
		for (size_t i = 0; i < e->k[k].n; i++)
			free(e->k[k].vals[i]);
		free(e->k[k].vals);
		free(e->k[k].lens);
		free(e->k[k].slot);
	}
	free(e);
}
