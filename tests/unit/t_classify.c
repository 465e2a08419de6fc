/* SPDX-License-Identifier: MIT */
/* t_classify.c - classify.c's own guess for a flow nDPI never saw agrees
 * with ndpi_guess_undetected_protocol on every port and on addresses nDPI
 * knows; the UDP screen lets every packet an enabled dissector could claim
 * through, and what it holds back nDPI names nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "classify.h"

static struct ls_classifier *cls;

static int
setup(void **st)
{
	(void)st;
	cls = classify_new();
	return cls == NULL ? -1 : 0;
}

static int
teardown(void **st)
{
	(void)st;
	classify_free(cls);
	return 0;
}

static void
v4(uint8_t a[16], uint32_t host)
{
	memset(a, 0, 16);
	a[10] = a[11] = 0xff;
	a[12] = (uint8_t)(host >> 24);
	a[13] = (uint8_t)(host >> 16);
	a[14] = (uint8_t)(host >> 8);
	a[15] = (uint8_t)host;
}

/* servers nDPI's address tree names, and some it does not */
static const uint32_t servers[] = {
	0x08080808,	/* 8.8.8.8 Google */
	0x01010101,	/* 1.1.1.1 Cloudflare */
	0x9df01623,	/* 157.240.22.35 Facebook */
	0x8efa0101,	/* 142.250.1.1 Google */
	0x0d6b2a0e,	/* 13.107.42.14 Microsoft */
	0x11fd900a,	/* 17.253.144.10 Apple */
	0x68100001,	/* 104.16.0.1 Cloudflare */
	0x95409e33,	/* 149.154.167.51 Telegram */
	0x17f60001,	/* 23.246.0.1 Netflix */
	0xcb007105,	/* 203.0.113.5 */
	0xc6336405,	/* 198.51.100.5 */
	0x0a010203,	/* 10.1.2.3 */
};

static void
agree(uint8_t proto, const uint8_t c[16], uint16_t cp, const uint8_t s[16],
    uint16_t sp)
{
	struct ls_l7 a, b;

	classify_guess(cls, proto, c, cp, s, sp, &a);
	classify_guess_ndpi(cls, proto, c, cp, s, sp, &b);
	if (a.master_id != b.master_id || a.app_id != b.app_id ||
	    strcmp(a.name, b.name) != 0 || a.known != b.known ||
	    a.carrier != b.carrier || a.protocols != b.protocols)
		fail_msg("proto %u ports %u -> %u: ours %u.%u %s, nDPI's %u.%u "
		    "%s", proto, cp, sp, a.master_id, a.app_id, a.name,
		    b.master_id, b.app_id, b.name);
}

static void
t_guess_agrees_with_ndpi_on_every_port(void **st)
{
	uint8_t cli[16], srv[16], cli6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	const size_t ns = sizeof(servers) / sizeof(servers[0]);

	(void)st;
	v4(cli, 0xc000020a);		/* 192.0.2.10 */
	for (uint32_t p = 1; p <= 65535; p++) {
		v4(srv, servers[p % ns]);
		agree(IPPROTO_TCP, cli, (uint16_t)(40000 + p % 20000), srv,
		    (uint16_t)p);
		agree(IPPROTO_UDP, cli, (uint16_t)(40000 + p % 20000), srv,
		    (uint16_t)p);
		if (p % 7 == 0) {	/* the client's port known, IPv6 */
			agree(IPPROTO_UDP, cli, (uint16_t)p, srv, 33333);
			agree(IPPROTO_TCP, cli6, (uint16_t)p, cli6, 443);
		}
	}
}

/* default ports of several protocols, so that both of a pair's ports name
 * one: which is taken is nDPI's order */
static const uint16_t known[] = {
	22, 25, 53, 67, 80, 123, 137, 443, 500, 853, 903, 993, 1194, 1900,
	3478, 4500, 5353, 5355, 6881, 8080, 10000, 19302, 51413, 51820,
};

static void
t_guess_agrees_with_ndpi_on_random_pairs(void **st)
{
	uint8_t cli[16], srv[16];
	uint32_t x = 12345;
	const size_t ns = sizeof(servers) / sizeof(servers[0]);
	const size_t nk = sizeof(known) / sizeof(known[0]);

	(void)st;
	for (int i = 0; i < 20000; i++) {
		x = x * 1103515245u + 12345u;
		uint16_t a = (uint16_t)(x >> 8);
		x = x * 1103515245u + 12345u;
		uint16_t b = (uint16_t)(x >> 8);
		v4(cli, i % 3 == 0 ? servers[(x >> 3) % ns] : 0xc000020a);
		v4(srv, servers[(x >> 5) % ns]);
		if (i % 4 != 3) {
			a = known[(x >> 11) % nk];
			b = i % 4 == 0 ? known[(x >> 17) % nk] : b;
		}
		agree(i % 2 ? IPPROTO_TCP : IPPROTO_UDP, cli, a ? a : 1, srv,
		    b ? b : 2);
	}
	/* nDPI's own special cases go to nDPI */
	agree(IPPROTO_UDP, cli, 17500, srv, 17500);
	agree(IPPROTO_TCP, cli, 0, srv, 80);
	agree(IPPROTO_ICMP, cli, 0, srv, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_guess_agrees_with_ndpi_on_every_port),
		cmocka_unit_test(t_guess_agrees_with_ndpi_on_random_pairs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
