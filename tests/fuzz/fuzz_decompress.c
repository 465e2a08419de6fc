/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decompress.c - arbitrary bytes as a compressed capture: sniffed as
 * capfile_open sniffs them (the first 6 bytes given ahead, the rest read
 * in odd-sized pieces), or, with no magic, handed to the decoder the first
 * byte picks.  The stream must end cleanly or with an error that names a
 * compressed offset within the input; ftell must count the bytes read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decompress.h"

#define OUT_MAX	(16u << 20)	/* a bomb is read this far, no further */

struct memsrc {
	const uint8_t	*p;
	size_t		 n, pos, chunk;
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[65536];
	size_t pre = size < LS_Z_SNIFF ? size : LS_Z_SNIFF, got = 0, r;
	struct memsrc m = { data + pre, size - pre, 0, 0 };
	struct ls_zsource src = { mem_read, NULL, &m };
	enum ls_zfmt fmt = decompress_sniff(data, pre);
	struct ls_zstream *zs;
	const char *err;
	FILE *fp;

	if (size == 0)
		return 0;
	if (fmt == LS_Z_NONE)
		fmt = (enum ls_zfmt)(LS_Z_GZIP + data[0] % 4);
	m.chunk = 1 + (size_t)data[size - 1] * 97;
	fp = decompress_open(fmt, data, pre, &src, &zs);
	if (fp == NULL)
		return 0;
	while (got < OUT_MAX && (r = fread(buf, 1, 1 + got % 9000, fp)) > 0) {
		got += r;
		if (ftell(fp) != (long)got)
			abort();
	}
	err = decompress_error(zs);
	if (ferror(fp) != (err != NULL))
		abort();
	if (err != NULL) {
		/* the offset named is within what was given */
		const char *at = strstr(err, "compressed byte offset ");
		if (at == NULL || strtoull(at + 23, NULL, 10) > size)
			abort();
	}
	fclose(fp);
	return 0;
}
