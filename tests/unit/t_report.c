/* SPDX-License-Identifier: MIT */
/* t_report.c - shared reporter helpers: time stamps, Community ID v1. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "flow.h"
#include "report.h"

static void
t_time(void **state)
{
	char buf[64];

	(void)state;
	report_fmt_time(1767225600000000ull + 42, buf);
	assert_string_equal(buf, "2026-01-01T00:00:00.000042Z");
	report_fmt_time(0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00.000000Z");
}

static void
t_community_id(void **state)
{
	struct ls_flow f;
	char buf[64];

	(void)state;
	/* the Community ID specification's TCP example */
	memset(&f, 0, sizeof(f));
	assert_true(addr_parse("128.232.110.120", &f.cli));
	assert_true(addr_parse("66.35.250.204", &f.srv));
	f.cport = 34855;
	f.sport = 80;
	f.proto = 6;
	f.ip_version = 4;
	report_community_id(&f, buf);
	assert_string_equal(buf, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=");
	/* direction does not matter */
	struct ls_flow r = f;
	r.cli = f.srv;
	r.srv = f.cli;
	r.cport = f.sport;
	r.sport = f.cport;
	char buf2[64];
	report_community_id(&r, buf2);
	assert_string_equal(buf, buf2);
	assert_string_equal(report_proto_name(58, 6), "IPv6-ICMP");
	assert_string_equal(report_proto_name(17, 4), "UDP");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_time),
		cmocka_unit_test(t_community_id),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
