/* SPDX-License-Identifier: MIT */
/* t_jsonw.c - the one-line JSON writer: layout, escapes, UTF-8, spills. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

/* Write w to a memory file and return the line (static). */
static const char *
line(struct jw *w, int *rc)
{
	static char out[1 << 16];
	FILE *f = fmemopen(out, sizeof(out), "w");

	assert_non_null(f);
	*rc = jw_write(w, f);
	fputc('\0', f);
	fclose(f);
	return out;
}

/* One string member s of n bytes written alone: the line. */
static const char *
str_line(const char *s, size_t n)
{
	static char st[256];
	struct jw w;
	int rc;

	jw_init(&w, st, sizeof(st));
	jw_strn(&w, "s", s, n);
	const char *l = line(&w, &rc);
	assert_int_equal(rc, 0);
	return l;
}

static void
t_scalars_in_order_compact(void **state)
{
	char st[64];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	jw_str(&w, "a", "x");
	jw_uint(&w, "n", 18446744073709551615u);
	jw_int(&w, "m", -5);
	assert_string_equal(line(&w, &rc),
	    "{\"a\":\"x\",\"n\":18446744073709551615,\"m\":-5}\n");
	assert_int_equal(rc, 0);
}

static void
t_empty_object_and_array_of_strings(void **state)
{
	char st[64];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	jw_obj(&w, "o");
	jw_end(&w);
	jw_arr(&w, "t");
	jw_str(&w, NULL, "p");
	jw_str(&w, NULL, "q");
	jw_end(&w);
	assert_string_equal(line(&w, &rc), "{\"o\":{},\"t\":[\"p\",\"q\"]}\n");
	assert_int_equal(rc, 0);
}

static void
t_object_left_open_is_closed_by_write(void **state)
{
	char st[64];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	jw_obj(&w, "u");
	jw_true(&w, "k");
	jw_uint(&w, "z", 0);		/* left open: jw_write closes it */
	assert_string_equal(line(&w, &rc), "{\"u\":{\"k\":true,\"z\":0}}\n");
	assert_int_equal(rc, 0);
}

static void
t_control_bytes_become_u00xx(void **state)
{
	(void)state;
	assert_string_equal(str_line("\x01\x1f\x1b[31m", 7),
	    "{\"s\":\"\\u0001\\u001F\\u001B[31m\"}\n");
}

static void
t_quote_backslash_and_short_escapes(void **state)
{
	(void)state;
	assert_string_equal(str_line("\"\\\b\f\n\r\t", 7),
	    "{\"s\":\"\\\"\\\\\\b\\f\\n\\r\\t\"}\n");
}

static void
t_del_and_slash_are_kept(void **state)
{
	(void)state;
	assert_string_equal(str_line("\x7f/", 2), "{\"s\":\"\x7f/\"}\n");
}

static void
t_valid_utf8_is_kept(void **state)
{
	(void)state;
	/* é, U+2028 */
	assert_string_equal(str_line("\xc3\xa9\xe2\x80\xa8", 5),
	    "{\"s\":\"\xc3\xa9\xe2\x80\xa8\"}\n");
}

static void
t_lone_continuation_byte_becomes_fffd(void **state)
{
	(void)state;
	assert_string_equal(str_line("\x80", 1), "{\"s\":\"\xef\xbf\xbd\"}\n");
}

static void
t_overlong_slash_becomes_fffd_per_byte(void **state)
{
	(void)state;
	assert_string_equal(str_line("\xc0\xaf", 2),
	    "{\"s\":\"\xef\xbf\xbd\xef\xbf\xbd\"}\n");
}

static void
t_surrogate_becomes_fffd_per_byte(void **state)
{
	(void)state;
	assert_string_equal(str_line("\xed\xa0\x80", 3),
	    "{\"s\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"}\n");
}

static void
t_sequence_cut_at_end_becomes_fffd_per_byte(void **state)
{
	(void)state;
	assert_string_equal(str_line("a\xe2\x80", 3),
	    "{\"s\":\"a\xef\xbf\xbd\xef\xbf\xbd\"}\n");
}

static void
t_nul_byte_becomes_u0000(void **state)
{
	(void)state;
	assert_string_equal(str_line("a\0b", 3), "{\"s\":\"a\\u0000b\"}\n");
}

/* All of the above in one string, as a packet would mix them. */
static void
t_mixed_escapes_in_one_string(void **state)
{
	char st[256];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	/* controls, quote, backslash, DEL, slash, valid UTF-8 (é, U+2028),
	 * then invalid: a lone continuation, an overlong '/', a surrogate,
	 * a cut sequence at the end */
	static const char in[] = "\x01\x1f\x7f/\"\\\b\f\n\r\t\xc3\xa9\xe2\x80\xa8"
	    "\x80" "\xc0\xaf" "\xed\xa0\x80" "\x1b[31m" "\xe2\x80";
	jw_strn(&w, "s", in, sizeof(in) - 1);
	jw_strn(&w, "nul", "a\0b", 3);
	assert_string_equal(line(&w, &rc),
	    "{\"s\":\"\\u0001\\u001F\x7f/\\\"\\\\\\b\\f\\n\\r\\t\xc3\xa9\xe2\x80\xa8"
	    "\xef\xbf\xbd" "\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "\\u001B[31m"
	    "\xef\xbf\xbd\xef\xbf\xbd\",\"nul\":\"a\\u0000b\"}\n");
	assert_int_equal(rc, 0);
}

/* An event larger than the stack buffer spills to the heap, whole. */
static void
t_event_larger_than_buffer_spills_whole(void **state)
{
	char st[16];
	struct jw w;
	int rc;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big));
	jw_init(&w, st, sizeof(st));
	jw_strn(&w, "b", big, sizeof(big));
	const char *l = line(&w, &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(l), 5000 + 8 + 1);
	assert_memory_equal(l, "{\"b\":\"xxx", 9);
	assert_string_equal(l + 5006, "\"}\n");
}

static void
t_spilled_heap_is_given_back_after_write(void **state)
{
	char st[16];
	struct jw w;
	int rc;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big));
	jw_init(&w, st, sizeof(st));
	jw_strn(&w, "b", big, sizeof(big));
	line(&w, &rc);
	assert_ptr_equal(w.buf, st);		/* heap given back */
}

/* Nesting past the cap is refused, not written half. */
static void
t_nesting_past_depth_cap_is_refused(void **state)
{
	char st[256];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	for (int i = 0; i < JW_DEPTH + 2; i++)
		jw_obj(&w, "d");
	line(&w, &rc);
	assert_int_equal(rc, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_scalars_in_order_compact),
		cmocka_unit_test(t_empty_object_and_array_of_strings),
		cmocka_unit_test(t_object_left_open_is_closed_by_write),
		cmocka_unit_test(t_control_bytes_become_u00xx),
		cmocka_unit_test(t_quote_backslash_and_short_escapes),
		cmocka_unit_test(t_del_and_slash_are_kept),
		cmocka_unit_test(t_valid_utf8_is_kept),
		cmocka_unit_test(t_lone_continuation_byte_becomes_fffd),
		cmocka_unit_test(t_overlong_slash_becomes_fffd_per_byte),
		cmocka_unit_test(t_surrogate_becomes_fffd_per_byte),
		cmocka_unit_test(t_sequence_cut_at_end_becomes_fffd_per_byte),
		cmocka_unit_test(t_nul_byte_becomes_u0000),
		cmocka_unit_test(t_mixed_escapes_in_one_string),
		cmocka_unit_test(t_event_larger_than_buffer_spills_whole),
		cmocka_unit_test(t_spilled_heap_is_given_back_after_write),
		cmocka_unit_test(t_nesting_past_depth_cap_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
