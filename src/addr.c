/* SPDX-License-Identifier: MIT */
/*
 * addr.c - address parsing, formatting and prefix tests.
 *
 * Parsing goes through inet_pton, which rejects leading zeros in IPv4 octets
 * ambiguity and partial forms ("10.1"); prefix lengths go through strtoul with
 * an end-pointer and range check.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

static const uint8_t v4mapped_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

void
addr_from_v4(struct ls_addr *a, const uint8_t v4[4])
{
	memcpy(a->b, v4mapped_prefix, 12);
	memcpy(a->b + 12, v4, 4);
}

void
addr_from_v6(struct ls_addr *a, const uint8_t v6[16])
{
	memcpy(a->b, v6, 16);
}

int
addr_cmp(const struct ls_addr *a, const struct ls_addr *b)
{
	return memcmp(a->b, b->b, 16);
}

const char *
addr_fmt(const struct ls_addr *a, char buf[ADDR_STRLEN])
{
	if (addr_is_v4(a)) {
		if (inet_ntop(AF_INET, a->b + 12, buf, ADDR_STRLEN) == NULL)
			strcpy(buf, "?");
	} else if (inet_ntop(AF_INET6, a->b, buf, ADDR_STRLEN) == NULL)
		strcpy(buf, "?");
	return buf;
}

const char *
addr_fmt_endpoint(const struct ls_addr *a, uint16_t port,
    char buf[ADDR_EP_STRLEN])
{
	char s[ADDR_STRLEN];

	addr_fmt(a, s);
	snprintf(buf, ADDR_EP_STRLEN, addr_is_v4(a) ? "%s:%u" : "[%s]:%u", s,
	    port);
	return buf;
}

bool
addr_parse(const char *s, struct ls_addr *a)
{
	uint8_t buf[16];

	if (inet_pton(AF_INET, s, buf) == 1) {
		addr_from_v4(a, buf);
		return true;
	}
	if (inet_pton(AF_INET6, s, buf) == 1) {
		addr_from_v6(a, buf);
		return true;
	}
	return false;
}

bool
addr_parse_endpoint(const char *s, struct ls_addr *a, uint16_t *port)
{
	char buf[80];
	const char *colon;
	size_t n;

	*port = 0;
	if (s[0] == '[') {
		const char *rb = strchr(s, ']');
		if (rb == NULL || (size_t)(rb - s - 1) >= sizeof(buf))
			return false;
		n = (size_t)(rb - s - 1);
		memcpy(buf, s + 1, n);
		buf[n] = '\0';
		colon = rb[1] == ':' ? rb + 1 : NULL;
		if (rb[1] != '\0' && colon == NULL)
			return false;
	} else {
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			colon = NULL;		/* a bare IPv6 address */
		n = colon != NULL ? (size_t)(colon - s) : strlen(s);
		if (n >= sizeof(buf))
			return false;
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	if (!addr_parse(buf, a))
		return false;
	if (colon != NULL) {
		char *end;
		unsigned long p;

		if (colon[1] < '0' || colon[1] > '9')
			return false;
		errno = 0;
		p = strtoul(colon + 1, &end, 10);
		if (errno != 0 || *end != '\0' || p == 0 || p > 65535)
			return false;
		*port = (uint16_t)p;
	}
	return true;
}

bool
cidr_parse(const char *s, struct ls_cidr *c, const char **why)
{
	char host[64];
	const char *slash = strchr(s, '/');
	size_t hlen = slash != NULL ? (size_t)(slash - s) : strlen(s);
	unsigned long plen;
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	if (hlen == 0 || hlen >= sizeof(host)) {
		*why = "not an address";
		return false;
	}
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (!addr_parse(host, &c->addr)) {
		*why = "not an IPv4 or IPv6 address";
		return false;
	}
	bool v4 = addr_is_v4(&c->addr);
	if (v4 && strchr(host, ':') != NULL) {
		/* IPv4 is kept v4-mapped: this would be an IPv4 prefix */
		*why = "an IPv4-mapped IPv6 address (::ffff:0:0/96): write "
		    "the IPv4 form (e.g. 0.0.0.0/0 or 192.0.2.0/24)";
		return false;
	}
	unsigned long max = v4 ? 32 : 128;
	if (slash == NULL)
		plen = max;
	else {
		char *end;

		if (slash[1] < '0' || slash[1] > '9') {
			*why = "prefix length is not a number";
			return false;
		}
		errno = 0;
		plen = strtoul(slash + 1, &end, 10);
		if (errno != 0 || *end != '\0') {
			*why = "prefix length is not a number";
			return false;
		}
		if (plen > max) {
			*why = v4 ? "prefix length above 32" :
			    "prefix length above 128";
			return false;
		}
	}
	c->plen = (uint8_t)(v4 ? plen + 96 : plen);
	for (unsigned i = c->plen; i < 128; i++) {
		if (c->addr.b[i / 8] & (0x80u >> (i % 8))) {
			*why = "host bits set beyond the prefix length";
			return false;
		}
	}
	return true;
}

bool
cidr_contains(const struct ls_cidr *c, const struct ls_addr *a)
{
	unsigned p = c->plen > 128 ? 128 : c->plen;
	uint64_t c0, c1, a0, a1, m0, m1;

	/* family-exact: ::/0 is every IPv6 address, not IPv4 too (a prefix
	 * of 96 bits or more says the family by its own bits) */
	if (p < 96 && addr_is_v4(a))
		return false;
	memcpy(&c0, c->addr.b, 8);
	memcpy(&c1, c->addr.b + 8, 8);
	memcpy(&a0, a->b, 8);
	memcpy(&a1, a->b + 8, 8);
	m0 = p >= 64 ? ~0ull : p == 0 ? 0 : ~0ull << (64 - p);
	m1 = p >= 128 ? ~0ull : p <= 64 ? 0 : ~0ull << (128 - p);
	return ((be64toh(c0) ^ be64toh(a0)) & m0) == 0 &&
	    ((be64toh(c1) ^ be64toh(a1)) & m1) == 0;
}

bool
addr_is_multicast(const struct ls_addr *a)
{
	if (addr_is_v4(a))
		return (a->b[12] & 0xf0) == 0xe0;
	return a->b[0] == 0xff;
}

bool
addr_is_broadcast(const struct ls_addr *a)
{
	return addr_is_v4(a) && a->b[12] == 0xff && a->b[13] == 0xff &&
	    a->b[14] == 0xff && a->b[15] == 0xff;
}

bool
addr_is_v6_global(const struct ls_addr *a)
{
	return !addr_is_v4(a) && (a->b[0] & 0xe0) == 0x20;
}

bool
endpoint_match(const struct ls_endpoint *ep, const struct ls_addr *a,
    uint16_t port, uint8_t proto)
{
	return addr_cmp(&ep->addr, a) == 0 && (ep->port == 0 ||
	    ep->port == port) && (ep->proto == 0 || ep->proto == proto);
}
