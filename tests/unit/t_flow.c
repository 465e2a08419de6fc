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
t_first_packet_sender_is_the_client(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	assert_true(c);
	assert_int_equal(d, DIR_TOSERVER);
	assert_int_equal(f->cport, 1);
	flow_table_free(t, on_end, &e);
}

static void
t_reply_is_the_same_flow_to_the_client(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_packet b = P("198.51.100.1", 2, "192.0.2.10", 1, 17, 1);
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	assert_int_equal(flow_lookup(t, &b, &d, &c, on_end, &e), f);
	assert_false(c);
	assert_int_equal(d, DIR_TOCLIENT);
	flow_table_free(t, on_end, &e);
}

static void
t_swapped_ports_are_another_flow(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	/* pairs are sorted as pairs: A:2 -> B:1 is another flow */
	struct ls_packet x = P("192.0.2.10", 2, "198.51.100.1", 1, 17, 2);
	assert_ptr_not_equal(flow_lookup(t, &x, &d, &c, on_end, &e), f);
	assert_true(c);
	flow_table_free(t, on_end, &e);
}

static void
t_other_interface_vlan_or_protocol_is_another_flow(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_flow *f = flow_lookup(t, &a, &d, &c, on_end, &e);
	a.iface = 1;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	a.iface = 0;
	a.vlan = 7;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	a.vlan = 0;
	a.proto = 6;
	assert_ptr_not_equal(flow_lookup(t, &a, &d, &c, on_end, &e), f);
	assert_int_equal(flow_table_stats(t)->active, 4);
	flow_table_free(t, on_end, &e);
}

static void
t_same_address_both_ends_ports_decide_direction(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet l1 = P("::1", 5, "::1", 6, 17, 3);
	struct ls_packet l2 = P("::1", 6, "::1", 5, 17, 4);
	struct ls_flow *g = flow_lookup(t, &l1, &d, &c, on_end, &e);
	assert_int_equal(d, DIR_TOSERVER);
	assert_ptr_equal(flow_lookup(t, &l2, &d, &c, on_end, &e), g);
	assert_int_equal(d, DIR_TOCLIENT);
	flow_table_free(t, on_end, &e);
}

static void
t_free_ends_every_flow_once_as_eof(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	for (uint16_t i = 0; i < 6; i++) {
		struct ls_packet p = P("192.0.2.10", (uint16_t)(1 + i),
		    "198.51.100.1", 2, 17, i);
		flow_lookup(t, &p, &d, &c, on_end, &e);
	}
	assert_int_equal(flow_table_stats(t)->active, 6);
	flow_table_free(t, on_end, &e);
	assert_int_equal(e.eof, 6);
	assert_int_equal(e.n, 6);
}

static void
t_zero_size_table_is_refused_null_free_is_harmless(void **state)
{
	struct ends e = { 0 };

	(void)state;
	assert_int_equal(flow_table_new(0, 1), NULL);
	flow_table_free(NULL, on_end, &e);
	assert_int_equal(e.n, 0);
}

static const uint64_t S = 1000000;

static void
t_closed_tcp_times_out_after_10_s(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 2);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet tc = P("192.0.2.10", 2, "198.51.100.1", 443, 6, 0);
	struct ls_packet fin = tc;
	flow_lookup(t, &tc, &d, &c, on_end, &e);
	fin.tcp_flags = 0x01;
	fin.ts_us = 1 * S;
	flow_lookup(t, &fin, &d, &c, on_end, &e);
	flow_expire(t, 10 * S, on_end, &e);
	assert_int_equal(e.timeout, 0);
	flow_expire(t, 11 * S + 1, on_end, &e);
	assert_int_equal(e.timeout, 1);
	flow_table_free(t, on_end, &e);
}

static void
t_udp_times_out_after_60_s(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 2);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet u = P("192.0.2.10", 1, "198.51.100.1", 53, 17, 0);
	flow_lookup(t, &u, &d, &c, on_end, &e);
	flow_expire(t, 60 * S, on_end, &e);
	assert_int_equal(e.timeout, 0);
	flow_expire(t, 60 * S + 1, on_end, &e);
	assert_int_equal(e.timeout, 1);
	flow_table_free(t, on_end, &e);
}

static void
t_time_going_backwards_never_moves_last_seen_back(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 2);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet open = P("192.0.2.10", 3, "198.51.100.1", 443, 6,
	    100 * S);
	flow_lookup(t, &open, &d, &c, on_end, &e);
	open.ts_us = 50 * S;
	struct ls_flow *f = flow_lookup(t, &open, &d, &c, on_end, &e);
	assert_int_equal(f->last_us, 100 * S);
	flow_table_free(t, on_end, &e);
}

static void
t_open_tcp_times_out_after_300_s(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 2);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet open = P("192.0.2.10", 3, "198.51.100.1", 443, 6, 0);
	flow_lookup(t, &open, &d, &c, on_end, &e);
	open.ts_us = 100 * S;
	flow_lookup(t, &open, &d, &c, on_end, &e);
	flow_expire(t, 399 * S, on_end, &e);
	assert_int_equal(e.timeout, 0);
	flow_expire(t, 400 * S + 1, on_end, &e);
	assert_int_equal(e.timeout, 1);
	assert_int_equal(flow_table_stats(t)->active, 0);
	flow_table_free(t, on_end, &e);
}

/* A full 4-flow table; f[] its flows in creation order (seq 0..3). */
static struct ls_flow_table *
full_table(struct ends *e, struct ls_flow *f[4])
{
	struct ls_flow_table *t = flow_table_new(4, 3);
	enum flow_dir d;
	bool c;

	for (int i = 0; i < 4; i++) {
		struct ls_packet p = P("192.0.2.10", (uint16_t)(100 + i),
		    "198.51.100.1", 80, 6, (uint64_t)i);
		f[i] = flow_lookup(t, &p, &d, &c, on_end, e);
	}
	return t;
}

static void
t_full_table_evicts_oldest_unpinned(void **state)
{
	struct ends e = { 0 };
	struct ls_flow *f[4];
	struct ls_flow_table *t = full_table(&e, f);
	enum flow_dir d;
	bool c;

	(void)state;
	f[0]->eng.pinned = true;		/* a leak: keep it */
	struct ls_packet p = P("192.0.2.10", 200, "198.51.100.1", 80, 6, 10);
	flow_lookup(t, &p, &d, &c, on_end, &e);
	assert_int_equal(e.evicted, 1);
	assert_int_equal(e.order[0], 1);	/* oldest unpinned: seq 1 */
	flow_table_free(t, on_end, &e);
}

static void
t_all_pinned_evicts_oldest_and_counts_it(void **state)
{
	struct ends e = { 0 };
	struct ls_flow *f[4];
	struct ls_flow_table *t = full_table(&e, f);
	enum flow_dir d;
	bool c;

	(void)state;
	for (int i = 0; i < 4; i++)
		f[i]->eng.pinned = true;
	struct ls_packet p = P("192.0.2.10", 201, "198.51.100.1", 80, 6, 10);
	flow_lookup(t, &p, &d, &c, on_end, &e);
	assert_int_equal(e.evicted, 1);
	assert_int_equal(e.order[0], 0);
	assert_int_equal(flow_table_stats(t)->evicted_pinned, 1);
	assert_int_equal(flow_table_stats(t)->active, 4);
	flow_table_free(t, on_end, &e);
}

static void
t_flows_end_in_first_seen_order_whatever_the_seed(void **state)
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
t_100k_flows_through_1000_stay_bounded_each_ended_once(void **state)
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
t_syn_flood_costs_bounded_work_per_packet(void **state)
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

static void
t_touch_never_moves_last_seen_back(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_flow *fa = flow_lookup(t, &a, &d, &c, on_end, &e);
	flow_touch(t, fa, 100 * S);
	assert_int_equal(fa->last_us, 100 * S);
	flow_touch(t, fa, 50 * S);
	assert_int_equal(fa->last_us, 100 * S);
	flow_table_free(t, NULL, NULL);
}

/*
 * flow_touch (the engine's fast path) moves a flow to its list's tail: a
 * touched old flow must not stay at the head and shelter the idle flows
 * behind it from expiry.
 */
static void
t_touched_flow_does_not_shelter_idle_ones_from_expiry(void **state)
{
	struct ls_flow_table *t = flow_table_new(16, 1);
	struct ends e = { 0 };
	enum flow_dir d;
	bool c;
	const uint64_t to = FLOW_TIMEOUT_UDP * S;

	(void)state;
	struct ls_packet a = P("192.0.2.10", 1, "198.51.100.1", 2, 17, 0);
	struct ls_packet b = P("192.0.2.10", 3, "198.51.100.1", 4, 17, S);
	struct ls_flow *fa = flow_lookup(t, &a, &d, &c, on_end, &e);
	struct ls_flow *fb = flow_lookup(t, &b, &d, &c, on_end, &e);
	uint64_t seq_b = fb->seq;
	flow_touch(t, fa, 100 * S);
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
		cmocka_unit_test(t_first_packet_sender_is_the_client),
		cmocka_unit_test(t_reply_is_the_same_flow_to_the_client),
		cmocka_unit_test(t_swapped_ports_are_another_flow),
		cmocka_unit_test(t_other_interface_vlan_or_protocol_is_another_flow),
		cmocka_unit_test(t_same_address_both_ends_ports_decide_direction),
		cmocka_unit_test(t_free_ends_every_flow_once_as_eof),
		cmocka_unit_test(t_zero_size_table_is_refused_null_free_is_harmless),
		cmocka_unit_test(t_closed_tcp_times_out_after_10_s),
		cmocka_unit_test(t_udp_times_out_after_60_s),
		cmocka_unit_test(t_time_going_backwards_never_moves_last_seen_back),
		cmocka_unit_test(t_open_tcp_times_out_after_300_s),
		cmocka_unit_test(t_full_table_evicts_oldest_unpinned),
		cmocka_unit_test(t_all_pinned_evicts_oldest_and_counts_it),
		cmocka_unit_test(t_flows_end_in_first_seen_order_whatever_the_seed),
		cmocka_unit_test(t_100k_flows_through_1000_stay_bounded_each_ended_once),
		cmocka_unit_test(t_syn_flood_costs_bounded_work_per_packet),
		cmocka_unit_test(t_touch_never_moves_last_seen_back),
		cmocka_unit_test(t_touched_flow_does_not_shelter_idle_ones_from_expiry),
		cmocka_unit_test(t_reply_side),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
