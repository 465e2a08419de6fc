/* SPDX-License-Identifier: MIT */
/*
 * sockd.c - the socket helper; see sockd.h.
 *
 * Protocol, over a SOCK_SEQPACKET pair: the client sends one struct req;
 * the helper answers with one int, 0 or an errno value, carrying the new
 * descriptor as SCM_RIGHTS when it is 0.  Anything that is not exactly a
 * request for an AF_PACKET SOCK_RAW or SOCK_DGRAM socket is refused.
 */
#define _GNU_SOURCE	/* close_range, SOCK_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "privdrop.h"
#include "sockd.h"

struct req {
	int	type;		/* SOCK_RAW or SOCK_DGRAM, with SOCK_CLOEXEC */
	int	protocol;	/* network byte order, as for socket(2) */
};

/*
 * The one exception to "no mutable file-scope state" outside the signal
 * flags (main.c): the helper is one per process, forked before the
 * privilege drop, and its descriptor and pid are what every later open
 * and the stop at exit need; a handle passed through the live loop would
 * change nothing but the signatures.
 */
static int sockd_fd = -1;
static pid_t helper = -1;

static int
sys_socket(int domain, int type, int protocol)
{
	return (int)syscall(SYS_socket, domain, type, protocol);
}

static void
serve(int fd)
{
	struct req r;
	ssize_t n;

	while ((n = recv(fd, &r, sizeof(r), 0)) == (ssize_t)sizeof(r)) {
		int base = r.type & ~SOCK_CLOEXEC, err = 0, s = -1;
		char cbuf[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { &err, sizeof(err) };
		struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

		if (base != SOCK_RAW && base != SOCK_DGRAM)
			err = EPERM;
		else if ((s = sys_socket(AF_PACKET, r.type | SOCK_CLOEXEC,
		    r.protocol)) < 0)
			err = errno;
		if (s >= 0) {
			struct cmsghdr *c;

			memset(cbuf, 0, sizeof(cbuf));
			m.msg_control = cbuf;
			m.msg_controllen = sizeof(cbuf);
			c = CMSG_FIRSTHDR(&m);
			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(c), &s, sizeof(int));
		}
		(void)sendmsg(fd, &m, MSG_NOSIGNAL);
		if (s >= 0)
			close(s);
	}
	_exit(n == 0 ? 0 : 1);
}

int
sockd_start(const char *user)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
		fprintf(stderr, "leaksniff: socket helper: %s\n",
		    strerror(errno));
		return -1;
	}
	fflush(NULL);
	helper = fork();
	if (helper < 0) {
		fprintf(stderr, "leaksniff: socket helper: fork: %s\n",
		    strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (helper == 0) {
		(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		(void)prctl(PR_SET_NAME, "leaksniff-sockd", 0, 0, 0);
		signal(SIGINT, SIG_IGN);	/* the parent decides when */
		signal(SIGHUP, SIG_IGN);
		signal(SIGUSR1, SIG_IGN);
		if (dup2(sv[1], 3) != 3)
			_exit(1);
		/* nothing of the parent's: captures, outputs, netlink */
		if (syscall(SYS_close_range, 4u, ~0u, 0u) != 0)
			for (int i = 4; i < 1024; i++)
				close(i);
		if (privdrop_keep(user, 1ull << CAP_NET_RAW) != 0)
			_exit(1);
		serve(3);
	}
	close(sv[1]);
	sockd_fd = sv[0];
	return 0;
}

void
sockd_stop(void)
{
	if (sockd_fd < 0)
		return;
	close(sockd_fd);		/* the helper sees EOF and exits */
	sockd_fd = -1;
	while (waitpid(helper, NULL, 0) < 0 && errno == EINTR)
		;
	helper = -1;
}

int
sockd_pid(void)
{
	return sockd_fd >= 0 ? (int)helper : -1;
}

static int
ask(int type, int protocol)
{
	struct req r = { type, protocol };
	int err = EIO, fd = -1;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &err, sizeof(err) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;

	if (send(sockd_fd, &r, sizeof(r), MSG_NOSIGNAL) != (ssize_t)sizeof(r) ||
	    recvmsg(sockd_fd, &m, MSG_CMSG_CLOEXEC) != (ssize_t)sizeof(err)) {
		errno = EPERM;
		return -1;
	}
	c = CMSG_FIRSTHDR(&m);
	if (err == 0 && c != NULL && c->cmsg_level == SOL_SOCKET &&
	    c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
	if (fd < 0) {
		errno = err != 0 ? err : EPERM;
		return -1;
	}
	if (!(type & SOCK_CLOEXEC))
		(void)fcntl(fd, F_SETFD, 0);
	return fd;
}

/*
 * libpcap's socket(2), and everyone else's: the system call, and for a
 * packet socket refused for want of privilege, the helper.
 */
int
socket(int domain, int type, int protocol)
{
	int fd = sys_socket(domain, type, protocol);

	if (fd >= 0 || errno != EPERM || domain != AF_PACKET || sockd_fd < 0)
		return fd;
	return ask(type, protocol);
}
