/* SPDX-License-Identifier: MIT */
/*
 * lanwide.c - the benchmark's `lanwide' shape: a capture from a router's
 * span port, 50 devices on one LAN (192.0.2.100-149, each with its own
 * MAC), each with a tunnel of its own: WireGuard, OpenVPN over UDP or
 * IKEv2 with ESP in UDP, to one of ten servers of its kind.  Ten devices
 * stream (most of the carrier), the other forty browse lightly; the
 * tunnels come up two a round at the start of the capture, rekey and keep
 * alive as their clients do (tunnels.c).  Seven devices leak, one leak a
 * round in turn: DNS to the ISP's resolver or the router, plaintext HTTP,
 * IPv6 from their global address, STUN.  The LAN's own chatter (ARP from
 * the router, mDNS, SSDP) is local.  About 93% carrier.
 */
#include <stdio.h>
#include <string.h>

#include "scenario.h"

#define NDEV		50
#define LW_ROUND	100	/* packets a round, at most */
#define LW_OTHER	7	/* about this many of them not carrier */

struct dev {
	char		ip[16], ip6[32];
	struct tun	t;
	bool		up;
};

static struct dev devs[NDEV];

static bool
heavy(int d)
{
	return d % 5 == 0;
}

static void
devs_init(struct gen *g)
{
	for (int d = 0; d < NDEV; d++) {
		struct dev *v = &devs[d];
		uint8_t mac[6] = { 0x02, 0, 0, 0, 0x01, (uint8_t)d };
		char srv[32];

		snprintf(v->ip, sizeof(v->ip), "192.0.2.%d", 100 + d);
		snprintf(v->ip6, sizeof(v->ip6), "2001:db8:1::%x", 0x100 + d);
		gen_mac(g, v->ip, mac);
		gen_mac(g, v->ip6, mac);
		switch (d % 3) {
		case 0:
			snprintf(srv, sizeof(srv), "203.0.113.%d", 10 + d % 10);
			tun_init(&v->t, TUN_WG, v->ip, (uint16_t)(40000 + 7 * d),
			    srv, 51820, (uint32_t)(100 + d));
			break;
		case 1:
			snprintf(srv, sizeof(srv), "203.0.113.%d", 30 + d % 10);
			tun_init(&v->t, TUN_OVPN, v->ip,
			    (uint16_t)(40000 + 7 * d), srv, 1194,
			    (uint32_t)(100 + d));
			break;
		default:
			snprintf(srv, sizeof(srv), "203.0.113.%d", 50 + d % 10);
			tun_init(&v->t, TUN_IKE, v->ip, 4500, srv, 4500,
			    (uint32_t)(100 + d));
			break;
		}
		v->up = false;
	}
}

/* The j-th carrier packet of round r: a streaming device's download nine
 * times in ten, else a light device's packet, either way. */
static void
lw_carrier(struct gen *g, unsigned long r, unsigned j)
{
	int d;

	if (j % 10 != 9)
		d = (int)((j * 3 + r) % 10) * 5;
	else {
		int l = (int)((j / 10 * 7 + r * 3) % 40);	/* the light */
		d = l / 4 * 5 + 1 + l % 4;
	}
	if (!devs[d].up) {	/* not up yet: the first device that is */
		d = 0;
		while (!devs[d].up)
			d++;
	}
	bool to_server = heavy(d) ? j % 4 == 3 : j % 2 == 1;
	tun_data(g, &devs[d].t, to_server, to_server ? 52 : heavy(d) ? 1380 :
	    200 + (j * 37) % 1000);
}

/* The round's leak (one of the leaky devices, by turn) and chatter. */
static void
lw_other(struct gen *g, unsigned long r, unsigned long *k, struct leaks *lk)
{
	static const int leakers[7] = { 3, 10, 17, 24, 31, 38, 45 };
	const struct dev *v = &devs[leakers[r % 7]];
	const struct dev *w = &devs[(r * 13) % NDEV];
	uint16_t port = (uint16_t)(32768 + *k % 28000);
	char srv[48];
	size_t n;

	snprintf(srv, sizeof(srv), "198.51.100.%lu", 2 + (*k / 28000) % 250);
	(*k)++;
	switch (r % 5) {
	case 0:
	case 3:		/* a smart TV's or a phone's resolver */
		dns_exchange(g, v->ip, port, r % 5 ? ROUTER : RESOLV, 53,
		    (uint16_t)(r * 40503u), "telemetry.example.com", 1, WEB);
		lk->dns++;
		break;
	case 1:
		gen_tcp_session(g, v->ip, port, srv, 80, buf,
		    pl_http_get(buf, "update.example.com", "/check"), NULL, 0);
		lk->http++;
		break;
	case 2:
		snprintf(srv, sizeof(srv), "2001:db8:2::%lx",
		    0x100 + (*k / 28000) % 250);
		tls_session(g, v->ip6, port, srv, 443, "v6.example.com");
		lk->ipv6++;
		break;
	default:
		n = pl_stun_request(buf, (uint8_t)r);
		gen_udp(g, v->ip, port, STUNSRV, 3478, buf, n);
		n = pl_stun_response(buf2, (uint8_t)r, "203.0.113.77", port);
		gen_udp(g, STUNSRV, 3478, v->ip, port, buf2, n);
		lk->stun++;
		break;
	}
	/* every other round, a little of the LAN's own */
	if (r % 2 == 0) {
		gen_arp(g, 1, ROUTER, w->ip);
		gen_arp(g, 2, w->ip, ROUTER);
		n = pl_dns_query(buf, 0, "_airplay._tcp.local", 12);
		gen_udp(g, w->ip, 5353, "224.0.0.251", 5353, buf, n);
	} else {
		n = (size_t)snprintf((char *)buf, sizeof(buf),
		    "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
		    "MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n");
		gen_udp(g, w->ip, 1900, "239.255.255.250", 1900, buf, n);
	}
}

int
shape_lanwide(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	unsigned long k = 0;
	unsigned long r;

	devs_init(g);
	/* the first two tunnels come up before anything else */
	tun_start(g, &devs[0].t);
	devs[0].up = true;
	for (r = 0; gen_packets(g) + LW_ROUND + 20 <= npackets; r++) {
		unsigned long start = gen_packets(g);
		for (int i = 0; i < 2; i++) {
			int d = (int)(2 * r + (unsigned long)i + 1);
			if (d < NDEV) {
				tun_start(g, &devs[d].t);
				devs[d].up = true;
			}
		}
		for (int d = 0; d < NDEV; d++)
			if (devs[d].up)
				tun_tick(g, &devs[d].t);
		unsigned j = 0;
		for (; j < (LW_ROUND - LW_OTHER) / 2; j++)
			lw_carrier(g, r, j);
		lw_other(g, r, &k, lk);
		for (; gen_packets(g) - start < LW_ROUND; j++)
			lw_carrier(g, r, j);
		gen_wait(g, 5000);
	}
	for (unsigned j = 0; gen_packets(g) < npackets; j++)
		lw_carrier(g, r, j);
	return 0;
}
