/* SPDX-License-Identifier: MIT */
/*
 * clobber.c - outputs never destroy inputs.  An output (-o, -w) that is,
 * by any path or link, a file being read (-r, the file on stdin for "-",
 * -R, -x) or the other output is refused, before anything is opened for
 * writing.  Files are compared by device and inode (stat follows
 * symlinks; hard links share the inode); a path that does not exist yet
 * is no file read, so there is nothing to compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "clobber.h"

struct named_file {
	const char	*opt, *path;
	struct stat	 st;
};

static size_t
files_read(const struct clobber_files *o, struct named_file *f)
{
	size_t n = 0;

	for (size_t i = 0; i < o->nreads; i++) {
		f[n].opt = "-r";
		f[n].path = o->reads[i];
		if (strcmp(o->reads[i], "-") == 0 ? fstat(0, &f[n].st) == 0 :
		    stat(o->reads[i], &f[n].st) == 0)
			n++;
	}
	const char *other[][2] = { { "-R", o->rules }, { "-x", o->expect } };
	for (size_t i = 0; i < 2; i++)
		if (other[i][1] != NULL && stat(other[i][1], &f[n].st) == 0) {
			f[n].opt = other[i][0];
			f[n].path = other[i][1];
			n++;
		}
	return n;
}

/* True when the output opt PATH is none of the n files in. */
static bool
output_safe(const char *opt, const char *path, const struct named_file *in,
    size_t n)
{
	struct stat st;

	if (path == NULL || stat(path, &st) != 0)
		return true;		/* nothing there yet to destroy */
	for (size_t i = 0; i < n; i++) {
		if (st.st_dev != in[i].st.st_dev || st.st_ino != in[i].st.st_ino ||
		    strcmp(in[i].opt, opt) == 0)
			continue;
		fprintf(stderr, "leaksniff: %s %s: is the file %s %s %s: "
		    "refusing to write to it\n", opt, path,
		    in[i].opt[1] == 'o' ? "written by" : "read by", in[i].opt,
		    in[i].path);
		return false;
	}
	return true;
}

bool
clobber_safe(const struct clobber_files *o)
{
	struct named_file *in = calloc(o->nreads + 3, sizeof(*in));
	size_t n;
	bool ok;

	if (in == NULL) {
		fprintf(stderr, "leaksniff: out of memory\n");
		return false;
	}
	n = files_read(o, in);
	if (o->output != NULL && o->write != NULL &&
	    strcmp(o->output, o->write) == 0) {
		fprintf(stderr, "leaksniff: -w %s: is the file written by -o "
		    "%s: refusing to write to it\n", o->write, o->output);
		free(in);
		return false;
	}
	/* -w is checked against -o as against a file read */
	if (o->output != NULL && stat(o->output, &in[n].st) == 0) {
		in[n].opt = "-o";
		in[n].path = o->output;
		n++;
	}
	ok = output_safe("-o", o->output, in, n) &&
	    output_safe("-w", o->write, in, n);
	free(in);
	return ok;
}
