/* SPDX-License-Identifier: MIT */
/*
 * addr.h - IPv4 and IPv6 addresses in one 16-byte form, and CIDR prefixes.
 *
 * IPv4 is stored v4-mapped (::ffff:a.b.c.d) so one comparison and one hash
 * cover both families.  Formatting writes into caller buffers of ADDR_STRLEN.
 */
#ifndef ADDR_H
#define ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ADDR_STRLEN	46	/* INET6_ADDRSTRLEN */

struct ls_addr {
	uint8_t		b[16];
};

struct ls_cidr {
	struct ls_addr	addr;		/* host bits zero */
	uint8_t		plen;		/* 0..128, counted on the 16-byte form */
};

void	addr_from_v4(struct ls_addr *, const uint8_t v4[4]);
void	addr_from_v6(struct ls_addr *, const uint8_t v6[16]);

/* v4-mapped (::ffff:0:0/96): every new flow asks, several times */
static inline bool
addr_is_v4(const struct ls_addr *a)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint32_t mapped = 0xffff0000u;	/* 00 00 ff ff */
#else
	const uint32_t mapped = 0x0000ffffu;
#endif
	uint64_t h;
	uint32_t m;

	memcpy(&h, a->b, 8);
	memcpy(&m, a->b + 8, 4);
	return h == 0 && m == mapped;
}

int	addr_cmp(const struct ls_addr *, const struct ls_addr *);
/* Text form: dotted quad for v4-mapped, RFC 5952 for v6. */
const char *addr_fmt(const struct ls_addr *, char buf[ADDR_STRLEN]);
/* "192.0.2.1:53" or "[2001:db8::1]:53": what addr_parse_endpoint reads. */
#define ADDR_EP_STRLEN	(ADDR_STRLEN + 8)
const char *addr_fmt_endpoint(const struct ls_addr *, uint16_t port,
	    char buf[ADDR_EP_STRLEN]);
/* Parse "192.0.2.1" or "2001:db8::1" (no brackets). */
bool	addr_parse(const char *, struct ls_addr *);

/*
 * Parse an endpoint: "192.0.2.1", "192.0.2.1:53", "2001:db8::1" or
 * "[2001:db8::1]:53".  *port is 0 when none is given; a given port must be
 * 1-65535.
 */
bool	addr_parse_endpoint(const char *, struct ls_addr *, uint16_t *port);

/*
 * Parse "a.b.c.d/n" or "x::/n" (a bare address is /32 or /128).  Host bits
 * set beyond the prefix are an error, like WireGuard's netmask check.
 * IPv4-mapped IPv6 notation (::ffff:0:0/96, ::ffff:192.0.2.1) is refused:
 * IPv4 is written as IPv4.  On failure returns false and, when why is not
 * NULL, points it at a reason.
 */
bool	cidr_parse(const char *, struct ls_cidr *, const char **why);
/* Family-exact: an IPv6 prefix never holds an IPv4 address, even ::/0. */
bool	cidr_contains(const struct ls_cidr *, const struct ls_addr *);

/* A carrier endpoint (-e, or one the OS names): port 0 and proto 0 mean
 * "any". */
struct ls_endpoint {
	struct ls_addr	addr;
	uint16_t	port;
	uint8_t		proto;
};

/* Does (a, port, proto) fall under ep? */
bool	endpoint_match(const struct ls_endpoint *ep, const struct ls_addr *a,
	    uint16_t port, uint8_t proto);

/* Address classes used by the leak rules. */
bool	addr_is_multicast(const struct ls_addr *);	/* 224/4, ff00::/8 */
bool	addr_is_broadcast(const struct ls_addr *);	/* 255.255.255.255 */
bool	addr_is_v6_global(const struct ls_addr *);	/* 2000::/3 */

#endif /* ADDR_H */
