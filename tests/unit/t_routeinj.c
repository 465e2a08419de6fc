/* SPDX-License-Identifier: MIT */
/* t_routeinj.c - route injection: a lease's classless routes and an RA's
 * route information and resolvers become warnings (severity by public
 * share, once per set), and leaks inside a public injected route get the
 * cause, only while connected. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "frames.h"
#include "lanmsg.h"
#include "packet.h"
#include "report.h"
#include "routeinj.h"
#include "warn.h"

static struct ls_warning last;
static unsigned nwarn;
static uint64_t counts[WARN__COUNT];

static void
got(struct ls_reporter *r, const struct ls_warning *w)
{
	(void)r;
	last = *w;
	nwarn++;
}

static const struct reporter_ops ops = { .name = "t", .warning = got };
static struct ls_reporter rep = { .ops = &ops };
static struct ls_warner wr = { &rep, counts };
static struct ls_routeinj ri;

static int
setup(void **state)
{
	(void)state;
	memset(&last, 0, sizeof(last));
	memset(counts, 0, sizeof(counts));
	nwarn = 0;
	routeinj_init(&ri, &wr);
	return 0;
}

static struct ls_addr
A(const char *s)
{
	struct ls_addr a;

	assert_true(addr_parse(s, &a));
	return a;
}

/* An ACK from 192.0.2.1 to 192.0.2.10 with these "a.b.c.d/len" routes,
 * via 192.0.2.1, in option code. */
static void
ack(uint64_t ts, int code, const char *const *routes, size_t n)
{
	struct ls_lanmsg m;
	struct ls_packet p;

	memset(&m, 0, sizeof(m));
	memset(&p, 0, sizeof(p));
	p.ts_us = ts;
	p.src = A("192.0.2.1");
	m.kind = LANMSG_DHCP;
	m.dhcp.op = 2;
	m.dhcp.msg_type = DHCP_ACK;
	memcpy(m.dhcp.yiaddr, (uint8_t[]){ 192, 0, 2, 10 }, 4);
	m.dhcp.routes_opt = (uint8_t)code;
	for (size_t i = 0; i < n; i++) {
		struct ls_cidr c;
		assert_true(cidr_parse(routes[i], &c, NULL));
		memcpy(m.dhcp.routes[i].dst, c.addr.b + 12, 4);
		m.dhcp.routes[i].plen = (uint8_t)(c.plen - 96);
		memcpy(m.dhcp.routes[i].gw, (uint8_t[]){ 192, 0, 2, 1 }, 4);
	}
	m.dhcp.nroutes = n;
	routeinj_packet(&ri, &p, &m, NULL, 1);
}

static const char *const halves[] = { "0.0.0.0/1", "128.0.0.0/1" };

static void
t_two_halves_are_a_critical_warning(void **state)
{
	(void)state;
	ack(1000, 121, halves, 2);
	assert_int_equal(nwarn, 1);
	assert_int_equal(counts[WARN_ROUTE_INJECTION], 1);
	assert_int_equal(last.severity, SEV_CRITICAL);
	assert_string_equal(last.via, "dhcp_option_121");
	assert_int_equal(last.nroutes, 2);
	struct ls_addr srv = A("192.0.2.1"), cli = A("192.0.2.10");
	assert_int_equal(addr_cmp(&last.server, &srv), 0);
	assert_int_equal(addr_cmp(&last.client, &cli), 0);
	assert_true(last.public_share > 0.999);
}

static void
t_option_249_is_named_so(void **state)
{
	(void)state;
	ack(1000, 249, halves, 2);
	assert_string_equal(last.via, "dhcp_option_249");
}

static void
t_the_same_set_renewed_is_no_new_warning(void **state)
{
	(void)state;
	ack(1000, 121, halves, 2);
	ack(600001000, 121, halves, 2);
	assert_int_equal(nwarn, 1);
}

static void
t_a_changed_set_is_a_new_warning(void **state)
{
	const char *one[] = { "198.51.100.0/24" };

	(void)state;
	ack(1000, 121, halves, 2);
	ack(2000, 121, one, 1);
	assert_int_equal(nwarn, 2);
	assert_int_equal(last.severity, SEV_HIGH);
	assert_int_equal(last.nroutes, 1);
}

static void
t_private_routes_alone_are_info(void **state)
{
	const char *priv[] = { "10.0.0.0/8", "172.16.0.0/12" };

	(void)state;
	ack(1000, 121, priv, 2);
	assert_int_equal(nwarn, 1);
	assert_int_equal(last.severity, SEV_INFO);
}

static void
t_a_default_route_alone_is_info(void **state)
{
	const char *def[] = { "0.0.0.0/0" };

	(void)state;
	ack(1000, 121, def, 1);
	assert_int_equal(last.severity, SEV_INFO);
	assert_true(last.public_share == 0);
}

static void
t_a_lease_without_routes_is_no_warning(void **state)
{
	(void)state;
	ack(1000, 0, NULL, 0);
	assert_int_equal(nwarn, 0);
}

static void
t_a_leak_inside_an_injected_route_has_the_cause(void **state)
{
	struct ls_addr cli = A("192.0.2.10"), dst = A("198.51.100.80");

	(void)state;
	ack(1000, 121, halves, 2);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 2000),
	    CAUSE_ROUTE_INJECTION);
}

static void
t_a_flow_begun_before_the_routes_has_no_cause(void **state)
{
	struct ls_addr cli = A("192.0.2.10"), dst = A("198.51.100.80");

	(void)state;
	ack(5000, 121, halves, 2);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 4000), CAUSE_NONE);
}

static void
t_another_hosts_lease_is_no_cause(void **state)
{
	struct ls_addr cli = A("192.0.2.11"), dst = A("198.51.100.80");

	(void)state;
	ack(1000, 121, halves, 2);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 2000), CAUSE_NONE);
}

static void
t_a_default_route_is_no_cause(void **state)
{
	const char *def[] = { "0.0.0.0/0" };
	struct ls_addr cli = A("192.0.2.10"), dst = A("198.51.100.80");

	(void)state;
	ack(1000, 121, def, 1);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 2000), CAUSE_NONE);
}

static void
t_routes_withdrawn_by_a_new_lease_are_no_cause(void **state)
{
	struct ls_addr cli = A("192.0.2.10"), dst = A("198.51.100.80");

	(void)state;
	ack(1000, 121, halves, 2);
	ack(2000, 0, NULL, 0);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 3000), CAUSE_NONE);
}

static void
t_the_cause_stands_only_when_connected(void **state)
{
	struct ls_leak l;

	(void)state;
	memset(&l, 0, sizeof(l));
	l.cause = CAUSE_ROUTE_INJECTION;
	l.phase = PHASE_CONNECTED;
	routeinj_settled(&l);
	assert_int_equal(l.cause, CAUSE_ROUTE_INJECTION);
	l.phase = PHASE_BEFORE_TUNNEL;
	routeinj_settled(&l);
	assert_int_equal(l.cause, CAUSE_NONE);
}

/* An RA from fe80::1 with one route information option and resolvers. */
static void
ra(uint64_t ts, const char *route, const char *dns)
{
	struct ls_lanmsg m;
	struct ls_packet p;

	memset(&m, 0, sizeof(m));
	memset(&p, 0, sizeof(p));
	p.ts_us = ts;
	p.src = A("fe80::1");
	m.kind = LANMSG_NDP;
	m.ndp_ok = true;
	m.ndp.type = NDP_RA;
	if (route != NULL) {
		struct ls_cidr c;
		assert_true(cidr_parse(route, &c, NULL));
		memcpy(m.ndp.routes[0].prefix, c.addr.b, 16);
		m.ndp.routes[0].plen = c.plen;
		m.ndp.routes[0].lifetime = 1800;
		m.ndp.nroutes = 1;
	}
	if (dns != NULL) {
		struct ls_addr a = A(dns);
		memcpy(m.ndp.rdnss[0], a.b, 16);
		m.ndp.rdnss_lifetime[0] = 1800;
		m.ndp.nrdnss = 1;
	}
	routeinj_packet(&ri, &p, &m, NULL, 1);
}

static void
t_ra_route_information_2000_3_is_critical(void **state)
{
	struct ls_addr cli = A("2001:db8:1::10"), dst = A("2001:db8:ffff::80");

	(void)state;
	ra(1000, "2000::/3", NULL);
	assert_int_equal(nwarn, 1);
	assert_string_equal(last.via, "ra_route_information");
	assert_int_equal(last.severity, SEV_CRITICAL);
	assert_int_equal(routeinj_cause(&ri, &cli, &dst, 2000),
	    CAUSE_ROUTE_INJECTION);
}

static void
t_ra_with_a_ula_resolver_only_is_no_warning(void **state)
{
	(void)state;
	ra(1000, NULL, "fd00::53");
	ra(2000, NULL, "fe80::1");
	assert_int_equal(nwarn, 0);
}

static void
t_ra_with_a_global_resolver_is_a_low_warning(void **state)
{
	(void)state;
	ra(1000, NULL, "2001:db8:53::53");
	assert_int_equal(nwarn, 1);
	assert_string_equal(last.via, "ra_rdnss");
	assert_int_equal(last.severity, SEV_LOW);
	ra(2000, NULL, "2001:db8:53::53");
	assert_int_equal(nwarn, 1);
}

/* A BOOTP reply (op 2, ACK) with option 121 0.0.0.0/1 via 192.0.2.1. */
static size_t
bootp_ack(uint8_t *b)
{
	static const uint8_t opts[] = { 0x63, 0x82, 0x53, 0x63, 53, 1, 5,
	    121, 6, 1, 0, 192, 0, 2, 1, 255 };

	memset(b, 0, 236);
	b[0] = 2;
	b[1] = 1;
	b[2] = 6;
	b[16] = 192; b[17] = 0; b[18] = 2; b[19] = 10;
	memcpy(b + 236, opts, sizeof(opts));
	return 236 + sizeof(opts);
}

static void
t_lanmsg_parses_a_servers_reply_once(void **state)
{
	static const uint8_t srv[4] = { 192, 0, 2, 1 }, cli[4] = { 192, 0, 2, 10 };
	uint8_t pl[300], f[400];
	struct ls_packet p;
	struct ls_lanmsg m;
	size_t n = bootp_ack(pl), fl = udp_frame(f, srv, 67, cli, 68, pl, n);

	(void)state;
	memset(&p, 0, sizeof(p));
	decode_frame(1, f, (uint32_t)fl, &p);
	lanmsg_parse(&p, f, &m);
	assert_int_equal(m.kind, LANMSG_DHCP);
	assert_int_equal(m.dhcp.nroutes, 1);
	routeinj_packet(&ri, &p, &m, NULL, 1);
	assert_int_equal(nwarn, 1);
	assert_int_equal(last.severity, SEV_CRITICAL);	/* 0/1: 0.57 */
}

static void
t_lanmsg_ignores_dhcp_to_the_server_port(void **state)
{
	static const uint8_t srv[4] = { 192, 0, 2, 1 }, cli[4] = { 192, 0, 2, 10 };
	uint8_t pl[300], f[400];
	struct ls_packet p;
	struct ls_lanmsg m;
	size_t n = bootp_ack(pl), fl = udp_frame(f, cli, 68, srv, 67, pl, n);

	(void)state;
	memset(&p, 0, sizeof(p));
	decode_frame(1, f, (uint32_t)fl, &p);
	lanmsg_parse(&p, f, &m);
	assert_int_equal(m.kind, LANMSG_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup(f, setup)
		T(t_two_halves_are_a_critical_warning),
		T(t_option_249_is_named_so),
		T(t_the_same_set_renewed_is_no_new_warning),
		T(t_a_changed_set_is_a_new_warning),
		T(t_private_routes_alone_are_info),
		T(t_a_default_route_alone_is_info),
		T(t_a_lease_without_routes_is_no_warning),
		T(t_a_leak_inside_an_injected_route_has_the_cause),
		T(t_a_flow_begun_before_the_routes_has_no_cause),
		T(t_another_hosts_lease_is_no_cause),
		T(t_a_default_route_is_no_cause),
		T(t_routes_withdrawn_by_a_new_lease_are_no_cause),
		T(t_the_cause_stands_only_when_connected),
		T(t_ra_route_information_2000_3_is_critical),
		T(t_ra_with_a_ula_resolver_only_is_no_warning),
		T(t_ra_with_a_global_resolver_is_a_low_warning),
		T(t_lanmsg_parses_a_servers_reply_once),
		T(t_lanmsg_ignores_dhcp_to_the_server_port),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
