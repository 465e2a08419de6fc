/* SPDX-License-Identifier: MIT */
/* t_localnet.c - MACs in the LAN learner (a flow routed through the
 * gateway's MAC, on-link at a neighbour's, a proxy's answer) and LocalNet
 * (public prefixes made on-link: which are no LAN, one warning per
 * offer, the leaks' cause). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "decode.h"
#include "locality.h"
#include "tunnel.h"
#include "warn.h"

static const uint8_t MAC_CLI[6] = { 2, 0, 0, 0, 0, 0x10 };
static const uint8_t MAC_GW[6] = { 2, 0, 0, 0, 0, 0x01 };
static const uint8_t MAC_PEER[6] = { 2, 0, 0, 0, 0, 0x20 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct ls_addr
A(const char *s)
{
	struct ls_addr a;

	assert_true(addr_parse(s, &a));
	return a;
}

static struct ls_cidr
C(const char *s)
{
	struct ls_cidr c;

	assert_true(cidr_parse(s, &c, NULL));
	return c;
}

/* One test's state: a locality whose warnings are counted. */
struct ctx {
	struct ls_locality	loc;
	struct ls_warner	warn;
	uint64_t		counts[WARN__COUNT];
	uint8_t			frame[256];
	size_t			len;
	struct ls_packet	p;
	struct ls_pkt_ctx	x;
};

static void
ctx_init(struct ctx *c)
{
	memset(c, 0, sizeof(*c));
	locality_init(&c->loc, NULL, 0, NULL);
	c->warn.counts = c->counts;
	c->loc.ln.warn = &c->warn;
}

static void
decode(struct ctx *c)
{
	c->p.wire_len = c->p.cap_len = (uint32_t)c->len;
	decode_frame(1, c->frame, (uint32_t)c->len, &c->p);
	c->x = (struct ls_pkt_ctx){ &c->p, c->frame, (uint32_t)c->len,
	    (uint32_t)c->len, 1000, 1, 0 };
}

static void
eth(struct ctx *c, const uint8_t dst[6], const uint8_t src[6], uint16_t et)
{
	memset(c->frame, 0, sizeof(c->frame));
	memcpy(c->frame, dst, 6);
	memcpy(c->frame + 6, src, 6);
	c->frame[12] = (uint8_t)(et >> 8);
	c->frame[13] = (uint8_t)et;
}

/* An ARP message op from sha/spa for tpa, learned from. */
static void
arp(struct ctx *c, uint16_t op, const uint8_t sha[6], const char *spa,
    const char *tpa)
{
	struct ls_addr s = A(spa), t = A(tpa);
	uint8_t *b = c->frame + 14;

	eth(c, op == 1 ? BCAST : MAC_CLI, sha, 0x0806);
	b[1] = 1; b[2] = 8; b[4] = 6; b[5] = 4; b[7] = (uint8_t)op;
	memcpy(b + 8, sha, 6);
	memcpy(b + 14, s.b + 12, 4);
	memcpy(b + 24, t.b + 12, 4);
	c->len = 14 + 28 + 18;
	decode(c);
	lanlearn_packet(&c->loc, &c->x, NULL);
}

/* A UDP/IPv4 frame src -> dst to MAC dmac from smac: its flow's LINK_*. */
static uint8_t
flow4(struct ctx *c, const uint8_t dmac[6], const uint8_t smac[6],
    const char *src, const char *dst)
{
	struct ls_addr s = A(src), d = A(dst);
	uint8_t *b = c->frame + 14;

	eth(c, dmac, smac, 0x0800);
	b[0] = 0x45; b[3] = 28 + 4; b[8] = 64; b[9] = 17;
	memcpy(b + 12, s.b + 12, 4);
	memcpy(b + 16, d.b + 12, 4);
	b[20] = 0xa0; b[21] = 0x28; b[22] = 0x27; b[23] = 0x0f; b[25] = 12;
	c->len = 14 + 32;
	decode(c);
	assert_int_equal(c->p.l3, L3_IPV4);
	return lanlearn_flow(&c->loc, &c->p, &c->x, NULL);
}

/* An NA from MAC mac for target (flags: R/S/O) with its target lladdr. */
static void
na(struct ctx *c, const uint8_t mac[6], const char *target, uint8_t flags)
{
	struct ls_addr t = A(target), src = A("fe80::1"), dst = A("fe80::10");
	uint8_t *b = c->frame + 14;

	eth(c, MAC_CLI, mac, 0x86dd);
	b[0] = 0x60; b[5] = 32; b[6] = 58; b[7] = 255;
	memcpy(b + 8, src.b, 16);
	memcpy(b + 24, dst.b, 16);
	b[40] = 136;
	b[44] = flags;
	memcpy(b + 48, t.b, 16);
	b[64] = 2; b[65] = 1;
	memcpy(b + 66, mac, 6);
	c->len = 14 + 40 + 32;
	decode(c);
	lanlearn_packet(&c->loc, &c->x, NULL);
}

/* An NS from src (MAC_CLI) for target, with its source lladdr unless
 * src is :: (duplicate address detection). */
static void
ns(struct ctx *c, const char *src, const char *target)
{
	struct ls_addr t = A(target), s = A(src), dst = A("ff02::1:ff00:1");
	uint8_t *b = c->frame + 14;
	bool dad = strcmp(src, "::") == 0;

	eth(c, BCAST, MAC_CLI, 0x86dd);
	b[0] = 0x60; b[5] = dad ? 24 : 32; b[6] = 58; b[7] = 255;
	memcpy(b + 8, s.b, 16);
	memcpy(b + 24, dst.b, 16);
	b[40] = 135;
	memcpy(b + 48, t.b, 16);
	if (!dad) {
		b[64] = 1; b[65] = 1;
		memcpy(b + 66, MAC_CLI, 6);
	}
	c->len = 14 + 40 + (dad ? 24 : 32);
	decode(c);
	lanlearn_packet(&c->loc, &c->x, NULL);
}

/* An IPv6 frame (ICMPv6 echo) to dst at MAC dmac: its flow's LINK_*. */
static uint8_t
flow6(struct ctx *c, const uint8_t dmac[6], const char *src, const char *dst)
{
	struct ls_addr s = A(src), d = A(dst);
	uint8_t *b = c->frame + 14;

	eth(c, dmac, MAC_CLI, 0x86dd);
	b[0] = 0x60; b[5] = 8; b[6] = 58; b[7] = 64;
	memcpy(b + 8, s.b, 16);
	memcpy(b + 24, d.b, 16);
	b[40] = 128;
	c->len = 14 + 48;
	decode(c);
	return lanlearn_flow(&c->loc, &c->p, &c->x, NULL);
}

/* A public LAN 192.0.2.0/24 leased by 192.0.2.1, whose ARP gave its MAC. */
static void
office(struct ctx *c)
{
	struct ls_cidr lan = C("192.0.2.0/24");
	struct ls_addr srv = A("192.0.2.1"), own = A("192.0.2.10");

	assert_true(lanlearn_prefix(&c->loc, &lan, LAN_VIA_DHCP));
	localnet_offer(&c->loc, &lan, LAN_VIA_DHCP, &srv, &own, NULL);
	c->loc.learned.gateways[0] = srv;
	c->loc.learned.ngateways = 1;
	arp(c, 2, MAC_GW, "192.0.2.1", "192.0.2.10");
}

static void
t_gateway_mac_from_its_arp_answer(void **state)
{
	struct ctx c;

	(void)state;
	ctx_init(&c);
	office(&c);
	assert_int_equal(c.loc.learned.gateway_has_mac, 1);
	assert_memory_equal(c.loc.learned.gateway_mac[0], MAC_GW, 6);
}

static void
t_to_gateway_mac_for_another_address_is_routed(void **state)
{
	struct ctx c;
	struct ls_addr cli = A("192.0.2.10"), srv = A("192.0.2.200");
	uint8_t link;

	(void)state;
	ctx_init(&c);
	office(&c);
	link = flow4(&c, MAC_GW, MAC_CLI, "192.0.2.10", "192.0.2.200");
	assert_true(link & LINK_SRV_ROUTED);
	assert_true(locality_nonlocal_link(&c.loc, &cli, &srv, link));
	/* without the MACs the learned /24 says local */
	assert_false(locality_nonlocal(&c.loc, &cli, &srv));
}

static void
t_to_gateway_mac_for_its_own_address_is_onlink(void **state)
{
	struct ctx c;
	struct ls_addr cli = A("192.0.2.10"), srv = A("192.0.2.1");
	uint8_t link;

	(void)state;
	ctx_init(&c);
	office(&c);
	link = flow4(&c, MAC_GW, MAC_CLI, "192.0.2.10", "192.0.2.1");
	assert_int_equal(link & (LINK_SRV_ROUTED | LINK_SRV_ONLINK),
	    LINK_SRV_ONLINK);
	assert_false(locality_nonlocal_link(&c.loc, &cli, &srv, link));
}

/* SPEC: RFC 1918 is local by contract, routed or not */
static void
t_routed_private_address_stays_local(void **state)
{
	struct ctx c;
	struct ls_addr cli = A("192.168.1.10"), srv = A("192.168.2.7");

	(void)state;
	ctx_init(&c);
	c.loc.learned.gateways[0] = A("192.168.1.1");
	c.loc.learned.ngateways = 1;
	arp(&c, 2, MAC_GW, "192.168.1.1", "192.168.1.10");
	uint8_t link = flow4(&c, MAC_GW, MAC_CLI, "192.168.1.10",
	    "192.168.2.7");
	assert_true(link & LINK_SRV_ROUTED);
	assert_false(locality_nonlocal_link(&c.loc, &cli, &srv, link));
}

static void
t_neighbour_mac_makes_an_unlearned_address_onlink(void **state)
{
	struct ctx c;
	struct ls_addr cli = A("198.51.100.10"), srv = A("198.51.100.99");
	char s[32];

	(void)state;
	ctx_init(&c);
	/* the prefix table full of other neighbours */
	for (int i = 0; i < LAN_MAX_PREFIXES; i++) {
		snprintf(s, sizeof(s), "203.0.113.%d/32", i);
		struct ls_cidr n = C(s);
		lanlearn_prefix(&c.loc, &n, LAN_VIA_ARP);
	}
	arp(&c, 1, MAC_CLI, "198.51.100.10", "198.51.100.99");
	arp(&c, 2, MAC_PEER, "198.51.100.99", "198.51.100.10");
	assert_false(locality_is_local(&c.loc, &srv));
	uint8_t link = flow4(&c, MAC_PEER, MAC_CLI, "198.51.100.10",
	    "198.51.100.99");
	assert_int_equal(link, LINK_SRV_ONLINK | LINK_CLI_ONLINK);
	assert_false(locality_nonlocal_link(&c.loc, &cli, &srv, link));
	/* another MAC for it: no evidence */
	link = flow4(&c, MAC_GW, MAC_CLI, "198.51.100.10", "198.51.100.99");
	assert_true(locality_nonlocal_link(&c.loc, &cli, &srv, link));
}

/* more neighbours than are kept: the oldest give way, the newest found */
static void
t_neighbour_ring_keeps_the_newest(void **state)
{
	struct ctx c;
	uint8_t mac[6] = { 2, 0, 0, 0, 1, 0 };
	char a[32];

	(void)state;
	ctx_init(&c);
	for (int i = 0; i < LAN_MAX_NEIGH + 6; i++) {
		mac[5] = (uint8_t)i;
		snprintf(a, sizeof(a), "198.51.100.%d", i + 1);
		arp(&c, 1, mac, a, "198.51.100.254");
	}
	assert_int_equal(c.loc.learned.nneigh, LAN_MAX_NEIGH);
	mac[5] = LAN_MAX_NEIGH + 5;
	snprintf(a, sizeof(a), "198.51.100.%d", LAN_MAX_NEIGH + 6);
	assert_int_equal(flow4(&c, mac, MAC_CLI, "198.51.100.250", a),
	    LINK_SRV_ONLINK);
	mac[5] = 0;
	assert_int_equal(flow4(&c, mac, MAC_CLI, "198.51.100.250",
	    "198.51.100.1"), 0);
}

static void
t_gateway_answering_arp_for_another_address_is_a_proxy(void **state)
{
	struct ctx c;
	struct ls_addr a = A("192.0.2.80");

	(void)state;
	ctx_init(&c);
	office(&c);
	arp(&c, 2, MAC_GW, "192.0.2.80", "192.0.2.10");
	assert_true(lanlearn_proxied(&c.loc, &a));
	assert_false(locality_is_local(&c.loc, &a));
	/* the offer looked like a LAN: warned about as routed, medium */
	assert_int_equal(c.counts[WARN_LOCALNET], 1);
}

static void
t_na_with_override_is_the_routers_own_address(void **state)
{
	struct ctx c;
	struct ls_addr a = A("2001:db8:1::1");

	(void)state;
	ctx_init(&c);
	c.loc.learned.gateways[0] = A("fe80::1");
	c.loc.learned.ngateways = 1;
	na(&c, MAC_GW, "fe80::1", 0xa0);
	na(&c, MAC_GW, "2001:db8:1::1", 0xe0);		/* R S O */
	assert_false(lanlearn_proxied(&c.loc, &a));
	uint8_t link = flow6(&c, MAC_GW, "2001:db8:1::10", "2001:db8:1::1");
	assert_int_equal(link & (LINK_SRV_ROUTED | LINK_SRV_ONLINK),
	    LINK_SRV_ONLINK);
}

/* RFC 4861 7.2.8: a proxy's NA has O clear */
static void
t_na_without_override_from_the_gateway_is_a_proxy(void **state)
{
	struct ctx c;
	struct ls_addr a = A("2001:db8:1::80");

	(void)state;
	ctx_init(&c);
	c.loc.learned.gateways[0] = A("fe80::1");
	c.loc.learned.ngateways = 1;
	na(&c, MAC_GW, "fe80::1", 0xa0);
	na(&c, MAC_GW, "2001:db8:1::80", 0xc0);		/* R S */
	assert_true(lanlearn_proxied(&c.loc, &a));
	uint8_t link = flow6(&c, MAC_GW, "2001:db8:1::10", "2001:db8:1::80");
	assert_true(link & LINK_SRV_ROUTED);
}

/* a router's other global address, its answer before the capture */
static void
t_v6_unknown_address_at_the_gateway_mac_proves_nothing(void **state)
{
	struct ctx c;

	(void)state;
	ctx_init(&c);
	c.loc.learned.gateways[0] = A("fe80::1");
	c.loc.learned.ngateways = 1;
	na(&c, MAC_GW, "fe80::1", 0xa0);
	assert_int_equal(flow6(&c, MAC_GW, "2001:db8:1::10", "2001:db8:1::1"),
	    0);
}

/* A lease refused for holding the VPN endpoint. */
static void
rogue(struct ctx *c, struct ls_endpoint *ep)
{
	struct ls_cidr lan = C("203.0.113.0/24");
	struct ls_addr srv = A("203.0.113.254"), own = A("203.0.113.50");

	*ep = (struct ls_endpoint){ A("203.0.113.1"), 51820, 17 };
	c->loc.endpoints = ep;
	c->loc.nendpoints = 1;
	assert_false(lanlearn_prefix(&c->loc, &lan, LAN_VIA_DHCP));
	localnet_offer(&c->loc, &lan, LAN_VIA_DHCP, &srv, &own,
	    "holds the VPN endpoint");
}

static void
t_one_warning_per_offer(void **state)
{
	struct ctx c;
	struct ls_endpoint ep;

	(void)state;
	ctx_init(&c);
	rogue(&c, &ep);
	arp(&c, 1, MAC_CLI, "203.0.113.50", "203.0.113.80");
	assert_int_equal(c.counts[WARN_LOCALNET], 1);
	arp(&c, 1, MAC_CLI, "203.0.113.50", "203.0.113.81");
	arp(&c, 1, MAC_CLI, "203.0.113.50", "203.0.113.1");
	assert_int_equal(c.counts[WARN_LOCALNET], 1);
}

static void
t_no_warning_for_the_clients_own_address(void **state)
{
	struct ctx c;
	struct ls_endpoint ep;

	(void)state;
	ctx_init(&c);
	rogue(&c, &ep);
	/* an ARP probe, and a peer asking for the client */
	arp(&c, 1, MAC_CLI, "0.0.0.0", "203.0.113.50");
	arp(&c, 1, MAC_PEER, "203.0.113.9", "203.0.113.50");
	assert_int_equal(c.counts[WARN_LOCALNET], 0);
}

/* a rogue RA's prefix holding the VPN server: the client's own address
 * (its DAD target) is never "sent on-link", a solicited site is */
static void
t_dad_target_is_the_clients_own_address(void **state)
{
	struct ctx c;
	struct ls_endpoint ep = { A("2001:db8:ffff::1"), 51820, 17 };
	struct ls_cidr lan = C("2001:db8:ffff::/64");
	struct ls_addr rtr = A("fe80::1");

	(void)state;
	ctx_init(&c);
	c.loc.endpoints = &ep;
	c.loc.nendpoints = 1;
	assert_false(lanlearn_prefix(&c.loc, &lan, LAN_VIA_RA));
	localnet_offer(&c.loc, &lan, LAN_VIA_RA, &rtr, NULL,
	    "holds the VPN endpoint");
	ns(&c, "::", "2001:db8:ffff::10");
	ns(&c, "fe80::10", "2001:db8:ffff::10");
	assert_int_equal(c.counts[WARN_LOCALNET], 0);
	ns(&c, "2001:db8:ffff::10", "2001:db8:ffff::80");
	assert_int_equal(c.counts[WARN_LOCALNET], 1);
}

/* a global IPv6 LAN: NS for a peer, frames to it, nothing */
static void
t_public_lan_peer_traffic_is_no_localnet(void **state)
{
	struct ctx c;
	struct ls_cidr lan = C("2001:db8:1::/64");
	struct ls_addr rtr = A("fe80::1"), cli = A("2001:db8:1::10");
	struct ls_addr peer = A("2001:db8:1::20");

	(void)state;
	ctx_init(&c);
	assert_true(lanlearn_prefix(&c.loc, &lan, LAN_VIA_RA));
	localnet_offer(&c.loc, &lan, LAN_VIA_RA, &rtr, NULL, NULL);
	c.loc.learned.gateways[0] = rtr;
	c.loc.learned.ngateways = 1;
	na(&c, MAC_GW, "fe80::1", 0xa0);
	na(&c, MAC_PEER, "2001:db8:1::20", 0x60);
	uint8_t link = flow6(&c, MAC_PEER, "2001:db8:1::10", "2001:db8:1::20");
	assert_false(locality_nonlocal_link(&c.loc, &cli, &peer, link));
	assert_int_equal(c.counts[WARN_LOCALNET], 0);
}

static void
t_endpoint_seen_later_makes_the_prefix_no_lan(void **state)
{
	struct ctx c;
	struct ls_tunnels tun;
	struct ls_cidr lan = C("203.0.113.0/24");
	struct ls_addr srv = A("203.0.113.254"), a = A("203.0.113.80");

	(void)state;
	ctx_init(&c);
	memset(&tun, 0, sizeof(tun));
	c.loc.tun = &tun;
	assert_true(lanlearn_prefix(&c.loc, &lan, LAN_VIA_DHCP));
	localnet_offer(&c.loc, &lan, LAN_VIA_DHCP, &srv, NULL, NULL);
	assert_true(locality_is_local(&c.loc, &a));
	tun.ep[0].addr = A("203.0.113.1");
	tun.n = 1;
	assert_true(localnet_excluded(&c.loc, &a));
	assert_false(locality_is_local(&c.loc, &a));
}

static void
t_leak_to_an_address_sent_onlink_has_cause_localnet(void **state)
{
	struct ctx c;
	struct ls_endpoint ep;
	struct ls_leak l;

	(void)state;
	ctx_init(&c);
	rogue(&c, &ep);
	arp(&c, 1, MAC_CLI, "203.0.113.50", "203.0.113.80");
	memset(&l, 0, sizeof(l));
	l.flow.cli = A("203.0.113.50");
	l.flow.srv = A("203.0.113.80");
	localnet_leak(&c.loc, &l);
	assert_int_equal(l.cause, CAUSE_LOCALNET);
}

/* in the prefix, but never looked for on the link (sent to the router) */
static void
t_leak_not_sent_onlink_has_no_cause(void **state)
{
	struct ctx c;
	struct ls_endpoint ep;
	struct ls_leak l;

	(void)state;
	ctx_init(&c);
	rogue(&c, &ep);
	memset(&l, 0, sizeof(l));
	l.flow.cli = A("203.0.113.50");
	l.flow.srv = A("203.0.113.80");
	localnet_leak(&c.loc, &l);
	assert_int_equal(l.cause, CAUSE_NONE);
	assert_int_equal(c.counts[WARN_LOCALNET], 0);
}

static void
t_leak_keeps_a_cause_already_given(void **state)
{
	struct ctx c;
	struct ls_endpoint ep;
	struct ls_leak l;

	(void)state;
	ctx_init(&c);
	rogue(&c, &ep);
	arp(&c, 1, MAC_CLI, "203.0.113.50", "203.0.113.80");
	memset(&l, 0, sizeof(l));
	l.flow.srv = A("203.0.113.80");
	l.cause = CAUSE_ROUTE_INJECTION;
	localnet_leak(&c.loc, &l);
	assert_int_equal(l.cause, CAUSE_ROUTE_INJECTION);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_gateway_mac_from_its_arp_answer),
		cmocka_unit_test(t_to_gateway_mac_for_another_address_is_routed),
		cmocka_unit_test(t_to_gateway_mac_for_its_own_address_is_onlink),
		cmocka_unit_test(t_routed_private_address_stays_local),
		cmocka_unit_test(t_neighbour_mac_makes_an_unlearned_address_onlink),
		cmocka_unit_test(t_neighbour_ring_keeps_the_newest),
		cmocka_unit_test(t_gateway_answering_arp_for_another_address_is_a_proxy),
		cmocka_unit_test(t_na_with_override_is_the_routers_own_address),
		cmocka_unit_test(t_na_without_override_from_the_gateway_is_a_proxy),
		cmocka_unit_test(t_v6_unknown_address_at_the_gateway_mac_proves_nothing),
		cmocka_unit_test(t_one_warning_per_offer),
		cmocka_unit_test(t_no_warning_for_the_clients_own_address),
		cmocka_unit_test(t_dad_target_is_the_clients_own_address),
		cmocka_unit_test(t_public_lan_peer_traffic_is_no_localnet),
		cmocka_unit_test(t_endpoint_seen_later_makes_the_prefix_no_lan),
		cmocka_unit_test(t_leak_to_an_address_sent_onlink_has_cause_localnet),
		cmocka_unit_test(t_leak_not_sent_onlink_has_no_cause),
		cmocka_unit_test(t_leak_keeps_a_cause_already_given),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
