/* SPDX-License-Identifier: MIT */
/*
 * sockd.h - privilege separation for hot-plug (OpenSSH's monitor, OpenBSD
 * tcpdump's privsep, reduced to one question).
 *
 * Live capture must open interfaces that appear after start-up (a dock, a
 * tethered phone), but the process that parses packets must hold no
 * privilege at all.  sockd_start() forks a helper before the drop.  The
 * helper keeps CAP_NET_RAW and nothing else, runs as the same unprivileged
 * user, closes every other descriptor, reads no packet, and answers one
 * request: "an AF_PACKET socket of this type", passed back over a unix
 * socket (SCM_RIGHTS).  It dies with its parent (PR_SET_PDEATHSIG).
 *
 * libpcap calls socket(2) itself, so leaksniff defines socket(): it tries
 * the system call first and, only for AF_PACKET refused with EPERM once
 * the helper runs, asks the helper.  Every other socket is untouched.
 */
#ifndef SOCKD_H
#define SOCKD_H

/* Fork the helper, dropped to `user` with CAP_NET_RAW only.  Returns 0, or
 * -1 after printing why (live capture then goes on without hot-plug). */
int	sockd_start(const char *user);

/* Close the helper's socket and reap it. */
void	sockd_stop(void);

/* The helper's pid, or -1. */
int	sockd_pid(void);

#endif /* SOCKD_H */
