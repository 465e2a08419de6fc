/* SPDX-License-Identifier: MIT */
/* t_lanlearn.c - what is learned as local and what is refused; local
 * whatever the source (multicast, directed broadcast, loopback, unicast
 * mDNS/LLMNR). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "locality.h"

static struct ls_addr
A(const char *s)
{
	struct ls_addr a;

	assert_true(addr_parse(s, &a));
	return a;
}

static struct ls_cidr
C(const char *s)
{
	struct ls_cidr c;

	assert_true(cidr_parse(s, &c, NULL));
	return c;
}

static void
t_learn_and_refuse(void **state)
{
	struct ls_locality loc;
	struct ls_endpoint ep = { A("203.0.113.1"), 51820, 17 };
	struct ls_cidr c;
	struct ls_addr a;

	(void)state;
	locality_init(&loc, NULL, 0, NULL);
	loc.endpoints = &ep;
	loc.nendpoints = 1;
	a = A("192.0.2.20");
	assert_false(locality_is_local(&loc, &a));
	c = C("192.0.2.0/24");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP));
	assert_true(locality_is_local(&loc, &a));
	assert_true(lanlearn_changed(&loc));
	lanlearn_reported(&loc);
	assert_false(lanlearn_changed(&loc));
	/* known already, or local anyway: nothing new */
	c = C("192.0.2.20/32");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_ARP));
	c = C("192.168.1.0/24");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP));
	assert_false(lanlearn_changed(&loc));
	assert_int_equal(loc.learned.nprefixes, 1);

	c = C("0.0.0.0/1");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP_ROUTE));
	c = C("10.0.0.0/7");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP));
	c = C("8.8.8.0/24");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP_ROUTE));
	c = C("203.0.113.0/24");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP_ROUTE));
	c = C("2001:db8::/32");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_RA));
	c = C("2606:4700:4700::/48");
	assert_false(lanlearn_prefix(&loc, &c, LAN_VIA_RA));
	assert_int_equal(loc.learned.nrefused, 6);
	assert_string_equal(loc.learned.refused[0].why, "wider than /8");
	assert_string_equal(loc.learned.refused[2].why,
	    "holds a public resolver");
	assert_string_equal(loc.learned.refused[3].why,
	    "holds the VPN endpoint");
	assert_string_equal(loc.learned.refused[4].why, "wider than /48");
	a = A("8.8.8.8");
	assert_false(locality_is_local(&loc, &a));
	a = A("198.51.100.1");
	assert_false(locality_is_local(&loc, &a));

	c = C("2001:db8:1::/64");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_RA));
	a = A("2001:db8:1::20");
	assert_true(locality_is_local(&loc, &a));
	a = A("2001:db8:2::20");
	assert_false(locality_is_local(&loc, &a));
}

/* a wider prefix takes the place of the hosts it holds */
static void
t_wider_replaces(void **state)
{
	struct ls_locality loc;
	struct ls_cidr c;

	(void)state;
	locality_init(&loc, NULL, 0, NULL);
	c = C("192.0.2.1/32");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_ARP));
	c = C("198.51.100.7/32");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_ARP));
	c = C("192.0.2.0/24");
	assert_true(lanlearn_prefix(&loc, &c, LAN_VIA_DHCP));
	assert_int_equal(loc.learned.nprefixes, 2);
	assert_int_equal(loc.learned.prefixes[1].cidr.plen, 96 + 24);
}

static void
t_onlink_dest(void **state)
{
	struct ls_locality loc;
	struct ls_cidr lan = C("198.51.100.0/24");
	struct ls_addr g = A("2001:db8:1::10"), d = A("203.0.113.9");
	struct ls_addr m = A("ff02::fb"), s = A("239.255.255.250");
	struct ls_addr b = A("255.255.255.255"), db = A("198.51.100.255");
	struct ls_addr notb = A("198.51.100.254");

	(void)state;
	locality_init(&loc, &lan, 1, NULL);
	assert_false(locality_nonlocal(&loc, &g, &m));
	assert_false(locality_nonlocal(&loc, &d, &s));
	assert_false(locality_nonlocal(&loc, &d, &b));
	assert_false(locality_nonlocal(&loc, &d, &db));
	assert_true(locality_dest_onlink(&loc, &db));
	assert_false(locality_dest_onlink(&loc, &notb));
	assert_true(locality_nonlocal(&loc, &d, &notb));
	assert_true(locality_nonlocal(&loc, &notb, &d));
	assert_false(locality_nonlocal(&loc, &notb, &notb));
}

static void
t_always_local(void **state)
{
	struct ls_locality loc;
	struct ls_cidr lan = C("2001:db8:1::/64");
	struct ls_addr lo1 = A("127.0.0.1"), lo53 = A("127.0.0.53");
	struct ls_addr v6lo = A("::1"), h10 = A("2001:db8:1::10");
	struct ls_addr h20 = A("2001:db8:1::20"), far = A("2001:db8:9::1");

	(void)state;
	locality_init(&loc, &lan, 1, NULL);
	assert_true(locality_always_local(&loc, 17, &lo1, 45000, &lo53, 53));
	assert_true(locality_always_local(&loc, 6, &v6lo, 45000, &v6lo, 53));
	assert_true(locality_always_local(&loc, 17, &h20, 5355, &h10, 52000));
	assert_true(locality_always_local(&loc, 17, &h20, 5353, &h10, 5353));
	/* a resolver on the LAN is still asked a leak */
	assert_false(locality_always_local(&loc, 17, &h10, 40000, &h20, 53));
	/* mDNS to a host off the LAN is not local */
	assert_false(locality_always_local(&loc, 17, &h10, 5353, &far, 5353));
	assert_false(locality_always_local(&loc, 17, &lo1, 45000, &far, 53));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_learn_and_refuse),
		cmocka_unit_test(t_wider_replaces),
		cmocka_unit_test(t_onlink_dest),
		cmocka_unit_test(t_always_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
