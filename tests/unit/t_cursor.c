/* SPDX-License-Identifier: MIT */
/* t_cursor.c - the bounds-checked cursor at every boundary. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cursor.h"

static const uint8_t B[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static void
t_reads_exact(void **state)
{
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_int_equal(cur_u8(&c), 1);
	assert_int_equal(cur_be16(&c), 0x0203);
	assert_int_equal(cur_be32(&c), 0x04050607);
	assert_int_equal(cur_remaining(&c), 1);
	assert_int_equal(cur_offset(&c), 7);
	assert_int_equal(cur_u8(&c), 8);
	assert_true(cur_ok(&c));
	assert_int_equal(cur_remaining(&c), 0);
	/* n+1: past the end returns 0 and sticks */
	assert_int_equal(cur_u8(&c), 0);
	assert_false(cur_ok(&c));
}

static void
t_short_reads(void **state)
{
	(void)state;
	for (size_t n = 0; n < 4; n++) {
		struct ls_cursor c = cur_init(B, n);
		assert_int_equal(cur_be32(&c), 0);
		assert_false(cur_ok(&c));
		assert_int_equal(cur_remaining(&c), 0);
		/* sticky: a later read that would fit still reports failure */
		assert_int_equal(cur_u8(&c), 0);
		assert_false(cur_ok(&c));
	}
	struct ls_cursor c = cur_init(B, 1);
	assert_int_equal(cur_be16(&c), 0);
	assert_false(cur_ok(&c));
	c = cur_init(B, 4);
	assert_int_equal(cur_le32(&c), 0x04030201);
	assert_true(cur_ok(&c));
	c = cur_init(NULL, 10);
	assert_int_equal(cur_remaining(&c), 0);
	assert_int_equal(cur_u8(&c), 0);
	assert_false(cur_ok(&c));
}

static void
t_skip_bytes(void **state)
{
	uint8_t out[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_true(cur_skip(&c, 7));
	assert_true(cur_ok(&c));
	assert_false(cur_skip(&c, 2));
	assert_false(cur_ok(&c));
	c = cur_init(B, 8);
	assert_true(cur_bytes(&c, out, 4));
	assert_int_equal(out[3], 4);
	assert_false(cur_bytes(&c, out, 5));
	assert_int_equal(out[0], 0);	/* zeroed on failure */
	assert_false(cur_ok(&c));
	c = cur_init(B, 8);
	assert_true(cur_skip(&c, 8));
	assert_true(cur_ok(&c));
	uint8_t v;
	assert_false(cur_peek_u8(&c, 0, &v));
	c = cur_init(B, 8);
	assert_true(cur_peek_u8(&c, 7, &v));
	assert_int_equal(v, 8);
	assert_false(cur_peek_u8(&c, 8, &v));
}

static void
t_sub_limit_seek(void **state)
{
	struct ls_cursor c = cur_init(B, 8);
	bool trunc;

	(void)state;
	cur_skip(&c, 2);
	struct ls_cursor s = cur_sub(&c, 4, &trunc);
	assert_false(trunc);
	assert_int_equal(cur_remaining(&s), 4);
	assert_int_equal(cur_u8(&s), 3);
	assert_int_equal(cur_remaining(&c), 2);
	/* a claim larger than what is left: truncated, parent exhausted */
	s = cur_sub(&c, 10, &trunc);
	assert_true(trunc);
	assert_int_equal(cur_remaining(&s), 2);
	assert_int_equal(cur_remaining(&c), 0);
	assert_true(cur_ok(&c));
	c = cur_init(B, 8);
	cur_limit(&c, 3);
	assert_int_equal(cur_remaining(&c), 3);
	cur_limit(&c, 30);
	assert_int_equal(cur_remaining(&c), 3);
	c = cur_init(B, 8);
	assert_true(cur_seek(&c, 6, 8));
	assert_int_equal(cur_be16(&c), 0x0708);
	assert_false(cur_seek(&c, 9, 8));
	assert_false(cur_ok(&c));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_reads_exact),
		cmocka_unit_test(t_short_reads),
		cmocka_unit_test(t_skip_bytes),
		cmocka_unit_test(t_sub_limit_seek),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
