/* SPDX-License-Identifier: MIT */
/* t_ndp.c - router and neighbour advertisements, ARP: a radvd RA, every
 * cut of it, bad option lengths. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "ndp.h"

/* radvd: hop limit 64, router lifetime 1800; source lladdr, MTU 1500,
 * prefix 2001:db8:1::/64 L+A, valid 86400, preferred 14400 */
static const uint8_t ra[] = {
	64, 0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 2, 0, 0, 0, 0, 1,
	5, 1, 0, 0, 0, 0, 0x05, 0xdc,
	3, 4, 64, 0xc0, 0, 1, 0x51, 0x80, 0, 0, 0x38, 0x40, 0, 0, 0, 0,
	0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static void
t_ra(void **state)
{
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, ra, sizeof(ra), &n), NDP_OK);
	assert_int_equal(n.router_lifetime, 1800);
	assert_int_equal(n.nprefixes, 1);
	assert_int_equal(n.prefixes[0].plen, 64);
	assert_true(n.prefixes[0].onlink);
	assert_true(n.prefixes[0].autoconf);
	assert_int_equal(n.prefixes[0].valid, 86400);
	assert_int_equal(n.prefixes[0].prefix[1], 0x01);
	assert_int_equal(n.prefixes[0].prefix[3], 0xb8);
	assert_int_equal(n.prefixes[0].prefix[5], 1);
}

static void
t_ra_every_cut(void **state)
{
	struct ls_ndp n;

	(void)state;
	for (size_t cut = 0; cut < sizeof(ra); cut++) {
		uint8_t *c = malloc(cut + 1);
		assert_non_null(c);
		memcpy(c, ra, cut);
		enum ndp_result r = ndp_parse(NDP_RA, c, cut, &n);
		/* a cut option is malformed; only whole options count */
		if (cut != 12 && cut != 20 && cut != 28)
			assert_int_equal(r, NDP_MALFORMED);
		else
			assert_int_equal(r, NDP_OK);
		assert_int_equal(n.nprefixes, 0);
		free(c);
	}
}

static void
t_ra_bad_options(void **state)
{
	uint8_t b[sizeof(ra)];
	struct ls_ndp n;

	(void)state;
	memcpy(b, ra, sizeof(b));
	b[13] = 0;			/* option length 0: RFC 4861 4.6 */
	assert_int_equal(ndp_parse(NDP_RA, b, sizeof(b), &n), NDP_MALFORMED);
	memcpy(b, ra, sizeof(b));
	b[30] = 129;			/* prefix length past 128 */
	assert_int_equal(ndp_parse(NDP_RA, b, sizeof(b), &n), NDP_MALFORMED);
	memcpy(b, ra, sizeof(b));
	b[31] = 0x40;			/* not on-link */
	assert_int_equal(ndp_parse(NDP_RA, b, sizeof(b), &n), NDP_OK);
	assert_false(n.prefixes[0].onlink);
	assert_int_equal(ndp_parse(137, b, sizeof(b), &n), NDP_IGNORED);
}

static void
t_ra_source_lladdr(void **state)
{
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, ra, sizeof(ra), &n), NDP_OK);
	assert_true(n.have_lladdr);
	assert_memory_equal(n.lladdr, mac, 6);
}

/* an NS for 2001:db8:1::20 with its sender's lladdr 02:00:00:00:00:10 */
static void
t_ns_target_and_source_lladdr(void **state)
{
	uint8_t ns[28] = { 0, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 1 };
	struct ls_ndp n;

	(void)state;
	ns[19] = 0x20;
	ns[20] = 1;
	ns[21] = 1;
	ns[22] = 2;
	ns[27] = 0x10;
	assert_int_equal(ndp_parse(NDP_NS, ns, sizeof(ns), &n), NDP_OK);
	assert_int_equal(n.target[15], 0x20);
	assert_true(n.have_lladdr);
	assert_int_equal(n.lladdr[5], 0x10);
	/* a target lladdr option in an NS is not its sender's */
	ns[20] = 2;
	assert_int_equal(ndp_parse(NDP_NS, ns, sizeof(ns), &n), NDP_OK);
	assert_false(n.have_lladdr);
}

/* RFC 4861 7.2.8: a proxy's advertisement has the O flag clear */
static void
t_na_override_flag(void **state)
{
	uint8_t na[20] = { 0x60, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8 };
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_NA, na, sizeof(na), &n), NDP_OK);
	assert_true(n.override);
	assert_false(n.have_lladdr);
	na[0] = 0x40;
	assert_int_equal(ndp_parse(NDP_NA, na, sizeof(na), &n), NDP_OK);
	assert_false(n.override);
}

static void
t_na(void **state)
{
	uint8_t na[28] = { 0x60, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 1 };
	struct ls_ndp n;

	(void)state;
	na[19] = 0x20;
	na[20] = 2;			/* target lladdr option */
	na[21] = 1;
	assert_int_equal(ndp_parse(NDP_NA, na, sizeof(na), &n), NDP_OK);
	assert_true(n.solicited);
	assert_int_equal(n.target[15], 0x20);
	assert_true(n.have_lladdr);
	assert_int_equal(ndp_parse(NDP_NA, na, 19, &n), NDP_MALFORMED);
}

static void
t_arp(void **state)
{
	static const uint8_t reply[28] = {
		0, 1, 8, 0, 6, 4, 0, 2, 2, 0, 0, 0, 0, 1, 192, 0, 2, 1,
		2, 0, 0, 0, 0, 0x10, 192, 0, 2, 10,
	};
	uint8_t b[28];
	struct ls_arp a;

	(void)state;
	assert_true(arp_parse(reply, sizeof(reply), &a));
	assert_int_equal(a.op, 2);
	assert_int_equal(a.spa[3], 1);
	assert_int_equal(a.tpa[3], 10);
	assert_false(arp_parse(reply, 27, &a));
	memcpy(b, reply, sizeof(b));
	b[3] = 0x06;			/* not IPv4 */
	assert_false(arp_parse(b, sizeof(b), &a));
}

/* RA header (lifetime 1800) and the options given */
static size_t
ra_with(uint8_t *b, const uint8_t *opts, size_t n)
{
	static const uint8_t hdr[12] = { 64, 0, 0x07, 0x08 };

	memcpy(b, hdr, 12);
	memcpy(b + 12, opts, n);
	return 12 + n;
}

static void
t_route_information_2000_3_is_kept(void **state)
{
	/* type 24, length 2, /3, Prf high (01 << 3), lifetime 1800, 8 bytes
	 * with a host bit set beyond the prefix */
	static const uint8_t o[] = { 24, 2, 3, 0x08, 0, 0, 0x07, 0x08,
	    0x20, 0x01, 0, 0, 0, 0, 0, 0 };
	uint8_t b[64];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nroutes, 1);
	assert_int_equal(n.routes[0].plen, 3);
	assert_int_equal(n.routes[0].pref, 1);
	assert_int_equal(n.routes[0].lifetime, 1800);
	assert_int_equal(n.routes[0].prefix[0], 0x20);
	assert_int_equal(n.routes[0].prefix[1], 0);	/* cleared */
}

static void
t_route_information_default_has_no_prefix_bytes(void **state)
{
	static const uint8_t o[] = { 24, 1, 0, 0, 0, 0, 0x07, 0x08 };
	uint8_t b[64];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nroutes, 1);
	assert_int_equal(n.routes[0].plen, 0);
}

static void
t_route_information_longer_than_its_option_is_ignored(void **state)
{
	/* a /72 in a length-2 option (8 bytes of prefix): invalid, 4191 2.3;
	 * the prefix information after it still counts */
	static const uint8_t o[] = { 24, 2, 72, 0, 0, 0, 0x07, 0x08,
	    0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
	    3, 4, 64, 0xc0, 0, 1, 0x51, 0x80, 0, 0, 0x38, 0x40, 0, 0, 0, 0,
	    0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	uint8_t b[96];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nroutes, 0);
	assert_int_equal(n.nprefixes, 1);
}

static void
t_route_information_reserved_preference_is_ignored(void **state)
{
	static const uint8_t o[] = { 24, 1, 0, 0x10, 0, 0, 0x07, 0x08 };
	uint8_t b[64];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nroutes, 0);
}

static void
t_rdnss_addresses_and_lifetime(void **state)
{
	/* type 25, length 5: two addresses, lifetime 600 */
	static const uint8_t o[] = { 25, 5, 0, 0, 0, 0, 0x02, 0x58,
	    0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,
	    0x20, 0x01, 0x0d, 0xb8, 0, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53 };
	uint8_t b[64];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nrdnss, 2);
	assert_int_equal(n.rdnss[0][0], 0xfd);
	assert_int_equal(n.rdnss[1][5], 0x53);
	assert_int_equal(n.rdnss_lifetime[1], 600);
}

static void
t_rdnss_of_even_length_is_ignored(void **state)
{
	/* length 4 cannot hold whole addresses (RFC 8106 5.1) */
	static const uint8_t o[] = { 25, 4, 0, 0, 0, 0, 0x02, 0x58,
	    0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53,
	    0, 0, 0, 0, 0, 0, 0, 0 };
	uint8_t b[64];
	struct ls_ndp n;

	(void)state;
	assert_int_equal(ndp_parse(NDP_RA, b, ra_with(b, o, sizeof(o)), &n),
	    NDP_OK);
	assert_int_equal(n.nrdnss, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_ra),
		cmocka_unit_test(t_ra_every_cut),
		cmocka_unit_test(t_ra_bad_options),
		cmocka_unit_test(t_na),
		cmocka_unit_test(t_ra_source_lladdr),
		cmocka_unit_test(t_ns_target_and_source_lladdr),
		cmocka_unit_test(t_na_override_flag),
		cmocka_unit_test(t_arp),
		cmocka_unit_test(t_route_information_2000_3_is_kept),
		cmocka_unit_test(t_route_information_default_has_no_prefix_bytes),
		cmocka_unit_test(t_route_information_longer_than_its_option_is_ignored),
		cmocka_unit_test(t_route_information_reserved_preference_is_ignored),
		cmocka_unit_test(t_rdnss_addresses_and_lifetime),
		cmocka_unit_test(t_rdnss_of_even_length_is_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
