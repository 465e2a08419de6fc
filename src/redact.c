/* SPDX-License-Identifier: MIT */
/*
 * redact.c - the redacting reporter (see redact.h).
 *
 * Each event is copied field by field into a zeroed scratch record, the
 * personal fields rewritten on the way, and the copy passed on.  The copy
 * is an allow list: a field this file does not name stays zero, so a
 * field added to an event later is dropped until a line here says how to
 * pass it on.  Every field and what happens to it:
 *
 *  source (every event)	name: the base name only (directories can
 *				hold a user name; rename a file whose own
 *				name is personal); iface, offline, dlt,
 *				index kept.  in_iface is not personal.
 *  flow view (leak, flow)	cli, srv: cut to /24 or /48; ports, proto,
 *				ip_version, ICMP type and code, times,
 *				packet and byte counts kept.  The Community
 *				ID is computed by each format from this
 *				copy, so over the cut tuple: the real one
 *				would let anyone find the address by trying
 *				the 256 (or 2^80) addresses of the prefix.
 *  leak			class, tags, rule, tunnel, phase, killswitch,
 *				survivor, held, ended, evidence, severity,
 *				cause, exposes, xtags, by_design, ts_us,
 *				pcap_cnt, flow_id kept (rule ids, enums and
 *				static text); app: nDPI's "Master.App" cut
 *				to the master ("TLS.YouTube" -> "TLS", the
 *				App part comes from the SNI or Host); sni
 *				hashed (redact_host); every dns_names entry
 *				hashed, qtypes and names_cut kept;
 *				design_off kept (a flag); has_eui64 and
 *				eui64_mac dropped (the MAC names the
 *				device: exposes still says eui64_mac).
 *  leak.dns			qname hashed; id, flags, counts, qtype,
 *				qclass kept; name_steps dropped.
 *  leak.http			host hashed (an address literal cut, a port
 *				kept); method, request, status, version
 *				kept; url and user_agent dropped (url
 *				empty); creds (the kinds of credentials,
 *				static names, never a value) kept;
 *				everything else dropped (form, body_left,
 *				body_begun: only the extractor's state).
 *  leak.stun			mapped address cut, its port kept; type,
 *				length, rfc5389, nattrs, has_mapped,
 *				mapped_xor kept; software and the
 *				transaction id dropped.
 *  tunnel			addr (the VPN server's) cut; port, proto,
 *				app, state, first, times, pcap_cnt and the
 *				OS interface name kept.
 *  lan				prefixes and refused prefixes widened to
 *				/24 or /48 (an IPv6 /64 names a household;
 *				a prefix that is one already with the same
 *				via is listed once), gateways cut; via, why,
 *				prefixes_cut, change kept; the gateways'
 *				and neighbours' MACs left out (no reporter
 *				prints them).
 *  warning			server, client, address and each route's
 *				via cut; routes widened as lan prefixes (a
 *				/32 route names its host); public_share is
 *				the real routes' (computed before); name
 *				hashed; kind, severity, via, routes_cut,
 *				pcap_cnt, ts_us kept; detail (static text)
 *				kept, any address in it cut all the same.
 *  stats			counters, copied whole; each outage_log
 *				entry's carrier address cut.
 *
 * The EUI-64 MAC stays out (zero) under the allow list; if it is ever to
 * be shown, hash it with redact_name rather than copy it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "dns.h"
#include "event.h"
#include "http.h"
#include "redact.h"
#include "report.h"
#include "stun.h"

/* Everything one event's copy needs; events are passed on one at a time. */
struct scratch {
	struct ls_leak		 leak;
	struct ls_source	 src;
	struct ls_dns		 dns;
	struct ls_http		 http;
	struct ls_stun		 stun;
	char			*names[LEAK_MAX_NAMES];
	uint16_t		 name_lens[LEAK_MAX_NAMES];
	uint16_t		 qtypes[LEAK_MAX_NAMES];
	char			 namebuf[LEAK_MAX_NAMES][REDACT_NAME_STRLEN];
	struct ls_tunnel_event	 tun;
	struct ls_lan		 lan;
	struct ls_lan_event	 lanev;
	struct ls_warning	 warn;
	struct ls_stats		 stats;
	struct ls_outage_rec	 outages[OUTAGE_LOG_MAX];
};

struct ls_redact {
	struct ls_reporter	 rep;
	struct ls_reporter	*next;
	uint8_t			 key[REDACT_KEY_LEN];
	struct scratch		*s;
};

static struct ls_redact *
of(struct ls_reporter *r)
{
	return (struct ls_redact *)((char *)r - offsetof(struct ls_redact, rep));
}

/* --- SipHash-2-4 ------------------------------------------------------- */

static uint64_t
rotl(uint64_t x, int b)
{
	return x << b | x >> (64 - b);
}

static uint64_t
le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

#define SIPROUND do {							\
	v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);	\
	v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);	\
} while (0)

uint64_t
redact_siphash(const uint8_t key[REDACT_KEY_LEN], const uint8_t *msg,
    size_t len)
{
	uint64_t k0 = le64(key), k1 = le64(key + 8);
	uint64_t v0 = k0 ^ 0x736f6d6570736575ull, v1 = k1 ^ 0x646f72616e646f6dull;
	uint64_t v2 = k0 ^ 0x6c7967656e657261ull, v3 = k1 ^ 0x7465646279746573ull;
	uint64_t m, b = (uint64_t)len << 56;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		m = le64(msg + i);
		v3 ^= m;
		SIPROUND;
		SIPROUND;
		v0 ^= m;
	}
	for (size_t j = 0; i + j < len; j++)
		b |= (uint64_t)msg[i + j] << (8 * j);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* --- names and addresses ------------------------------------------------ */

/* Top-level labels shared by very many unrelated names; besides these only
 * two letters (the country codes) are kept.  A made-up internal one
 * ("acme") could name its owner, so it goes with the rest of the name. */
static const char *const common_tld[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz",
	"arpa", "local", "localhost", "lan", "home", "internal", "test",
	"example", "invalid", "onion", "app", "dev", "xyz", NULL
};

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The last label of n (lowercased into out) when it is one to keep. */
static size_t
kept_suffix(const char *n, size_t len, char out[16])
{
	size_t dot = len;

	while (dot > 0 && n[dot - 1] != '.')
		dot--;
	if (dot == 0)
		return 0;	/* one label: all of it is the name */
	size_t sl = len - dot;
	if (sl == 0 || sl > 15)
		return 0;
	for (size_t i = 0; i < sl; i++) {
		out[i] = lower(n[dot + i]);
		if (out[i] < 'a' || out[i] > 'z')
			return 0;
	}
	out[sl] = '\0';
	if (sl == 2)
		return sl;
	for (size_t i = 0; common_tld[i] != NULL; i++)
		if (strcmp(out, common_tld[i]) == 0)
			return sl;
	return 0;
}

size_t
redact_name(const struct ls_redact *r, const char *name, size_t len,
    char out[REDACT_NAME_STRLEN])
{
	uint8_t norm[DNS_NAME_MAX + 1];
	char sfx[16];
	size_t n;

	if (len > 0 && name[len - 1] == '.')
		len--;			/* "example.com." is example.com */
	if (len == 0) {
		out[0] = '\0';
		return 0;
	}
	if (len > sizeof(norm))
		len = sizeof(norm);
	for (size_t i = 0; i < len; i++)
		norm[i] = (uint8_t)lower(name[i]);	/* DNS 0x20 case */
	uint64_t h = redact_siphash(r->key, norm, len);
	size_t sl = kept_suffix((const char *)norm, len, sfx);
	n = (size_t)snprintf(out, REDACT_NAME_STRLEN, "h-%012llx%s%s",
	    (unsigned long long)(h >> (64 - 4 * REDACT_HASH_DIGITS)),
	    sl > 0 ? "." : "", sl > 0 ? sfx : "");
	return n < REDACT_NAME_STRLEN ? n : REDACT_NAME_STRLEN - 1;
}

void
redact_addr(struct ls_addr *a)
{
	/* v4-mapped: the last byte; IPv6: everything past the 6th, and in
	 * 6to4 (2002:V4ADDR::/48, RFC 3056) the IPv4 address's last byte too,
	 * which its /48 holds whole */
	size_t from = addr_is_v4(a) ? 15 : a->b[0] == 0x20 && a->b[1] == 0x02 ?
	    5 : 6;

	memset(a->b + from, 0, sizeof(a->b) - from);
}

void
redact_cidr(struct ls_cidr *c)
{
	const uint8_t *b = c->addr.b;
	uint8_t max = addr_is_v4(&c->addr) ? 96 + 24 :
	    b[0] == 0x20 && b[1] == 0x02 && c->plen >= 16 ? 40 : 48;

	if (c->plen > max)
		c->plen = max;
	redact_addr(&c->addr);
	/* a prefix shorter than the cut keeps its zero host bits anyway */
}

/* An address literal between from and to (no brackets), cut, into out. */
static bool
host_literal(const char *s, size_t len, bool brackets,
    char out[REDACT_HOST_STRLEN], size_t *n)
{
	char buf[ADDR_STRLEN], ad[ADDR_STRLEN];
	struct ls_addr a;

	if (len == 0 || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!addr_parse(buf, &a))
		return false;
	redact_addr(&a);
	*n = (size_t)snprintf(out, REDACT_HOST_STRLEN, brackets ? "[%s]" : "%s",
	    addr_fmt(&a, ad));
	return true;
}

size_t
redact_host(const struct ls_redact *r, const char *host, size_t len,
    char out[REDACT_HOST_STRLEN])
{
	size_t hl = len, n = 0;
	bool brackets = len > 0 && host[0] == '[';
	const char *h = host;

	/* a ":port" of digits after the name or the "]" is kept */
	const char *colon = memchr(host, ':', len);
	if (brackets) {
		const char *close = memchr(host, ']', len);
		if (close != NULL) {
			h = host + 1;
			hl = (size_t)(close - h);
			colon = close + 1 < host + len && close[1] == ':' ?
			    close + 1 : NULL;
		}
	} else if (colon != NULL && memchr(colon + 1, ':',
	    len - (size_t)(colon + 1 - host)) == NULL)
		hl = (size_t)(colon - host);
	else
		colon = NULL;		/* a bare IPv6 address, or no port */
	size_t plen = 0;
	if (colon != NULL) {
		plen = len - (size_t)(colon - host);
		for (size_t i = 1; i < plen; i++)
			if (colon[i] < '0' || colon[i] > '9' || i > 5)
				plen = 0;
		if (plen == 0 && !brackets)
			hl = len;	/* not a port: all of it is the name */
	}
	if (!host_literal(h, hl, h != host, out, &n)) {
		char tok[REDACT_NAME_STRLEN];
		n = redact_name(r, h, hl, tok);
		memcpy(out, tok, n + 1);
	}
	if (plen > 0) {
		memcpy(out + n, colon, plen);
		n += plen;
		out[n] = '\0';
	}
	return n;
}

/* --- the events --------------------------------------------------------- */

/*
 * Each event below is copied by allow list, so a field added to it is
 * dropped here without a word; these sizes (LP64, as built and tested)
 * turn that into a build error.  On one: say below how the new field is
 * passed on (copied, cut, hashed or left out), list it in the opening
 * comment, then put the new size here.
 */
#if defined(__x86_64__) || defined(__aarch64__)
#define REDACT_SEEN(type, size) _Static_assert(sizeof(type) == (size),	\
	"a field was added to " #type ": tell redact.c what to do with it")
REDACT_SEEN(struct ls_leak, 376);
REDACT_SEEN(struct ls_flow_view, 88);
REDACT_SEEN(struct ls_source, 32);
REDACT_SEEN(struct ls_dns, 296);
REDACT_SEEN(struct ls_http, 1104);
REDACT_SEEN(struct ls_stun, 184);
REDACT_SEEN(struct ls_tunnel_event, 136);
REDACT_SEEN(struct ls_lan, 3504);
REDACT_SEEN(struct ls_lan_event, 32);
REDACT_SEEN(struct ls_warning, 1560);
REDACT_SEEN(struct ls_outage_rec, 56);	/* copied whole, addr cut */
#endif

/*
 * A warning's detail is static text by its contract (event.h); should a
 * module ever write an address into it, every word that parses as one is
 * cut all the same.  Names cannot be told from words: none may go there.
 */
static void
scrub_text(char *out, size_t cap, const char *in)
{
	size_t o = 0;
	char ad[ADDR_STRLEN];

	for (size_t i = 0; in[i] != '\0' && o + 1 < cap;) {
		size_t n = strspn(in + i, "0123456789abcdefABCDEF.:");
		struct ls_addr a;
		/* the end of a sentence is no part of the address */
		while (n > 2 && (in[i + n - 1] == '.' || (in[i + n - 1] == ':' &&
		    in[i + n - 2] != ':')))
			n--;
		if (n >= 2 && n < ADDR_STRLEN) {
			memcpy(ad, in + i, n);
			ad[n] = '\0';
			if (addr_parse(ad, &a)) {
				redact_addr(&a);
				addr_fmt(&a, ad);
				for (size_t k = 0; ad[k] != '\0' && o + 1 < cap; k++)
					out[o++] = ad[k];
				i += n;
				continue;
			}
		}
		/* not an address: this run of characters as it is */
		if (n == 0)
			n = 1;
		for (size_t k = 0; k < n && in[i] != '\0' && o + 1 < cap; k++)
			out[o++] = in[i++];
	}
	out[o] = '\0';
}

static const struct ls_source *
source_copy(struct ls_source *out, const struct ls_source *in)
{
	if (in == NULL)
		return NULL;
	memset(out, 0, sizeof(*out));
	const char *slash = in->name != NULL ? strrchr(in->name, '/') : NULL;
	out->name = slash != NULL ? slash + 1 : in->name;
	out->iface = in->iface;
	out->offline = in->offline;
	out->dlt = in->dlt;
	out->index = in->index;
	return out;
}

static void
flow_copy(struct ls_flow_view *out, const struct ls_flow_view *in)
{
	memset(out, 0, sizeof(*out));
	out->cli = in->cli;
	redact_addr(&out->cli);
	out->srv = in->srv;
	redact_addr(&out->srv);
	out->cport = in->cport;
	out->sport = in->sport;
	out->proto = in->proto;
	out->ip_version = in->ip_version;
	out->icmp_type = in->icmp_type;
	out->icmp_code = in->icmp_code;
	out->first_us = in->first_us;
	out->last_us = in->last_us;
	memcpy(out->pkts, in->pkts, sizeof(out->pkts));
	memcpy(out->bytes, in->bytes, sizeof(out->bytes));
}

static struct ls_dns *
dns_copy(const struct ls_redact *r, struct ls_dns *out, const struct ls_dns *in)
{
	if (in == NULL)
		return NULL;
	memset(out, 0, sizeof(*out));
	out->id = in->id;
	out->response = in->response;
	out->opcode = in->opcode;
	out->rcode = in->rcode;
	out->qdcount = in->qdcount;
	out->ancount = in->ancount;
	out->nscount = in->nscount;
	out->arcount = in->arcount;
	out->qtype = in->qtype;
	out->qclass = in->qclass;
	out->qname_len = redact_name(r, in->qname, in->qname_len, out->qname);
	return out;
}

static struct ls_http *
http_copy(const struct ls_redact *r, struct ls_http *out,
    const struct ls_http *in)
{
	char h[REDACT_HOST_STRLEN];

	if (in == NULL)
		return NULL;
	memset(out, 0, sizeof(*out));
	out->request = in->request;
	out->status = in->status;
	out->version_minor = in->version_minor;
	out->method_len = in->method_len < HTTP_METHOD_MAX ? in->method_len :
	    HTTP_METHOD_MAX;
	memcpy(out->method, in->method, out->method_len);
	if (in->host_len > 0) {
		out->host_len = redact_host(r, in->host, in->host_len, h);
		memcpy(out->host, h, out->host_len + 1);
	}
	out->creds = in->creds;		/* kinds only: "form:password" */
	/* url, user_agent and whatever else the request carried: dropped */
	return out;
}

static struct ls_stun *
stun_copy(struct ls_stun *out, const struct ls_stun *in)
{
	if (in == NULL)
		return NULL;
	memset(out, 0, sizeof(*out));
	out->type = in->type;
	out->length = in->length;
	out->rfc5389 = in->rfc5389;
	out->nattrs = in->nattrs;
	out->has_mapped = in->has_mapped;
	out->mapped_xor = in->mapped_xor;
	out->mapped = in->mapped;
	redact_addr(&out->mapped);
	out->mapped_port = in->mapped_port;
	/* software, tid: dropped */
	return out;
}

static const struct ls_leak *
leak_copy(struct ls_redact *r, const struct ls_leak *in)
{
	struct scratch *s = r->s;
	struct ls_leak *out = &s->leak;
	char h[REDACT_HOST_STRLEN];

	memset(out, 0, sizeof(*out));
	out->class = in->class;
	out->tags = in->tags;
	out->rule = in->rule;
	out->tunnel = in->tunnel;
	out->phase = in->phase;
	out->killswitch = in->killswitch;
	out->survivor = in->survivor;
	out->held = in->held;
	out->ended = in->ended;
	out->evidence = in->evidence;
	out->severity = in->severity;
	out->cause = in->cause;
	out->exposes = in->exposes;
	out->xtags = in->xtags;
	out->by_design = in->by_design;
	out->design_off = in->design_off;
	/* has_eui64, eui64_mac: dropped */
	out->ts_us = in->ts_us;
	out->pcap_cnt = in->pcap_cnt;
	out->flow_id = in->flow_id;
	out->src = source_copy(&s->src, in->src);
	flow_copy(&out->flow, &in->flow);
	size_t an = strcspn(in->app, ".");	/* "TLS.YouTube": TLS */
	memcpy(out->app, in->app, an < sizeof(out->app) ? an :
	    sizeof(out->app) - 1);
	if (in->sni[0] != '\0') {
		size_t n = redact_host(r, in->sni, strnlen(in->sni,
		    sizeof(in->sni)), h);
		if (n >= sizeof(out->sni))
			n = sizeof(out->sni) - 1;
		memcpy(out->sni, h, n);
	}
	out->dns = dns_copy(r, &s->dns, in->dns);
	out->http = http_copy(r, &s->http, in->http);
	out->stun = stun_copy(&s->stun, in->stun);
	out->nnames = in->nnames < LEAK_MAX_NAMES ? in->nnames : LEAK_MAX_NAMES;
	for (size_t i = 0; i < out->nnames; i++) {
		s->names[i] = s->namebuf[i];
		s->name_lens[i] = (uint16_t)redact_name(r, in->names[i],
		    in->name_lens[i], s->namebuf[i]);
		s->qtypes[i] = in->qtypes != NULL ? in->qtypes[i] : 0;
	}
	if (out->nnames > 0) {
		out->names = s->names;
		out->name_lens = s->name_lens;
		out->qtypes = in->qtypes != NULL ? s->qtypes : NULL;
	}
	out->names_cut = in->names_cut || in->nnames > out->nnames;
	return out;
}

static void
r_leak(struct ls_reporter *rep, const struct ls_leak *l)
{
	struct ls_redact *r = of(rep);

	report_forward_leak(r->next, leak_copy(r, l));
}

static void
r_flow_end(struct ls_reporter *rep, const struct ls_leak *l)
{
	struct ls_redact *r = of(rep);

	report_forward_flow_end(r->next, leak_copy(r, l));
}

static void
r_tunnel(struct ls_reporter *rep, const struct ls_tunnel_event *in)
{
	struct ls_redact *r = of(rep);
	struct ls_tunnel_event *out = &r->s->tun;

	memset(out, 0, sizeof(*out));
	out->ts_us = in->ts_us;
	out->state = in->state;
	out->first = in->first;
	out->addr = in->addr;
	redact_addr(&out->addr);
	out->port = in->port;
	out->proto = in->proto;
	memcpy(out->app, in->app, sizeof(out->app));	/* the VPN's protocol */
	out->src = source_copy(&r->s->src, in->src);
	out->pcap_cnt = in->pcap_cnt;
	out->outage_start_us = in->outage_start_us;
	out->outage_end_us = in->outage_end_us;
	memcpy(out->ifname, in->ifname, sizeof(out->ifname));
	report_forward_tunnel(r->next, out);
}

static bool
lan_has(const struct ls_lan_prefix *a, size_t n, const struct ls_lan_prefix *p)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].via == p->via && a[i].cidr.plen == p->cidr.plen &&
		    addr_cmp(&a[i].cidr.addr, &p->cidr.addr) == 0)
			return true;
	return false;
}

static void
r_lan(struct ls_reporter *rep, const struct ls_lan_event *in)
{
	struct ls_redact *r = of(rep);
	struct ls_lan *lan = &r->s->lan;
	const struct ls_lan *l = in->lan;
	struct ls_lan_event *out = &r->s->lanev;

	memset(lan, 0, sizeof(*lan));
	size_t np = l->nprefixes < LAN_MAX_PREFIXES ? l->nprefixes :
	    LAN_MAX_PREFIXES;
	for (size_t i = 0; i < np; i++) {
		struct ls_lan_prefix p = { l->prefixes[i].cidr,
		    l->prefixes[i].via };
		redact_cidr(&p.cidr);
		/* two neighbours' /32s are one /24 now: said once */
		if (!lan_has(lan->prefixes, lan->nprefixes, &p))
			lan->prefixes[lan->nprefixes++] = p;
	}
	lan->prefixes_cut = l->prefixes_cut;
	lan->ngateways = l->ngateways < LAN_MAX_GATEWAYS ? l->ngateways :
	    LAN_MAX_GATEWAYS;
	for (size_t i = 0; i < lan->ngateways; i++) {
		lan->gateways[i] = l->gateways[i];
		redact_addr(&lan->gateways[i]);
	}
	lan->nrefused = l->nrefused < LAN_MAX_REFUSED ? l->nrefused :
	    LAN_MAX_REFUSED;
	for (size_t i = 0; i < lan->nrefused; i++) {
		lan->refused[i].cidr = l->refused[i].cidr;
		redact_cidr(&lan->refused[i].cidr);
		lan->refused[i].via = l->refused[i].via;
		lan->refused[i].why = l->refused[i].why;
	}
	lan->change = l->change;
	memset(out, 0, sizeof(*out));
	out->ts_us = in->ts_us;
	out->src = source_copy(&r->s->src, in->src);
	out->lan = lan;
	out->live = in->live;
	report_forward_lan(r->next, out);
}

static void
r_warning(struct ls_reporter *rep, const struct ls_warning *in)
{
	struct ls_redact *r = of(rep);
	struct ls_warning *out = &r->s->warn;
	char tok[REDACT_NAME_STRLEN];

	memset(out, 0, sizeof(*out));
	out->ts_us = in->ts_us;
	out->src = source_copy(&r->s->src, in->src);
	out->pcap_cnt = in->pcap_cnt;
	out->kind = in->kind;
	out->severity = in->severity;
	out->via = in->via;
	out->server = in->server;
	redact_addr(&out->server);
	out->client = in->client;
	redact_addr(&out->client);
	out->nroutes = in->nroutes < WARN_MAX_ROUTES ? in->nroutes :
	    WARN_MAX_ROUTES;
	for (size_t i = 0; i < out->nroutes; i++) {
		out->routes[i].dest = in->routes[i].dest;
		redact_cidr(&out->routes[i].dest);
		out->routes[i].via = in->routes[i].via;
		redact_addr(&out->routes[i].via);
	}
	out->routes_cut = in->routes_cut;
	out->public_share = in->public_share;
	out->address = in->address;
	redact_addr(&out->address);
	if (in->name_len > 0) {
		out->name_len = redact_name(r, in->name, in->name_len, tok);
		memcpy(out->name, tok, out->name_len + 1);
	}
	char detail[sizeof(in->detail) + 1];
	memcpy(detail, in->detail, sizeof(in->detail));
	detail[sizeof(in->detail)] = '\0';
	scrub_text(out->detail, sizeof(out->detail), detail);
	report_forward_warning(r->next, out);
}

static void
r_end(struct ls_reporter *rep, const struct ls_stats *in, const char *v)
{
	struct ls_redact *r = of(rep);
	struct ls_stats *out = &r->s->stats;

	*out = *in;		/* counters, but for the outage log */
	out->outage_log_len = in->outage_log_len < OUTAGE_LOG_MAX ?
	    in->outage_log_len : OUTAGE_LOG_MAX;
	for (size_t i = 0; i < out->outage_log_len; i++) {
		r->s->outages[i] = in->outage_log[i];
		redact_addr(&r->s->outages[i].addr);
	}
	out->outage_log = out->outage_log_len > 0 ? r->s->outages : NULL;
	report_forward_end(r->next, out, v);
}

static const struct reporter_ops redact_ops = {
	.name = "redact", .leak = r_leak, .flow_end = r_flow_end,
	.tunnel = r_tunnel, .lan = r_lan, .warning = r_warning, .end = r_end,
};

struct ls_redact *
redact_new_key(const uint8_t key[REDACT_KEY_LEN], struct ls_reporter *next)
{
	struct ls_redact *r = calloc(1, sizeof(*r));

	if (r == NULL || (r->s = calloc(1, sizeof(*r->s))) == NULL) {
		free(r);
		return NULL;
	}
	r->rep.ops = &redact_ops;
	r->rep.out = next != NULL ? next->out : NULL;
	r->next = next;
	memcpy(r->key, key, REDACT_KEY_LEN);
	return r;
}

/* getrandom(2), or /dev/urandom on a kernel without it. */
static bool
random_key(uint8_t key[REDACT_KEY_LEN])
{
	ssize_t n;

	do
		n = getrandom(key, REDACT_KEY_LEN, 0);
	while (n < 0 && errno == EINTR);
	if (n == REDACT_KEY_LEN)
		return true;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, key, REDACT_KEY_LEN);
	close(fd);
	return n == REDACT_KEY_LEN;
}

struct ls_redact *
redact_new(struct ls_reporter *next)
{
	uint8_t key[REDACT_KEY_LEN];
	struct ls_redact *r;

	if (!random_key(key)) {
		fprintf(stderr, "leaksniff: --redact: no random key to be had "
		    "(getrandom and /dev/urandom failed): %s\n",
		    strerror(errno));
		return NULL;
	}
	r = redact_new_key(key, next);
	memset(key, 0, sizeof(key));
	if (r == NULL)
		fprintf(stderr, "leaksniff: out of memory\n");
	return r;
}

struct ls_reporter *
redact_reporter(struct ls_redact *r)
{
	return &r->rep;
}

void
redact_free(struct ls_redact *r)
{
	if (r == NULL)
		return;
	free(r->s);
	memset(r->key, 0, sizeof(r->key));
	free(r);
}
