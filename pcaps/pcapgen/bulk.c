/* SPDX-License-Identifier: MIT */
/*
 * bulk.c - the big captures made on demand rather than committed: the
 * benchmark's (`pcapgen --bench N [--shape NAME] FILE`, bench/run.sh),
 * which picks one of the shapes (shapes.c, lanwide.c and carrier1 and
 * v6vlan here), and the flow flood of the bounded-memory tests (`pcapgen
 * --flood N FILE`, run-misc.sh and live.sh).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"

/*
 * carrier1, the first benchmark capture and the default shape, its bytes
 * unchanged since: N packets shaped like a physical interface under a VPN:
 * ~90% carrier
 * (one WireGuard, one OpenVPN), the rest DNS (UDP v4/v6, TCP, DoT), STUN,
 * plaintext HTTP, TLS, global IPv6, ARP/DHCP/NDP/mDNS/LLMNR, over tens of
 * thousands of flows.
 *
 * The two handshakes (4 packets) open it; then come rounds of at most
 * BENCH_ROUND packets while a whole round still fits, and WireGuard data
 * up to N (carrier: no leak).
 */
#define BENCH_ROUND	100

static int
carrier1(struct gen *g, unsigned long npackets, struct leaks *lk, bool v6)
{
	unsigned long leaks[6] = { 0 };
	struct wg_state wg = { { 0, 0 }, 1 };
	uint32_t seed = 1, ovpn_id = 1;
	struct tun t6;
	size_t n;

	gen_udp(g, CLI, 41000, VPN, 51820, buf, pl_wg_init(buf));
	gen_udp(g, VPN, 51820, CLI, 41000, buf, pl_wg_resp(buf));
	gen_udp(g, CLI, 41001, VPN, 1194, buf, pl_ovpn_ctl(buf, 7, 0, 1,
	    OVPN_NO_ACK, 0, NULL, 0, 0));
	gen_udp(g, VPN, 1194, CLI, 41001, buf, pl_ovpn_ctl(buf, 8, 1, 1, 0, 0,
	    NULL, 0, 0));
	if (v6) {
		tun_init(&t6, TUN_WG, CLI6, 41002, VPN6, 51820, 6);
		tun_start(g, &t6);
	}
	for (unsigned long r = 0; gen_packets(g) + BENCH_ROUND <= npackets;
	    r++) {
		uint16_t port = (uint16_t)(20000 + r % 40000);
		/* 90 carrier packets: 60 WireGuard, 30 OpenVPN data */
		for (int i = 0; i < 60; i++) {
			bool up = i % 3 == 0;
			if (v6 && i % 7 == 6) {
				tun_data(g, &t6, up, up ? 96 : 1248);
				continue;
			}
			n = wg_data(buf, up, up ? 96 : 1248, &wg);
			if (up)
				gen_udp(g, CLI, 41000, VPN, 51820, buf, n);
			else
				gen_udp(g, VPN, 51820, CLI, 41000, buf, n);
		}
		for (int i = 0; i < 30; i++) {
			if (v6 && i == 29) {
				tun_data(g, &t6, 0, 1248);
				continue;
			}
			n = pl_ovpn_data(buf, ovpn_id++, i % 2 ? 1200 : 100,
			    seed++, 0);
			if (i % 2)
				gen_udp(g, VPN, 1194, CLI, 41001, buf, n);
			else
				gen_udp(g, CLI, 41001, VPN, 1194, buf, n);
		}
		/* 10 more: a rotating mix of leaks and local housekeeping */
		switch (r % 10) {
		case 0:
			dns_exchange(g, CLI, port, RESOLV, 53, (uint16_t)r,
			    "www.example.com", 1, "198.51.100.80");
			dns_exchange(g, CLI6, port, RESOLV6, 53, (uint16_t)r,
			    "www.example.com", 28, WEB6);
			leaks[1] += 2;
			gen_arp(g, 1, CLI, ROUTER);
			gen_arp(g, 2, ROUTER, CLI);
			n = pl_dns_query(buf, 0, "printer.local", 1);
			gen_udp(g, CLI, 5353, "224.0.0.251", 5353, buf, n);
			gen_udp(g, LL6, 5353, "ff02::fb", 5353, buf, n);
			n = pl_dns_query(buf, 0x4242, "nas", 1);
			gen_udp(g, CLI, port, "224.0.0.252", 5355, buf, n);
			gen_icmp6(g, LL6, "ff02::2", 133, buf, 4);
			break;
		case 1:
			n = pl_stun_request(buf, (uint8_t)r);
			gen_udp(g, CLI, port, STUNSRV, 3478, buf, n);
			n = pl_stun_response(buf2, (uint8_t)r, "203.0.113.77",
			    port);
			gen_udp(g, STUNSRV, 3478, CLI, port, buf2, n);
			leaks[2]++;
			dns_exchange(g, CLI, port, ROUTER, 53, (uint16_t)r,
			    "cdn.example.net", 65, "198.51.100.81");
			leaks[1]++;
			for (int i = 0; i < 6; i++)
				gen_wait(g, 0);
			for (int i = 0; i < 6; i++)
				gen_udp(g, CLI, 41000, VPN, 51820, buf,
				    wg_data(buf, 1, 64, &wg));
			break;
		case 2: {
			size_t a = pl_http_get(buf, "example.com", "/a");
			size_t b = pl_http_ok(buf2);
			gen_tcp_session(g, CLI, port, WEB, 80, buf, a, buf2, b);
			leaks[4]++;
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			break;
		}
		case 3:
			tls_session(g, CLI, port, WEB, 443, "www.example.com");
			leaks[5]++;
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			break;
		case 4:
			tls_session(g, CLI6, port, WEB6, 443, "v6.example.com");
			leaks[3]++;
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			break;
		case 5: {
			size_t a = pl_dns_query(buf + 2, (uint16_t)r,
			    "big.example.net", 16);
			buf[0] = (uint8_t)(a >> 8);
			buf[1] = (uint8_t)a;
			gen_tcp_session(g, CLI, port, RESOLV, 53, buf, a + 2,
			    NULL, 0);
			leaks[1]++;
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			break;
		}
		case 6:
			tls_session(g, CLI, port, RESOLV, 853, "dns.example");
			leaks[1]++;
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 32, &wg));
			break;
		default:
			/* QUIC to UDP 443, and DHCP: 10 packets */
			gen_udp(g, CLI, port, WEB, 443, buf, pl_quic_initial(buf));
			for (int i = 0; i < 7; i++) {
				n = pl_random(buf, 1200, seed++);
				buf[0] = 0x40 | (buf[0] & 0x3f);   /* short header */
				gen_udp(g, WEB, 443, CLI, port, buf, n);
			}
			leaks[5]++;
			gen_udp(g, "0.0.0.0", 68, "255.255.255.255", 67, buf,
			    pl_dhcp(buf, 0));
			gen_udp(g, ROUTER, 67, "255.255.255.255", 68, buf,
			    pl_dhcp(buf, 1));
			break;
		}
		gen_wait(g, 20000);
	}
	while (gen_packets(g) < npackets)
		gen_udp(g, CLI, 41000, VPN, 51820, buf, wg_data(buf, 1, 96, &wg));
	lk->dns = leaks[1];
	lk->stun = leaks[2];
	lk->ipv6 = leaks[3];
	lk->http = leaks[4];
	lk->ip = leaks[5];
	return 0;
}

int
shape_carrier1(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	return carrier1(g, npackets, lk, false);
}

/*
 * v6vlan: carrier1 on a trunk port, every frame with an 802.1Q tag (VID
 * 10), and a second WireGuard tunnel over IPv6 carrying 9 of each round's
 * carrier packets: with the IPv6 leaks and NDP, about 10% IPv6.
 */
int
shape_v6vlan(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	return carrier1(g, npackets, lk, true);
}

/*
 * `pcapgen --bench N [--shape NAME] FILE': the shape's capture, exactly N
 * packets, then its leak flows by class on stdout, one "class count" a
 * line (bench/run.sh and the tests compare them with leaksniff's).
 */
int
bench_capture(const char *path, const char *shape, unsigned long npackets)
{
	const struct shape *s = shapes;
	struct leaks lk = { 0, 0, 0, 0, 0 };

	while (s->name != NULL && strcmp(s->name, shape) != 0)
		s++;
	if (s->name == NULL) {
		fprintf(stderr, "pcapgen: --shape: no shape `%s' (pcapgen "
		    "--help names them)\n", shape);
		return 2;
	}
	struct gen *g = gen_open(path, s->link);
	if (g == NULL)
		return 2;
	if (s->run(g, npackets, &lk) != 0) {
		gen_close(g);
		return 2;
	}
	if (gen_close(g) != 0)
		return 2;
	printf("dns %lu\nstun %lu\nipv6 %lu\nhttp %lu\nip %lu\n", lk.dns,
	    lk.stun, lk.ipv6, lk.http, lk.ip);
	return 0;
}

/* The shapes' names and purposes, for --help. */
void
bench_shapes(FILE *out)
{
	for (const struct shape *s = shapes; s->name != NULL; s++)
		fprintf(out, "  %-10s %s\n", s->name, s->what);
}

/*
 * A flood for the bounded-memory tests: `pcapgen --flood N FILE` writes N
 * TCP SYNs, each a new flow (source port and address vary), to public
 * addresses, between a WireGuard carrier's packets and LAN chatter, 100 µs
 * apart.  Every SYN flow is a leak (class ip).
 */
int
flood_capture(const char *path, unsigned long n)
{
	struct gen *g = gen_open(path, GL_ETH);
	char src[32], dst[32];
	struct wg_state wg = { { 0, 0 }, 1 };

	if (g == NULL)
		return 2;
	gen_udp(g, CLI, 41000, VPN, 51820, buf, pl_wg_init(buf));
	gen_udp(g, VPN, 51820, CLI, 41000, buf, pl_wg_resp(buf));
	for (unsigned long i = 0; i < n; i++) {
		snprintf(src, sizeof(src), "192.0.2.%lu", 10 + (i >> 16) % 200);
		snprintf(dst, sizeof(dst), "198.51.100.%lu", 1 + (i >> 8) % 250);
		gen_tcp(g, src, (uint16_t)(1024 + (i & 0xffff) % 60000), dst,
		    443, 0x02, (uint32_t)i, 0, NULL, 0);
		gen_wait(g, 100 - 1000);	/* 100 us apart */
		if (i % 100 == 0) {
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    wg_data(buf, 1, 64, &wg));
			gen_wait(g, 100 - 1000);
		}
	}
	if (gen_close(g) != 0)
		return 2;
	printf("%lu\n", n);
	return 0;
}
