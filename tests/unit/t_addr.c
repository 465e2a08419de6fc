/* SPDX-License-Identifier: MIT */
/* t_addr.c - address parsing, formatting, CIDR containment and classes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "addr.h"

static struct ls_addr
A(const char *s)
{
	struct ls_addr a;

	assert_true(addr_parse(s, &a));
	return a;
}

static void
t_parse_fmt(void **state)
{
	char buf[ADDR_STRLEN];
	struct ls_addr a;

	(void)state;
	a = A("192.0.2.1");
	assert_true(addr_is_v4(&a));
	assert_string_equal(addr_fmt(&a, buf), "192.0.2.1");
	a = A("2001:db8:0:0:0:0:0:1");
	assert_false(addr_is_v4(&a));
	assert_string_equal(addr_fmt(&a, buf), "2001:db8::1");
	assert_false(addr_parse("192.0.2", &a));
	assert_false(addr_parse("192.0.2.256", &a));
	assert_false(addr_parse("", &a));
	assert_false(addr_parse("2001:db8::1::2", &a));
}

static void
t_cidr(void **state)
{
	struct ls_cidr c;
	const char *why = NULL;
	struct ls_addr a;

	(void)state;
	assert_true(cidr_parse("192.0.2.0/24", &c, &why));
	a = A("192.0.2.255");
	assert_true(cidr_contains(&c, &a));
	a = A("192.0.3.0");
	assert_false(cidr_contains(&c, &a));
	/* v4 prefixes never match v6 addresses */
	a = A("2001:db8::1");
	assert_false(cidr_contains(&c, &a));
	assert_true(cidr_parse("0.0.0.0/0", &c, &why));
	assert_true(cidr_contains(&c, &(struct ls_addr){ .b = { [10] = 0xff,
	    [11] = 0xff, [12] = 8, [15] = 8 } }));
	assert_false(cidr_contains(&c, &a));
	assert_true(cidr_parse("fe80::/10", &c, &why));
	a = A("febf::1");
	assert_true(cidr_contains(&c, &a));
	a = A("fec0::1");
	assert_false(cidr_contains(&c, &a));
	assert_true(cidr_parse("198.51.100.7", &c, &why));
	assert_int_equal(c.plen, 128);
	assert_false(cidr_parse("192.0.2.1/24", &c, &why));
	assert_string_equal(why, "host bits set beyond the prefix length");
	assert_false(cidr_parse("192.0.2.0/33", &c, &why));
	assert_false(cidr_parse("2001:db8::/129", &c, &why));
	assert_false(cidr_parse("192.0.2.0/", &c, &why));
	assert_false(cidr_parse("192.0.2.0/-1", &c, &why));
	assert_false(cidr_parse("192.0.2.0/24x", &c, &why));
	assert_false(cidr_parse("/24", &c, &why));
}

static void
t_classes(void **state)
{
	struct ls_addr a;

	(void)state;
	a = A("224.0.0.251");
	assert_true(addr_is_multicast(&a));
	a = A("239.255.255.250");
	assert_true(addr_is_multicast(&a));
	a = A("240.0.0.1");
	assert_false(addr_is_multicast(&a));
	a = A("ff02::fb");
	assert_true(addr_is_multicast(&a));
	a = A("255.255.255.255");
	assert_true(addr_is_broadcast(&a));
	a = A("2001:db8::1");
	assert_true(addr_is_v6_global(&a));
	a = A("3fff::1");
	assert_true(addr_is_v6_global(&a));
	a = A("4000::1");
	assert_false(addr_is_v6_global(&a));
	a = A("fd00::1");
	assert_false(addr_is_v6_global(&a));
	a = A("198.51.100.1");
	assert_false(addr_is_v6_global(&a));
}

static void
t_endpoint(void **state)
{
	struct ls_addr a;
	uint16_t port;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_true(addr_parse_endpoint("192.0.2.1:53", &a, &port));
	assert_string_equal(addr_fmt(&a, buf), "192.0.2.1");
	assert_int_equal(port, 53);
	assert_true(addr_parse_endpoint("192.0.2.1", &a, &port));
	assert_int_equal(port, 0);
	assert_true(addr_parse_endpoint("2001:db8::1", &a, &port));
	assert_int_equal(port, 0);
	assert_true(addr_parse_endpoint("[2001:db8::1]:51820", &a, &port));
	assert_string_equal(addr_fmt(&a, buf), "2001:db8::1");
	assert_int_equal(port, 51820);
	assert_false(addr_parse_endpoint("192.0.2.1:0", &a, &port));
	assert_false(addr_parse_endpoint("192.0.2.1:65536", &a, &port));
	assert_false(addr_parse_endpoint("192.0.2.1:", &a, &port));
	assert_false(addr_parse_endpoint("192.0.2.1:+5", &a, &port));
	assert_false(addr_parse_endpoint("[2001:db8::1]x", &a, &port));
	assert_false(addr_parse_endpoint("[2001:db8::1", &a, &port));
	assert_false(addr_parse_endpoint("example.com:53", &a, &port));

	/* formatted as it is parsed, a full-length IPv6 address included */
	char ep[ADDR_EP_STRLEN];
	assert_true(addr_parse_endpoint("[2001:db8::1]:51820", &a, &port));
	assert_string_equal(addr_fmt_endpoint(&a, port, ep),
	    "[2001:db8::1]:51820");
	assert_true(addr_parse("192.0.2.1", &a));
	assert_string_equal(addr_fmt_endpoint(&a, 53, ep), "192.0.2.1:53");
	assert_true(addr_parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
	    &a));
	assert_string_equal(addr_fmt_endpoint(&a, 65535, ep),
	    "[2001:db8:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
}

static void
t_v6_prefix_zero_does_not_hold_ipv4(void **state)
{
	struct ls_cidr c;
	struct ls_addr a;

	(void)state;
	assert_true(cidr_parse("::/0", &c, NULL));
	assert_true(addr_parse("2001:db8::1", &a));
	assert_true(cidr_contains(&c, &a));
	assert_true(addr_parse("198.51.100.53", &a));
	assert_false(cidr_contains(&c, &a));
	/* a short IPv6 prefix that spans ::ffff:0:0/96 holds no IPv4 either */
	assert_true(cidr_parse("::/80", &c, NULL));
	assert_false(cidr_contains(&c, &a));
}

static void
t_v4_prefix_zero_does_not_hold_ipv6(void **state)
{
	struct ls_cidr c;
	struct ls_addr a;

	(void)state;
	assert_true(cidr_parse("0.0.0.0/0", &c, NULL));
	assert_true(addr_parse("198.51.100.53", &a));
	assert_true(cidr_contains(&c, &a));
	assert_true(addr_parse("::", &a));
	assert_false(cidr_contains(&c, &a));
	assert_true(addr_parse("2001:db8::1", &a));
	assert_false(cidr_contains(&c, &a));
}

static void
t_v4_mapped_prefix_is_refused_with_a_reason(void **state)
{
	struct ls_cidr c;
	const char *why = NULL;

	(void)state;
	assert_false(cidr_parse("::ffff:0:0/96", &c, &why));
	assert_non_null(strstr(why, "IPv4-mapped"));
	why = NULL;
	assert_false(cidr_parse("::ffff:192.0.2.0/120", &c, &why));
	assert_non_null(strstr(why, "IPv4-mapped"));
	assert_false(cidr_parse("::ffff:192.0.2.1", &c, NULL));
}

/* cidr_contains as it was written first, byte by byte: the word-wide one
 * must agree with it */
static bool
contains_bytes(const struct ls_cidr *c, const struct ls_addr *a)
{
	static const uint8_t m[12] = { [10] = 0xff, [11] = 0xff };
	unsigned full = c->plen / 8, rest = c->plen % 8;
	bool cv4 = c->plen >= 96 && memcmp(c->addr.b, m, 12) == 0;

	if (cv4 != (memcmp(a->b, m, 12) == 0))
		return false;
	if (memcmp(c->addr.b, a->b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	uint8_t mask = (uint8_t)(0xff00u >> rest);
	return (c->addr.b[full] & mask) == (a->b[full] & mask);
}

static void
t_cidr_contains_agrees_with_the_bytewise_test(void **state)
{
	uint32_t x = 99;

	(void)state;
	for (int i = 0; i < 200000; i++) {
		struct ls_cidr c;
		struct ls_addr a;
		for (int k = 0; k < 16; k++) {
			x = x * 1103515245u + 12345u;
			c.addr.b[k] = (uint8_t)(x >> 16);
			a.b[k] = (uint8_t)(x >> 8);
		}
		x = x * 1103515245u + 12345u;
		if (x % 3 == 0) {		/* v4-mapped on both sides */
			memset(c.addr.b, 0, 10);
			c.addr.b[10] = c.addr.b[11] = 0xff;
		}
		if (x % 5 < 3) {
			memset(a.b, 0, 10);
			a.b[10] = a.b[11] = 0xff;
		}
		c.plen = (uint8_t)((x >> 8) % 129);
		if (x % 7 == 0 && c.plen < 96)
			c.plen = (uint8_t)(96 + (x >> 12) % 33);
		/* a near address: the prefix's, its last bits changed */
		if (x % 2 == 0) {
			unsigned flip = c.plen + (x >> 20) % (129 - c.plen);
			memcpy(a.b, c.addr.b, 16);
			if (flip < 128)
				a.b[flip / 8] ^= (uint8_t)(0x80u >> (flip % 8));
		}
		if (cidr_contains(&c, &a) != contains_bytes(&c, &a))
			fail_msg("case %d: /%u", i, c.plen);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_parse_fmt),
		cmocka_unit_test(t_cidr),
		cmocka_unit_test(t_classes),
		cmocka_unit_test(t_endpoint),
		cmocka_unit_test(t_v6_prefix_zero_does_not_hold_ipv4),
		cmocka_unit_test(t_v4_prefix_zero_does_not_hold_ipv6),
		cmocka_unit_test(t_v4_mapped_prefix_is_refused_with_a_reason),
		cmocka_unit_test(t_cidr_contains_agrees_with_the_bytewise_test),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
