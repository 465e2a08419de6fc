/* SPDX-License-Identifier: MIT */
/*
 * verify.c - expectations files for regression mode (-x).
 *
 * One assertion per line, '#' starts a comment:
 *
 *	leaks N | leaks >= N | leaks <= N	leaked flows in all
 *	dns|stun|ipv6|http|ip N (or >= / <=)	leaked flows of that class
 *	killswitch N (or >= / <=)		leaked flows in an outage or
 *						reconnect
 *	outages N (or >= / <=)			carriers that went quiet
 *	[phase] PHASE N (or >= / <=)		leaked flows in that phase
 *						(before_tunnel, handshake,
 *						connected, outage, reconnect)
 *	warning KIND N (or >= / <=)		warnings of that kind
 *						(route_injection, localnet,
 *						serverip_dns)
 *	cause CAUSE N (or >= / <=)		leaked flows with that cause
 *						(route_injection, localnet,
 *						serverip)
 *	leak CLASS ADDR[:PORT]			such a leak was reported
 *	no-leak ADDR[:PORT]			no leak to that server
 *
 * IPv6 addresses with a port are written [2001:db8::1]:53.  Everything is
 * checked after the run; each failed line is printed with its line number,
 * what was expected and what was found.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "addr.h"
#include "event.h"
#include "file.h"
#include "report.h"
#include "rules.h"
#include "verify.h"
#include "warn.h"

#define EXPECT_MAX_BYTES	(1u << 20)
#define EXPECT_MAX_LINES	10000u
#define SEEN_MAX		100000	/* leaks remembered for leak/no-leak */

enum ex_kind { EX_LEAKS, EX_CLASS, EX_KILLSWITCH, EX_OUTAGES, EX_LEAK,
    EX_NO_LEAK, EX_PHASE, EX_WARNING, EX_CAUSE };
enum ex_cmp { CMP_EQ, CMP_GE, CMP_LE };

struct ex_line {
	enum ex_kind	kind;
	enum ex_cmp	cmp;
	uint64_t	n;
	enum ls_class	class;
	enum ls_phase	phase;
	int		which;		/* EX_WARNING: kind; EX_CAUSE: cause */
	struct ls_addr	addr;
	uint16_t	port;		/* 0: any */
	unsigned	line;
	char		*text;
};

struct seen_leak {
	enum ls_class	class;
	enum ls_phase	phase;
	struct ls_addr	addr;
	uint16_t	port;
};

struct ls_verify {
	char			*name;
	struct ex_line		*lines;
	size_t			 nlines;
	struct seen_leak	*seen;
	size_t			 nseen;
	uint64_t		 outages;
	struct ls_reporter	 rep;
	struct ls_reporter	*next;
};

static int
class_of(const char *s)
{
	for (int c = 1; c < CLASS__COUNT; c++)
		if (strcmp(s, class_name(c)) == 0)
			return c;
	return -1;
}

/* Split a line into at most 4 words; returns the count, -1 if more. */
static int
words(char *s, char *w[4], unsigned col[4], const char *start)
{
	int n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			return n;
		if (n == 4)
			return -1;
		w[n] = s;
		col[n] = (unsigned)(s - start) + 1;
		n++;
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '#')
			s++;
		if (*s == '#') {
			*s = '\0';
			return n;
		}
		if (*s != '\0')
			*s++ = '\0';
	}
}

static bool
parse_count(const char *op, const char *num, struct ex_line *l)
{
	char *end;
	const char *s = num;

	l->cmp = CMP_EQ;
	if (op != NULL) {
		if (strcmp(op, ">=") == 0)
			l->cmp = CMP_GE;
		else if (strcmp(op, "<=") == 0)
			l->cmp = CMP_LE;
		else if (strcmp(op, "==") != 0)
			return false;
	}
	if (!isdigit((unsigned char)s[0]))
		return false;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	l->n = v;
	return true;
}

struct ls_verify *
verify_parse_buffer(const char *name, const char *buf, size_t len, FILE *err)
{
	struct ls_verify *x = calloc(1, sizeof(*x));
	size_t pos = 0;
	unsigned lineno = 0, errors = 0;

	if (x == NULL)
		return NULL;
	x->name = strdup(name);
	if (memchr(buf, '\0', len) != NULL) {
		fprintf(err, "%s:1:1: binary data (a NUL byte) in an "
		    "expectations file\n", name);
		goto fail;
	}
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t n = nl != NULL ? (size_t)(nl - (buf + pos)) : len - pos;
		char *line, *w[4];
		unsigned col[4];
		int nw;
		struct ex_line l;

		lineno++;
		if (lineno > EXPECT_MAX_LINES) {
			fprintf(err, "%s:%u:1: more than %u lines\n", name,
			    lineno, EXPECT_MAX_LINES);
			errors++;
			break;
		}
		line = strndup(buf + pos, n);
		pos += n + (nl != NULL);
		if (line == NULL)
			goto fail;
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		char *orig = strdup(line);
		nw = words(line, w, col, line);
		memset(&l, 0, sizeof(l));
		l.line = lineno;
		if (nw == 0) {
			free(line);
			free(orig);
			continue;
		}
		bool ok = true;
		int cls;
		if (nw < 0) {
			fprintf(err, "%s:%u:1: too many words\n", name, lineno);
			ok = false;
		} else if (strcmp(w[0], "leaks") == 0 ||
		    strcmp(w[0], "killswitch") == 0 ||
		    strcmp(w[0], "outages") == 0 || class_of(w[0]) > 0) {
			l.kind = w[0][0] == 'l' ? EX_LEAKS : w[0][0] == 'k' ?
			    EX_KILLSWITCH : w[0][0] == 'o' ? EX_OUTAGES :
			    EX_CLASS;
			if (l.kind == EX_CLASS)
				l.class = (enum ls_class)class_of(w[0]);
			if (nw == 2)
				ok = parse_count(NULL, w[1], &l);
			else if (nw == 3)
				ok = parse_count(w[1], w[2], &l);
			else
				ok = false;
			if (!ok)
				fprintf(err, "%s:%u:%u: expected `%s N', `%s >= N' "
				    "or `%s <= N'\n", name, lineno,
				    nw >= 2 ? col[1] : col[0], w[0], w[0], w[0]);
		} else if ((strcmp(w[0], "phase") == 0 && nw >= 2 &&
		    phase_of(w[1]) >= 0) || phase_of(w[0]) >= 0) {
			/* `phase outage 0' or `outage 0' */
			int k = strcmp(w[0], "phase") == 0 ? 1 : 0;
			l.kind = EX_PHASE;
			l.phase = (enum ls_phase)phase_of(w[k]);
			if (nw == k + 2)
				ok = parse_count(NULL, w[k + 1], &l);
			else if (nw == k + 3)
				ok = parse_count(w[k + 1], w[k + 2], &l);
			else
				ok = false;
			if (!ok)
				fprintf(err, "%s:%u:%u: expected `%s N', `%s >= N' "
				    "or `%s <= N'\n", name, lineno,
				    nw > k + 1 ? col[k + 1] : col[k], w[k], w[k],
				    w[k]);
		} else if (strcmp(w[0], "warning") == 0 ||
		    strcmp(w[0], "cause") == 0) {
			/* `warning route_injection 1', `cause localnet >= 1' */
			bool warning = w[0][0] == 'w';
			l.kind = warning ? EX_WARNING : EX_CAUSE;
			l.which = nw >= 2 ? (warning ? warn_kind_of(w[1]) :
			    cause_of(w[1])) : -1;
			if (nw >= 2 && l.which < 0) {
				fprintf(err, "%s:%u:%u: unknown %s `%s' (%s)\n",
				    name, lineno, col[1], warning ? "warning kind" :
				    "cause", w[1], warning ? "route_injection, "
				    "localnet, serverip_dns" : "route_injection, "
				    "localnet, serverip");
				ok = false;
			} else {
				if (nw == 3)
					ok = parse_count(NULL, w[2], &l);
				else if (nw == 4)
					ok = parse_count(w[2], w[3], &l);
				else
					ok = false;
				if (!ok)
					fprintf(err, "%s:%u:%u: expected `%s %s N', "
					    "`%s %s >= N' or `%s %s <= N'\n", name,
					    lineno, nw >= 3 ? col[2] : col[0], w[0],
					    warning ? "KIND" : "CAUSE", w[0],
					    warning ? "KIND" : "CAUSE", w[0],
					    warning ? "KIND" : "CAUSE");
			}
		} else if (strcmp(w[0], "leak") == 0) {
			l.kind = EX_LEAK;
			if (nw != 3) {
				fprintf(err, "%s:%u:%u: expected `leak CLASS "
				    "ADDR[:PORT]'\n", name, lineno, col[0]);
				ok = false;
			} else if ((cls = class_of(w[1])) < 0) {
				fprintf(err, "%s:%u:%u: unknown class `%s' (dns, "
				    "stun, ipv6, http, ip)\n", name, lineno,
				    col[1], w[1]);
				ok = false;
			} else if (!addr_parse_endpoint(w[2], &l.addr, &l.port)) {
				fprintf(err, "%s:%u:%u: bad address `%s'\n", name,
				    lineno, col[2], w[2]);
				ok = false;
			} else
				l.class = (enum ls_class)cls;
		} else if (strcmp(w[0], "no-leak") == 0) {
			l.kind = EX_NO_LEAK;
			if (nw != 2 || !addr_parse_endpoint(w[1], &l.addr, &l.port)) {
				fprintf(err, "%s:%u:%u: expected `no-leak "
				    "ADDR[:PORT]'\n", name, lineno,
				    nw >= 2 ? col[1] : col[0]);
				ok = false;
			}
		} else {
			fprintf(err, "%s:%u:%u: unknown assertion `%s' (leaks, "
			    "dns, stun, ipv6, http, ip, killswitch, outages, "
			    "leak, no-leak, phase, before_tunnel, handshake, "
			    "connected, outage, reconnect, warning, cause)\n", name, lineno, col[0], w[0]);
			ok = false;
		}
		free(line);
		if (!ok) {
			free(orig);
			errors++;
			continue;
		}
		struct ex_line *nl2 = realloc(x->lines,
		    (x->nlines + 1) * sizeof(*x->lines));
		if (nl2 == NULL) {
			free(orig);
			goto fail;
		}
		x->lines = nl2;
		l.text = orig;
		x->lines[x->nlines++] = l;
	}
	if (errors == 0 && x->nlines == 0) {
		fprintf(err, "%s:1:1: no assertions\n", name);
		errors++;
	}
	if (errors > 0)
		goto fail;
	return x;
fail:
	verify_free(x);
	return NULL;
}

struct ls_verify *
verify_load(const char *path, FILE *err)
{
	size_t n;
	char *buf = file_read(path, EXPECT_MAX_BYTES, &n, err);
	struct ls_verify *x;

	if (buf == NULL)
		return NULL;
	x = verify_parse_buffer(path, buf, n, err);
	free(buf);
	return x;
}

void
verify_free(struct ls_verify *x)
{
	if (x == NULL)
		return;
	for (size_t i = 0; i < x->nlines; i++)
		free(x->lines[i].text);
	free(x->lines);
	free(x->seen);
	free(x->name);
	free(x);
}

/* --- the recording reporter ---------------------------------------------- */

static struct ls_verify *
of(struct ls_reporter *r)
{
	return (struct ls_verify *)((char *)r - offsetof(struct ls_verify, rep));
}

static void
x_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	struct ls_verify *x = of(r);

	if (x->nseen < SEEN_MAX) {
		if (x->nseen % 256 == 0) {
			struct seen_leak *s = realloc(x->seen,
			    (x->nseen + 256) * sizeof(*s));
			if (s == NULL)
				goto pass;
			x->seen = s;
		}
		x->seen[x->nseen].class = l->class;
		x->seen[x->nseen].addr = l->flow.srv;
		x->seen[x->nseen].port = l->flow.sport;
		x->nseen++;
	}
pass:
	report_forward_leak(x->next, l);
}

static void
x_flow_end(struct ls_reporter *r, const struct ls_leak *l)
{
	report_forward_flow_end(of(r)->next, l);
}

static void
x_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	struct ls_verify *x = of(r);

	if (ev->state == TUNNEL_DOWN)
		x->outages++;
	report_forward_tunnel(x->next, ev);
}

static void
x_lan(struct ls_reporter *r, const struct ls_lan_event *ev)
{
	report_forward_lan(of(r)->next, ev);
}

static void
x_warning(struct ls_reporter *r, const struct ls_warning *w)
{
	report_forward_warning(of(r)->next, w);
}

static void
x_end(struct ls_reporter *r, const struct ls_stats *s, const char *v)
{
	report_forward_end(of(r)->next, s, v);
}

static const struct reporter_ops expect_ops = {
	.name = "expect", .leak = x_leak, .flow_end = x_flow_end,
	.tunnel = x_tunnel, .lan = x_lan, .warning = x_warning, .end = x_end,
};

struct ls_reporter *
verify_reporter(struct ls_verify *x, struct ls_reporter *next)
{
	x->rep.ops = &expect_ops;
	x->rep.out = next != NULL ? next->out : NULL;
	x->next = next;
	return &x->rep;
}

static bool
cmp_ok(const struct ex_line *l, uint64_t v)
{
	switch (l->cmp) {
	case CMP_GE:	return v >= l->n;
	case CMP_LE:	return v <= l->n;
	default:	return v == l->n;
	}
}

bool
verify_check(struct ls_verify *x, const struct ls_stats *s,
    const char *incomplete, FILE *out)
{
	unsigned failed = 0;

	for (size_t i = 0; i < x->nlines; i++) {
		const struct ex_line *l = &x->lines[i];
		uint64_t v = 0;
		bool ok;
		size_t hits = 0;

		switch (l->kind) {
		case EX_LEAKS:		v = s->leak_flows; break;
		case EX_CLASS:		v = s->leak_flows_by_class[l->class]; break;
		case EX_KILLSWITCH:	v = s->killswitch_leaks; break;
		case EX_OUTAGES:	v = x->outages; break;
		case EX_PHASE:		v = s->leak_flows_by_phase[l->phase]; break;
		case EX_WARNING:	v = s->warnings_by_kind[l->which]; break;
		case EX_CAUSE:		v = s->leak_flows_by_cause[l->which]; break;
		case EX_LEAK:
		case EX_NO_LEAK:
			for (size_t k = 0; k < x->nseen; k++) {
				const struct seen_leak *z = &x->seen[k];
				if (addr_cmp(&z->addr, &l->addr) == 0 &&
				    (l->port == 0 || l->port == z->port) &&
				    (l->kind == EX_NO_LEAK || z->class == l->class))
					hits++;
			}
			break;
		}
		if (l->kind == EX_LEAK)
			ok = hits > 0;
		else if (l->kind == EX_NO_LEAK)
			ok = hits == 0;
		else
			ok = cmp_ok(l, v);
		if (ok)
			continue;
		failed++;
		if (l->kind == EX_LEAK)
			fprintf(out, "expect: %s:%u: `%s' does not hold: no such "
			    "leak was found\n", x->name, l->line, l->text);
		else if (l->kind == EX_NO_LEAK)
			fprintf(out, "expect: %s:%u: `%s' does not hold: %zu "
			    "leaked flow%s to it\n", x->name, l->line, l->text,
			    hits, hits == 1 ? "" : "s");
		else
			fprintf(out, "expect: %s:%u: `%s' does not hold: found "
			    "%llu\n", x->name, l->line, l->text,
			    (unsigned long long)v);
	}
	if (incomplete != NULL) {
		fprintf(out, "expect: %s: NOT CHECKED: the audit is incomplete "
		    "(%s); on what was read, %u of %zu expectations fail\n",
		    x->name, incomplete, failed, x->nlines);
		return false;
	}
	if (failed == 0)
		fprintf(out, "expect: %s: all %zu expectations hold\n", x->name,
		    x->nlines);
	else
		fprintf(out, "expect: %s: %u of %zu expectations do not hold\n",
		    x->name, failed, x->nlines);
	return failed == 0;
}
