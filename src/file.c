/* SPDX-License-Identifier: MIT */
/*
 * file.c - bounded whole-file reads for rule and expectations files.
 * The size is checked with fstat before anything is allocated, so a huge
 * or endless file (a FIFO, /dev/zero) costs nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"

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
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode))
		fprintf(err, "%s: not a regular file\n", path);
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
