/* SPDX-License-Identifier: MIT */
/*
 * privdrop.h - give up privileges once every capture handle and output file
 * is open, before the first packet is parsed (tcpdump's droproot).
 */
#ifndef PRIVDROP_H
#define PRIVDROP_H

#include <stdint.h>

/* Switch to user (and its groups), set no-new-privs, drop every capability.
 * Returns 0, or -1 after printing why. */
int	privdrop(const char *user);

/* The same, keeping the capabilities in `keep` (a mask of 1 << CAP_x). */
int	privdrop_keep(const char *user, uint64_t keep);

/*
 * A file the process reopens after the drop (-o, on SIGHUP) is handed to
 * the user it drops to, if it is a regular file and we are root: logrotate's
 * `create` then makes its successor with that owner, and the reopen works.
 * Returns 0 (also when there is nothing to do), or -1 after printing why.
 */
int	privdrop_give(int fd, const char *path, const char *user);

#endif /* PRIVDROP_H */
