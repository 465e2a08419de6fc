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

/* an IPv4 UDP datagram 192.0.2.10:sp -> 198.51.100.7:dp (or back) */
static size_t
udp4(uint8_t *b, bool back, uint16_t sp, uint16_t dp, const uint8_t *pl,
    size_t n)
{
	static const uint8_t a[4] = { 192, 0, 2, 10 }, z[4] = { 198, 51, 100, 7 };
	size_t len = 28 + n;

	memset(b, 0, 28);
	b[0] = 0x45;
	b[2] = (uint8_t)(len >> 8);
	b[3] = (uint8_t)len;
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	memcpy(b + 12, back ? z : a, 4);
	memcpy(b + 16, back ? a : z, 4);
	b[20] = (uint8_t)((back ? dp : sp) >> 8);
	b[21] = (uint8_t)(back ? dp : sp);
	b[22] = (uint8_t)((back ? sp : dp) >> 8);
	b[23] = (uint8_t)(back ? sp : dp);
	b[24] = (uint8_t)((8 + n) >> 8);
	b[25] = (uint8_t)(8 + n);
	memcpy(b + 28, pl, n);
	return len;
}

/* what nDPI names a flow of the datagram, its answer, and the two again */
static bool
ndpi_names(uint16_t sp, uint16_t dp, const uint8_t *pl, size_t n)
{
	uint8_t b[28 + 1500];
	struct ls_l7 l7;
	void *f = classify_flow_new(cls);
	bool named = false;

	assert_non_null(f);
	for (int i = 0; i < 4 && !named; i++) {
		size_t len = udp4(b, i % 2 == 1, sp, dp, pl, n);
		classify_packet(cls, f, b, len, 1000 + (uint64_t)i, &l7);
		named = l7.known;
	}
	classify_flow_free(f);
	return named;
}

static void
t_screen_passes_what_an_enabled_dissector_claims(void **st)
{
	static const uint8_t stun[20] = { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12,
	    0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	static const uint8_t wg[148] = { 0x01 };
	static const uint8_t dtls[] = { 0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0 };
	static const uint8_t quic[] = { 0xc0, 0, 0, 0, 1, 8 };
	static const uint8_t ovpn[] = { 0x38, 1, 2, 3, 4, 5, 6, 7, 8 };
	static const char ssdp[] = "M-SEARCH * HTTP/1.1\r\n";
	static const uint8_t text[] = "d1:ad2:id20:";
	static const uint8_t *low[] = { stun, wg, dtls, quic, ovpn,
	    (const uint8_t *)ssdp };

	(void)st;
	/* by its first byte, whatever the ports */
	for (size_t i = 0; i < sizeof(low) / sizeof(low[0]); i++)
		assert_true(classify_udp_screen(cls, 40000, 45678, low[i], 8));
	/* by a port: a well-known one, or one nDPI gives an enabled
	 * dissector (mDNS, LLMNR, CiscoVPN, STUN, WireGuard, OpenVPN) */
	static const uint16_t ports[] = { 53, 123, 137, 500, 1024, 5353,
	    5355, 10000, 3478, 51820, 1194 };
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		assert_true(classify_udp_screen(cls, 40000, ports[i], text, 12));
		assert_true(classify_udp_screen(cls, ports[i], 40000, text, 12));
	}
	/* an empty datagram */
	assert_true(classify_udp_screen(cls, 40000, 45678, text, 0));
	/* and what nDPI does name passes (the harness can see a name) */
	static const uint8_t dns[] = { 0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0,
	    0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1,
	    0, 1 };
	assert_true(ndpi_names(40000, 53, dns, sizeof(dns)));
	assert_true(classify_udp_screen(cls, 40000, 53, dns, sizeof(dns)));
}

static void
t_what_the_screen_holds_back_ndpi_names_nothing(void **st)
{
	static const char *texts[] = {
		"d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
		"d1:rd2:id20:abcdefghij01234567895:token8:aaaaaaaae1:t2:aa1:y1:re",
		"{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}",
		"hello world", "z", "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~",
	};
	uint8_t pl[1200];
	uint32_t x = 777;
	int held = 0;

	(void)st;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		size_t n = strlen(texts[i]);
		assert_false(classify_udp_screen(cls, 6881, 40123,
		    (const uint8_t *)texts[i], n));
		assert_false(ndpi_names(6881, 40123, (const uint8_t *)texts[i],
		    n));
	}
	/* every first byte it holds back, random bytes after it, random
	 * ports above 1024 */
	for (int b0 = 0x60; b0 < 0x80; b0++)
		for (int k = 0; k < 40; k++) {
			x = x * 1103515245u + 12345u;
			size_t n = 1 + (x >> 8) % sizeof(pl);
			uint16_t sp = (uint16_t)(1025 + (x >> 4) % 64510);
			x = x * 1103515245u + 12345u;
			uint16_t dp = (uint16_t)(1025 + (x >> 4) % 64510);
			for (size_t j = 0; j < n; j++) {
				x = x * 1103515245u + 12345u;
				pl[j] = (uint8_t)(x >> 16);
			}
			pl[0] = (uint8_t)b0;
			if (!classify_udp_screen(cls, sp, dp, pl, n)) {
				held++;
				if (ndpi_names(sp, dp, pl, n))
					fail_msg("nDPI names %02x... (%zu bytes) "
					    "%u -> %u", b0, n, sp, dp);
			}
		}
	assert_true(held > 1000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_guess_agrees_with_ndpi_on_every_port),
		cmocka_unit_test(t_guess_agrees_with_ndpi_on_random_pairs),
		cmocka_unit_test(t_screen_passes_what_an_enabled_dissector_claims),
		cmocka_unit_test(t_what_the_screen_holds_back_ndpi_names_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
