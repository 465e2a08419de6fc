/* SPDX-License-Identifier: MIT */
/* t_slab.c - records from a slab are zeroed, distinct and aligned, come
 * back from the free list, and span chunks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "slab.h"

static void
t_records_are_zeroed_distinct_and_aligned_across_chunks(void **st)
{
	struct ls_slab s;
	unsigned char *r[100];

	(void)st;
	slab_init(&s, 40, 8);		/* 100 records: 13 chunks */
	for (int i = 0; i < 100; i++) {
		r[i] = slab_get(&s);
		assert_non_null(r[i]);
		assert_int_equal((uintptr_t)r[i] % _Alignof(max_align_t), 0);
		for (int k = 0; k < 40; k++)
			assert_int_equal(r[i][k], 0);
		memset(r[i], 0xa5, 40);
		for (int j = 0; j < i; j++)	/* no two overlap */
			assert_true(r[j] + 40 <= r[i] || r[i] + 40 <= r[j]);
	}
	for (int i = 0; i < 100; i++)
		slab_put(&s, r[i]);
	/* taken back, handed out again, zeroed again */
	for (int i = 0; i < 100; i++) {
		r[i] = slab_get(&s);
		for (int k = 0; k < 40; k++)
			assert_int_equal(r[i][k], 0);
	}
	for (int i = 0; i < 100; i++)	/* each back: under ASan, its free */
		slab_put(&s, r[i]);
	slab_put(&s, NULL);		/* nothing */
	slab_free(&s);
	assert_null(s.chunks);
}

static void
t_a_tiny_record_still_holds_the_link(void **st)
{
	struct ls_slab s;

	(void)st;
	slab_init(&s, 1, 0);
	assert_true(s.size >= sizeof(void *));
	void *a = slab_get(&s), *b = slab_get(&s);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	slab_put(&s, a);
	slab_put(&s, b);
	slab_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_records_are_zeroed_distinct_and_aligned_across_chunks),
		cmocka_unit_test(t_a_tiny_record_still_holds_the_link),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
