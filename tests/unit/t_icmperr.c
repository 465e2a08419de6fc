/* SPDX-License-Identifier: MIT */
/* t_icmperr.c - the packet an ICMP error quotes: a port-unreachable for a
 * late DNS answer (IPv4, UDP), a host-unreachable for a TCP SYN cut to 8
 * bytes (IPv6), every cut of each, and what is not an error.  Frames made
 * by tests/fixtures/lanlearn.py's builders. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "dlt.h"
#include "icmperr.h"

static const uint8_t err4[] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x08, 0x00, 0x45, 0x00, 0x00, 0x38, 0x10, 0x00, 0x40, 0x00, 0x40, 0x01,
	0x3e, 0x52, 0xc0, 0x00, 0x02, 0x0a, 0xc6, 0x33, 0x64, 0x35, 0x03, 0x03,
	0x0d, 0x33, 0x00, 0x00, 0x00, 0x00, 0x45, 0x00, 0x00, 0x47, 0x10, 0x00,
	0x40, 0x00, 0x40, 0x11, 0x3e, 0x33, 0xc6, 0x33, 0x64, 0x35, 0xc0, 0x00,
	0x02, 0x0a, 0x00, 0x35, 0x9c, 0x40, 0x00, 0x33, 0x53, 0x21,
};
static const uint8_t err6[] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x10,
	0x86, 0xdd, 0x60, 0x00, 0x00, 0x00, 0x00, 0x38, 0x3a, 0x40, 0x20, 0x01,
	0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x01, 0x03, 0x28, 0xa7, 0x00, 0x00,
	0x00, 0x00, 0x60, 0x00, 0x00, 0x00, 0x00, 0x14, 0x06, 0x40, 0x20, 0x01,
	0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x10, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x53, 0x9c, 0xa4, 0x00, 0x35, 0x00, 0x00,
	0x1b, 0x58,
};

static bool
quote(const uint8_t *f, size_t len, struct ls_packet *p, struct ls_packet *q)
{
	memset(p, 0, sizeof(*p));
	p->wire_len = p->cap_len = (uint32_t)len;
	decode_frame(LS_DLT_EN10MB, f, (uint32_t)len, p);
	return icmperr_quote(p, f, q);
}

static void
t_udp_v4(void **state)
{
	struct ls_packet p, q;
	struct ls_addr a;

	(void)state;
	assert_true(quote(err4, sizeof(err4), &p, &q));
	assert_int_equal(q.proto, IPPROTO_UDP);
	assert_int_equal(q.sport, 53);
	assert_int_equal(q.dport, 40000);
	assert_true(addr_parse("198.51.100.53", &a));
	assert_memory_equal(q.src.b, a.b, 16);
	assert_int_equal(q.payload_len, 0);
	assert_int_equal(q.anom, ANOM_NONE);
}

static void
t_tcp_v6(void **state)
{
	struct ls_packet p, q;
	struct ls_addr a;

	(void)state;
	assert_true(quote(err6, sizeof(err6), &p, &q));
	assert_int_equal(q.ip_version, 6);
	assert_int_equal(q.proto, IPPROTO_TCP);
	assert_int_equal(q.sport, 40100);
	assert_int_equal(q.dport, 53);
	assert_true(addr_parse("2001:db8:2::53", &a));
	assert_memory_equal(q.dst.b, a.b, 16);
}

/* every cut: a quote too short for its ports (the 8 bytes of UDP, the
 * first 4 of TCP) is no quote; never a read
 * past the frame (ASan) */
static void
t_every_cut(void **state)
{
	const struct { const uint8_t *f; size_t n, need; } c[] = {
		{ err4, sizeof(err4), 14 + 20 + 4 + 4 + 20 + 8 },
		{ err6, sizeof(err6), 14 + 40 + 4 + 4 + 40 + 4 },
	};
	struct ls_packet p, q;

	(void)state;
	for (size_t k = 0; k < 2; k++)
		for (size_t cut = 0; cut <= c[k].n; cut++) {
			uint8_t *f = malloc(cut + 1);
			assert_non_null(f);
			memcpy(f, c[k].f, cut);
			bool ok = quote(f, cut, &p, &q);
			if (cut < c[k].need)
				assert_false(ok);
			else
				assert_true(ok);
			free(f);
		}
}

static void
t_not_error(void **state)
{
	uint8_t f[sizeof(err4)];
	struct ls_packet p, q;

	(void)state;
	memcpy(f, err4, sizeof(f));
	f[34] = 8;			/* an echo request is no error */
	assert_false(quote(f, sizeof(f), &p, &q));
	memcpy(f, err4, sizeof(f));
	f[42 + 9] = 1;			/* an error quoting ICMP... */
	f[42 + 20] = 3;			/* ...that is an error itself */
	assert_false(quote(f, sizeof(f), &p, &q));
	memcpy(f, err4, sizeof(f));
	f[42] = 0x65;			/* quoted IPv6 in ICMP (v4) */
	assert_false(quote(f, sizeof(f), &p, &q));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_udp_v4),
		cmocka_unit_test(t_tcp_v6),
		cmocka_unit_test(t_every_cut),
		cmocka_unit_test(t_not_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
