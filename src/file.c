/* SPDX-License-Identifier: MIT */
/*
 * file.c - bounded whole-file reads for rule and expectations files.
 * A regular file's size is checked with fstat before anything is
 * allocated; anything else (a pipe, /dev/stdin, a process substitution) is
 * read in steps to at most max + 1 bytes, so an endless one (/dev/zero)
 * costs max bytes and is refused as too large.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"

/* A stream of unknown size: grow to max + 1 bytes at most. */
static char *
read_stream(FILE *fp, const char *path, size_t max, size_t *len, FILE *err)
{
	size_t cap = 4096, n = 0;
	char *buf = NULL, *nb;

	for (;;) {
		if ((nb = realloc(buf, cap + 1)) == NULL) {
			fprintf(err, "%s: out of memory\n", path);
			break;
		}
		buf = nb;
		n += fread(buf + n, 1, cap - n, fp);
		if (ferror(fp)) {
			fprintf(err, "%s: %s\n", path, strerror(errno));
			break;
		}
		if (n > max) {
			fprintf(err, "%s:1:1: more than %zu bytes: larger than "
			    "%zu\n", path, max, max);
			break;
		}
		if (n < cap) {		/* the end of the stream */
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
	}
	free(buf);
	return NULL;
}

char *
file_read(const char *path, size_t max, size_t *len, FILE *err)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	char *buf = NULL;

	if (fp == NULL) {
		fprintf(err, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(fp), &st) != 0)
		fprintf(err, "%s: %s\n", path, strerror(errno));
	else if (S_ISDIR(st.st_mode))
		fprintf(err, "%s: a directory\n", path);
	else if (!S_ISREG(st.st_mode))
		buf = read_stream(fp, path, max, len, err);
	else if ((uint64_t)st.st_size > max)
		fprintf(err, "%s:1:1: %lld bytes: larger than %zu\n", path,
		    (long long)st.st_size, max);
	else if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		fprintf(err, "%s: out of memory\n", path);
	else {
		*len = fread(buf, 1, (size_t)st.st_size, fp);
		buf[*len] = '\0';
		if (ferror(fp)) {
			fprintf(err, "%s: %s\n", path, strerror(errno));
			free(buf);
			buf = NULL;
		}
	}
	fclose(fp);
	return buf;
}
