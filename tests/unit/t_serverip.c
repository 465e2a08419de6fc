/* SPDX-License-Identifier: MIT */
/* t_serverip.c - ServerIP: the cause of a leak to the VPN server's
 * address, and which DNS answers naming that address are warnings (the
 * VPN's own name, resolved before the first handshake, is not). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <string.h>

#include "carrier.h"
#include "event.h"
#include "packet.h"
#include "report.h"
#include "serverip.h"
#include "warn.h"

#define VPN	"203.0.113.1"
#define SEC	1000000ull

static struct ls_warning got[8];
static size_t ngot;

static void
on_warning(struct ls_reporter *r, const struct ls_warning *w)
{
	(void)r;
	if (ngot < 8)
		got[ngot] = *w;
	ngot++;
}

static const struct reporter_ops ops = { .name = "t", .warning = on_warning };

struct world {
	struct ls_reporter	rep;
	struct ls_warner	warn;
	struct ls_carrier_set	cs;
	struct ls_tunnels	tun;
	struct ls_serverip	sip;
	struct ls_endpoint	ep;
};

static void
world_init(struct world *w)
{
	serverip_free(&w->sip);		/* static: the last run's, if any */
	memset(w, 0, sizeof(*w));
	w->rep.ops = &ops;
	w->warn.rep = &w->rep;
	serverip_init(&w->sip, &w->cs, &w->tun, &w->warn);
	ngot = 0;
}

/* The carrier to the VPN server starts at ts. */
static void
carrier_at(struct world *w, uint64_t ts)
{
	struct ls_carrier_ep *c = &w->tun.ep[w->tun.n++];

	assert_true(addr_parse(VPN, &c->addr));
	c->port = 51820;
	c->proto = IPPROTO_UDP;
	c->first_us = ts;
}

/* A resolver's answer at ts: name has A address. */
static void
answer_at(struct world *w, uint64_t ts, const char *name, const char *address)
{
	uint8_t b[300] = { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0 };
	size_t n = 12;
	struct ls_packet p;
	struct ls_addr a;
	const char *s = name;

	while (*s != '\0') {
		const char *dot = strchr(s, '.');
		size_t l = dot != NULL ? (size_t)(dot - s) : strlen(s);
		b[n++] = (uint8_t)l;
		memcpy(b + n, s, l);
		n += l;
		s += l + (dot != NULL);
	}
	b[n++] = 0;
	memcpy(b + n, "\0\1\0\1\xc0\x0c\0\1\0\1\0\0\0\x3c\0\4", 16);
	n += 16;
	assert_true(addr_parse(address, &a));
	memcpy(b + n, a.b + 12, 4);
	n += 4;
	memset(&p, 0, sizeof(p));
	p.proto = IPPROTO_UDP;
	p.sport = 53;
	p.payload_off = 0;
	p.payload_len = (uint32_t)n;
	assert_true(addr_parse("192.0.2.1", &p.src));
	assert_true(addr_parse("192.0.2.10", &p.dst));
	struct ls_pkt_ctx x = { &p, b, (uint32_t)n, (uint32_t)n, ts, 1, 0 };
	serverip_dns(&w->sip, &x, NULL);
}

static enum ls_cause
cause_of_leak_to(struct world *w, const char *dst, enum ls_phase phase)
{
	struct ls_leak l;

	memset(&l, 0, sizeof(l));
	assert_true(addr_parse("192.0.2.10", &l.flow.cli));
	assert_true(addr_parse(dst, &l.flow.srv));
	l.phase = phase;
	serverip_cause(&w->sip, &l);
	return l.cause;
}

static void
t_leak_to_the_server_address_once_connected_is_serverip(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	carrier_at(&w, 1 * SEC);
	assert_int_equal(cause_of_leak_to(&w, VPN, PHASE_CONNECTED),
	    CAUSE_SERVERIP);
}

static void
t_leak_to_the_server_address_before_the_tunnel_has_no_cause(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	carrier_at(&w, 1 * SEC);
	assert_int_equal(cause_of_leak_to(&w, VPN, PHASE_BEFORE_TUNNEL),
	    CAUSE_NONE);
}

static void
t_leak_to_another_address_has_no_cause(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	carrier_at(&w, 1 * SEC);
	assert_int_equal(cause_of_leak_to(&w, "198.51.100.80",
	    PHASE_CONNECTED), CAUSE_NONE);
}

static void
t_configured_endpoint_counts_before_its_carrier_is_seen(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	assert_true(addr_parse(VPN, &w.ep.addr));
	w.cs.configured = &w.ep;
	w.cs.nconfigured = 1;
	assert_int_equal(cause_of_leak_to(&w, VPN, PHASE_OUTAGE),
	    CAUSE_SERVERIP);
}

static void
t_os_host_route_alone_is_no_endpoint(void **st)
{
	static struct world w;
	struct ls_endpoint ep = { .proto = 0 };

	(void)st;
	world_init(&w);
	assert_true(addr_parse(VPN, &ep.addr));
	assert_true(carrier_os_endpoint(&w.cs, &ep, true, true, "route"));
	assert_int_equal(cause_of_leak_to(&w, VPN, PHASE_CONNECTED),
	    CAUSE_NONE);
}

static void
t_vpn_name_resolved_before_the_handshake_is_no_warning(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 2 * SEC);
	serverip_sync(&w.sip);
	assert_int_equal(ngot, 0);
}

static void
t_vpn_name_resolved_again_later_is_no_warning(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 2 * SEC);
	answer_at(&w, 9 * SEC, "VPN.Example.NET", VPN);
	assert_int_equal(ngot, 0);
}

static void
t_other_name_before_the_vpn_name_is_a_high_warning(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "www.popular.example", VPN);
	answer_at(&w, 2 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 3 * SEC);
	serverip_sync(&w.sip);
	assert_int_equal(ngot, 1);
	assert_int_equal(got[0].kind, WARN_SERVERIP_DNS);
	assert_int_equal(got[0].severity, SEV_HIGH);
	assert_string_equal(got[0].name, "www.popular.example");
	assert_int_equal(got[0].ts_us, 1 * SEC);
}

static void
t_other_name_after_the_handshake_is_a_high_warning(void **st)
{
	static struct world w;
	struct ls_addr a;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 2 * SEC);
	answer_at(&w, 5 * SEC, "www.popular.example", VPN);
	assert_int_equal(ngot, 1);
	assert_int_equal(got[0].severity, SEV_HIGH);
	assert_true(addr_parse(VPN, &a));
	assert_memory_equal(&got[0].address, &a, sizeof(a));
	assert_true(addr_parse("192.0.2.1", &a));
	assert_memory_equal(&got[0].server, &a, sizeof(a));
}

static void
t_name_when_the_vpn_name_was_never_seen_is_a_medium_warning(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	carrier_at(&w, 2 * SEC);
	answer_at(&w, 5 * SEC, "www.popular.example", VPN);
	assert_int_equal(ngot, 1);
	assert_int_equal(got[0].severity, SEV_MEDIUM);
}

static void
t_same_other_name_again_is_warned_once(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 2 * SEC);
	answer_at(&w, 5 * SEC, "www.popular.example", VPN);
	answer_at(&w, 9 * SEC, "WWW.popular.example", VPN);
	answer_at(&w, 9 * SEC, "mail.popular.example", VPN);
	assert_int_equal(ngot, 2);
	assert_string_equal(got[1].name, "mail.popular.example");
}

static void
t_answer_for_another_address_is_no_warning(void **st)
{
	static struct world w;

	(void)st;
	world_init(&w);
	answer_at(&w, 1 * SEC, "vpn.example.net", VPN);
	carrier_at(&w, 2 * SEC);
	answer_at(&w, 5 * SEC, "www.popular.example", "198.51.100.80");
	assert_int_equal(ngot, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_leak_to_the_server_address_once_connected_is_serverip),
		cmocka_unit_test(t_leak_to_the_server_address_before_the_tunnel_has_no_cause),
		cmocka_unit_test(t_leak_to_another_address_has_no_cause),
		cmocka_unit_test(t_configured_endpoint_counts_before_its_carrier_is_seen),
		cmocka_unit_test(t_os_host_route_alone_is_no_endpoint),
		cmocka_unit_test(t_vpn_name_resolved_before_the_handshake_is_no_warning),
		cmocka_unit_test(t_vpn_name_resolved_again_later_is_no_warning),
		cmocka_unit_test(t_other_name_before_the_vpn_name_is_a_high_warning),
		cmocka_unit_test(t_other_name_after_the_handshake_is_a_high_warning),
		cmocka_unit_test(t_name_when_the_vpn_name_was_never_seen_is_a_medium_warning),
		cmocka_unit_test(t_same_other_name_again_is_warned_once),
		cmocka_unit_test(t_answer_for_another_address_is_no_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
