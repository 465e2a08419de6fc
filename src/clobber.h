/* SPDX-License-Identifier: MIT */
/*
 * clobber.h - outputs never destroy inputs: the check main makes before it
 * opens anything for writing.
 */
#ifndef CLOBBER_H
#define CLOBBER_H

#include <stdbool.h>
#include <stddef.h>

struct clobber_files {
	const char *const	*reads;		/* -r; "-" is stdin */
	size_t			 nreads;
	const char		*rules, *expect;	/* -R, -x: read too */
	const char		*output, *write;	/* -o, -w, or NULL */
};

/*
 * False, with "leaksniff: -w PATH: is the file read by -r IN: refusing to
 * write to it" on stderr, when an output is, by any path, symlink or hard
 * link (device and inode), a file being read, or -w is the -o file.
 */
bool	clobber_safe(const struct clobber_files *);

#endif /* CLOBBER_H */
