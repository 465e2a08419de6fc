/* SPDX-License-Identifier: MIT */
/*
 * report.c - helpers shared by the text and JSON reporters: time stamps,
 * protocol names, forwarding along a chain, and the Community ID v1 flow hash
 * (https://github.com/corelight/community-id-spec): SHA-1 over seed,
 * ordered addresses, protocol, zero pad and ordered ports, base64.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "report.h"

/* v as exactly n decimal digits (v < 10^n) */
static void
digits(char *p, int n, unsigned v)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
report_forward_leak(struct ls_reporter *next, const struct ls_leak *l)
{
	if (next != NULL && next->ops->leak != NULL)
		next->ops->leak(next, l);
}

void
report_forward_flow_end(struct ls_reporter *next, const struct ls_leak *l)
{
	if (next != NULL && next->ops->flow_end != NULL)
		next->ops->flow_end(next, l);
}

void
report_forward_tunnel(struct ls_reporter *next,
    const struct ls_tunnel_event *ev)
{
	if (next != NULL && next->ops->tunnel != NULL)
		next->ops->tunnel(next, ev);
}

void
report_forward_lan(struct ls_reporter *next, const struct ls_lan_event *ev)
{
	if (next != NULL && next->ops->lan != NULL)
		next->ops->lan(next, ev);
}

void
report_forward_warning(struct ls_reporter *next, const struct ls_warning *w)
{
	if (next != NULL && next->ops->warning != NULL)
		next->ops->warning(next, w);
}

void
report_forward_end(struct ls_reporter *next, const struct ls_stats *s,
    const char *ndpi_version)
{
	if (next != NULL && next->ops->end != NULL)
		next->ops->end(next, s, ndpi_version);
}

void
report_fmt_time(uint64_t ts_us, char buf[64])
{
	time_t t = (time_t)(ts_us / 1000000);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL) {
		strcpy(buf, "1970-01-01T00:00:00.000000Z");
		return;
	}
	int year = tm.tm_year + 1900;
	if (year < 0 || year > 9999) {
		snprintf(buf, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ",
		    year, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, (unsigned)(ts_us % 1000000));
		return;
	}
	/* the same text without printf: this runs for every event */
	digits(buf, 4, (unsigned)year);
	buf[4] = '-';
	digits(buf + 5, 2, (unsigned)tm.tm_mon + 1);
	buf[7] = '-';
	digits(buf + 8, 2, (unsigned)tm.tm_mday);
	buf[10] = 'T';
	digits(buf + 11, 2, (unsigned)tm.tm_hour);
	buf[13] = ':';
	digits(buf + 14, 2, (unsigned)tm.tm_min);
	buf[16] = ':';
	digits(buf + 17, 2, (unsigned)tm.tm_sec);
	buf[19] = '.';
	digits(buf + 20, 6, (unsigned)(ts_us % 1000000));
	buf[26] = 'Z';
	buf[27] = '\0';
}

const char *
report_proto_name(uint8_t proto, uint8_t ip_version,
    char other[REPORT_PROTO_STRLEN])
{
	switch (proto) {
	case IPPROTO_TCP:	return "TCP";
	case IPPROTO_UDP:	return "UDP";
	case IPPROTO_ICMP:	return "ICMP";
	case IPPROTO_ICMPV6:	return "IPv6-ICMP";
	case IPPROTO_IGMP:	return "IGMP";
	case IPPROTO_GRE:	return "GRE";
	case IPPROTO_ESP:	return "ESP";
	case IPPROTO_AH:	return "AH";
	case IPPROTO_SCTP:	return "SCTP";
	case IPPROTO_IPIP:	return ip_version == 6 ? "IPv4" : "IPIP";
	case IPPROTO_IPV6:	return "IPv6";
	default:
		snprintf(other, REPORT_PROTO_STRLEN, "%u", proto);
		return other;
	}
}

/* --- SHA-1 (FIPS 180-4), just enough for Community ID -------------------- */

struct sha1 {
	uint32_t	h[5];
	uint8_t		buf[64];
	uint64_t	len;
};

static uint32_t
rol(uint32_t x, int n)
{
	return x << n | x >> (32 - n);
}

static void
sha1_block(struct sha1 *s, const uint8_t *p)
{
	uint32_t w[80], a, b, c, d, e;

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3]; e = s->h[4];
	for (int i = 0; i < 80; i++) {
		uint32_t f, k, t;
		if (i < 20) {
			f = (b & c) | (~b & d); k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d; k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d; k = 0xca62c1d6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d; d = c; c = rol(b, 30); b = a; a = t;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d; s->h[4] += e;
}

static void
sha1(const uint8_t *data, size_t n, uint8_t out[20])
{
	struct sha1 s = { { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	    0xc3d2e1f0 }, { 0 }, 0 };
	size_t i = 0;

	for (; i + 64 <= n; i += 64)
		sha1_block(&s, data + i);
	size_t rest = n - i;
	memcpy(s.buf, data + i, rest);
	s.buf[rest++] = 0x80;
	if (rest > 56) {
		memset(s.buf + rest, 0, 64 - rest);
		sha1_block(&s, s.buf);
		rest = 0;
	}
	memset(s.buf + rest, 0, 56 - rest);
	uint64_t bits = (uint64_t)n * 8;
	for (int j = 0; j < 8; j++)
		s.buf[56 + j] = (uint8_t)(bits >> (56 - 8 * j));
	sha1_block(&s, s.buf);
	for (int j = 0; j < 5; j++) {
		out[4 * j] = (uint8_t)(s.h[j] >> 24);
		out[4 * j + 1] = (uint8_t)(s.h[j] >> 16);
		out[4 * j + 2] = (uint8_t)(s.h[j] >> 8);
		out[4 * j + 3] = (uint8_t)s.h[j];
	}
}

static void
base64(const uint8_t *in, size_t n, char *out)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = tab[v >> 6 & 63];
		out[o++] = tab[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 |
		    (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = i + 1 < n ? tab[v >> 6 & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
}

/*
 * ICMP in Community ID v1: the type stands for the source port; a type
 * with a counterpart (echo and its reply, solicitation and advertisement)
 * has the counterpart for the destination port and is ordered like a
 * two-way flow, any other is one-way with its code for the destination
 * port and keeps its direction.
 */
static bool
icmp_ports(uint8_t proto, uint8_t type, uint8_t code, uint16_t *sp,
    uint16_t *dp)
{
	static const uint8_t v4[][2] = { { 8, 0 }, { 13, 14 }, { 15, 16 },
	    { 10, 9 }, { 17, 18 } };
	static const uint8_t v6[][2] = { { 128, 129 }, { 130, 131 },
	    { 133, 134 }, { 135, 136 }, { 139, 140 }, { 144, 145 } };
	const uint8_t (*m)[2] = proto == IPPROTO_ICMP ? v4 : v6;
	size_t n = proto == IPPROTO_ICMP ? sizeof(v4) / sizeof(v4[0]) :
	    sizeof(v6) / sizeof(v6[0]);

	*sp = type;
	for (size_t i = 0; i < n; i++) {
		if (m[i][0] == type || m[i][1] == type) {
			*dp = m[i][0] == type ? m[i][1] : m[i][0];
			return false;
		}
	}
	*dp = code;
	return true;
}

void
report_community_id(const struct ls_flow_view *f, char buf[64])
{
	uint8_t in[2 + 16 + 16 + 1 + 1 + 2 + 2], digest[20];
	size_t alen = f->ip_version == 4 ? 4 : 16, off = alen == 4 ? 12 : 0;
	const struct ls_addr *a = &f->cli, *b = &f->srv;
	uint16_t pa = f->cport, pb = f->sport;
	bool icmp = (f->proto == IPPROTO_ICMP && f->ip_version == 4) ||
	    (f->proto == IPPROTO_ICMPV6 && f->ip_version == 6);
	bool ports = icmp || f->proto == IPPROTO_TCP ||
	    f->proto == IPPROTO_UDP || f->proto == IPPROTO_SCTP;
	bool one_way = false;
	size_t n = 0;
	int c;

	if (icmp)
		one_way = icmp_ports(f->proto, f->icmp_type, f->icmp_code, &pa,
		    &pb);
	else if (!ports)
		pa = pb = 0;
	c = memcmp(a->b + off, b->b + off, alen);
	if (!one_way && (c > 0 || (c == 0 && pa > pb))) {
		const struct ls_addr *t = a;
		uint16_t tp = pa;
		a = b; b = t; pa = pb; pb = tp;
	}
	in[n++] = 0;
	in[n++] = 0;
	memcpy(in + n, a->b + off, alen);
	n += alen;
	memcpy(in + n, b->b + off, alen);
	n += alen;
	in[n++] = f->proto;
	in[n++] = 0;
	if (ports) {
		in[n++] = (uint8_t)(pa >> 8);
		in[n++] = (uint8_t)pa;
		in[n++] = (uint8_t)(pb >> 8);
		in[n++] = (uint8_t)pb;
	}
	sha1(in, n, digest);
	buf[0] = '1';
	buf[1] = ':';
	base64(digest, sizeof(digest), buf + 2);
}

const char *
report_fmt_cidr(const struct ls_cidr *c, char buf[REPORT_CIDR_STRLEN])
{
	char a[ADDR_STRLEN];
	bool v4 = addr_is_v4(&c->addr);

	snprintf(buf, REPORT_CIDR_STRLEN, "%s/%u", addr_fmt(&c->addr, a),
	    v4 ? (unsigned)c->plen - 96 : (unsigned)c->plen);
	return buf;
}
