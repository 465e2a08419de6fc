/* SPDX-License-Identifier: MIT */
/* t_verify.c - the expectations parser and checker. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "verify.h"

static char errbuf[4096];

static struct ls_verify *
parse(const char *text)
{
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");
	struct ls_verify *x;

	memset(errbuf, 0, sizeof(errbuf));
	x = verify_parse_buffer("e.txt", text, strlen(text), err);
	fclose(err);
	return x;
}

static bool
check(struct ls_verify *x, const struct ls_stats *s, char *out, size_t n)
{
	FILE *o = fmemopen(out, n, "w");
	bool ok = verify_check(x, s, NULL, o);

	fclose(o);
	return ok;
}

static const char *const no_leak =
    "# no leak at all\nleaks 0\nkillswitch <= 0\ndns 0   # trailing comment\n";

static void
t_all_expectations_hold_with_no_leak(void **state)
{
	struct ls_stats s;
	char out[1024];
	struct ls_verify *x = parse(no_leak);

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	assert_true(check(x, &s, out, sizeof(out)));
	assert_non_null(strstr(out, "all 3 expectations hold"));
	verify_free(x);
}

static void
t_failed_expectation_names_line_and_count_found(void **state)
{
	struct ls_stats s;
	char out[1024];
	struct ls_verify *x = parse(no_leak);

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.leak_flows = 1;
	s.leak_flows_by_class[CLASS_DNS] = 1;
	assert_false(check(x, &s, out, sizeof(out)));
	assert_non_null(strstr(out, "e.txt:2: `leaks 0' does not hold: found 1"));
	assert_non_null(strstr(out, "e.txt:4:"));
	assert_non_null(strstr(out, "2 of 3 expectations do not hold"));
	verify_free(x);
}

static void
t_ge_and_le_hold_at_their_bounds(void **state)
{
	struct ls_stats s;
	char out[512];
	struct ls_verify *x = parse("leaks >= 2\nip <= 1\n");

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.leak_flows = 2;
	s.leak_flows_by_class[CLASS_IP] = 1;
	assert_true(check(x, &s, out, sizeof(out)));
	verify_free(x);
}

static void
t_ge_fails_below_its_bound(void **state)
{
	struct ls_stats s;
	char out[512];
	struct ls_verify *x = parse("leaks >= 2\nip <= 1\n");

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.leak_flows = 1;
	s.leak_flows_by_class[CLASS_IP] = 1;
	assert_false(check(x, &s, out, sizeof(out)));
	verify_free(x);
}

static void
t_leaks_without_count_is_error_at_1_1(void **state)
{
	(void)state;
	assert_null(parse("leaks\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:1: expected `leaks N'"));
}

static void
t_bad_address_is_named_at_its_line_and_column(void **state)
{
	(void)state;
	assert_null(parse("\n  leak dns nowhere\n"));
	assert_non_null(strstr(errbuf, "e.txt:2:12: bad address `nowhere'"));
}

static void
t_unknown_class_is_named(void **state)
{
	(void)state;
	assert_null(parse("leak dnz 198.51.100.53\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:6: unknown class `dnz'"));
}

static void
t_unknown_assertion_is_named(void **state)
{
	(void)state;
	assert_null(parse("frobnicate 3\n"));
	assert_non_null(strstr(errbuf, "unknown assertion `frobnicate'"));
}

static void
t_negative_count_is_rejected_at_the_number(void **state)
{
	(void)state;
	assert_null(parse("leaks -1\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:7: expected `leaks N'"));
}

static void
t_extra_words_are_rejected(void **state)
{
	(void)state;
	assert_null(parse("leaks 1 2 3 4 5\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:1: too many words"));
}

static void
t_only_comments_is_no_assertions(void **state)
{
	(void)state;
	assert_null(parse("# only comments\n\n"));
	assert_non_null(strstr(errbuf, "no assertions"));
}

static void
t_port_out_of_range_is_rejected_at_the_endpoint(void **state)
{
	(void)state;
	assert_null(parse("no-leak 198.51.100.53:70000\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:9: expected `no-leak ADDR"));
}

static void
t_every_bad_line_is_reported(void **state)
{
	(void)state;
	assert_null(parse("bogus\nleaks x\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:1"));
	assert_non_null(strstr(errbuf, "e.txt:2:7"));
}

static void
t_binary_file_is_rejected(void **state)
{
	static const char bin[] = { 'l', 'e', 0, 'x' };
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");

	(void)state;
	assert_null(verify_parse_buffer("b", bin, sizeof(bin), err));
	fclose(err);
	assert_non_null(strstr(errbuf, "binary"));
}

/* Expectations only hold on a complete audit: never "hold" otherwise. */
static void
t_incomplete_audit_never_holds(void **state)
{
	struct ls_stats s;
	char out[1024];
	struct ls_verify *x = parse("leaks 0\n");
	FILE *o;

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	o = fmemopen(out, sizeof(out), "w");
	assert_false(verify_check(x, &s, "interrupted", o));
	fclose(o);
	assert_null(strstr(out, "hold"));
	assert_non_null(strstr(out, "NOT CHECKED: the audit is incomplete "
	    "(interrupted); on what was read, 0 of 1 expectations fail"));
	/* the same counts on a complete audit hold */
	assert_true(check(x, &s, out, sizeof(out)));
	assert_non_null(strstr(out, "all 1 expectations hold"));
	verify_free(x);
}

static void
t_warning_count_is_of_its_kind_only(void **state)
{
	struct ls_stats s;
	char out[512];
	struct ls_verify *x = parse("warning route_injection 2\n");

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.warnings_by_kind[WARN_LOCALNET] = 2;	/* another kind: not counted */
	assert_false(check(x, &s, out, sizeof(out)));
	assert_non_null(strstr(out, "`warning route_injection 2' does not "
	    "hold: found 0"));
	s.warnings_by_kind[WARN_ROUTE_INJECTION] = 2;
	assert_true(check(x, &s, out, sizeof(out)));
	verify_free(x);
}

static void
t_warning_le_fails_above_its_bound(void **state)
{
	struct ls_stats s;
	char out[512];
	struct ls_verify *x = parse("warning serverip_dns <= 1\n");

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.warnings_by_kind[WARN_SERVERIP_DNS] = 1;
	assert_true(check(x, &s, out, sizeof(out)));
	s.warnings_by_kind[WARN_SERVERIP_DNS] = 2;
	assert_false(check(x, &s, out, sizeof(out)));
	verify_free(x);
}

static void
t_cause_counts_leaked_flows_with_that_cause(void **state)
{
	struct ls_stats s;
	char out[512];
	struct ls_verify *x = parse("cause route_injection >= 1\n");

	(void)state;
	assert_non_null(x);
	memset(&s, 0, sizeof(s));
	s.leak_flows = 3;
	s.leak_flows_by_cause[CAUSE_LOCALNET] = 3;
	assert_false(check(x, &s, out, sizeof(out)));
	assert_non_null(strstr(out, "found 0"));
	s.leak_flows_by_cause[CAUSE_ROUTE_INJECTION] = 1;
	assert_true(check(x, &s, out, sizeof(out)));
	verify_free(x);
}

static void
t_unknown_warning_kind_is_named_at_its_column(void **state)
{
	(void)state;
	assert_null(parse("warning tunnelvision 1\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:9: unknown warning kind "
	    "`tunnelvision'"));
}

static void
t_unknown_cause_is_named(void **state)
{
	(void)state;
	assert_null(parse("leaks 1\ncause dhcp 1\n"));
	assert_non_null(strstr(errbuf, "e.txt:2:7: unknown cause `dhcp'"));
}

static void
t_cause_without_count_is_error(void **state)
{
	(void)state;
	assert_null(parse("cause route_injection\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:1: expected `cause CAUSE N'"));
	assert_null(parse("warning localnet >= x\n"));
	assert_non_null(strstr(errbuf, "e.txt:1:18: expected `warning KIND N'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_all_expectations_hold_with_no_leak),
		cmocka_unit_test(t_warning_count_is_of_its_kind_only),
		cmocka_unit_test(t_warning_le_fails_above_its_bound),
		cmocka_unit_test(t_cause_counts_leaked_flows_with_that_cause),
		cmocka_unit_test(t_unknown_warning_kind_is_named_at_its_column),
		cmocka_unit_test(t_unknown_cause_is_named),
		cmocka_unit_test(t_cause_without_count_is_error),
		cmocka_unit_test(t_incomplete_audit_never_holds),
		cmocka_unit_test(t_failed_expectation_names_line_and_count_found),
		cmocka_unit_test(t_ge_and_le_hold_at_their_bounds),
		cmocka_unit_test(t_ge_fails_below_its_bound),
		cmocka_unit_test(t_leaks_without_count_is_error_at_1_1),
		cmocka_unit_test(t_bad_address_is_named_at_its_line_and_column),
		cmocka_unit_test(t_unknown_class_is_named),
		cmocka_unit_test(t_unknown_assertion_is_named),
		cmocka_unit_test(t_negative_count_is_rejected_at_the_number),
		cmocka_unit_test(t_extra_words_are_rejected),
		cmocka_unit_test(t_only_comments_is_no_assertions),
		cmocka_unit_test(t_port_out_of_range_is_rejected_at_the_endpoint),
		cmocka_unit_test(t_every_bad_line_is_reported),
		cmocka_unit_test(t_binary_file_is_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
