/* SPDX-License-Identifier: MIT */
/* t_locality.c - the built-in local ranges, tested byte by byte, agree
 * with their CIDR table at every edge and on random addresses of both
 * families. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "locality.h"

static struct ls_locality loc;

static bool
by_table(const struct ls_addr *a)
{
	for (size_t i = 0; i < LOCALITY_BUILTIN; i++)
		if (cidr_contains(&loc.builtin[i], a))
			return true;
	return false;
}

/* a + d (d = -1, 0, +1) over the 16 bytes */
static struct ls_addr
step(struct ls_addr a, int d)
{
	for (int i = 15; i >= 0 && d != 0; i--) {
		int v = a.b[i] + d;
		a.b[i] = (uint8_t)v;
		if (v >= 0 && v <= 255)
			break;
	}
	return a;
}

static void
t_every_edge_of_every_builtin_range_agrees(void **st)
{
	(void)st;
	locality_init(&loc, NULL, 0, NULL);
	for (size_t i = 0; i < LOCALITY_BUILTIN; i++) {
		struct ls_addr first = loc.builtin[i].addr, last = first;
		for (unsigned bit = loc.builtin[i].plen; bit < 128; bit++)
			last.b[bit / 8] |= (uint8_t)(0x80u >> (bit % 8));
		const struct ls_addr probe[] = { first, last, step(first, -1),
		    step(last, 1), step(first, 1), step(last, -1) };
		for (size_t k = 0; k < sizeof(probe) / sizeof(probe[0]); k++) {
			bool v4 = addr_is_v4(&probe[k]);
			if (v4 != addr_is_v4(&first))
				continue;	/* stepped out of the family */
			assert_int_equal(locality_is_local(&loc, &probe[k]),
			    by_table(&probe[k]));
		}
	}
}

static void
t_random_addresses_agree(void **st)
{
	(void)st;
	locality_init(&loc, NULL, 0, NULL);
	srand(7);
	for (int n = 0; n < 200000; n++) {
		struct ls_addr a;
		uint8_t v[16];
		for (int i = 0; i < 16; i++)
			v[i] = (uint8_t)rand();
		if (n & 1)
			addr_from_v4(&a, v);
		else
			addr_from_v6(&a, v);
		assert_int_equal(locality_is_local(&loc, &a), by_table(&a));
	}
}

static void
t_documentation_and_cgnat_are_not_local(void **st)
{
	const char *s[] = { "192.0.2.1", "198.51.100.7", "203.0.113.9",
	    "100.64.0.1", "2001:db8::1", "::2", "fec0::1" };
	struct ls_addr a;

	(void)st;
	locality_init(&loc, NULL, 0, NULL);
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		assert_true(addr_parse(s[i], &a));
		assert_false(locality_is_local(&loc, &a));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_every_edge_of_every_builtin_range_agrees),
		cmocka_unit_test(t_random_addresses_agree),
		cmocka_unit_test(t_documentation_and_cgnat_are_not_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
