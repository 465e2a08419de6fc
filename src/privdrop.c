/* SPDX-License-Identifier: MIT */
/*
 * privdrop.c - open first, then drop (STYLE.md R15).
 *
 * initgroups, setresgid, setresuid to the unprivileged user; then check that
 * getting root back fails, and set PR_SET_NO_NEW_PRIVS so nothing exec'd
 * later can regain privileges.  setresuid away from uid 0 clears the
 * permitted and effective capability sets (no SECBIT_KEEP_CAPS is set).
 */
#define _GNU_SOURCE	/* setresuid, setresgid */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "privdrop.h"

int
privdrop(const char *user)
{
	struct passwd *pw = getpwnam(user);

	if (pw == NULL) {
		fprintf(stderr, "leaksniff: -Z: no such user `%s'\n", user);
		return -1;
	}
	if (getuid() != 0 && geteuid() != 0) {
		/* not root: nothing to drop but the right to gain more */
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
			fprintf(stderr, "leaksniff: no_new_privs: %s\n",
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 ||
	    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0 ||
	    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0) {
		fprintf(stderr, "leaksniff: cannot become `%s': %s\n", user,
		    strerror(errno));
		return -1;
	}
	if (pw->pw_uid != 0 && setresuid(0, 0, 0) == 0) {
		fprintf(stderr, "leaksniff: could regain root after dropping "
		    "to `%s': refusing to go on\n", user);
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		fprintf(stderr, "leaksniff: no_new_privs: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}
