/* SPDX-License-Identifier: MIT */
/* t_warn.c - the public share of injected routes (TunnelVision's two /1s
 * are the whole public space, a private prefix none of it, overlaps
 * counted once, IPv6 against 2000::/3) and the names of kinds and
 * causes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "warn.h"

static double
share(const char *const *s, size_t n)
{
	struct ls_cidr c[8];

	for (size_t i = 0; i < n; i++)
		assert_true(cidr_parse(s[i], &c[i], NULL));
	return warn_public_share(c, n);
}

static void
t_two_halves_are_the_whole_public_space(void **st)
{
	const char *r[] = { "0.0.0.0/1", "128.0.0.0/1" };

	(void)st;
	assert_true(share(r, 2) > 0.999999 && share(r, 2) <= 1.0);
}

static void
t_default_route_is_the_whole_public_space(void **st)
{
	const char *r[] = { "0.0.0.0/0" };

	(void)st;
	assert_true(share(r, 1) > 0.999999);
}

static void
t_one_half_is_about_half(void **st)
{
	const char *lo[] = { "0.0.0.0/1" }, *hi[] = { "128.0.0.0/1" };
	double a, b;

	(void)st;
	a = share(lo, 1);
	b = share(hi, 1);
	/* 128/1 holds 224/3 (multicast, reserved), 0/1 only three /8s */
	assert_true(a > 0.55 && a < 0.58);
	assert_true(b > 0.42 && b < 0.45);
	assert_true(a + b > 0.999999 && a + b < 1.000001);
}

static void
t_private_prefix_alone_is_no_share(void **st)
{
	const char *r[] = { "10.0.0.0/8", "192.168.5.0/24", "172.16.0.0/12" };

	(void)st;
	assert_true(share(r, 3) == 0.0);
}

static void
t_overlapping_routes_count_once(void **st)
{
	const char *one[] = { "198.51.100.0/24" };
	const char *twice[] = { "198.51.100.0/24", "198.51.100.128/25",
	    "198.51.100.0/24" };

	(void)st;
	assert_true(share(one, 1) > 0);
	assert_true(share(twice, 3) == share(one, 1));
}

static void
t_ipv6_half_of_global_unicast(void **st)
{
	const char *all[] = { "2000::/3" };
	const char *half[] = { "2000::/4" };
	const char *ula[] = { "fd00::/8" };

	(void)st;
	assert_true(share(all, 1) > 0.999999);
	assert_true(share(half, 1) > 0.4999 && share(half, 1) < 0.5001);
	assert_true(share(ula, 1) == 0.0);
}

static void
t_no_routes_is_no_share(void **st)
{
	(void)st;
	assert_true(warn_public_share(NULL, 0) == 0.0);
}

static void
t_kind_and_cause_names_round_trip(void **st)
{
	(void)st;
	for (int k = 0; k < WARN__COUNT; k++)
		assert_int_equal(warn_kind_of(warn_kind_name(k)), k);
	for (int c = 1; c < CAUSE__COUNT; c++)
		assert_int_equal(cause_of(cause_name(c)), c);
	assert_int_equal(warn_kind_of("tunnelvision"), -1);
	assert_int_equal(cause_of(""), -1);
	assert_string_equal(expose_name(EXPOSE_EUI64_MAC), "eui64_mac");
	assert_string_equal(xtag_name(XTAG_ENCRYPTED_DNS), "encrypted_dns");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_two_halves_are_the_whole_public_space),
		cmocka_unit_test(t_default_route_is_the_whole_public_space),
		cmocka_unit_test(t_one_half_is_about_half),
		cmocka_unit_test(t_private_prefix_alone_is_no_share),
		cmocka_unit_test(t_overlapping_routes_count_once),
		cmocka_unit_test(t_ipv6_half_of_global_unicast),
		cmocka_unit_test(t_no_routes_is_no_share),
		cmocka_unit_test(t_kind_and_cause_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
