/* SPDX-License-Identifier: MIT */
/*
 * warn.c - warning events and the names of what leak records say about
 * why and what (see warn.h).
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "warn.h"

static const char *const kind_names[WARN__COUNT] = {
	[WARN_ROUTE_INJECTION]	= "route_injection",
	[WARN_LOCALNET]		= "localnet",
	[WARN_SERVERIP_DNS]	= "serverip_dns",
};

static const char *const cause_names[CAUSE__COUNT] = {
	[CAUSE_NONE]		= "",
	[CAUSE_ROUTE_INJECTION]	= "route_injection",
	[CAUSE_LOCALNET]	= "localnet",
	[CAUSE_SERVERIP]	= "serverip",
};

static const char *const expose_names[EXPOSE__COUNT] = {
	[EXPOSE_REAL_ADDRESS]		= "real_address",
	[EXPOSE_DNS_NAME]		= "dns_name",
	[EXPOSE_TLS_SNI]		= "tls_sni",
	[EXPOSE_HTTP_HOST]		= "http_host",
	[EXPOSE_HTTP_CREDENTIALS]	= "http_credentials",
	[EXPOSE_PUBLIC_ADDRESS]		= "public_address",
	[EXPOSE_EUI64_MAC]		= "eui64_mac",
};

static const char *const xtag_names[XTAG__COUNT] = {
	[XTAG_ENCRYPTED_DNS]	= "encrypted_dns",
};

const char *
warn_kind_name(enum ls_warn_kind k)
{
	return (unsigned)k < WARN__COUNT ? kind_names[k] : "?";
}

const char *
cause_name(enum ls_cause c)
{
	return (unsigned)c < CAUSE__COUNT ? cause_names[c] : "?";
}

const char *
expose_name(enum ls_expose x)
{
	return (unsigned)x < EXPOSE__COUNT ? expose_names[x] : "?";
}

const char *
xtag_name(enum ls_xtag t)
{
	return (unsigned)t < XTAG__COUNT ? xtag_names[t] : "?";
}

int
warn_kind_of(const char *s)
{
	for (int k = 0; k < WARN__COUNT; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

int
cause_of(const char *s)
{
	for (int c = 1; c < CAUSE__COUNT; c++)
		if (strcmp(s, cause_names[c]) == 0)
			return c;
	return -1;
}

void
warn_emit(struct ls_warner *wr, const struct ls_warning *w)
{
	if (wr->counts != NULL && (unsigned)w->kind < WARN__COUNT)
		wr->counts[w->kind]++;
	if (wr->rep != NULL && wr->rep->ops->warning != NULL)
		wr->rep->ops->warning(wr->rep, w);
}

/* --- the public share of a set of prefixes ------------------------------- */

/*
 * Prefixes become closed intervals of a 64-bit space: IPv4 addresses as
 * they are, IPv6 by their first 64 bits (a longer prefix counts as its
 * /64: the share it adds is too small to matter).  The public space is
 * IPv4 less what SPEC.md calls local by address (and 0/8, 240/4); for
 * IPv6 the global unicast 2000::/3.
 */
struct span {
	uint64_t	lo, hi;
};

static const struct span v4_not_public[] = {
	{ 0x00000000u, 0x00ffffffu },	/* 0/8 */
	{ 0x0a000000u, 0x0affffffu },	/* 10/8 */
	{ 0x7f000000u, 0x7fffffffu },	/* 127/8 */
	{ 0xa9fe0000u, 0xa9feffffu },	/* 169.254/16 */
	{ 0xac100000u, 0xac1fffffu },	/* 172.16/12 */
	{ 0xc0a80000u, 0xc0a8ffffu },	/* 192.168/16 */
	{ 0xe0000000u, 0xffffffffu },	/* 224/4 multicast, 240/4 */
};

#define V6_PUB_LO	0x2000000000000000ull
#define V6_PUB_HI	0x3fffffffffffffffull

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static uint64_t
top64(const struct ls_addr *a)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | a->b[i];
	return v;
}

static uint64_t
v4_of(const struct ls_addr *a)
{
	return (uint64_t)a->b[12] << 24 | (uint64_t)a->b[13] << 16 |
	    (uint64_t)a->b[14] << 8 | a->b[15];
}

/* |s| less the parts of it in the list of disjoint spans */
static long double
size_outside(struct span s, const struct span *not, size_t n)
{
	long double sz = (long double)(s.hi - s.lo) + 1;

	for (size_t i = 0; i < n; i++) {
		uint64_t lo = s.lo > not[i].lo ? s.lo : not[i].lo;
		uint64_t hi = s.hi < not[i].hi ? s.hi : not[i].hi;
		if (lo <= hi)
			sz -= (long double)(hi - lo) + 1;
	}
	return sz;
}

double
warn_public_share(const struct ls_cidr *c, size_t n)
{
	struct span *sp;
	size_t m = 0, n4 = 0;
	long double covered = 0, total;
	bool v4;

	for (size_t i = 0; i < n; i++)
		n4 += addr_is_v4(&c[i].addr);
	if (n == 0 || (sp = calloc(n, sizeof(*sp))) == NULL)
		return 0;
	v4 = n4 > 0;		/* one family: IPv4 if any route is */
	for (size_t i = 0; i < n; i++) {
		if (addr_is_v4(&c[i].addr) != v4)
			continue;
		if (v4) {
			unsigned pl = c[i].plen >= 96 ? c[i].plen - 96u : 0;
			uint64_t lo = v4_of(&c[i].addr);
			uint64_t sz = 1ull << (32 - (pl > 32 ? 32 : pl));
			lo &= ~(sz - 1);
			sp[m++] = (struct span){ lo, lo + sz - 1 };
		} else {
			unsigned pl = c[i].plen > 64 ? 64 : c[i].plen;
			uint64_t lo = top64(&c[i].addr), hi;
			uint64_t mask = pl == 0 ? 0 : ~0ull << (64 - pl);
			lo &= mask;
			hi = lo | ~mask;
			if (lo < V6_PUB_LO)
				lo = V6_PUB_LO;
			if (hi > V6_PUB_HI)
				hi = V6_PUB_HI;
			if (lo <= hi)
				sp[m++] = (struct span){ lo, hi };
		}
	}
	qsort(sp, m, sizeof(*sp), span_cmp);
	for (size_t i = 0; i < m; ) {
		struct span u = sp[i++];
		while (i < m && sp[i].lo <= u.hi + 1 && u.hi != UINT64_MAX) {
			if (sp[i].hi > u.hi)
				u.hi = sp[i].hi;
			i++;
		}
		covered += v4 ? size_outside(u, v4_not_public,
		    sizeof(v4_not_public) / sizeof(v4_not_public[0])) :
		    (long double)(u.hi - u.lo) + 1;
	}
	free(sp);
	if (v4)
		total = size_outside((struct span){ 0, 0xffffffffu },
		    v4_not_public, sizeof(v4_not_public) /
		    sizeof(v4_not_public[0]));
	else
		total = (long double)(V6_PUB_HI - V6_PUB_LO) + 1;
	return total > 0 ? (double)(covered / total) : 0;
}
