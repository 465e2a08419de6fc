/* SPDX-License-Identifier: MIT */
/*
 * t_verdict.c - the verdict as a table: locality x carrier evidence x
 * class x tunnel state.
 *
 * The first table builds a flow and its pending state by hand (the flags
 * inspection would have set, what nDPI said, -e endpoints or the OS's)
 * and checks verdict_carrier, verdict_ready and verdict_decide against
 * rules/default.yaml.  The second drives an engine with frames built in
 * memory and checks the tunnel state a leak is reported with.  Each row
 * is a cmocka test of its own, named by the row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "carrier.h"
#include "engine.h"
#include "event.h"
#include "flow.h"
#include "frames.h"
#include "inspect.h"
#include "locality.h"
#include "pending.h"
#include "report.h"
#include "rules.h"
#include "verdict.h"

static struct ls_ruleset *rules;

/* --- verdict table ------------------------------------------------------- */

enum os_kind { OS_NONE = 0, OS_EXACT, OS_ROUTE };

struct row {
	const char	*name;
	const char	*cli, *srv;	/* addresses */
	uint16_t	 cport, sport;
	uint8_t		 proto;
	const char	*lan;		/* -L prefix or NULL */
	const char	*endpoint;	/* -e "addr:port" (proto = the flow's) */
	enum os_kind	 os;		/* the server is an endpoint the OS named */
	uint16_t	 eflags;	/* EF_* as inspection would set them */
	uint32_t	 protocols;	/* PROTO_* */
	bool		 l7_known, l7_carrier, l7_guessed;
	uint64_t	 pkts;		/* packets so far */
	uint8_t		 payload_pkts;
	/* expected */
	enum carrier_why carrier;
	bool		 ready;
	enum ls_verdict	 verdict;
	enum ls_class	 class;		/* of the primary rule; NONE unless leak */
};

#define UDP	IPPROTO_UDP
#define TCP	IPPROTO_TCP
#define PL	(EF_PAYLOAD | EF_FIRST_PL)
#define WG_HS	(EF_WG_HANDSHAKE | EF_WG_SHAPE | PL)

static const struct row rows[] = {
	/* plaintext to the internet: the class of what it shows */
	{ "dns_to_internet_is_dns_leak", "192.168.1.10", "198.51.100.53",
	  40000, 53, UDP, NULL, NULL, OS_NONE, EF_DNS_SEEN | PL, PROTO_DNS,
	  false, false, false, 1, 1, CARRIER_NOT, true, FS_LEAK, CLASS_DNS },
	{ "dns_to_lan_resolver_is_dns_leak", "192.168.1.10", "192.168.1.1",
	  40000, 53, UDP, NULL, NULL, OS_NONE, EF_DNS_SEEN | PL, PROTO_DNS,
	  false, false, false, 1, 1, CARRIER_NOT, true, FS_LEAK, CLASS_DNS },
	{ "mdns_multicast_is_local", "192.168.1.10", "224.0.0.251",
	  5353, 5353, UDP, NULL, NULL, OS_NONE, EF_DNS_SEEN | PL,
	  PROTO_DNS | PROTO_MDNS, false, false, false, 1, 1, CARRIER_NOT,
	  true, FS_LOCAL, CLASS_NONE },
	{ "dot_tcp_853_is_dns_leak", "192.168.1.10", "198.51.100.53",
	  40000, 853, TCP, NULL, NULL, OS_NONE, EF_SELF_NAMED |
	  EF_NDPI_FINAL | PL, PROTO_TLS, true, false, false, 3, 1,
	  CARRIER_NOT, true, FS_LEAK, CLASS_DNS },
	{ "http_request_is_http_leak", "192.168.1.10", "198.51.100.80",
	  40000, 80, TCP, NULL, NULL, OS_NONE, EF_HTTP_REQ | PL, PROTO_HTTP,
	  false, false, false, 4, 1, CARRIER_NOT, true, FS_LEAK, CLASS_HTTP },
	{ "stun_request_waits_for_its_answer", "192.168.1.10",
	  "198.51.100.3", 40000, 3478, UDP, NULL, NULL, OS_NONE,
	  EF_STUN_REQ | PL, PROTO_STUN, false, false, false, 1, 1,
	  CARRIER_NOT, false, FS_LEAK, CLASS_STUN },
	{ "stun_answer_is_stun_leak", "192.168.1.10", "198.51.100.3",
	  40000, 3478, UDP, NULL, NULL, OS_NONE, EF_STUN_REQ | EF_STUN_RESP |
	  PL, PROTO_STUN, false, false, false, 2, 2, CARRIER_NOT, true,
	  FS_LEAK, CLASS_STUN },
	{ "tls_to_internet_is_ip_leak", "192.168.1.10", "198.51.100.44",
	  40000, 443, TCP, NULL, NULL, OS_NONE, EF_SELF_NAMED |
	  EF_NDPI_FINAL | PL, PROTO_TLS, true, false, false, 4, 1,
	  CARRIER_NOT, true, FS_LEAK, CLASS_IP },
	{ "global_ipv6_is_ipv6_leak", "2001:db8::10", "2001:db8:ffff::1",
	  40000, 443, TCP, NULL, NULL, OS_NONE, EF_SELF_NAMED |
	  EF_NDPI_FINAL | PL, PROTO_TLS, true, false, false, 4, 1,
	  CARRIER_NOT, true, FS_LEAK, CLASS_IPV6 },
	{ "unnamed_payload_waits_for_ndpi", "192.168.1.10", "198.51.100.44",
	  40000, 9999, UDP, NULL, NULL, OS_NONE, PL, 0, false, false, false,
	  1, 1, CARRIER_NOT, false, FS_LEAK, CLASS_IP },
	{ "eight_payload_packets_decide_anyway", "192.168.1.10",
	  "198.51.100.44", 40000, 9999, UDP, NULL, NULL, OS_NONE, PL, 0,
	  false, false, false, 8, PEND_MAX_PAYLOAD, CARRIER_NOT, true,
	  FS_LEAK, CLASS_IP },

	/* locality */
	{ "lan_to_lan_is_local", "192.168.1.10", "192.168.1.20", 40000, 445,
	  TCP, NULL, NULL, OS_NONE, 0, 0, false, false, false, 1, 0,
	  CARRIER_NOT, false, FS_LOCAL, CLASS_NONE },
	{ "dash_L_prefix_is_local", "192.168.1.10", "203.0.113.50", 40000,
	  8080, TCP, "203.0.113.0/24", NULL, OS_NONE, EF_NDPI_FINAL | PL, 0,
	  false, false, false, 3, 1, CARRIER_NOT, true, FS_LOCAL, CLASS_NONE },
	{ "housekeeping_is_local_whatever_the_addresses",
	  "2001:db8::10", "2001:db8::1", 546, 547, UDP, NULL, NULL, OS_NONE,
	  EF_HOUSEKEEP | PL, PROTO_DHCP, false, false, false, 1, 1,
	  CARRIER_NOT, true, FS_LOCAL, CLASS_NONE },

	/* carrier by its own bytes, no -e */
	{ "wg_handshake_on_any_port_is_carrier", "192.168.1.10",
	  "203.0.113.1", 41000, 443, UDP, NULL, NULL, OS_NONE, WG_HS, 0,
	  false, false, false, 1, 1, CARRIER_BY_HANDSHAKE, true, FS_CARRIER,
	  CLASS_NONE },
	{ "ovpn_reset_answered_is_carrier", "192.168.1.10", "203.0.113.1",
	  41000, 1194, UDP, NULL, NULL, OS_NONE, EF_OVPN_RESET |
	  EF_OVPN_SHAPE | PL, 0, false, false, false, 2, 2,
	  CARRIER_BY_HANDSHAKE, true, FS_CARRIER, CLASS_NONE },
	{ "ovpn_reset_unanswered_waits", "192.168.1.10", "203.0.113.1",
	  41000, 1194, UDP, NULL, NULL, OS_NONE, EF_OVPN_RESET | PL, 0,
	  false, false, false, 1, 1, CARRIER_NOT, false, FS_LEAK, CLASS_IP },
	/* one data-shaped message is not enough (random bytes take it) */
	{ "wg_shape_one_packet_is_not_a_carrier", "192.168.1.10",
	  "203.0.113.1", 41000, 51820, UDP, NULL, NULL, OS_NONE,
	  EF_WG_SHAPE | PL, 0, false, false, false, 1, 1, CARRIER_NOT,
	  false, FS_LEAK, CLASS_IP },
	/* data with one receiver index twice in a direction (inspect.c) */
	{ "wg_data_one_receiver_index_is_ready_carrier", "192.168.1.10",
	  "203.0.113.1", 41000, 51820, UDP, NULL, NULL, OS_NONE,
	  EF_WG_SHAPE | EF_WG_DATA | PL, 0, false, false, false, 2, 2,
	  CARRIER_BY_SHAPE, true, FS_CARRIER, CLASS_NONE },
	{ "wg_shape_with_dns_is_dns_leak", "192.168.1.10", "198.51.100.53",
	  41000, 53, UDP, NULL, NULL, OS_NONE, EF_WG_SHAPE | EF_DNS_SEEN | PL,
	  PROTO_DNS, false, false, false, 2, 2, CARRIER_NOT, true, FS_LEAK,
	  CLASS_DNS },
	{ "ndpi_vpn_is_carrier", "192.168.1.10", "203.0.113.1", 41000, 1701,
	  UDP, NULL, NULL, OS_NONE, EF_NDPI_FINAL | PL, 0, true, true, false,
	  3, 3, CARRIER_BY_NDPI, true, FS_CARRIER, CLASS_NONE },
	{ "ndpi_vpn_guessed_is_ip_leak", "192.168.1.10", "203.0.113.1",
	  41000, 1701, UDP, NULL, NULL, OS_NONE, EF_NDPI_FINAL | PL, 0, true,
	  true, true, 3, 3, CARRIER_NOT, true, FS_LEAK, CLASS_IP },
	{ "ndpi_vpn_with_dns_is_dns_leak", "192.168.1.10", "198.51.100.53",
	  41000, 53, UDP, NULL, NULL, OS_NONE, EF_DNS_SEEN | EF_NDPI_FINAL |
	  PL, PROTO_DNS, true, true, false, 1, 1, CARRIER_NOT, true, FS_LEAK,
	  CLASS_DNS },

	/* -e: exactly those endpoints */
	{ "dash_e_endpoint_is_carrier", "192.168.1.10", "203.0.113.1",
	  41000, 51820, UDP, NULL, "203.0.113.1:51820", OS_NONE, PL, 0,
	  false, false, false, 1, 1, CARRIER_BY_ENDPOINT, true, FS_CARRIER,
	  CLASS_NONE },
	{ "dash_e_endpoint_is_carrier_even_with_dns", "192.168.1.10",
	  "203.0.113.1", 41000, 53, UDP, NULL, "203.0.113.1:53", OS_NONE,
	  EF_DNS_SEEN | PL, PROTO_DNS, false, false, false, 1, 1,
	  CARRIER_BY_ENDPOINT, true, FS_CARRIER, CLASS_NONE },
	{ "dash_e_other_port_makes_wg_handshake_an_ip_leak", "192.168.1.10",
	  "203.0.113.1", 41000, 443, UDP, NULL, "203.0.113.1:51820", OS_NONE,
	  WG_HS, 0, false, false, false, 1, 1, CARRIER_NOT, true, FS_LEAK,
	  CLASS_IP },
	{ "dash_e_elsewhere_leaves_dns_a_dns_leak", "192.168.1.10",
	  "198.51.100.53", 40000, 53, UDP, NULL, "203.0.113.1:51820", OS_NONE,
	  EF_DNS_SEEN | PL, PROTO_DNS, false, false, false, 1, 1, CARRIER_NOT,
	  true, FS_LEAK, CLASS_DNS },
	{ "dash_e_ignores_os_endpoints", "192.168.1.10", "203.0.113.1",
	  41000, 51820, UDP, NULL, "198.51.100.9:51820", OS_EXACT, PL, 0,
	  false, false, false, 1, 1, CARRIER_NOT, false, FS_LEAK, CLASS_IP },

	/* endpoints the OS named (live) */
	{ "os_peer_is_carrier", "192.168.1.10", "203.0.113.1", 41000, 51820,
	  UDP, NULL, NULL, OS_EXACT, PL, 0, false, false, false, 1, 1,
	  CARRIER_BY_OS, true, FS_CARRIER, CLASS_NONE },
	{ "os_peer_with_dns_is_dns_leak", "192.168.1.10", "203.0.113.1",
	  41000, 51820, UDP, NULL, NULL, OS_EXACT, EF_DNS_SEEN | PL,
	  PROTO_DNS, false, false, false, 1, 1, CARRIER_NOT, true, FS_LEAK,
	  CLASS_DNS },
	{ "os_route_unnamed_after_ndpi_is_carrier", "192.168.1.10",
	  "203.0.113.1", 41000, 51820, UDP, NULL, NULL, OS_ROUTE,
	  EF_NDPI_FINAL | PL, 0, false, false, false, 3, 3, CARRIER_BY_OS,
	  true, FS_CARRIER, CLASS_NONE },
	{ "os_route_before_ndpi_final_waits", "192.168.1.10", "203.0.113.1",
	  41000, 51820, UDP, NULL, NULL, OS_ROUTE, PL, 0, false, false, false,
	  1, 1, CARRIER_NOT, false, FS_LEAK, CLASS_IP },
	{ "os_route_named_tls_is_ip_leak", "192.168.1.10", "203.0.113.1",
	  41000, 443, TCP, NULL, NULL, OS_ROUTE, EF_SELF_NAMED |
	  EF_NDPI_FINAL | PL, PROTO_TLS, true, false, false, 4, 1,
	  CARRIER_NOT, true, FS_LEAK, CLASS_IP },
};

static void
parse_addr(const char *s, struct ls_addr *a)
{
	if (!addr_parse(s, a))
		fail_msg("bad address %s in the table", s);
}

/* Print what differs; returns whether the row holds. */
static bool
check_row(const struct row *r)
{
	struct ls_flow f;
	struct ls_pending pd;
	struct ls_locality loc;
	struct ls_carrier_set cs;
	struct ls_endpoint ep;
	struct ls_cidr lan;
	struct ls_match m = { NULL, 0 };

	memset(&f, 0, sizeof(f));
	parse_addr(r->cli, &f.cli);
	parse_addr(r->srv, &f.srv);
	f.cport = r->cport;
	f.sport = r->sport;
	f.proto = r->proto;
	f.ip_version = addr_is_v4(&f.cli) ? 4 : 6;
	f.pkts[DIR_TOSERVER] = r->pkts;
	f.eng.eflags = r->eflags;
	f.eng.protocols = r->protocols;
	f.eng.payload_pkts = r->payload_pkts;

	memset(&pd, 0, sizeof(pd));
	pd.l7.known = r->l7_known;
	pd.l7.carrier = r->l7_carrier;
	pd.l7.guessed = r->l7_guessed;
	pd.l7.final = (r->eflags & EF_NDPI_FINAL) != 0;
	pd.l7.protocols = r->protocols;
	snprintf(pd.l7.name, sizeof(pd.l7.name), "%s", r->l7_carrier ?
	    "L2TP" : r->l7_known ? "TLS" : "Unknown");

	if (r->lan != NULL)
		assert_true(cidr_parse(r->lan, &lan, NULL));
	locality_init(&loc, r->lan != NULL ? &lan : NULL, r->lan != NULL,
	    rules);

	memset(&cs, 0, sizeof(cs));
	if (r->endpoint != NULL) {
		memset(&ep, 0, sizeof(ep));
		assert_true(addr_parse_endpoint(r->endpoint, &ep.addr,
		    &ep.port));
		ep.proto = r->proto;
		cs.configured = &ep;
		cs.nconfigured = 1;
	}
	if (r->os != OS_NONE) {
		struct ls_endpoint os = { f.srv, f.sport, f.proto };
		assert_true(carrier_os_endpoint(&cs, &os, r->os == OS_ROUTE,
		    true, "test"));
	}

	struct ls_verdict_cfg v = { &loc, &cs, rules, NULL };
	enum carrier_why why = verdict_carrier(&v, &f, &pd);
	bool ready = verdict_ready(&v, &f, &pd);
	enum ls_verdict verdict = verdict_decide(&v, &f, &pd, &m);
	enum ls_class class = verdict == FS_LEAK && m.rule != NULL ?
	    m.rule->class : CLASS_NONE;

	bool ok = true;
	if (why != r->carrier) {
		print_error("%s: carrier why %d, want %d\n", r->name, why,
		    r->carrier);
		ok = false;
	}
	if (ready != r->ready) {
		print_error("%s: ready %d, want %d\n", r->name, ready, r->ready);
		ok = false;
	}
	if (verdict != r->verdict) {
		print_error("%s: verdict %d, want %d\n", r->name, verdict,
		    r->verdict);
		ok = false;
	}
	if (class != r->class) {
		print_error("%s: class %s, want %s\n", r->name,
		    class_name(class), class_name(r->class));
		ok = false;
	}
	/* the verdict changes nothing on the flow but the DoT bit */
	if (f.eng.eflags != r->eflags ||
	    (f.eng.protocols & ~PROTO_DOT) != r->protocols) {
		print_error("%s: the verdict changed the flow\n", r->name);
		ok = false;
	}
	return ok;
}

/* One row: a test named for it. */
static void
t_verdict_row(void **state)
{
	const struct row *r = *state;

	if (!check_row(r))
		fail_msg("%s: differs", r->name);
}

/* The same flow with no pending state (decided after it was freed). */
static void
t_carrier_without_pending_state_is_by_flags_only(void **state)
{
	struct ls_flow f;
	struct ls_locality loc;
	struct ls_carrier_set cs;

	(void)state;
	memset(&f, 0, sizeof(f));
	memset(&cs, 0, sizeof(cs));
	locality_init(&loc, NULL, 0, rules);
	parse_addr("192.168.1.10", &f.cli);
	parse_addr("203.0.113.1", &f.srv);
	f.proto = IPPROTO_UDP;
	f.sport = 51820;
	struct ls_verdict_cfg v = { &loc, &cs, rules, NULL };
	assert_int_equal(verdict_carrier(&v, &f, NULL), CARRIER_NOT);
	f.eng.eflags = EF_WG_HANDSHAKE;
	assert_int_equal(verdict_carrier(&v, &f, NULL), CARRIER_BY_HANDSHAKE);
	assert_string_equal(verdict_carrier_name(&f), "WireGuard");
	f.eng.eflags = EF_OVPN_SHAPE;
	assert_string_equal(verdict_carrier_name(&f), "OpenVPN");
}

/* --- tunnel state of a leak, through the engine -------------------------- */

/* A reporter that keeps the tunnel state, phase and class of the last
 * leak. */
struct seen {
	struct ls_reporter	rep;
	unsigned		leaks;
	enum ls_tunnel		tunnel;
	enum ls_phase		phase;
	enum ls_class		class;
};

static void
seen_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	struct seen *s = (struct seen *)r;

	s->leaks++;
	s->tunnel = l->tunnel;
	s->phase = l->phase;
	s->class = l->class;
}

static const struct reporter_ops seen_ops = { .name = "seen",
    .leak = seen_leak };

struct tunnel_row {
	const char	*name;
	bool		 carrier;	/* a WireGuard handshake at 0 s, data
					   at 2 ms, answered at 3 ms */
	double		 back_at;	/* a carrier packet again (s), or 0 */
	double		 leak_at;	/* the DNS query (s) */
	int		 os_wg0;	/* the OS says wg0 is: 0 nothing, 1 up,
					   -1 down (before the query) */
	enum ls_tunnel	 want;
	enum ls_phase	 phase;
};

/* outage_after is 5 s; each leak is read once the input has ended (a leak
 * is reported once its phase is settled) */
static const struct tunnel_row trows[] = {
	{ "no_carrier_seen_is_unknown", false, 0, 1, 0, TUNNEL_UNKNOWN,
	  PHASE_BEFORE_TUNNEL },
	{ "carrier_one_second_ago_is_up", true, 0, 1, 0, TUNNEL_UP,
	  PHASE_CONNECTED },
	{ "carrier_silent_ten_seconds_is_down", true, 0, 10, 0, TUNNEL_DOWN,
	  PHASE_OUTAGE },
	{ "carrier_back_after_outage_is_up", true, 9, 10, 0, TUNNEL_UP,
	  PHASE_CONNECTED },
	/* live: the OS's word on its tunnel interface counts with traffic */
	{ "os_interface_up_without_carrier_is_up", false, 0, 1, 1,
	  TUNNEL_UP, PHASE_CONNECTED },
	{ "os_interface_down_with_live_carrier_is_down", true, 0, 1, -1,
	  TUNNEL_DOWN, PHASE_OUTAGE },
};

static void
check_tunnel_row(const struct tunnel_row *r)
{
	static const uint8_t cli[4] = { 192, 0, 2, 10 };
	static const uint8_t res[4] = { 198, 51, 100, 53 };
	/* leak.example.com A, RD */
	static const uint8_t q[] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0,
	    0, 0, 4, 'l', 'e', 'a', 'k', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	    3, 'c', 'o', 'm', 0, 0, 1, 0, 1 };
	const uint64_t t0 = 1767225600000000ull;
	struct seen s;
	struct ls_engine_cfg cfg;
	struct ls_source src = { "synthetic", "synthetic", true, 1, 0 };
	uint8_t b[256];
	uint64_t cnt = 0;
	size_t l;

	memset(&s, 0, sizeof(s));
	s.rep.ops = &seen_ops;
	memset(&cfg, 0, sizeof(cfg));
	cfg.rules = rules;
	cfg.outage_after = 5;
	cfg.decide_after = 1;
	struct ls_engine *e = engine_new(&cfg, &s.rep);
	assert_non_null(e);
	engine_begin_source(e, &src);
	if (r->carrier) {
		l = wg_frame(b, true, 1, 148);
		engine_packet(e, t0, (uint32_t)l, (uint32_t)l, b, ++cnt);
		l = wg_frame(b, false, 2, 92);
		engine_packet(e, t0 + 1000, (uint32_t)l, (uint32_t)l, b, ++cnt);
		l = wg_frame(b, true, 4, 64);
		engine_packet(e, t0 + 2000, (uint32_t)l, (uint32_t)l, b, ++cnt);
		l = wg_frame(b, false, 4, 64);	/* the answer: connected */
		engine_packet(e, t0 + 3000, (uint32_t)l, (uint32_t)l, b, ++cnt);
	}
	if (r->back_at > 0) {
		l = wg_frame(b, true, 4, 64);
		engine_packet(e, t0 + (uint64_t)(r->back_at * 1e6), (uint32_t)l,
		    (uint32_t)l, b, ++cnt);
	}
	if (r->os_wg0 != 0)
		engine_os_tunnel(e, "wg0", r->os_wg0 > 0, t0 + 500000);
	l = udp_frame(b, cli, 40000, res, 53, q, sizeof(q));
	engine_packet(e, t0 + (uint64_t)(r->leak_at * 1e6), (uint32_t)l,
	    (uint32_t)l, b, ++cnt);
	engine_end_source(e);
	if (s.leaks != 1)
		fail_msg("%s: %u leaks at the DNS query, want 1", r->name,
		    s.leaks);
	if (s.class != CLASS_DNS)
		fail_msg("%s: class %s", r->name, class_name(s.class));
	if (s.tunnel != r->want)
		fail_msg("%s: tunnel %s, want %s", r->name,
		    tunnel_name(s.tunnel), tunnel_name(r->want));
	if (s.phase != r->phase)
		fail_msg("%s: phase %s, want %s", r->name,
		    phase_name(s.phase), phase_name(r->phase));
	engine_free(e);
}

static void
t_tunnel_row(void **state)
{
	check_tunnel_row(*state);
}

#define NROWS	(sizeof(rows) / sizeof(rows[0]))
#define NTROWS	(sizeof(trows) / sizeof(trows[0]))

int
main(void)
{
	/* each table row is a test of its own, named by the row */
	static struct CMUnitTest tests[NROWS + NTROWS + 1];
	size_t n = 0;

	rules = rules_load("rules/default.yaml", stderr);
	if (rules == NULL)
		return 1;
	for (size_t i = 0; i < NROWS; i++)
		tests[n++] = (struct CMUnitTest){ rows[i].name, t_verdict_row,
		    NULL, NULL, (void *)&rows[i] };
	for (size_t i = 0; i < NTROWS; i++)
		tests[n++] = (struct CMUnitTest){ trows[i].name, t_tunnel_row,
		    NULL, NULL, (void *)&trows[i] };
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
	    t_carrier_without_pending_state_is_by_flags_only);
	int rc = _cmocka_run_group_tests("t_verdict", tests, n, NULL, NULL);
	rules_free(rules);
	return rc;
}
