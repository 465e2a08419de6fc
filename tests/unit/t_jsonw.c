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

static void
t_layout(void **state)
{
	char st[64];
	struct jw w;
	int rc;

	(void)state;
	jw_init(&w, st, sizeof(st));
	jw_str(&w, "a", "x");
	jw_uint(&w, "n", 18446744073709551615u);
	jw_int(&w, "m", -5);
	jw_obj(&w, "o");
	jw_end(&w);
	jw_arr(&w, "t");
	jw_str(&w, NULL, "p");
	jw_str(&w, NULL, "q");
	jw_end(&w);
	jw_obj(&w, "u");
	jw_true(&w, "k");
	jw_uint(&w, "z", 0);		/* left open: jw_write closes it */
	assert_string_equal(line(&w, &rc),
	    "{\"a\":\"x\",\"n\":18446744073709551615,\"m\":-5,\"o\":{},"
	    "\"t\":[\"p\",\"q\"],\"u\":{\"k\":true,\"z\":0}}\n");
	assert_int_equal(rc, 0);
}

static void
t_escapes(void **state)
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
t_spill(void **state)
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
	assert_ptr_equal(w.buf, st);		/* heap given back */
}

/* Nesting past the cap is refused, not written half. */
static void
t_depth(void **state)
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
		cmocka_unit_test(t_layout),
		cmocka_unit_test(t_escapes),
		cmocka_unit_test(t_spill),
		cmocka_unit_test(t_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
