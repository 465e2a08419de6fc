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
t_u8_be16_be32_read_in_order(void **state)
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
}

static void
t_read_past_end_returns_0_and_fails(void **state)
{
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_true(cur_skip(&c, 8));
	/* n+1: past the end returns 0 and sticks */
	assert_int_equal(cur_u8(&c), 0);
	assert_false(cur_ok(&c));
}

static void
t_be32_on_fewer_than_4_bytes_fails(void **state)
{
	(void)state;
	for (size_t n = 0; n < 4; n++) {
		struct ls_cursor c = cur_init(B, n);
		assert_int_equal(cur_be32(&c), 0);
		assert_false(cur_ok(&c));
		assert_int_equal(cur_remaining(&c), 0);
	}
}

static void
t_failure_sticks_for_a_read_that_would_fit(void **state)
{
	(void)state;
	for (size_t n = 0; n < 4; n++) {
		struct ls_cursor c = cur_init(B, n);
		cur_be32(&c);
		/* sticky: a later read that would fit still reports failure */
		assert_int_equal(cur_u8(&c), 0);
		assert_false(cur_ok(&c));
	}
}

static void
t_be16_on_1_byte_fails(void **state)
{
	struct ls_cursor c = cur_init(B, 1);

	(void)state;
	assert_int_equal(cur_be16(&c), 0);
	assert_false(cur_ok(&c));
}

static void
t_le32_reads_little_endian(void **state)
{
	struct ls_cursor c = cur_init(B, 4);

	(void)state;
	assert_int_equal(cur_le32(&c), 0x04030201);
	assert_true(cur_ok(&c));
}

static void
t_null_buffer_has_nothing_to_read(void **state)
{
	struct ls_cursor c = cur_init(NULL, 10);

	(void)state;
	assert_int_equal(cur_remaining(&c), 0);
	assert_int_equal(cur_u8(&c), 0);
	assert_false(cur_ok(&c));
}

static void
t_skip_past_end_fails(void **state)
{
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_true(cur_skip(&c, 7));
	assert_true(cur_ok(&c));
	assert_false(cur_skip(&c, 2));
	assert_false(cur_ok(&c));
}

static void
t_skip_to_exact_end_is_ok_and_leaves_nothing(void **state)
{
	struct ls_cursor c = cur_init(B, 8);
	uint8_t v;

	(void)state;
	assert_true(cur_skip(&c, 8));
	assert_true(cur_ok(&c));
	assert_false(cur_peek_u8(&c, 0, &v));
}

static void
t_bytes_copies_and_zeroes_on_failure(void **state)
{
	uint8_t out[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_true(cur_bytes(&c, out, 4));
	assert_int_equal(out[3], 4);
	assert_false(cur_bytes(&c, out, 5));
	assert_int_equal(out[0], 0);	/* zeroed on failure */
	assert_false(cur_ok(&c));
}

static void
t_peek_reads_up_to_the_last_byte_only(void **state)
{
	struct ls_cursor c = cur_init(B, 8);
	uint8_t v;

	(void)state;
	assert_true(cur_peek_u8(&c, 7, &v));
	assert_int_equal(v, 8);
	assert_false(cur_peek_u8(&c, 8, &v));
}

static void
t_sub_takes_its_bytes_from_the_parent(void **state)
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
}

static void
t_sub_claim_beyond_end_is_truncated(void **state)
{
	struct ls_cursor c = cur_init(B, 8);
	bool trunc;

	(void)state;
	cur_skip(&c, 6);
	/* a claim larger than what is left: truncated, parent exhausted */
	struct ls_cursor s = cur_sub(&c, 10, &trunc);
	assert_true(trunc);
	assert_int_equal(cur_remaining(&s), 2);
	assert_int_equal(cur_remaining(&c), 0);
	assert_true(cur_ok(&c));
}

static void
t_limit_shrinks_never_grows(void **state)
{
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	cur_limit(&c, 3);
	assert_int_equal(cur_remaining(&c), 3);
	cur_limit(&c, 30);
	assert_int_equal(cur_remaining(&c), 3);
}

static void
t_seek_within_bound_reads_there_beyond_fails(void **state)
{
	struct ls_cursor c = cur_init(B, 8);

	(void)state;
	assert_true(cur_seek(&c, 6, 8));
	assert_int_equal(cur_be16(&c), 0x0708);
	assert_false(cur_seek(&c, 9, 8));
	assert_false(cur_ok(&c));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_u8_be16_be32_read_in_order),
		cmocka_unit_test(t_read_past_end_returns_0_and_fails),
		cmocka_unit_test(t_be32_on_fewer_than_4_bytes_fails),
		cmocka_unit_test(t_failure_sticks_for_a_read_that_would_fit),
		cmocka_unit_test(t_be16_on_1_byte_fails),
		cmocka_unit_test(t_le32_reads_little_endian),
		cmocka_unit_test(t_null_buffer_has_nothing_to_read),
		cmocka_unit_test(t_skip_past_end_fails),
		cmocka_unit_test(t_skip_to_exact_end_is_ok_and_leaves_nothing),
		cmocka_unit_test(t_bytes_copies_and_zeroes_on_failure),
		cmocka_unit_test(t_peek_reads_up_to_the_last_byte_only),
		cmocka_unit_test(t_sub_takes_its_bytes_from_the_parent),
		cmocka_unit_test(t_sub_claim_beyond_end_is_truncated),
		cmocka_unit_test(t_limit_shrinks_never_grows),
		cmocka_unit_test(t_seek_within_bound_reads_there_beyond_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
