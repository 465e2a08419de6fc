/* SPDX-License-Identifier: MIT */
/* t_decompress.c - compressed streams: the magic sniffed, each format read
 * back whole through small reads, members concatenated, damage named at
 * its compressed offset. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"

#define PLAIN_LEN	(300u << 10)	/* several input and output buffers */

/* A source over memory that gives at most chunk bytes a read. */
struct memsrc {
	const uint8_t	*p;
	size_t		 n, pos, chunk;
	int		 closed;
};

static ssize_t
mem_read(void *arg, char *buf, size_t n)
{
	struct memsrc *m = arg;
	size_t k = m->n - m->pos;

	if (k > n)
		k = n;
	if (k > m->chunk)
		k = m->chunk;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

static int
mem_close(void *arg)
{
	((struct memsrc *)arg)->closed++;
	return 0;
}

/* Compressible, not trivial: a pcap-ish header, then counted records. */
static uint8_t *
plain(void)
{
	uint8_t *p = malloc(PLAIN_LEN);

	assert_non_null(p);
	memcpy(p, "\xd4\xc3\xb2\xa1", 4);
	for (size_t i = 4; i < PLAIN_LEN; i++)
		p[i] = (uint8_t)((i * 2654435761u) >> 13 & (i % 7 ? 0x0f : 0xff));
	return p;
}

static size_t
enc_gzip(const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	z_stream z = { 0 };

	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	deflateEnd(&z);
	return cap - z.avail_out;
}

static size_t
enc(enum ls_zfmt fmt, const uint8_t *in, size_t n, uint8_t *out, size_t cap)
{
	size_t r = 0;

	switch (fmt) {
	case LS_Z_GZIP:
		return enc_gzip(in, n, out, cap);
	case LS_Z_ZSTD:
		r = ZSTD_compress(out, cap, in, n, 3);
		assert_false(ZSTD_isError(r));
		return r;
	case LS_Z_XZ:
		assert_int_equal(lzma_easy_buffer_encode(1, LZMA_CHECK_CRC64,
		    NULL, in, n, out, &r, cap), LZMA_OK);
		return r;
	case LS_Z_LZ4: {
		/* as the lz4 tool writes it: with the content checksum */
		LZ4F_preferences_t pr = { 0 };
		pr.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
		r = LZ4F_compressFrame(out, cap, in, n, &pr);
		assert_false(LZ4F_isError(r));
		return r;
	}
	case LS_Z_NONE:
		break;
	}
	fail();
	return 0;
}

/* Read c[0..n) back through decompress_open: the bytes, their count in
 * *got; *err: the error message or NULL. */
static uint8_t *
dec(const uint8_t *c, size_t n, size_t chunk, size_t *got, const char **err,
    char *errbuf)
{
	size_t pre = n < LS_Z_SNIFF ? n : LS_Z_SNIFF;
	struct memsrc m = { c + pre, n - pre, 0, chunk, 0 };
	struct ls_zsource src = { mem_read, mem_close, &m };
	struct ls_zstream *zs = NULL;
	enum ls_zfmt fmt = decompress_sniff(c, pre);
	uint8_t *out = malloc(2 * PLAIN_LEN), head[4];
	FILE *fp;
	size_t r;

	assert_non_null(out);
	assert_int_not_equal(fmt, LS_Z_NONE);
	fp = decompress_open(fmt, c, pre, &src, &zs);
	assert_non_null(fp);
	*got = 0;
	while ((r = fread(out + *got, 1, 4093, fp)) > 0) {
		*got += r;
		assert_int_equal(ftell(fp), (long)*got);
	}
	*err = NULL;
	if (ferror(fp)) {
		assert_int_equal(errno, EIO);
		assert_non_null(decompress_error(zs));
		snprintf(errbuf, 256, "%s", decompress_error(zs));
		*err = errbuf;
	} else {
		assert_null(decompress_error(zs));
	}
	if (*got >= 4) {
		assert_int_equal(decompress_head(zs, head, 4), 4);
		assert_memory_equal(head, out, 4);
	}
	fclose(fp);
	assert_int_equal(m.closed, 1);
	return out;
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(decompress_sniff((const uint8_t *)"\x1f\x8b\x08", 3),
	    LS_Z_GZIP);
	assert_int_equal(decompress_sniff((const uint8_t *)"\x28\xb5\x2f\xfd", 4),
	    LS_Z_ZSTD);
	assert_int_equal(decompress_sniff(
	    (const uint8_t *)"\xfd" "7zXZ\0", 6), LS_Z_XZ);
	assert_int_equal(decompress_sniff((const uint8_t *)"\x04\x22\x4d\x18", 4),
	    LS_Z_LZ4);
	/* plain captures: pcap both orders, nanosecond, pcapng */
	assert_int_equal(decompress_sniff((const uint8_t *)"\xd4\xc3\xb2\xa1\2\0", 6),
	    LS_Z_NONE);
	assert_int_equal(decompress_sniff((const uint8_t *)"\xa1\xb2\xc3\xd4\0\2", 6),
	    LS_Z_NONE);
	assert_int_equal(decompress_sniff((const uint8_t *)"\x4d\x3c\xb2\xa1\2\0", 6),
	    LS_Z_NONE);
	assert_int_equal(decompress_sniff((const uint8_t *)"\x0a\x0d\x0d\x0a\0\0", 6),
	    LS_Z_NONE);
	/* too short to tell: a prefix of a magic is not the magic */
	assert_int_equal(decompress_sniff((const uint8_t *)"\x1f", 1), LS_Z_NONE);
	assert_int_equal(decompress_sniff((const uint8_t *)"\x28\xb5\x2f", 3),
	    LS_Z_NONE);
	assert_int_equal(decompress_sniff((const uint8_t *)"\xfd" "7zXZ", 5),
	    LS_Z_NONE);
	assert_int_equal(decompress_sniff(NULL, 0), LS_Z_NONE);
	assert_string_equal(decompress_name(LS_Z_ZSTD), "zstd");
}

/* Each format: whole, through 1-byte, odd and large reads. */
static void
round_trip(enum ls_zfmt fmt)
{
	static const size_t chunks[] = { 1, 777, 1 << 20 };
	uint8_t *p = plain(), *c = malloc(2 * PLAIN_LEN), *out;
	size_t n = enc(fmt, p, PLAIN_LEN, c, 2 * PLAIN_LEN), got;
	const char *err;
	char eb[256];

	assert_int_equal(decompress_sniff(c, n), fmt);
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		out = dec(c, n, chunks[i], &got, &err, eb);
		assert_null(err);
		assert_int_equal(got, PLAIN_LEN);
		assert_memory_equal(out, p, PLAIN_LEN);
		free(out);
	}
	free(c);
	free(p);
}

static void test_gzip(void **s) { (void)s; round_trip(LS_Z_GZIP); }
static void test_zstd(void **s) { (void)s; round_trip(LS_Z_ZSTD); }
static void test_xz(void **s) { (void)s; round_trip(LS_Z_XZ); }
static void test_lz4(void **s) { (void)s; round_trip(LS_Z_LZ4); }

/* Two members one after the other are one stream, in each format. */
static void
test_concatenated(void **state)
{
	enum ls_zfmt fmts[] = { LS_Z_GZIP, LS_Z_ZSTD, LS_Z_XZ, LS_Z_LZ4 };
	uint8_t *p = plain(), *c = malloc(4 * PLAIN_LEN), *out;
	const char *err;
	char eb[256];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		size_t a = enc(fmts[i], p, 1000, c, 4 * PLAIN_LEN), got;
		size_t b = enc(fmts[i], p + 1000, PLAIN_LEN - 1000, c + a,
		    4 * PLAIN_LEN - a);
		out = dec(c, a + b, 4096, &got, &err, eb);
		assert_null(err);
		assert_int_equal(got, PLAIN_LEN);
		assert_memory_equal(out, p, PLAIN_LEN);
		free(out);
	}
	free(c);
	free(p);
}

/* A cut stream: the bytes before the cut delivered, then an error naming
 * the format and the offset where the input ended. */
static void
test_truncated(void **state)
{
	enum ls_zfmt fmts[] = { LS_Z_GZIP, LS_Z_ZSTD, LS_Z_XZ, LS_Z_LZ4 };
	uint8_t *p = plain(), *c = malloc(2 * PLAIN_LEN), *out;
	const char *err;
	char eb[256], want[128];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		size_t n = enc(fmts[i], p, PLAIN_LEN, c, 2 * PLAIN_LEN), got;
		size_t cut = n / 2;
		out = dec(c, cut, 1000, &got, &err, eb);
		assert_non_null(err);
		snprintf(want, sizeof(want), "corrupt %s stream at compressed "
		    "byte offset %zu: truncated", decompress_name(fmts[i]), cut);
		if (strncmp(err, want, strlen(want)) != 0)
			fail_msg("%s: %s", decompress_name(fmts[i]), err);
		assert_true(got < PLAIN_LEN);
		assert_memory_equal(out, p, got);
		free(out);
	}
	free(c);
	free(p);
}

/* Bytes flipped in the middle: an error with the library's word, never a
 * crash, and whatever came before it is the true data. */
static void
test_corrupt(void **state)
{
	enum ls_zfmt fmts[] = { LS_Z_GZIP, LS_Z_ZSTD, LS_Z_XZ, LS_Z_LZ4 };
	uint8_t *p = plain(), *c = malloc(2 * PLAIN_LEN), *out;
	const char *err;
	char eb[256], want[64];

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		size_t n = enc(fmts[i], p, PLAIN_LEN, c, 2 * PLAIN_LEN), got;
		for (size_t k = 0; k < 16; k++)
			c[n / 2 + k] ^= 0x5a;
		out = dec(c, n, 4096, &got, &err, eb);
		assert_non_null(err);
		snprintf(want, sizeof(want), "corrupt %s stream at compressed "
		    "byte offset ", decompress_name(fmts[i]));
		assert_memory_equal(err, want, strlen(want));
		assert_true(got <= PLAIN_LEN);
		free(out);
	}
	free(c);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_zstd),
		cmocka_unit_test(test_xz),
		cmocka_unit_test(test_lz4),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_corrupt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
