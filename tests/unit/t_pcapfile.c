/* SPDX-License-Identifier: MIT */
/* t_pcapfile.c - classic pcap records read where they lie: time stamps
 * in both precisions and byte orders, Kuznetzov's longer headers, the
 * pre-2.3 length swap, records across the block's end and longer than
 * it, and each kind of damage at its record's first byte. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapfile.h"

#define LE_MAGIC	0xa1b2c3d4u

struct img {
	uint8_t	*b;
	size_t	 n, cap;
	bool	 be;
};

static void
put(struct img *m, const void *p, size_t n)
{
	if (n == 0)
		return;
	if (m->n + n > m->cap) {
		m->cap = (m->n + n) * 2;
		m->b = realloc(m->b, m->cap);
		assert_non_null(m->b);
	}
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void
u32(struct img *m, uint32_t v)
{
	uint8_t b[4];

	if (m->be)
		v = __builtin_bswap32(v);
	memcpy(b, &v, 4);	/* the host is little-endian (x86_64) */
	put(m, b, 4);
}

static void
rec(struct img *m, uint32_t sec, uint32_t sub, uint32_t caplen, uint32_t len,
    uint8_t fill, unsigned extra)
{
	u32(m, sec);
	u32(m, sub);
	u32(m, caplen);
	u32(m, len);
	for (unsigned i = 0; i < extra; i++)
		u32(m, 0);		/* Kuznetzov: ifindex, proto, type, pad */
	for (uint32_t i = 0; i < caplen; i++)
		put(m, &fill, 1);
}

/* Records of image m (no file header: offset 24 stands for it). */
static FILE *
open_img(struct ls_pcapfile *pf, struct img *m, uint32_t magic, int minor,
    uint32_t snaplen, bool stream)
{
	FILE *fp = fmemopen(m->b, m->n, "rb");

	assert_non_null(fp);
	assert_true(pcapfile_open(pf, fp, 24, magic, minor, snaplen, stream,
	    -1));
	return fp;
}

static void
done(struct ls_pcapfile *pf, FILE *fp, struct img *m)
{
	pcapfile_close(pf);
	fclose(fp);
	free(m->b);
}

static void
t_records_come_in_order_with_their_bytes(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 10, 5, 3, 60, 0xaa, 0);
	rec(&m, 11, 7, 2, 2, 0xbb, 0);
	fp = open_img(&pf, &m, LE_MAGIC, 4, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_true(r.ts_us == 10000005u);
	assert_int_equal(r.caplen, 3);
	assert_int_equal(r.len, 60);
	assert_int_equal(r.data[0], 0xaa);
	assert_true(r.offset == 24);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_true(r.ts_us == 11000007u);
	assert_int_equal(r.data[1], 0xbb);
	assert_true(r.offset == 24 + 16 + 3);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_END);
	done(&pf, fp, &m);
}

static void
t_nanosecond_stamps_become_microseconds(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 2, 123456789, 1, 1, 0, 0);
	fp = open_img(&pf, &m, 0xa1b23c4du, 4, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_true(r.ts_us == 2123456u);
	done(&pf, fp, &m);
}

static void
t_big_endian_file_is_read_swapped(void **st)
{
	struct img m = { .be = true };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 1, 2, 4, 100, 0x11, 0);
	fp = open_img(&pf, &m, __builtin_bswap32(LE_MAGIC), 4, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_true(r.ts_us == 1000002u);
	assert_int_equal(r.caplen, 4);
	assert_int_equal(r.len, 100);
	done(&pf, fp, &m);
}

static void
t_kuznetzov_headers_are_24_bytes(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 1, 0, 5, 5, 0x42, 2);
	rec(&m, 2, 0, 5, 5, 0x43, 2);
	fp = open_img(&pf, &m, 0xa1b2cd34u, 4, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(r.data[0], 0x42);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(r.data[4], 0x43);
	assert_true(r.offset == 24 + 24 + 5);
	done(&pf, fp, &m);
}

static void
t_files_before_2_3_have_lengths_swapped_back(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	/* written as len, caplen: caplen 60 > len 3 is the tell */
	u32(&m, 1); u32(&m, 0); u32(&m, 60); u32(&m, 3);
	put(&m, "abc", 3);
	fp = open_img(&pf, &m, LE_MAGIC, 2, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(r.caplen, 3);
	assert_int_equal(r.len, 60);
	done(&pf, fp, &m);
}

static void
t_records_across_and_beyond_the_block(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;
	unsigned n = 0;

	(void)st;
	for (int i = 0; i < 300; i++)		/* ~450 KiB: refills */
		rec(&m, (uint32_t)i, 0, 1500, 1500, (uint8_t)i, 0);
	rec(&m, 999, 0, 300000, 300000, 0x77, 0);	/* > the block */
	fp = open_img(&pf, &m, LE_MAGIC, 4, 400000, false);
	while (pcapfile_next(&pf, &r) == PCAPFILE_REC) {
		if (n < 300) {
			assert_int_equal(r.data[0], (uint8_t)n);
			assert_int_equal(r.data[1499], (uint8_t)n);
		} else {
			assert_int_equal(r.caplen, 300000);
			assert_int_equal(r.data[299999], 0x77);
		}
		n++;
	}
	assert_int_equal(n, 301);
	done(&pf, fp, &m);
}

static void
t_record_over_the_snap_length_is_damage_at_its_start(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 1, 0, 10, 10, 0, 0);
	rec(&m, 2, 0, 2000, 2000, 0, 0);
	fp = open_img(&pf, &m, LE_MAGIC, 4, 100, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_DAMAGE);
	assert_true(r.offset == 24 + 26);
	assert_non_null(strstr(pf.why, "2000 captured bytes"));
	assert_non_null(strstr(pf.why, "snapshot length 100"));
	done(&pf, fp, &m);
}

static void
t_short_header_at_the_end_is_damage(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 1, 0, 4, 4, 0, 0);
	u32(&m, 5);			/* 4 of 16 header bytes */
	fp = open_img(&pf, &m, LE_MAGIC, 4, 65535, false);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_DAMAGE);
	assert_true(r.offset == 24 + 20);
	assert_string_equal(pf.why, "truncated dump file; tried to read 16 "
	    "header bytes, only got 4");
	done(&pf, fp, &m);
}

static void
t_short_data_at_the_end_is_damage(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	u32(&m, 1); u32(&m, 0); u32(&m, 131); u32(&m, 131);
	put(&m, "0123456789abcdefghij", 20);
	fp = open_img(&pf, &m, LE_MAGIC, 4, 65535, true);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_DAMAGE);
	assert_true(r.offset == 24);
	assert_string_equal(pf.why, "truncated dump file; tried to read 131 "
	    "captured bytes, only got 20");
	done(&pf, fp, &m);
}

static void
t_a_stream_is_read_no_further_than_the_record(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	rec(&m, 1, 0, 8, 8, 1, 0);
	rec(&m, 2, 0, 8, 8, 2, 0);
	fp = open_img(&pf, &m, LE_MAGIC, 4, 65535, true);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	/* only the first record was asked of the stream */
	assert_true(ftell(fp) == 24);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_REC);
	assert_int_equal(r.data[0], 2);
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_END);
	done(&pf, fp, &m);
}

static void
t_empty_file_ends_at_once(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp;

	(void)st;
	put(&m, "", 0);
	m.b = realloc(m.b, 1);		/* fmemopen wants a buffer */
	fp = fmemopen(m.b, 0, "rb");
	assert_non_null(fp);
	assert_true(pcapfile_open(&pf, fp, 24, LE_MAGIC, 4, 65535, false, -1));
	assert_int_equal(pcapfile_next(&pf, &r), PCAPFILE_END);
	done(&pf, fp, &m);
}

static void
t_a_regular_file_is_read_at_its_offsets(void **st)
{
	struct img m = { 0 };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	FILE *fp = tmpfile();
	unsigned n = 0;

	(void)st;
	assert_non_null(fp);
	for (int i = 0; i < 24; i++)
		put(&m, "h", 1);		/* where a file header would be */
	for (int i = 0; i < 400; i++)		/* ~600 KiB: several preads */
		rec(&m, (uint32_t)i, 0, 1500, 1500, (uint8_t)i, 0);
	u32(&m, 9); u32(&m, 0); u32(&m, 100); u32(&m, 100);	/* cut */
	assert_int_equal(fwrite(m.b, 1, m.n, fp), m.n);
	fflush(fp);
	assert_true(pcapfile_open(&pf, fp, 24, LE_MAGIC, 4, 65535, false,
	    fileno(fp)));
	while (pcapfile_next(&pf, &r) == PCAPFILE_REC) {
		assert_int_equal(r.data[0], (uint8_t)n);
		assert_true(r.offset == 24 + (uint64_t)n * 1516);
		n++;
	}
	assert_int_equal(n, 400);
	assert_true(r.offset == 24 + 400 * 1516);
	assert_non_null(strstr(pf.why, "tried to read 100 captured bytes"));
	done(&pf, fp, &m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_records_come_in_order_with_their_bytes),
		cmocka_unit_test(t_nanosecond_stamps_become_microseconds),
		cmocka_unit_test(t_big_endian_file_is_read_swapped),
		cmocka_unit_test(t_kuznetzov_headers_are_24_bytes),
		cmocka_unit_test(t_files_before_2_3_have_lengths_swapped_back),
		cmocka_unit_test(t_records_across_and_beyond_the_block),
		cmocka_unit_test(t_record_over_the_snap_length_is_damage_at_its_start),
		cmocka_unit_test(t_short_header_at_the_end_is_damage),
		cmocka_unit_test(t_short_data_at_the_end_is_damage),
		cmocka_unit_test(t_a_stream_is_read_no_further_than_the_record),
		cmocka_unit_test(t_empty_file_ends_at_once),
		cmocka_unit_test(t_a_regular_file_is_read_at_its_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
