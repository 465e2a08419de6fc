/* SPDX-License-Identifier: MIT */
/*
 * privdrop.c - open first, then drop (STYLE.md R15).
 *
 * initgroups, setresgid, setresuid to the unprivileged user; then check that
 * getting root back fails, and set PR_SET_NO_NEW_PRIVS so nothing exec'd
 * later can regain privileges.  The capability sets are then set to exactly
 * `keep` (nothing, for the packet-parsing process; CAP_NET_RAW for the
 * socket helper, sockd.c).  Run without root but with capabilities (a
 * systemd unit's AmbientCapabilities=), the same capset drops them: no
 * capability survives that was not asked for.
 */
#define _GNU_SOURCE	/* setresuid, setresgid */
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "privdrop.h"

static int
set_caps(uint64_t keep)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return -1;
	keep &= (uint64_t)d[0].permitted | (uint64_t)d[1].permitted << 32;
	memset(d, 0, sizeof(d));
	d[0].effective = d[0].permitted = (uint32_t)keep;
	d[1].effective = d[1].permitted = (uint32_t)(keep >> 32);
	return (int)syscall(SYS_capset, &h, d);
}

int
privdrop_keep(const char *user, uint64_t keep)
{
	struct passwd *pw = getpwnam(user);

	if (pw == NULL) {
		fprintf(stderr, "leaksniff: -Z: no such user `%s'\n", user);
		return -1;
	}
	if (getuid() == 0 || geteuid() == 0) {
		if (keep != 0) {
			/* keep the permitted set across setuid, and make
			 * sure nothing outside `keep` can come back */
			for (int c = 0; c <= CAP_LAST_CAP; c++)
				if (!(keep & (1ull << c)))
					(void)prctl(PR_CAPBSET_DROP, c, 0, 0, 0);
			if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0)
				goto fail;
		}
		if (initgroups(pw->pw_name, pw->pw_gid) != 0 ||
		    setresgid(pw->pw_gid, pw->pw_gid, pw->pw_gid) != 0 ||
		    setresuid(pw->pw_uid, pw->pw_uid, pw->pw_uid) != 0)
			goto fail;
		(void)prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
		if (pw->pw_uid != 0 && setresuid(0, 0, 0) == 0) {
			fprintf(stderr, "leaksniff: could regain root after "
			    "dropping to `%s': refusing to go on\n", user);
			return -1;
		}
	}
	if (pw->pw_uid != 0 && set_caps(keep) != 0) {
		fprintf(stderr, "leaksniff: cannot drop capabilities: %s\n",
		    strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		fprintf(stderr, "leaksniff: no_new_privs: %s\n", strerror(errno));
		return -1;
	}
	return 0;
fail:
	fprintf(stderr, "leaksniff: cannot become `%s': %s\n", user,
	    strerror(errno));
	return -1;
}

int
privdrop(const char *user)
{
	return privdrop_keep(user, 0);
}

int
privdrop_give(int fd, const char *path, const char *user)
{
	struct passwd *pw = getpwnam(user);
	struct stat st;

	if (pw == NULL || pw->pw_uid == 0 || geteuid() != 0 ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_uid == pw->pw_uid && st.st_gid == pw->pw_gid))
		return 0;
	if (fchown(fd, pw->pw_uid, pw->pw_gid) != 0) {
		fprintf(stderr, "leaksniff: %s: cannot hand it to `%s': %s\n",
		    path, user, strerror(errno));
		return -1;
	}
	return 0;
}
