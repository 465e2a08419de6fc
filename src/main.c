/* SPDX-License-Identifier: MIT */
/*
 * main.c - leaksniff's command line (SPEC.md): options into one struct,
 * the modules wired together, exit codes.  No packet logic lives here.
 *
 * Exit status, like grep and diff: 0 no leak (or expectations hold), 1 a
 * leak (or expectations do not hold), 2 an error.  A damaged capture still
 * reports everything read before the damage, then exits 2.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alert.h"
#include "capture.h"
#include "classify.h"
#include "decode.h"
#include "engine.h"
#include "live.h"
#include "privdrop.h"
#include "report.h"
#include "rules.h"
#include "verify.h"

#define LS_VERSION	"0.1.0"
#ifndef LS_DATADIR
#define LS_DATADIR	"/usr/local/share/leaksniff"
#endif

enum { EXIT_CLEAN = 0, EXIT_LEAK = 1, EXIT_ERROR = 2 };

#define MAX_LIST	64

struct options {
	const char		*reads[MAX_LIST];
	size_t			 nreads;
	const char		*ifaces[MAX_LIST];
	size_t			 nifaces;
	const char		*rules;
	struct ls_endpoint	 endpoints[MAX_LIST];
	size_t			 nendpoints;
	struct ls_cidr		 lan[MAX_LIST];
	size_t			 nlan;
	bool			 json, quiet, check_rules;
	const char		*write;
	const char		*expect;
	const char		*filter;
	const char		*output;
	const char		*user;
	const char		*exec_cmd;
	int			 bufsize;
	bool			 no_kfilter;
	bool			 no_learn_lan;
	int			 snaplen;
	bool			 use_syslog;
	size_t			 max_flows;
	double			 outage_after;
	double			 decide_after;
};

static volatile sig_atomic_t stop_flag, hup_flag, usr1_flag;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		hup_flag = 1;
	else if (sig == SIGUSR1)
		usr1_flag = 1;
	else
		stop_flag = 1;
}

static void
usage(FILE *o)
{
	fputs(
"usage: leaksniff [OPTIONS] -r FILE [-r FILE ...]   audit pcap / pcapng captures\n"
"       leaksniff [OPTIONS] [-i IFACE ...]          live capture\n"
"       leaksniff --check-rules [-R FILE]           validate a rule file\n"
"\n"
"  -r, --read FILE            capture to audit; repeatable; '-' is stdin\n"
"  -i, --interface IFACE      live interface; repeatable\n"
"  -R, --rules FILE           rule file (default: installed default.yaml)\n"
"  -e, --vpn-endpoint ADDR[:PORT][/udp|/tcp]\n"
"                             the VPN's carrier endpoint; repeatable\n"
"  -L, --lan CIDR             an extra local prefix; repeatable\n"
"      --no-learn-lan         do not learn the LAN from DHCP, router and\n"
"                             neighbour advertisements, ARP, interfaces\n"
"  -j, --json                 JSON lines on stdout\n"
"  -o, --output FILE          write the report to FILE instead of stdout\n"
"  -w, --write FILE           write every packet of every leaked flow (pcap)\n"
"  -x, --expect FILE          regression mode: check an expectations file\n"
"  -f, --filter EXPR          BPF expression applied before anything else\n"
"  -q, --quiet                text mode: only the summary\n"
"  -Z, --user USER            live: drop to USER once captures are open\n"
"                             (default nobody; -Z root keeps root)\n"
"      --buffer-size BYTES    live: kernel capture buffer (default 8 MiB)\n"
"  -s, --snaplen BYTES        live: bytes kept of each packet (default 4096)\n"
"      --no-kernel-filter     live: let known carriers' packets reach leaksniff\n"
"                             (by default the kernel drops them)\n"
"      --syslog               also log every leak and tunnel change to syslog\n"
"      --exec CMD             run CMD (sh -c) once per leaked flow: the event\n"
"                             as JSON on stdin, LEAKSNIFF_* in the environment\n"
"      --max-flows N          flow table size (default 262144)\n"
"      --outage SECONDS       carrier silence that counts as an outage (5)\n"
"      --decide-after SECONDS longest a flow waits for its verdict (1)\n"
"      --check-rules          validate the rule file and exit\n"
"  -h, --help                 this text\n"
"  -V, --version              version of leaksniff and nDPI\n"
"\n"
"Exit status: 0 no leak, 1 leak found (or expectations do not hold), 2 error.\n",
	    o);
}

/* ADDR[:PORT][/udp|/tcp]; IPv6 with a port as [ADDR]:PORT. */
static bool
parse_endpoint(const char *arg, struct ls_endpoint *ep)
{
	char buf[128];
	char *slash;
	size_t n = strlen(arg);

	memset(ep, 0, sizeof(*ep));
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, arg, n + 1);
	if ((slash = strrchr(buf, '/')) != NULL) {
		if (strcmp(slash + 1, "udp") == 0)
			ep->proto = 17;
		else if (strcmp(slash + 1, "tcp") == 0)
			ep->proto = 6;
		else
			return false;
		*slash = '\0';
	}
	return addr_parse_endpoint(buf, &ep->addr, &ep->port);
}

static bool
parse_seconds(const char *s, double *out)
{
	char *end;

	errno = 0;
	double v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || end == s || !(v > 0) || v > 86400)
		return false;
	*out = v;
	return true;
}

/* A byte count from min to max for option opt; says what it wants if not. */
static bool
parse_bytes(const char *opt, const char *s, unsigned long min,
    unsigned long max, const char *range, int *out)
{
	char *end;

	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || s[0] == '-' || end == s ||
	    v < min || v > max) {
		fprintf(stderr, "leaksniff: %s: `%s' is not a number of bytes "
		    "from %s\n", opt, s, range);
		return false;
	}
	*out = (int)v;
	return true;
}

/* The installed rules, or those beside a binary run from the source tree. */
static const char *
default_rules(char *buf, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			/* ./leaksniff or build-asan/leaksniff in the tree */
			snprintf(buf, len, "%s/rules/default.yaml", exe);
			if (access(buf, R_OK) == 0)
				return buf;
			snprintf(buf, len, "%s/../rules/default.yaml", exe);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	snprintf(buf, len, "%s/default.yaml", LS_DATADIR);
	return buf;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_MAX_FLOWS = 256, OPT_OUTAGE, OPT_DECIDE, OPT_CHECK_RULES,
	    OPT_SYSLOG, OPT_EXEC, OPT_BUFSIZE, OPT_NO_KFILTER,
	    OPT_NO_LEARN_LAN };
	static const struct option longopts[] = {
		{ "read",		required_argument, NULL, 'r' },
		{ "interface",		required_argument, NULL, 'i' },
		{ "rules",		required_argument, NULL, 'R' },
		{ "vpn-endpoint",	required_argument, NULL, 'e' },
		{ "lan",		required_argument, NULL, 'L' },
		{ "json",		no_argument,	   NULL, 'j' },
		{ "output",		required_argument, NULL, 'o' },
		{ "write",		required_argument, NULL, 'w' },
		{ "expect",		required_argument, NULL, 'x' },
		{ "filter",		required_argument, NULL, 'f' },
		{ "quiet",		no_argument,	   NULL, 'q' },
		{ "user",		required_argument, NULL, 'Z' },
		{ "help",		no_argument,	   NULL, 'h' },
		{ "version",		no_argument,	   NULL, 'V' },
		{ "max-flows",		required_argument, NULL, OPT_MAX_FLOWS },
		{ "outage",		required_argument, NULL, OPT_OUTAGE },
		{ "decide-after",	required_argument, NULL, OPT_DECIDE },
		{ "check-rules",	no_argument,	   NULL, OPT_CHECK_RULES },
		{ "syslog",		no_argument,	   NULL, OPT_SYSLOG },
		{ "exec",		required_argument, NULL, OPT_EXEC },
		{ "buffer-size",	required_argument, NULL, OPT_BUFSIZE },
		{ "no-kernel-filter",	no_argument,	   NULL, OPT_NO_KFILTER },
		{ "no-learn-lan",	no_argument,	   NULL, OPT_NO_LEARN_LAN },
		{ "snaplen",		required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;
	const char *why;

	while ((ch = getopt_long(argc, argv, "r:i:R:e:L:jo:w:x:f:qZ:s:hV",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (o->nreads == MAX_LIST)
				goto toomany;
			o->reads[o->nreads++] = optarg;
			break;
		case 'i':
			if (o->nifaces == MAX_LIST)
				goto toomany;
			o->ifaces[o->nifaces++] = optarg;
			break;
		case 'R':
			o->rules = optarg;
			break;
		case 'e':
			if (o->nendpoints == MAX_LIST)
				goto toomany;
			if (!parse_endpoint(optarg,
			    &o->endpoints[o->nendpoints])) {
				fprintf(stderr, "leaksniff: -e: cannot parse "
				    "endpoint `%s' (ADDR[:PORT][/udp|/tcp], "
				    "[IPv6]:PORT)\n", optarg);
				return -1;
			}
			o->nendpoints++;
			break;
		case 'L':
			if (o->nlan == MAX_LIST)
				goto toomany;
			if (!cidr_parse(optarg, &o->lan[o->nlan], &why)) {
				fprintf(stderr, "leaksniff: -L: bad prefix `%s': "
				    "%s\n", optarg, why);
				return -1;
			}
			o->nlan++;
			break;
		case 'j':
			o->json = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'w':
			o->write = optarg;
			break;
		case 'x':
			o->expect = optarg;
			break;
		case 'f':
			o->filter = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'Z':
			o->user = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_CLEAN);
		case 'V':
			printf("leaksniff %s (nDPI %s)\n", LS_VERSION,
			    classify_version());
			exit(EXIT_CLEAN);
		case OPT_MAX_FLOWS: {
			char *end;
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || v == 0 ||
			    v > (1ull << 26) || optarg[0] == '-') {
				fprintf(stderr, "leaksniff: --max-flows: `%s' is "
				    "not a number from 1 to %llu\n", optarg,
				    1ull << 26);
				return -1;
			}
			o->max_flows = (size_t)v;
			break;
		}
		case OPT_OUTAGE:
			if (!parse_seconds(optarg, &o->outage_after)) {
				fprintf(stderr, "leaksniff: --outage: `%s' is not "
				    "a number of seconds (0 < s <= 86400)\n",
				    optarg);
				return -1;
			}
			break;
		case OPT_DECIDE:
			if (!parse_seconds(optarg, &o->decide_after)) {
				fprintf(stderr, "leaksniff: --decide-after: `%s' "
				    "is not a number of seconds (0 < s <= "
				    "86400)\n", optarg);
				return -1;
			}
			break;
		case OPT_CHECK_RULES:
			o->check_rules = true;
			break;
		case OPT_SYSLOG:
			o->use_syslog = true;
			break;
		case OPT_EXEC:
			o->exec_cmd = optarg;
			break;
		case OPT_BUFSIZE:
			if (!parse_bytes("--buffer-size", optarg, 4096, 1ul << 30,
			    "4096 to 1 GiB", &o->bufsize))
				return -1;
			break;
		case OPT_NO_KFILTER:
			o->no_kfilter = true;
			break;
		case OPT_NO_LEARN_LAN:
			o->no_learn_lan = true;
			break;
		case 's':
			if (!parse_bytes("--snaplen", optarg, 256, 262144,
			    "256 to 262144", &o->snaplen))
				return -1;
			break;
		default:
			usage(stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "leaksniff: unexpected argument `%s'\n",
		    argv[optind]);
		usage(stderr);
		return -1;
	}
	if (o->nreads > 0 && o->nifaces > 0) {
		fprintf(stderr, "leaksniff: -r and -i cannot be mixed\n");
		return -1;
	}
	return 0;
toomany:
	fprintf(stderr, "leaksniff: option -%c given more than %d times\n", ch,
	    MAX_LIST);
	return -1;
}

/* SIGHUP: reload the rules (a bad file keeps the old ones), reopen -o. */
struct hup_ctx {
	const struct options	 *o;
	struct ls_ruleset	**rules;
	struct ls_engine	 *eng;
	FILE			**out;
	struct ls_reporter	 *rep;
};

static void
on_hup(void *arg)
{
	struct hup_ctx *h = arg;
	struct ls_ruleset *rs = rules_load(h->o->rules, stderr);

	if (rs == NULL)
		fprintf(stderr, "leaksniff: %s: rule file rejected; keeping "
		    "the rules loaded before\n", h->o->rules);
	else {
		/* chain the old set behind the new: freed at exit */
		rs->next = *h->rules;
		*h->rules = rs;
		engine_set_rules(h->eng, rs);
		fprintf(stderr, "leaksniff: %s: %zu rules reloaded\n",
		    h->o->rules, rs->nrules);
	}
	if (h->o->output != NULL) {
		FILE *f = fopen(h->o->output, "a");
		if (f == NULL)
			fprintf(stderr, "leaksniff: %s: cannot reopen: %s; "
			    "still writing to the file open before\n",
			    h->o->output, strerror(errno));
		else {
			fclose(*h->out);
			setvbuf(f, NULL, _IOLBF, 0);
			*h->out = f;
			h->rep->out = f;
		}
	}
}

/* Evidence callback: one pcap, one link type. */
struct evidence_ctx {
	struct ls_evidence	*ev;
	const char		*path;
	int			 dlt;		/* of the current source */
	int			 file_dlt;	/* of the evidence file */
	bool			 live;
	bool			 warned;
	uint64_t		 mismatched;
};

static void
evidence_cb(void *arg, uint64_t ts, uint32_t caplen, uint32_t len,
    const uint8_t *frame)
{
	struct evidence_ctx *x = arg;

	if (x->ev == NULL) {
		x->ev = evidence_open(x->path, x->dlt, x->live);
		x->file_dlt = x->dlt;
		if (x->ev == NULL) {
			x->mismatched++;
			return;
		}
	}
	if (x->dlt != x->file_dlt) {
		if (!x->warned)
			fprintf(stderr, "leaksniff: %s: leaked packets of "
			    "another link type are not written (a pcap has "
			    "one link type)\n", x->path);
		x->warned = true;
		x->mismatched++;
		return;
	}
	evidence_write(x->ev, ts, caplen, len, frame);
}

int
main(int argc, char **argv)
{
	struct options o;
	struct ls_ruleset *rules = NULL;
	struct ls_engine *eng = NULL;
	struct ls_verify *ex = NULL;
	struct ls_alert *al = NULL;
	struct ls_reporter rep, *top;
	struct evidence_ctx evx;
	char rbuf[PATH_MAX + 64];
	int status = EXIT_CLEAN;
	bool errors = false;
	FILE *out = stdout;

	memset(&o, 0, sizeof(o));
	memset(&evx, 0, sizeof(evx));
	o.outage_after = 5;
	o.decide_after = 1;
	if (parse_options(argc, argv, &o) != 0)
		return EXIT_ERROR;
	if (o.rules == NULL)
		o.rules = default_rules(rbuf, sizeof(rbuf));
	rules = rules_load(o.rules, stderr);
	if (rules == NULL) {
		fprintf(stderr, "leaksniff: %s: rule file rejected\n", o.rules);
		return EXIT_ERROR;
	}
	if (o.check_rules) {
		printf("%s: %zu rules, OK\n", o.rules, rules->nrules);
		rules_free(rules);
		return EXIT_CLEAN;
	}
	if (rules->outage_after > 0 && o.outage_after == 5)
		o.outage_after = rules->outage_after;
	if (o.expect != NULL && (ex = verify_load(o.expect, stderr)) == NULL) {
		rules_free(rules);
		return EXIT_ERROR;
	}
	if (o.output != NULL && (out = fopen(o.output, "a")) == NULL) {
		fprintf(stderr, "leaksniff: %s: %s\n", o.output, strerror(errno));
		rules_free(rules);
		verify_free(ex);
		return EXIT_ERROR;
	}

	memset(&rep, 0, sizeof(rep));
	rep.ops = o.json ? &report_json_ops : &report_text_ops;
	rep.out = out;
	rep.quiet = o.quiet;
	top = &rep;
	if (o.use_syslog || o.exec_cmd != NULL) {
		if ((al = alert_new(o.use_syslog, o.exec_cmd, &rep)) == NULL) {
			fprintf(stderr, "leaksniff: out of memory\n");
			status = EXIT_ERROR;
			goto out;
		}
		top = alert_reporter(al);
	}
	if (ex != NULL)
		top = verify_reporter(ex, top);

	struct ls_engine_cfg cfg = {
		.rules = rules,
		.lan = o.lan,
		.nlan = o.nlan,
		.endpoints = o.endpoints,
		.nendpoints = o.nendpoints,
		.max_flows = o.max_flows,
		.outage_after = o.outage_after,
		.decide_after = o.decide_after,
		.no_learn_lan = o.no_learn_lan,
		.want_evidence = o.write != NULL,
		.evidence = evidence_cb,
		.evidence_arg = &evx,
	};
	evx.path = o.write;
	eng = engine_new(&cfg, top);
	if (eng == NULL) {
		fprintf(stderr, "leaksniff: cannot set up (out of memory, or "
		    "nDPI failed to start)\n");
		status = EXIT_ERROR;
		goto out;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);

	if (o.nreads == 0) {
		/* live: every event reaches the file or pipe as it happens */
		setvbuf(out, NULL, _IOLBF, 0);
		struct hup_ctx hc = { &o, &rules, eng, &out, &rep };
		struct live_cfg lc = {
			.ifaces = o.ifaces, .nifaces = o.nifaces,
			.filter = o.filter,
			.user = o.user != NULL ? o.user : "nobody",
			.sysfs = "/sys/class/net", .bufsize = o.bufsize,
			.no_kfilter = o.no_kfilter, .snaplen = o.snaplen,
			.outage = o.outage_after,
			.stop = &stop_flag,
			.hup = &hup_flag, .usr1 = &usr1_flag,
			.on_hup = on_hup, .arg = &hc,
		};
		/* -o is reopened on SIGHUP, after the privilege drop */
		if (o.output != NULL)
			(void)privdrop_give(fileno(out), o.output, lc.user);
		/* live sources share the evidence file: first link type wins;
		 * open it now, before any privilege is dropped */
		evx.dlt = 1;
		evx.live = true;
		if (o.write != NULL && (evx.ev = evidence_open(o.write, 1,
		    true)) == NULL) {
			status = EXIT_ERROR;
			goto out;
		}
		evx.file_dlt = 1;
		engine_stats(eng)->live = true;
		if (live_run(&lc, eng) != 0)
			errors = true;
		engine_end_source(eng);
	}
	for (size_t i = 0; i < o.nreads && !stop_flag; i++) {
		const char *name = o.reads[i];
		struct ls_capture *cap = capture_open_file(name);
		struct ls_source src;

		if (cap == NULL) {
			errors = true;
			continue;
		}
		if (!decode_supported(capture_dlt(cap))) {
			fprintf(stderr, "leaksniff: %s: link type %s (%d) is not "
			    "supported (EN10MB, LINUX_SLL, LINUX_SLL2, RAW, "
			    "IPV4, IPV6, NULL, LOOP are)\n", name,
			    capture_dlt_name(cap), capture_dlt(cap));
			capture_close(cap);
			errors = true;
			continue;
		}
		if (o.filter != NULL && !capture_set_filter(cap, o.filter)) {
			capture_close(cap);
			errors = true;
			continue;
		}
		memset(&src, 0, sizeof(src));
		src.name = name;
		src.offline = true;
		src.dlt = capture_dlt(cap);
		src.index = (uint32_t)i;
		evx.dlt = src.dlt;
		engine_begin_source(eng, &src);
		if (capture_run(cap, eng, &stop_flag) != 0)
			errors = true;
		engine_end_source(eng);
		capture_close(cap);
	}

	struct ls_stats *st = engine_stats(eng);
	if (evx.ev != NULL)
		st->evidence_write_errors += evidence_close(evx.ev);
	st->evidence_write_errors += evx.mismatched;
	if (top->ops->end != NULL)
		top->ops->end(top, st, classify_version());
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "leaksniff: %s: write error\n",
		    o.output != NULL ? o.output : "stdout");
		errors = true;
	}
	if (o.write != NULL && st->evidence_write_errors > 0) {
		fprintf(stderr, "leaksniff: %s: %llu evidence packets could not "
		    "be written\n", o.write,
		    (unsigned long long)st->evidence_write_errors);
		errors = true;
	}

	if (ex != NULL)
		/* with -j the difference goes to stderr: stdout stays JSON */
		status = verify_check(ex, st, o.json ? stderr : out) ?
		    EXIT_CLEAN : EXIT_LEAK;
	else
		status = st->leak_flows > 0 ? EXIT_LEAK : EXIT_CLEAN;
	if (errors)
		status = EXIT_ERROR;
out:
	engine_free(eng);
	alert_free(al);
	verify_free(ex);
	rules_free(rules);
	if (out != stdout)
		fclose(out);
	return status;
}
