/* SPDX-License-Identifier: MIT */
/* file.h - read a whole configuration file, bounded. */
#ifndef FILE_H
#define FILE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Read the file at path (a regular file, or a pipe such as /dev/stdin) into
 * a new NUL-terminated buffer, refusing anything over max bytes.  On failure prints "PATH: why" (or
 * "PATH:1:1: N bytes: larger than MAX") to err and returns NULL.
 */
char	*file_read(const char *path, size_t max, size_t *len, FILE *err);

#endif /* FILE_H */
