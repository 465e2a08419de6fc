/* SPDX-License-Identifier: MIT */
/* t_flow.c - the flow table: keys, direction, timeouts, eviction, order. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "flow.h"

struct ends {
	unsigned	n, timeout, evicted, eof;
	uint64_t	order[64];
};

static void
on_end(struct ls_flow *f, enum flow_end_reason why, void *arg)
{
	struct ends *e = arg;

	if (e->n < 64)
		e->order[e->n] = f->seq;
	e->n++;
	e->timeout += why == END_TIMEOUT;
	e->evicted += why == END_EVICTED;
	e->eof += why == END_EOF;
}

static struct ls_packet
P(const char *s, uint16_t sp, const char *d, uint16_t dp, uint8_t proto,
    uint64_t t)
{
	struct ls_packet p;

	memset(&p, 0, sizeof(p));
	assert_true(addr_parse(s, &p.src));
	assert_true(addr_parse(d, &p.dst));
	p.sport = sp;
	p.dport = dp;
	p.proto = proto;
	p.ts_us = t;
	p.ip_version = addr_is_v4(&p.src) ? 4 : 6;
	p.l3 = p.ip_version == 4 ? L3_IPV4 : L3_IPV6;
	return p;
}

/* A flow first seen from its reply side is turned round: its client is
 * the side that asked. */
static void
t_reply_side(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	struct ls_addr cli;
	enum flow_dir d;
	bool c;

	(void)state;
	assert_true(addr_parse("192.0.2.10", &cli));
	/* a late DNS answer, its query never seen */
	struct ls_packet a = P("198.51.100.53", 53, "192.0.2.10", 40000, 17, 0);
	a.flags = PKT_HAS_L4;
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	assert_true(c);
	assert_int_equal(d, DIR_TOCLIENT);
	assert_memory_equal(f->cli.b, cli.b, 16);
	assert_int_equal(f->cport, 40000);
	assert_int_equal(f->sport, 53);
	/* a SYN+ACK from a high port */
	struct ls_packet b = P("198.51.100.9", 8443, "192.0.2.10", 50000, 6, 1);
	b.flags = PKT_HAS_L4;
	b.tcp_flags = 0x12;
	f = flow_lookup(t, &b, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOCLIENT);
	assert_int_equal(f->sport, 8443);
	/* an echo reply */
	struct ls_packet r = P("198.51.100.9", 0, "192.0.2.10", 0, 1, 2);
	r.flags = PKT_HAS_L4;
	r.icmp_type = 0;
	f = flow_lookup(t, &r, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOCLIENT);
	assert_memory_equal(f->cli.b, cli.b, 16);
	/* two service ports, two high ports, a SYN: as seen */
	struct ls_packet n = P("198.51.100.9", 123, "192.0.2.10", 123, 17, 3);
	n.flags = PKT_HAS_L4;
	f = flow_lookup(t, &n, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOSERVER);
	struct ls_packet w = P("203.0.113.1", 51820, "192.0.2.10", 41414, 17, 4);
	w.flags = PKT_HAS_L4;
	f = flow_lookup(t, &w, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOSERVER);
	struct ls_packet s = P("198.51.100.9", 80, "192.0.2.10", 50001, 6, 5);
	s.flags = PKT_HAS_L4;
	s.tcp_flags = 0x02;
	f = flow_lookup(t, &s, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOSERVER);
	flow_table_free(t, on_end, &e);
}

static void
t_direction_and_keys(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_packet b = P("198.51.100.1", 2, "192.0.2.10", 1, 17, 1);
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	assert_true(c);
	assert_int_equal(d, DIR_TOSERVER);
	assert_int_equal(f->cport, 1);
	assert_int_equal(flow_lookup(t, &b, &d, &c, on_end, &e), f);
	assert_false(c);
	assert_int_equal(d, DIR_TOCLIENT);
	/* pairs are sorted as pairs: A:2 -> B:1 is another flow */
	struct ls_packet x = P("192.0.2.10", 2, "198.51.100.1", 1, 17, 2);
	assert_ptr_not_equal(flow_lookup(t, &x, &d, &c, on_end, &e), f);
	assert_true(c);
	/* same tuple on another interface or VLAN, or protocol: new flows */
	a.iface = 1;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	a.iface = 0;
	a.vlan = 7;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	a.vlan = 0;
	a.proto = 6;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	/* same address both ends: ports decide the direction */
	struct ls_packet l1 = P("::1", 5, "::1", 6, 17, 3);
	struct ls_packet l2 = P("::1", 6, "::1", 5, 17, 4);
	struct ls_flow *g = flow_lookup(t, &l1, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOSERVER);
	assert_ptr_equal(flow_lookup(t, &l2, &d, &c, on_end, &e), g);
	assert_int_equal(d, DIR_TOCLIENT);
	assert_int_equal(flow_table_stats(t)->active, 6);
	flow_table_free(t, on_end, &e);
	assert_int_equal(e.eof, 6);
	assert_int_equal(flow_table_new(0, 1), NULL);
	flow_table_free(NULL, on_end, &e);
}

static void
t_timeouts(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 2);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;
	const uint64_t S = 1000000;

	(void)state;
	struct ls_packet u = P("192.0.2.10", 1, "198.51.100.1", 53, 17, 0);
	struct ls_packet tc = P("192.0.2.10", 2, "198.51.100.1", 443, 6, 0);
	struct ls_packet fin = tc;
	struct ls_packet open = P("192.0.2.10", 3, "198.51.100.1", 443, 6, 0);
	flow_lookup(t, &u, &d, &c, on_end, &e);
	flow_lookup(t, &tc, &d, &c, on_end, &e);
	flow_lookup(t, &open, &d, &c, on_end, &e);
	fin.tcp_flags = 0x01;
	fin.ts_us = 1 * S;
	flow_lookup(t, &fin, &d, &c, on_end, &e);
	flow_expire(t, 10 * S, on_end, &e);
	assert_int_equal(e.timeout, 0);
	flow_expire(t, 11 * S + 1, on_end, &e);	/* closed TCP after 10 s */
	assert_int_equal(e.timeout, 1);
	flow_expire(t, 60 * S, on_end, &e);
	assert_int_equal(e.timeout, 1);
	flow_expire(t, 60 * S + 1, on_end, &e);	/* UDP after 60 s */
	assert_int_equal(e.timeout, 2);
	/* time going backwards never moves last_us back */
	open.ts_us = 100 * S;
	flow_lookup(t, &open, &d, &c, on_end, &e);
	open.ts_us = 50 * S;
	struct ls_flow *f = flow_lookup(t, &open, &d, &c, on_end, &e);
	assert_int_equal(f->last_us, 100 * S);
	flow_expire(t, 399 * S, on_end, &e);
	assert_int_equal(e.timeout, 2);
	flow_expire(t, 400 * S + 1, on_end, &e);	/* open TCP: 300 s */
	assert_int_equal(e.timeout, 3);
	assert_int_equal(flow_table_stats(t)->active, 0);
	flow_table_free(t, on_end, &e);
}

static void
t_eviction(void **state)
{
	struct ls_flow_table *t = flow_table_new(4, 3);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;
	struct ls_flow *f[4];

	(void)state;
	for (int i = 0; i < 4; i++) {
		struct ls_packet p = P("192.0.2.10", (uint16_t)(100 + i),
		    "198.51.100.1", 80, 6, (uint64_t)i);
		f[i] = flow_lookup(t, &p, &d, &c, on_end, &e);
	}
	f[0]->eng.pinned = true;		/* a leak: keep it */
	struct ls_packet p = P("192.0.2.10", 200, "198.51.100.1", 80, 6, 10);
	flow_lookup(t, &p, &d, &c, on_end, &e);
	assert_int_equal(e.evicted, 1);
	assert_int_equal(e.order[0], 1);	/* oldest unpinned: seq 1 */
	/* everything pinned: the oldest goes, and it is counted */
	for (int i = 0; i < 4; i++)
		f[i]->eng.pinned = true;
	p.sport = 201;
	flow_lookup(t, &p, &d, &c, on_end, &e);
	assert_int_equal(flow_table_stats(t)->evicted_pinned, 1);
	assert_int_equal(flow_table_stats(t)->active, 4);
	flow_table_free(t, on_end, &e);
}

static void
t_first_seen_order(void **state)
{
	(void)state;
	for (uint64_t seed = 1; seed < 3; seed++) {
		struct ls_flow_table *t = flow_table_new(64, seed * 7919);
		struct ends e = { 0 };
		enum flow_dir d;
		bool c;

		for (int i = 0; i < 20; i++) {
			struct ls_packet p = P("192.0.2.10", (uint16_t)(1000 + i),
			    "198.51.100.1", 53, 17, (uint64_t)(20 - i));
			flow_lookup(t, &p, &d, &c, on_end, &e);
		}
		flow_end_all(t, on_end, &e);
		for (unsigned i = 0; i < 20; i++)
			assert_int_equal(e.order[i], i);
		flow_table_free(t, on_end, &e);
		assert_int_equal(e.n, 20);
	}
}

static void
t_bounded(void **state)
{
	struct ls_flow_table *t = flow_table_new(1000, 4);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	for (uint32_t i = 0; i < 100000; i++) {
		struct ls_packet p = P("192.0.2.10", (uint16_t)i, "198.51.100.1",
		    53, 17, i);
		p.dst.b[14] = (uint8_t)(i >> 16);
		flow_lookup(t, &p, &d, &c, on_end, &e);
		assert_true(flow_table_stats(t)->active <= 1000);
	}
	flow_table_free(t, on_end, &e);
	assert_int_equal(e.n, 100000);		/* every flow ended once */
	assert_int_equal(e.evicted, 99000);
}

/*
 * Work, not seconds (issue 5): a SYN flood of 200,000 new flows through a
 * 1,000-flow table, every other flow pinned as a leak.  Each packet costs
 * a bounded number of hash-chain compares and eviction steps, counted by
 * the table itself.
 */
static void
t_syn_flood_work(void **state)
{
	struct ls_flow_table *t = flow_table_new(1000, 9);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;
	const uint32_t n = 200000;

	(void)state;
	for (uint32_t i = 0; i < n; i++) {
		struct ls_packet p = P("192.0.2.10", (uint16_t)(1024 + i % 60000),
		    "198.51.100.1", 80, 6, i);
		p.src.b[13] = (uint8_t)(i / 60000);
		p.tcp_flags = 0x02;		/* SYN */
		struct ls_flow *f = flow_lookup(t, &p, &d, &c, on_end, &e);
		assert_non_null(f);
		assert_true(c);
		if (i % 2 == 0)
			f->eng.pinned = true;
	}
	const struct ls_flow_table_stats *st = flow_table_stats(t);
	assert_int_equal(st->max_active, 1000);
	assert_int_equal(st->evicted, n - 1000);
	assert_true(st->evict_steps <= st->evicted * FLOW_EVICT_SCAN);
	assert_true(st->chain_steps <= 2 * (uint64_t)n);
	flow_table_free(t, on_end, &e);
}

/*
 * flow_touch (the engine's fast path) moves a flow to its list's tail: a
 * touched old flow must not stay at the head and shelter the idle flows
 * behind it from expiry.
 */
static void
t_touch(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;
	const uint64_t S = 1000000, to = FLOW_TIMEOUT_UDP * S;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_packet b = P("192.0.2.10", 3, "198.51.100.1", 4, 17, S);
	struct ls_flow *fa = flow_lookup(t, &a, &d, &c, on_end, &e);
	struct ls_flow *fb = flow_lookup(t, &b, &d, &c, on_end, &e);
	uint64_t seq_b = fb->seq;
	flow_touch(t, fa, 100 * S);
	assert_int_equal(fa->last_us, 100 * S);
	flow_touch(t, fa, 50 * S);		/* never backwards */
	assert_int_equal(fa->last_us, 100 * S);
	flow_touch(t, fa, 100 * S);		/* at the tail: stays */
	flow_expire(t, S + to + 1, on_end, &e);
	assert_int_equal(e.timeout, 1);
	assert_int_equal(e.order[0], seq_b);
	flow_expire(t, 100 * S + to + 1, on_end, &e);
	assert_int_equal(e.timeout, 2);
	flow_table_free(t, NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_direction_and_keys),
		cmocka_unit_test(t_reply_side),
		cmocka_unit_test(t_timeouts),
		cmocka_unit_test(t_eviction),
		cmocka_unit_test(t_first_seen_order),
		cmocka_unit_test(t_bounded),
		cmocka_unit_test(t_syn_flood_work),
		cmocka_unit_test(t_touch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
