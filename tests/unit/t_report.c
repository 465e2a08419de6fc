/* SPDX-License-Identifier: MIT */
/* t_report.c - shared reporter helpers: time stamps, Community ID v1,
 * forwarding along a chain. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <ndpi/ndpi_api.h>

#include "event.h"
#include "report.h"

static void
t_time_has_microseconds_and_z(void **state)
{
	char buf[64];

	(void)state;
	report_fmt_time(1767225600000000ull + 42, buf);
	assert_string_equal(buf, "2026-01-01T00:00:00.000042Z");
}

static void
t_time_zero_is_the_epoch(void **state)
{
	char buf[64];

	(void)state;
	report_fmt_time(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00.000000Z");
}

/* the Community ID specification's TCP example */
static void
spec_tcp(struct ls_flow_view *f)
{
	memset(f, 0, sizeof(*f));
	assert_true(addr_parse("128.232.110.120", &f->cli));
	assert_true(addr_parse("66.35.250.204", &f->srv));
	f->cport = 34855;
	f->sport = 80;
	f->proto = 6;
	f->ip_version = 4;
}

static void
t_community_id_of_spec_tcp_example(void **state)
{
	struct ls_flow_view f;
	char buf[64];

	(void)state;
	spec_tcp(&f);
	report_community_id(&f, buf);
	assert_string_equal(buf, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
}

static void
t_community_id_same_both_directions(void **state)
{
	struct ls_flow_view f;
	char buf[64], buf2[64];

	(void)state;
	spec_tcp(&f);
	report_community_id(&f, buf);
	struct ls_flow_view r = f;
	r.cli = f.srv;
	r.srv = f.cli;
	r.cport = f.sport;
	r.sport = f.cport;
	report_community_id(&r, buf2);
	assert_string_equal(buf, buf2);
}

static void
t_proto_names_icmpv6_and_udp(void **state)
{
	char pn[REPORT_PROTO_STRLEN];
	(void)state;
	assert_string_equal(report_proto_name(58, 6, pn), "IPv6-ICMP");
	assert_string_equal(report_proto_name(17, 4, pn), "UDP");
	assert_string_equal(report_proto_name(200, 4, pn), "200");
}

/* The specification's ICMP and ICMPv6 examples, checked also against
 * nDPI's own implementation in t_community_id_icmp_matches_ndpi. */
static void
t_community_id_of_spec_icmp_examples(void **state)
{
	static const struct {
		const char *cli, *srv;
		uint8_t proto, type, code;
		const char *id;
	} v[] = {
		{ "192.168.0.89", "192.168.0.1", 1, 8, 0,
		    "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=" },	/* echo: two-way */
		{ "192.168.0.1", "192.168.0.89", 1, 0, 8,
		    "1:X0snYXpgwiv9TZtqg64sgzUn6Dk=" },	/* its reply first */
		{ "192.168.0.89", "192.168.0.1", 1, 20, 1,
		    "1:tz/fHIDUHs19NkixVVoOZywde+I=" },	/* one-way */
		{ "fe80::200:86ff:fe05:80da", "fe80::260:97ff:fe07:69ea", 58,
		    135, 0, "1:dGHyGvjMfljg6Bppwm3bg0LO8TY=" },
		{ "fe80::260:97ff:fe07:69ea", "ff02::1", 58, 134, 0,
		    "1:pkvHqCL88/tg1k4cPigmZXUtL00=" },
	};
	struct ls_flow_view f;
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(&f, 0, sizeof(f));
		assert_true(addr_parse(v[i].cli, &f.cli));
		assert_true(addr_parse(v[i].srv, &f.srv));
		f.proto = v[i].proto;
		f.ip_version = v[i].proto == 1 ? 4 : 6;
		f.icmp_type = v[i].type;
		f.icmp_code = v[i].code;
		report_community_id(&f, buf);
		assert_string_equal(buf, v[i].id);
	}
}

/* Every ICMP type, a few codes, both directions, v4 and v6: the same
 * Community ID as nDPI's implementation of the specification. */
static void
t_community_id_icmp_matches_ndpi(void **state)
{
	struct ls_flow_view f;
	char buf[64];
	u_char want[64];

	(void)state;
	for (int v6 = 0; v6 < 2; v6++)
		for (int type = 0; type < 256; type++)
			for (int code = 0; code < 3; code++)
				for (int dir = 0; dir < 2; dir++) {
			memset(&f, 0, sizeof(f));
			assert_true(addr_parse(v6 ? (dir ? "2001:db8::2" :
			    "2001:db8::1") : (dir ? "198.51.100.7" :
			    "192.0.2.10"), &f.cli));
			assert_true(addr_parse(v6 ? (dir ? "2001:db8::1" :
			    "2001:db8::2") : (dir ? "192.0.2.10" :
			    "198.51.100.7"), &f.srv));
			f.proto = v6 ? 58 : 1;
			f.ip_version = v6 ? 6 : 4;
			f.icmp_type = (uint8_t)type;
			f.icmp_code = (uint8_t)code;
			report_community_id(&f, buf);
			if (v6) {
				struct ndpi_in6_addr s6, d6;
				memcpy(&s6, f.cli.b, 16);
				memcpy(&d6, f.srv.b, 16);
				assert_int_equal(ndpi_flowv6_flow_hash(58, &s6, &d6,
				    0, 0, (uint8_t)type, (uint8_t)code, want,
				    sizeof(want)), 0);
			} else {
				uint32_t s4 = (uint32_t)f.cli.b[12] << 24 |
				    (uint32_t)f.cli.b[13] << 16 |
				    (uint32_t)f.cli.b[14] << 8 | f.cli.b[15];
				uint32_t d4 = (uint32_t)f.srv.b[12] << 24 |
				    (uint32_t)f.srv.b[13] << 16 |
				    (uint32_t)f.srv.b[14] << 8 | f.srv.b[15];
				assert_int_equal(ndpi_flowv4_flow_hash(1, s4, d4, 0,
				    0, (uint8_t)type, (uint8_t)code, want,
				    sizeof(want)), 0);
			}
			if (strcmp(buf, (const char *)want) != 0)
				fail_msg("v%d type %d code %d dir %d: %s, nDPI %s",
				    v6 ? 6 : 4, type, code, dir, buf, want);
		}
}

/* A reporter that counts what reaches it. */
static unsigned got[4];

static void
c_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	(void)r;
	(void)l;
	got[0]++;
}

static void
c_flow_end(struct ls_reporter *r, const struct ls_leak *l)
{
	(void)r;
	(void)l;
	got[1]++;
}

static void
c_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *e)
{
	(void)r;
	(void)e;
	got[2]++;
}

static void
c_end(struct ls_reporter *r, const struct ls_stats *s, const char *v)
{
	(void)r;
	(void)s;
	(void)v;
	got[3]++;
}

static void
t_forward_passes_each_event_to_next(void **state)
{
	static const struct reporter_ops ops = { .name = "count",
	    .leak = c_leak, .flow_end = c_flow_end, .tunnel = c_tunnel,
	    .end = c_end };
	struct ls_reporter next = { &ops, NULL, false, false, 0 };
	struct ls_leak l;
	struct ls_tunnel_event ev;
	struct ls_stats st;

	(void)state;
	memset(&l, 0, sizeof(l));
	memset(&ev, 0, sizeof(ev));
	memset(&st, 0, sizeof(st));
	memset(got, 0, sizeof(got));
	report_forward_leak(&next, &l);
	report_forward_flow_end(&next, &l);
	report_forward_flow_end(&next, &l);
	report_forward_tunnel(&next, &ev);
	report_forward_end(&next, &st, "4.2");
	assert_int_equal(got[0], 1);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 1);
	assert_int_equal(got[3], 1);
}

static void
t_forward_to_no_reporter_or_missing_op_does_nothing(void **state)
{
	static const struct reporter_ops none = { .name = "none" };
	struct ls_reporter next = { &none, NULL, false, false, 0 };
	struct ls_leak l;
	struct ls_tunnel_event ev;
	struct ls_stats st;

	(void)state;
	memset(&l, 0, sizeof(l));
	memset(&ev, 0, sizeof(ev));
	memset(&st, 0, sizeof(st));
	report_forward_leak(NULL, &l);
	report_forward_flow_end(NULL, &l);
	report_forward_tunnel(NULL, &ev);
	report_forward_end(NULL, &st, "4.2");
	report_forward_leak(&next, &l);
	report_forward_flow_end(&next, &l);
	report_forward_tunnel(&next, &ev);
	report_forward_end(&next, &st, "4.2");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_time_has_microseconds_and_z),
		cmocka_unit_test(t_time_zero_is_the_epoch),
		cmocka_unit_test(t_community_id_of_spec_tcp_example),
		cmocka_unit_test(t_community_id_same_both_directions),
		cmocka_unit_test(t_proto_names_icmpv6_and_udp),
		cmocka_unit_test(t_community_id_of_spec_icmp_examples),
		cmocka_unit_test(t_community_id_icmp_matches_ndpi),
		cmocka_unit_test(t_forward_passes_each_event_to_next),
		cmocka_unit_test(t_forward_to_no_reporter_or_missing_op_does_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
