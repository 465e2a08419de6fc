/* SPDX-License-Identifier: MIT */
/*
 * alert.c - syslog and --exec alerts (see alert.h).
 *
 * The command gets the same JSON line -j would print, built by the JSON
 * reporter into memory, on a pipe to its stdin, and the main facts in its
 * environment (LEAKSNIFF_CLASS, _SRC, _DEST, _PROTO, _TUNNEL, _APP, _NAME)
 * so that `notify-send "leak: $LEAKSNIFF_CLASS to $LEAKSNIFF_DEST"` works
 * without parsing.  The JSON goes over a socket pair, sent with
 * MSG_NOSIGNAL: a command that does not read it costs no SIGPIPE.
 * Children are not waited for: main sets SIGCHLD to be reaped by the
 * kernel (this module changes no signal disposition).  A flood of leaks cannot fork-bomb the machine:
 * the token bucket allows ALERT_BURST commands, then ALERT_PER_MIN a minute.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "alert.h"
#include "dns.h"
#include "event.h"
#include "http.h"
#include "report.h"
#include "warn.h"

struct ls_alert {
	struct ls_reporter	 rep;
	struct ls_reporter	*next;
	bool			 use_syslog;
	char			*cmd;
	double			 tokens;
	struct timespec		 last;
	uint64_t		 suppressed;
};

static struct ls_alert *
of(struct ls_reporter *r)
{
	return (struct ls_alert *)((char *)r - offsetof(struct ls_alert, rep));
}

static bool
take_token(struct ls_alert *a)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	double dt = (double)(now.tv_sec - a->last.tv_sec) +
	    (double)(now.tv_nsec - a->last.tv_nsec) / 1e9;
	a->last = now;
	a->tokens += dt * ALERT_PER_MIN / 60.0;
	if (a->tokens > ALERT_BURST)
		a->tokens = ALERT_BURST;
	if (a->tokens < 1) {
		a->suppressed++;
		return false;
	}
	a->tokens -= 1;
	return true;
}

/* Printable, bounded copy of packet bytes for syslog and the environment. */
static void
safe(char *dst, size_t cap, const char *src, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[o] = '\0';
}

static void
run_cmd(struct ls_alert *a, const struct ls_leak *l, const char *cls,
    const char *src, const char *dst, const char *name)
{
	char *json = NULL;
	size_t jlen = 0;
	FILE *mem = open_memstream(&json, &jlen);
	int fds[2];
	pid_t pid;

	if (mem == NULL)
		return;
	struct ls_reporter jr = { &report_json_ops, mem, false, false, 0, NULL };
	report_json_ops.leak(&jr, l);
	fclose(mem);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
		free(json);
		return;
	}
	pid = fork();
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		setenv("LEAKSNIFF_CLASS", cls, 1);
		setenv("LEAKSNIFF_SRC", src, 1);
		setenv("LEAKSNIFF_DEST", dst, 1);
		char pn[REPORT_PROTO_STRLEN];
		setenv("LEAKSNIFF_PROTO", report_proto_name(l->flow.proto,
		    l->flow.ip_version, pn), 1);
		setenv("LEAKSNIFF_TUNNEL", tunnel_name(l->tunnel), 1);
		setenv("LEAKSNIFF_APP", l->app, 1);
		setenv("LEAKSNIFF_NAME", name, 1);
		execl("/bin/sh", "sh", "-c", a->cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (pid > 0 && json != NULL) {
		/* the command may not read it: no SIGPIPE then */
		ssize_t w = send(fds[1], json, jlen, MSG_NOSIGNAL);
		(void)w;
	}
	close(fds[1]);
	free(json);
}

static void
a_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	struct ls_alert *a = of(r);
	const struct ls_flow_view *f = &l->flow;
	char s[ADDR_STRLEN], d[ADDR_STRLEN], src[80], dst[80], name[300] = "";

	addr_fmt(&f->cli, s);
	addr_fmt(&f->srv, d);
	snprintf(src, sizeof(src), "%s:%u", s, f->cport);
	snprintf(dst, sizeof(dst), "%s:%u", d, f->sport);
	if (l->dns != NULL)
		safe(name, sizeof(name), l->dns->qname, l->dns->qname_len);
	else if (l->http != NULL)
		safe(name, sizeof(name), l->http->host, l->http->host_len);
	else if (l->sni[0] != '\0')
		safe(name, sizeof(name), l->sni, strlen(l->sni));
	if (a->use_syslog)
		syslog(l->killswitch ? LOG_ERR : LOG_WARNING,
		    "%s leak %s -> %s %s%s%s tunnel=%s%s", class_name(l->class),
		    src, dst, l->app, name[0] != '\0' ? " " : "", name,
		    tunnel_name(l->tunnel), l->killswitch ?
		    " KILL-SWITCH FAILURE" : "");
	if (a->cmd != NULL && take_token(a))
		run_cmd(a, l, class_name(l->class), src, dst, name);
	report_forward_leak(a->next, l);
}

static void
a_flow_end(struct ls_reporter *r, const struct ls_leak *l)
{
	report_forward_flow_end(of(r)->next, l);
}

static void
a_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	struct ls_alert *a = of(r);
	char ad[ADDR_STRLEN];

	if (a->use_syslog)
		syslog(ev->state == TUNNEL_DOWN ? LOG_WARNING : LOG_NOTICE,
		    "tunnel %s: %s:%u %s", tunnel_name(ev->state),
		    addr_fmt(&ev->addr, ad), ev->port, ev->app);
	report_forward_tunnel(a->next, ev);
}

static void
a_lan(struct ls_reporter *r, const struct ls_lan_event *ev)
{
	report_forward_lan(of(r)->next, ev);
}

static void
a_warning(struct ls_reporter *r, const struct ls_warning *w)
{
	struct ls_alert *a = of(r);
	char sv[ADDR_STRLEN];

	if (a->use_syslog)
		syslog(w->severity >= SEV_HIGH ? LOG_ERR : LOG_WARNING,
		    "warning %s from %s%s%s", warn_kind_name(w->kind),
		    addr_fmt(&w->server, sv), w->detail[0] != '\0' ? ": " : "",
		    w->detail);
	report_forward_warning(a->next, w);
}

static void
a_end(struct ls_reporter *r, const struct ls_stats *s, const char *v)
{
	struct ls_alert *a = of(r);

	if (a->suppressed > 0)
		fprintf(stderr, "leaksniff: --exec: %llu alerts suppressed by "
		    "the rate limit\n", (unsigned long long)a->suppressed);
	report_forward_end(a->next, s, v);
}

static const struct reporter_ops alert_ops = {
	.name = "alert", .leak = a_leak, .flow_end = a_flow_end,
	.tunnel = a_tunnel, .lan = a_lan, .warning = a_warning, .end = a_end,
};

struct ls_alert *
alert_new(bool use_syslog, const char *exec_cmd, struct ls_reporter *next)
{
	struct ls_alert *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->rep.ops = &alert_ops;
	a->rep.out = next != NULL ? next->out : NULL;
	a->next = next;
	a->use_syslog = use_syslog;
	a->cmd = exec_cmd != NULL ? strdup(exec_cmd) : NULL;
	a->tokens = ALERT_BURST;
	clock_gettime(CLOCK_MONOTONIC, &a->last);
	if (use_syslog)
		openlog("leaksniff", LOG_PID, LOG_DAEMON);
	return a;
}

struct ls_reporter *
alert_reporter(struct ls_alert *a)
{
	return &a->rep;
}

void
alert_free(struct ls_alert *a)
{
	if (a == NULL)
		return;
	if (a->use_syslog)
		closelog();
	free(a->cmd);
	free(a);
}
