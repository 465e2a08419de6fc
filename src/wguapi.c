/* SPDX-License-Identifier: MIT */
/*
 * wguapi.c - WireGuard UAPI endpoint query; see wguapi.h.
 *
 * The answer is read whole (at most 64 KiB, 300 ms) and then parsed line
 * by line; only "endpoint=" lines are used, the rest (keys included) is
 * never looked at or kept.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "addr.h"
#include "wguapi.h"

#define UAPI_MAX	65536

int
wg_uapi_parse(const char *text, size_t n, struct ls_endpoint *out, size_t max)
{
	size_t k = 0, i = 0;

	while (i < n) {
		const char *line = text + i;
		const char *nl = memchr(line, '\n', n - i);
		size_t len = nl != NULL ? (size_t)(nl - line) : n - i;
		char v[128];

		i += len + 1;
		if (len == 0)
			break;			/* the blank line ends it */
		if (len <= 9 || strncmp(line, "endpoint=", 9) != 0 ||
		    len - 9 >= sizeof(v))
			continue;
		memcpy(v, line + 9, len - 9);
		v[len - 9] = '\0';
		struct ls_endpoint ep;
		memset(&ep, 0, sizeof(ep));
		if (!addr_parse_endpoint(v, &ep.addr, &ep.port) || ep.port == 0)
			continue;
		ep.proto = IPPROTO_UDP;
		if (k < max)
			out[k++] = ep;
	}
	return (int)k;
}

int
wg_uapi_endpoints(const char *dir, const char *ifname,
    struct ls_endpoint *out, size_t max)
{
	struct sockaddr_un sa;
	char *buf;
	size_t n = 0;
	int fd, k;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s.sock",
	    dir, ifname) >= sizeof(sa.sun_path))
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    write(fd, "get=1\n\n", 7) != 7 || (buf = malloc(UAPI_MAX)) == NULL) {
		close(fd);
		return -1;
	}
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 300) <= 0)
			break;
		ssize_t r = read(fd, buf + n, UAPI_MAX - n);
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == UAPI_MAX || (n >= 2 && buf[n - 1] == '\n' &&
		    buf[n - 2] == '\n'))
			break;
	}
	close(fd);
	k = wg_uapi_parse(buf, n, out, max);
	free(buf);
	return k;
}
