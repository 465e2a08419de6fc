/* SPDX-License-Identifier: MIT */
/*
 * t_engine.c - the engine's carrier fast path changes nothing: every
 * bundled Ethernet capture, and a small capture of each of the benchmark's
 * traffic shapes (made here by ./pcapgen --bench N --shape NAME), gives
 * byte-identical JSON events and summary with it and without it, and it
 * does take the carrier's packets.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture.h"
#include "classify.h"
#include "engine.h"
#include "frames.h"
#include "report.h"
#include "report_exposed.h"
#include "rules.h"

static struct ls_ruleset *rules;

static char *
run_lan(const char *path, bool fast, bool with_lan, uint64_t *fast_pkts)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct ls_reporter rep = { &report_json_ops, out, false, false, 0 };
	struct ls_cidr lan;
	struct ls_engine_cfg cfg;
	struct ls_source src;
	struct ls_capture *cap = capture_open_file(path, NULL);

	assert_non_null(out);
	assert_non_null(cap);
	assert_true(cidr_parse("192.0.2.0/24", &lan, NULL));
	memset(&cfg, 0, sizeof(cfg));
	cfg.rules = rules;
	cfg.lan = with_lan ? &lan : NULL;
	cfg.nlan = with_lan ? 1 : 0;
	cfg.outage_after = 5;
	cfg.decide_after = 1;
	cfg.no_fastpath = !fast;
	struct ls_engine *e = engine_new(&cfg, &rep);
	assert_non_null(e);
	memset(&src, 0, sizeof(src));
	src.name = path;
	src.offline = true;
	src.dlt = capture_dlt(cap);
	engine_begin_source(e, &src);
	assert_int_equal(capture_run(cap, e), 0);
	engine_end_source(e);
	capture_close(cap);
	*fast_pkts = engine_stats(e)->fast_packets;
	report_json_ops.end(&rep, engine_stats(e), classify_version());
	engine_free(e);
	fclose(out);
	return buf;
}

/* The goldens' way: the client's LAN given with -L. */
static char *
run(const char *path, bool fast, uint64_t *fast_pkts)
{
	return run_lan(path, fast, true, fast_pkts);
}

/* A copy of capture `in' cut to `snap' bytes a packet, as a live capture
 * with that snap length would have kept it; NULL for a non-pcap file. */
static char *
snapped(const char *in, int snap)
{
	static char path[] = "/tmp/t_engine_snapXXXXXX";
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *r = pcap_open_offline(in, err);

	if (r == NULL)
		return NULL;
	strcpy(path, "/tmp/t_engine_snapXXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	pcap_t *dead = pcap_open_dead(pcap_datalink(r), snap);
	pcap_dumper_t *w = pcap_dump_open(dead, path);
	assert_non_null(w);
	while (pcap_next_ex(r, &h, &d) == 1) {
		struct pcap_pkthdr c = *h;
		if (c.caplen > (bpf_u_int32)snap)
			c.caplen = (bpf_u_int32)snap;
		pcap_dump((u_char *)w, &c, d);
	}
	pcap_dump_close(w);
	pcap_close(dead);
	pcap_close(r);
	return path;
}

/* Every bundled capture run with and without the fast path, whole and cut
 * to a 96-byte snap length (payloads short, headers whole), once for all
 * the tests that look at the results. */
#define MAX_CAPS	64

struct cmp {
	char		 name[256];
	bool		 same, snap_same, snapped, snap_anomalies;
	uint64_t	 fp, slow_fp, snap_fp;
};

static struct cmp cmps[MAX_CAPS];
static size_t ncmps;

static void
compare(const char *p, struct cmp *c)
{
	uint64_t slow_fp;

	snprintf(c->name, sizeof(c->name), "%s", p);
	char *a = run(p, true, &c->fp);
	char *b = run(p, false, &c->slow_fp);
	c->same = strcmp(a, b) == 0;
	free(a);
	free(b);
	const char *cut = snapped(p, 96);
	if (cut == NULL)
		return;
	c->snapped = true;
	a = run(cut, true, &c->snap_fp);
	b = run(cut, false, &slow_fp);
	c->snap_same = strcmp(a, b) == 0;
	c->snap_anomalies = strstr(a, "\"anomaly_packets\":0,") == NULL;
	unlink(cut);
	free(a);
	free(b);
}

static const struct cmp *
compared(size_t *n)
{
	glob_t g;

	if (ncmps == 0) {
		assert_int_equal(glob("pcaps/gen/*.pcap", 0, NULL, &g), 0);
		for (size_t i = 0; i < g.gl_pathc && ncmps < MAX_CAPS; i++) {
			if (strstr(g.gl_pathv[i], "unsupported") != NULL)
				continue;
			compare(g.gl_pathv[i], &cmps[ncmps++]);
		}
		globfree(&g);
	}
	assert_true(ncmps > 0);
	*n = ncmps;
	return cmps;
}

static void
t_fast_path_changes_no_capture_s_output(void **state)
{
	size_t n;
	const struct cmp *c = compared(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		if (!c[i].same)
			fail_msg("%s: the fast path changes the output",
			    c[i].name);
}

static void
t_slow_path_counts_no_fast_packets(void **state)
{
	size_t n;
	const struct cmp *c = compared(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(c[i].slow_fp, 0);
}

static void
t_fast_path_takes_nearly_all_of_a_wireguard_carrier(void **state)
{
	size_t n, found = 0;
	const struct cmp *c = compared(&n);
	uint64_t total = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		total += c[i].fp;
		if (strstr(c[i].name, "wg-clean") != NULL) {
			assert_true(c[i].fp > 400);	/* nearly all of its 495 */
			found++;
		}
	}
	assert_int_equal(found, 1);
	assert_true(total > 0);
}

static void
t_fast_path_changes_no_output_snapped_to_96_bytes(void **state)
{
	size_t n;
	const struct cmp *c = compared(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		if (c[i].snapped && !c[i].snap_same)
			fail_msg("%s cut to 96 bytes: the fast path changes the "
			    "output", c[i].name);
}

static void
t_fast_path_takes_the_carrier_snapped_to_96_bytes(void **state)
{
	size_t n;
	const struct cmp *c = compared(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		if (c[i].snapped && strstr(c[i].name, "wg-clean") != NULL)
			assert_true(c[i].snap_fp > 400);
}

static void
t_snap_length_cut_is_no_anomaly(void **state)
{
	size_t n;
	const struct cmp *c = compared(&n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		if (c[i].snapped && c[i].snap_anomalies &&
		    strstr(c[i].name, "hostile") == NULL)
			fail_msg("%s cut to 96 bytes: anomalies reported",
			    c[i].name);
}

/*
 * The benchmark's shapes (pcaps/pcapgen/shapes.c, bench/run.sh), small:
 * each made here by ./pcapgen, run with and without the fast path, with
 * the LAN given and without (as users run it), whole and cut to 96 bytes.
 * carriers3 once more past WireGuard's 120 s rekey, so that new sessions
 * on flows the fast path knows are in.
 */
static const struct {
	const char	*name;
	unsigned long	 packets;
} shape_caps[] = {
	{ "carrier1", 2000 }, { "carriers3", 2000 }, { "lanwide", 3000 },
	{ "vpnoff", 2000 }, { "flood", 2000 }, { "v6vlan", 2000 },
	{ "carriers3", 125000 },
};
#define NSHAPES	(sizeof(shape_caps) / sizeof(shape_caps[0]))

struct shape_cmp {
	char		 name[64];
	bool		 same, bare_same, snap_same;
	uint64_t	 fp, packets;
};

static struct shape_cmp shape_cmps[NSHAPES];
static bool shapes_done;

static bool
same_runs(const char *p, bool lan, uint64_t *fp)
{
	uint64_t slow_fp;
	char *a = run_lan(p, true, lan, fp);
	char *b = run_lan(p, false, lan, &slow_fp);
	bool same = strcmp(a, b) == 0 && slow_fp == 0;

	free(a);
	free(b);
	return same;
}

static const struct shape_cmp *
shapes_compared(void)
{
	char dir[] = "/tmp/t_engine_shapesXXXXXX", path[128], cmd[512];
	uint64_t fp;

	if (shapes_done)
		return shape_cmps;
	if (access("./pcapgen", X_OK) != 0)
		fail_msg("./pcapgen is missing (make pcapgen): it makes the "
		    "shapes' captures");
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < NSHAPES; i++) {
		struct shape_cmp *c = &shape_cmps[i];
		snprintf(c->name, sizeof(c->name), "%s (%lu packets)",
		    shape_caps[i].name, shape_caps[i].packets);
		snprintf(path, sizeof(path), "%s/%s-%lu.pcap", dir,
		    shape_caps[i].name, shape_caps[i].packets);
		snprintf(cmd, sizeof(cmd), "./pcapgen --bench %lu --shape %s "
		    "%s >/dev/null", shape_caps[i].packets, shape_caps[i].name,
		    path);
		if (system(cmd) != 0)
			fail_msg("`%s' failed", cmd);
		c->packets = shape_caps[i].packets;
		c->same = same_runs(path, true, &c->fp);
		c->bare_same = same_runs(path, false, &fp);
		const char *cut = snapped(path, 96);
		assert_non_null(cut);
		c->snap_same = same_runs(cut, true, &fp);
		unlink(cut);
		unlink(path);
	}
	rmdir(dir);
	shapes_done = true;
	return shape_cmps;
}

static void
t_fast_path_changes_no_shape_s_output(void **state)
{
	const struct shape_cmp *c = shapes_compared();

	(void)state;
	for (size_t i = 0; i < NSHAPES; i++)
		if (!c[i].same)
			fail_msg("shape %s: the fast path changes the output",
			    c[i].name);
}

static void
t_fast_path_changes_no_shape_s_output_without_lan(void **state)
{
	const struct shape_cmp *c = shapes_compared();

	(void)state;
	for (size_t i = 0; i < NSHAPES; i++)
		if (!c[i].bare_same)
			fail_msg("shape %s, no LAN given: the fast path changes "
			    "the output", c[i].name);
}

static void
t_fast_path_changes_no_shape_s_output_snapped_to_96_bytes(void **state)
{
	const struct shape_cmp *c = shapes_compared();

	(void)state;
	for (size_t i = 0; i < NSHAPES; i++)
		if (!c[i].snap_same)
			fail_msg("shape %s cut to 96 bytes: the fast path changes "
			    "the output", c[i].name);
}

/* carrier1, the shape the fast path was made for: it takes nearly all of
 * the carrier (90% of the packets, less the packets a timer is due on). */
static void
t_fast_path_takes_most_of_carrier1(void **state)
{
	const struct shape_cmp *c = shapes_compared();

	(void)state;
	assert_string_equal(c[0].name, "carrier1 (2000 packets)");
	assert_true(c[0].fp > c[0].packets * 8 / 10);
}

/* A carrier that outlives the UDP timeout by far, two packets every 10 s,
 * run with the fast path or without it. */
static struct ls_stats
long_carrier(bool fast)
{
	uint8_t b[256];
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct ls_reporter rep = { &report_json_ops, out, false, false, 0 };
	struct ls_engine_cfg cfg;
	struct ls_source src = { "synthetic", "synthetic", true, 1, 0 };
	struct ls_stats st;

	memset(&cfg, 0, sizeof(cfg));
	cfg.rules = rules;
	cfg.outage_after = 30;
	cfg.decide_after = 1;
	cfg.no_fastpath = !fast;
	struct ls_engine *e = engine_new(&cfg, &rep);
	engine_begin_source(e, &src);
	uint64_t t = 1767225600000000ull, cnt = 0;
	size_t l = wg_frame(b, true, 1, 148);
	engine_packet(e, t, (uint32_t)l, (uint32_t)l, b, ++cnt);
	l = wg_frame(b, false, 2, 92);
	engine_packet(e, t + 1000, (uint32_t)l, (uint32_t)l, b, ++cnt);
	for (int i = 0; i < 60; i++) {
		/* a pair 1 ms apart: the first, after a 10 s gap, goes the
		 * full way (the tunnel's life looks at it), the second is the
		 * fast path's */
		t += 10000000;
		l = wg_frame(b, i % 2 == 0, 4, 64);
		engine_packet(e, t, (uint32_t)l, (uint32_t)l, b, ++cnt);
		engine_packet(e, t + 1000, (uint32_t)l, (uint32_t)l, b, ++cnt);
	}
	engine_end_source(e);
	st = *engine_stats(e);
	engine_free(e);
	exposed_free(rep.exposed);	/* the reporter's, kept for its end */
	fclose(out);
	free(buf);
	return st;
}

/* The fast path must keep the flow alive exactly as lookups do. */
static void
t_long_carrier_stays_one_flow_with_or_without_fast_path(void **state)
{
	struct ls_stats slow = long_carrier(false), fast = long_carrier(true);

	(void)state;
	assert_int_equal(slow.flows, 1);
	assert_int_equal(fast.flows, slow.flows);
	assert_int_equal(fast.flows_expired, slow.flows_expired);
	assert_int_equal(fast.carrier_packets, 122);
	assert_int_equal(slow.carrier_packets, 122);
}

static void
t_long_carrier_goes_by_the_fast_path(void **state)
{
	struct ls_stats fast = long_carrier(true);

	(void)state;
	/* the second of each pair, but for those a timer falls due on (the
	 * tunnel's lazy deadline: one pair in three here) */
	assert_true(fast.fast_packets >= 35);
}

/* An engine fed packet by packet, its JSON events in memory. */
struct feed {
	char			*buf;
	size_t			 n;
	FILE			*out;
	struct ls_reporter	 rep;
	struct ls_cidr		 lan;
	struct ls_source	 src;
	struct ls_engine	*e;
	uint64_t		 cnt;
};

static void
feed_open_ops(struct feed *h, const struct reporter_ops *ops)
{
	struct ls_engine_cfg cfg;

	memset(h, 0, sizeof(*h));
	h->out = open_memstream(&h->buf, &h->n);
	assert_non_null(h->out);
	h->rep = (struct ls_reporter){ ops, h->out, false, false, 0 };
	h->src = (struct ls_source){ "synthetic", "synthetic", true, 1, 0 };
	assert_true(cidr_parse("192.0.2.0/24", &h->lan, NULL));
	memset(&cfg, 0, sizeof(cfg));
	cfg.rules = rules;
	cfg.lan = &h->lan;
	cfg.nlan = 1;
	cfg.outage_after = 5;
	cfg.decide_after = 1;
	h->e = engine_new(&cfg, &h->rep);
	assert_non_null(h->e);
	engine_begin_source(h->e, &h->src);
}

static void
feed_open(struct feed *h)
{
	feed_open_ops(h, &report_json_ops);
}

static void
feed(struct feed *h, uint64_t ts_us, const uint8_t *f, size_t l)
{
	engine_packet(h->e, ts_us, (uint32_t)l, (uint32_t)l, f, ++h->cnt);
	fflush(h->out);
}

static void
feed_close(struct feed *h)
{
	engine_free(h->e);
	exposed_free(h->rep.exposed);	/* the reporter's, kept for its end */
	fclose(h->out);
	free(h->buf);
}

static const uint8_t cli[4] = { 192, 0, 2, 10 };
static const uint8_t res[4] = { 198, 51, 100, 53 };
static const uint64_t T0 = 1767225600000000ull;

/*
 * A DNS query leaks at its first packet whatever its random ID: one whose
 * first byte reads as an OpenVPN hard reset (0x38, 0x50) must not wait
 * for a server reset that never comes.
 */
static void
t_dns_query_leaks_at_its_first_packet_whatever_its_id(void **state)
{
	/* leak.example.com A, RD */
	static const uint8_t q[] = { 0, 0, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	    4, 'l', 'e', 'a', 'k', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	    3, 'c', 'o', 'm', 0, 0, 1, 0, 1 };
	uint8_t f[256], pl[sizeof(q)];
	struct feed h;

	(void)state;
	for (int id = 0; id < 256; id++) {
		feed_open(&h);
		memcpy(pl, q, sizeof(q));
		pl[0] = (uint8_t)id;
		pl[1] = 0x5a;
		feed(&h, T0, f, udp_frame(f, cli, 40000, res, 53, pl,
		    sizeof(pl)));
		if (h.buf == NULL ||
		    strstr(h.buf, "\"event_type\":\"leak\"") == NULL)
			fail_msg("DNS query with ID %02x5a: no leak at its packet",
			    id);
		engine_end_source(h.e);
		feed_close(&h);
	}
}

/* A real OpenVPN reset on UDP 53, answered by the server's, stays the
 * carrier. */
static void
t_openvpn_reset_answered_on_udp_53_is_carrier(void **state)
{
	uint8_t f[256];
	uint8_t reset[14] = { 0x38, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0 };
	struct feed h;

	(void)state;
	/* client hard reset v2, server hard reset v2 */
	feed_open(&h);
	feed(&h, T0, f, udp_frame(f, cli, 40000, res, 53, reset,
	    sizeof(reset)));
	reset[0] = 0x40;
	feed(&h, T0 + 10000, f, udp_frame(f, res, 53, cli, 40000, reset,
	    sizeof(reset)));
	engine_end_source(h.e);
	assert_int_equal(engine_stats(h.e)->leak_flows, 0);
	assert_int_equal(engine_stats(h.e)->carrier_flows, 1);
	feed_close(&h);
}

static const uint8_t fa[4] = { 192, 0, 2, 10 }, fb[4] = { 203, 0, 113, 7 };

/*
 * Work, not seconds (issue 5): a flood of 100,000 later IP fragments (each
 * a new datagram id) is counted, never reassembled or tracked: no flow, no
 * buffer, O(1) each.
 */
static void
t_later_fragment_flood_is_counted_never_tracked(void **state)
{
	uint8_t f[256], pl[64];
	struct feed h;

	(void)state;
	memset(pl, 0x42, sizeof(pl));
	feed_open(&h);
	for (uint32_t i = 0; i < 100000; i++) {
		size_t l = udp_frame(f, fa, 40000, fb, 9999, pl, sizeof(pl));
		f[18] = (uint8_t)(i >> 8); f[19] = (uint8_t)i;	/* id */
		f[20] = 0x20 | 0x01;		/* MF, offset 256 bytes */
		f[21] = 0x00;
		feed(&h, T0 + i, f, l);
	}
	const struct ls_stats *st = engine_stats(h.e);
	assert_int_equal(st->packets, 100000);
	assert_int_equal(st->frag_later, 100000);
	assert_int_equal(st->flows, 0);
	engine_end_source(h.e);
	feed_close(&h);
}

/* First fragments: one flow per 5-tuple, as any packet. */
static void
t_first_fragments_make_ordinary_flows(void **state)
{
	uint8_t f[256], pl[64];
	struct feed h;

	(void)state;
	memset(pl, 0x42, sizeof(pl));
	feed_open(&h);
	for (uint32_t i = 0; i < 1000; i++) {
		size_t l = udp_frame(f, fa, (uint16_t)(40000 + i % 10), fb, 9999,
		    pl, sizeof(pl));
		f[18] = (uint8_t)(i >> 8); f[19] = (uint8_t)i;
		f[20] = 0x20;			/* MF, offset 0 */
		feed(&h, T0 + 200000 + i, f, l);
	}
	assert_int_equal(engine_stats(h.e)->flows, 10);
	engine_end_source(h.e);
	feed_close(&h);
}

/*
 * A DNS name with a NUL byte in a label is shown whole, escaped the same
 * way in every field: the leak's name and the flow's list of names, in
 * text (\x00) and in JSON (\u0000).  The list once stopped at the NUL.
 */
static void
t_dns_name_with_nul_is_escaped_alike_in_every_field(void **state)
{
	static const uint8_t c4[4] = { 192, 0, 2, 10 };
	static const uint8_t r4[4] = { 198, 51, 100, 53 };
	/* "a\0b.example" A, then "c.example" A, in one flow */
	static const uint8_t q1[] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0,
	    0, 0, 3, 'a', 0, 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
	    0, 1, 0, 1 };
	static const uint8_t q2[] = { 0x12, 0x35, 0x01, 0x00, 0, 1, 0, 0, 0, 0,
	    0, 0, 1, 'c', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1 };
	static const char *const want[2][3] = {
		{ "\"rrname\":\"a\\u0000b.example\"",
		    "\"dns_names\":[\"a\\u0000b.example\",\"c.example\"]", NULL },
		{ " dns=a\\x00b.example/A ",
		    "asked 2 names: a\\x00b.example c.example", NULL },
	};
	const uint64_t t = 1767225600000000ull;
	uint8_t f[256];
	struct feed h;

	(void)state;
	for (int text = 0; text < 2; text++) {
		feed_open_ops(&h, text ? &report_text_ops : &report_json_ops);
		feed(&h, t, f, udp_frame(f, c4, 40000, r4, 53, q1, sizeof(q1)));
		feed(&h, t + 1000, f, udp_frame(f, c4, 40000, r4, 53, q2,
		    sizeof(q2)));
		engine_end_source(h.e);
		fflush(h.out);
		assert_non_null(h.buf);
		for (int i = 0; want[text][i] != NULL; i++)
			if (strstr(h.buf, want[text][i]) == NULL)
				fail_msg("no `%s' in:\n%s", want[text][i], h.buf);
		feed_close(&h);
	}
}

int
main(void)
{
	rules = rules_load("rules/default.yaml", stderr);
	if (rules == NULL)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_fast_path_changes_no_capture_s_output),
		cmocka_unit_test(t_slow_path_counts_no_fast_packets),
		cmocka_unit_test(t_fast_path_takes_nearly_all_of_a_wireguard_carrier),
		cmocka_unit_test(t_fast_path_changes_no_output_snapped_to_96_bytes),
		cmocka_unit_test(t_fast_path_takes_the_carrier_snapped_to_96_bytes),
		cmocka_unit_test(t_snap_length_cut_is_no_anomaly),
		cmocka_unit_test(t_fast_path_changes_no_shape_s_output),
		cmocka_unit_test(t_fast_path_changes_no_shape_s_output_without_lan),
		cmocka_unit_test(t_fast_path_changes_no_shape_s_output_snapped_to_96_bytes),
		cmocka_unit_test(t_fast_path_takes_most_of_carrier1),
		cmocka_unit_test(t_long_carrier_stays_one_flow_with_or_without_fast_path),
		cmocka_unit_test(t_long_carrier_goes_by_the_fast_path),
		cmocka_unit_test(t_dns_query_leaks_at_its_first_packet_whatever_its_id),
		cmocka_unit_test(t_openvpn_reset_answered_on_udp_53_is_carrier),
		cmocka_unit_test(t_later_fragment_flood_is_counted_never_tracked),
		cmocka_unit_test(t_first_fragments_make_ordinary_flows),
		cmocka_unit_test(t_dns_name_with_nul_is_escaped_alike_in_every_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
