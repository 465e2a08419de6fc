/* SPDX-License-Identifier: MIT */
/* t_dhcp.c - the DHCPv4 decoder: a dnsmasq-shaped ACK, option 121, and
 * hostile input (every cut of a real message, bad lengths). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.h"

static size_t
bootp(uint8_t *b, uint8_t op, const uint8_t yi[4])
{
	memset(b, 0, 240);
	b[0] = op;
	b[1] = 1;
	b[2] = 6;
	memcpy(b + 16, yi, 4);
	b[236] = 0x63; b[237] = 0x82; b[238] = 0x53; b[239] = 0x63;
	return 240;
}

static size_t
opt(uint8_t *b, size_t n, uint8_t code, const void *v, uint8_t len)
{
	b[n] = code;
	b[n + 1] = len;
	memcpy(b + n + 2, v, len);
	return n + 2 + len;
}

static size_t
ack(uint8_t *b)
{
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	static const uint8_t mask[4] = { 255, 255, 255, 0 };
	static const uint8_t gw[4] = { 192, 0, 2, 1 };
	static const uint8_t bc[4] = { 192, 0, 2, 255 };
	static const uint8_t t5 = 5;
	/* 0.0.0.0/1 on-link; 198.51.100.0/24 via 192.0.2.1 */
	static const uint8_t r121[] = { 1, 0, 0, 0, 0, 0,
	    24, 198, 51, 100, 192, 0, 2, 1 };
	size_t n = bootp(b, 2, yi);

	n = opt(b, n, 53, &t5, 1);
	n = opt(b, n, 1, mask, 4);
	n = opt(b, n, 3, gw, 4);
	n = opt(b, n, 28, bc, 4);
	n = opt(b, n, 121, r121, sizeof(r121));
	b[n++] = 255;
	return n;
}

static void
t_ack(void **state)
{
	uint8_t b[400];
	struct ls_dhcp d;
	size_t n = ack(b);

	(void)state;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_int_equal(d.op, 2);
	assert_int_equal(d.msg_type, DHCP_ACK);
	assert_int_equal(d.yiaddr[3], 10);
	assert_true(d.have_mask);
	assert_int_equal(d.mask_plen, 24);
	assert_int_equal(d.nrouters, 1);
	assert_int_equal(d.routers[0][3], 1);
	assert_true(d.have_bcast);
	assert_int_equal(d.nroutes, 2);
	assert_int_equal(d.routes[0].plen, 1);
	assert_int_equal(d.routes[0].gw[0], 0);
	assert_int_equal(d.routes[1].plen, 24);
	assert_int_equal(d.routes[1].dst[2], 100);
	assert_int_equal(d.routes[1].gw[3], 1);
}

static void
t_mask_holes(void **state)
{
	uint8_t b[400];
	struct ls_dhcp d;
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	static const uint8_t m[4] = { 255, 0, 255, 0 };
	size_t n = bootp(b, 2, yi);

	(void)state;
	n = opt(b, n, 1, m, 4);
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_int_equal(d.mask_plen, 255);
}

static void
t_not_dhcp(void **state)
{
	uint8_t b[400];
	struct ls_dhcp d;
	size_t n = ack(b);

	(void)state;
	b[236] = 0;			/* no cookie: plain BOOTP or not at all */
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_NOT_DHCP);
	n = ack(b);
	b[0] = 7;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_NOT_DHCP);
	assert_int_equal(dhcp_parse(b, 0, &d), DHCP_NOT_DHCP);
}

/* every cut of the message: never past the buffer, never a prefix from
 * an option cut short */
static void
t_every_cut(void **state)
{
	uint8_t b[400];
	struct ls_dhcp d;
	size_t n = ack(b);

	(void)state;
	for (size_t cut = 0; cut < n; cut++) {
		uint8_t *c = malloc(cut + 1);
		assert_non_null(c);
		memcpy(c, b, cut);
		enum dhcp_result r = dhcp_parse(c, cut, &d);
		if (cut < 240)
			assert_int_equal(r, DHCP_NOT_DHCP);
		assert_true(d.nroutes <= DHCP_MAX_ROUTES);
		free(c);
	}
}

static void
t_bad_routes(void **state)
{
	uint8_t b[400];
	struct ls_dhcp d;
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	static const uint8_t wide[] = { 33, 1, 2, 3, 4, 5, 0, 0, 0, 0 };
	static const uint8_t shortgw[] = { 8, 10, 0, 0 };
	size_t n = bootp(b, 2, yi);

	(void)state;
	n = opt(b, n, 121, wide, sizeof(wide));
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_true(d.routes_bad);
	assert_int_equal(d.nroutes, 0);
	n = bootp(b, 2, yi);
	n = opt(b, n, 249, shortgw, sizeof(shortgw));
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_true(d.routes_bad);
	/* an option longer than the message */
	n = bootp(b, 2, yi);
	b[n++] = 1;
	b[n++] = 200;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_MALFORMED);
}

static void
t_many_routes(void **state)
{
	uint8_t b[600], r[255];
	struct ls_dhcp d;
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	size_t n = bootp(b, 2, yi), k = 0;

	(void)state;
	while (k + 9 <= sizeof(r)) {	/* /32 routes: 1 + 4 + 4 bytes */
		r[k] = 32;
		memset(r + k + 1, (int)k, 4);
		memset(r + k + 5, 0, 4);
		k += 9;
	}
	n = opt(b, n, 121, r, (uint8_t)k);
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_int_equal(d.nroutes, DHCP_MAX_ROUTES);
}

static void
t_server_identifier_is_kept(void **state)
{
	uint8_t b[400];
	static const uint8_t sid[4] = { 192, 0, 2, 254 };
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	static const uint8_t t5 = 5;
	struct ls_dhcp d;
	size_t n = bootp(b, 2, yi);

	(void)state;
	n = opt(b, n, 53, &t5, 1);
	n = opt(b, n, 54, sid, 4);
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_true(d.have_server);
	assert_memory_equal(d.server, sid, 4);
}

static void
t_routes_say_they_came_from_249(void **state)
{
	uint8_t b[400];
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	static const uint8_t r[] = { 1, 0, 192, 0, 2, 1, 1, 128, 192, 0, 2, 1 };
	struct ls_dhcp d;
	size_t n = bootp(b, 2, yi);

	(void)state;
	n = opt(b, n, 249, r, sizeof(r));
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_int_equal(d.routes_opt, 249);
	assert_int_equal(d.nroutes, 2);
	assert_int_equal(d.routes[1].dst[0], 128);
}

static void
t_routes_beyond_the_table_are_marked_cut(void **state)
{
	uint8_t b[600], r[255];
	static const uint8_t yi[4] = { 192, 0, 2, 10 };
	struct ls_dhcp d;
	size_t n = bootp(b, 2, yi), k = 0;

	(void)state;
	/* 20 routes of 10.i.0.0/16 via 192.0.2.1: 7 bytes each */
	for (uint8_t i = 0; i < 20; i++) {
		uint8_t one[] = { 16, 10, i, 192, 0, 2, 1 };
		memcpy(r + k, one, sizeof(one));
		k += sizeof(one);
	}
	n = opt(b, n, 121, r, (uint8_t)k);
	b[n++] = 255;
	assert_int_equal(dhcp_parse(b, n, &d), DHCP_OK);
	assert_int_equal(d.nroutes, DHCP_MAX_ROUTES);
	assert_true(d.routes_cut);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_server_identifier_is_kept),
		cmocka_unit_test(t_routes_say_they_came_from_249),
		cmocka_unit_test(t_routes_beyond_the_table_are_marked_cut),
		cmocka_unit_test(t_ack),
		cmocka_unit_test(t_mask_holes),
		cmocka_unit_test(t_not_dhcp),
		cmocka_unit_test(t_every_cut),
		cmocka_unit_test(t_bad_routes),
		cmocka_unit_test(t_many_routes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
