/* SPDX-License-Identifier: MIT */
/*
 * shapes.c - the benchmark's traffic shapes besides carrier1 (bulk.c) and
 * lanwide (lanwide.c): `pcapgen --bench N --shape NAME FILE`.
 *
 *   carriers3  a laptop with two WireGuard tunnels and one OpenVPN tunnel
 *              interleaved (about 92% carrier), plus DNS, TLS, QUIC, HTTP,
 *              STUN, IPv6 and LAN chatter
 *   vpnoff     the VPN off: web browsing (DNS, TLS and QUIC downloads,
 *              IPv6, some plaintext HTTP), every flow to the internet leaks
 *   flood      a kill-switch failure under a P2P client: the tunnel dies,
 *              then one- and two-packet flows (DHT queries, TCP SYNs), each
 *              a leak
 *
 * Each writes exactly N packets and counts the leak flows it made by class;
 * every leak flow has a 5-tuple of its own (flow_tuple), so none is merged
 * with another.  Timings: a packet every millisecond unless a round trip
 * (20 ms) or a pause says otherwise; the flood's packets 100 µs apart.
 */
#include <stdio.h>
#include <string.h>

#include "scenario.h"

/* gen_wait takes an unsigned step: this many microseconds *less* than the
 * 1 ms a packet moves the clock on. */
#define SOONER(us)	((uint64_t)0 - (uint64_t)(us))

/*
 * The k-th leak flow's client port and server host: ports cycle through
 * Linux's ephemeral range, the host moves on each cycle, so no two flows
 * of a capture (up to 7 million) share a 5-tuple.
 */
static void
flow_tuple(unsigned long k, int v6, char *srv, size_t n, uint16_t *port)
{
	unsigned long h = 2 + (k / 28000) % 250;

	*port = (uint16_t)(32768 + k % 28000);
	if (v6)
		snprintf(srv, n, "2001:db8:2::%lx", 0x100 + h);
	else
		snprintf(srv, n, "198.51.100.%lu", h);
}

/*
 * A TCP download: handshake (a 20 ms round trip), the request, `segs'
 * segments of up to 1448 bytes from the server (the client ACKs every
 * second one), and the close if `close' is set.  A TLS download answers
 * with a ServerHello's record, then application data records.
 */
static void
tcp_download(struct gen *g, const char *c, uint16_t cp, const char *s,
    uint16_t sp, const uint8_t *req, size_t reqn, unsigned segs,
    uint32_t seed, bool tls, bool close)
{
	uint32_t cs = 0x30000000u + seed * 7919u, ss = 0x40000000u + seed * 104729u;
	uint8_t seg[1448];

	gen_tcp(g, c, cp, s, sp, 0x02, cs++, 0, NULL, 0);
	gen_wait(g, 20000);
	gen_tcp(g, s, sp, c, cp, 0x12, ss++, cs, NULL, 0);
	gen_tcp(g, c, cp, s, sp, 0x10, cs, ss, NULL, 0);
	gen_tcp(g, c, cp, s, sp, 0x18, cs, ss, req, reqn);
	cs += (uint32_t)reqn;
	gen_wait(g, 20000);
	for (unsigned i = 0; i < segs; i++) {
		size_t n = i + 1 < segs ? 1448 : 200 + seed % 1000;
		pl_random(seg, n, seed + i);
		if (tls) {
			seg[0] = i == 0 ? 0x16 : 0x17;
			seg[1] = 0x03;
			seg[2] = 0x03;
			seg[3] = (uint8_t)((n - 5) >> 8);
			seg[4] = (uint8_t)(n - 5);
		} else if (i == 0)
			n = pl_http_ok(seg);
		gen_tcp(g, s, sp, c, cp, 0x10 | (i + 1 == segs ? 0x08 : 0), ss,
		    cs, seg, n);
		ss += (uint32_t)n;
		if (i % 2 == 1)
			gen_tcp(g, c, cp, s, sp, 0x10, cs, ss, NULL, 0);
	}
	if (close) {
		gen_tcp(g, c, cp, s, sp, 0x11, cs, ss, NULL, 0);
		gen_tcp(g, s, sp, c, cp, 0x11, ss, cs + 1, NULL, 0);
		gen_tcp(g, c, cp, s, sp, 0x10, cs + 1, ss + 1, NULL, 0);
	}
}

/* QUIC: the client's Initial, `segs' short-header packets from the server,
 * the client's ACK-only short-header packet after every second one. */
static void
quic_download(struct gen *g, const char *c, uint16_t cp, const char *s,
    unsigned segs, uint32_t seed)
{
	gen_udp(g, c, cp, s, 443, buf, pl_quic_initial(buf));
	gen_wait(g, 20000);
	for (unsigned i = 0; i < segs; i++) {
		size_t n = pl_random(buf, 1252, seed + i);
		buf[0] = 0x40 | (buf[0] & 0x3f);
		gen_udp(g, s, 443, c, cp, buf, n);
		if (i % 2 == 1) {
			n = pl_random(buf, 41, seed + 1000 + i);
			buf[0] = 0x40 | (buf[0] & 0x3f);
			gen_udp(g, c, cp, s, 443, buf, n);
		}
	}
}

/* A DNS question from `cli' through its own flow to `srv' (UDP 53). */
static void
dns_leak(struct gen *g, const char *cli, const char *srv, unsigned long *k,
    const char *name, uint16_t qtype, const char *answer)
{
	char dummy[48];
	uint16_t port;

	flow_tuple((*k)++, 0, dummy, sizeof(dummy), &port);
	dns_exchange(g, cli, port, srv, 53, (uint16_t)(*k * 40503u), name,
	    qtype, answer);
}

/* --- carriers3 ------------------------------------------------------------ */

#define C3_ROUND	100	/* at most this many packets a round */
#define C3_CARRIER	92	/* carrier packets in each */

/* Which tunnel the i-th carrier packet of a round goes through: about 55%
 * the first WireGuard tunnel (bulk), 17% the second (work), 28% OpenVPN. */
static int
c3_pick(unsigned i)
{
	static const int t[18] = { 0, 0, 2, 0, 1, 0, 2, 0, 0, 2, 0, 1, 0, 2,
	    0, 1, 2, 0 };
	return t[i % 18];
}

/* One carrier packet: two in three from the server, full-sized; the
 * client's are ACKs and small requests. */
static void
c3_carrier(struct gen *g, struct tun *t, unsigned i)
{
	bool to_server = i % 3 == 1;

	tun_data(g, t, to_server, to_server ? 52 + (i % 5) * 40 :
	    1380 - (i % 7 == 0 ? 900 : 0));
}

/* The round's other traffic, by its number: every case at most 8
 * packets. */
static void
c3_other(struct gen *g, unsigned long r, unsigned long *k, struct leaks *lk)
{
	char srv[48];
	uint16_t port;
	size_t n;

	switch (r % 12) {
	case 0:
		dns_leak(g, CLI, RESOLV, k, "www.example.com", 1, WEB);
		n = pl_dns_query(buf, (uint16_t)r, "www.example.com", 28);
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		gen_udp(g, CLI6, port, RESOLV6, 53, buf, n);
		n = pl_dns_response(buf2, (uint16_t)r, "www.example.com", 28,
		    WEB6);
		gen_udp(g, RESOLV6, 53, CLI6, port, buf2, n);
		lk->dns += 2;
		gen_arp(g, 1, CLI, ROUTER);
		gen_arp(g, 2, ROUTER, CLI);
		n = pl_dns_query(buf, 0, "printer.local", 1);
		gen_udp(g, CLI, 5353, "224.0.0.251", 5353, buf, n);
		gen_udp(g, LL6, 5353, "ff02::fb", 5353, buf, n);
		break;
	case 1:
	case 11:
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		tls_session(g, CLI, port, srv, 443, "api.example.com");
		lk->ip++;
		n = pl_dns_query(buf, 0x4242, "nas", 1);
		gen_udp(g, CLI, 5355, "224.0.0.252", 5355, buf, n);
		break;
	case 2:
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		quic_download(g, CLI, port, srv, 5, (uint32_t)r);
		lk->ip++;
		break;
	case 3:
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		gen_tcp_session(g, CLI, port, srv, 80, buf,
		    pl_http_get(buf, "detectportal.example.com", "/success.txt"),
		    buf2, pl_http_ok(buf2));
		lk->http++;
		break;
	case 4:
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		n = pl_stun_request(buf, (uint8_t)r);
		gen_udp(g, CLI, port, STUNSRV, 3478, buf, n);
		n = pl_stun_response(buf2, (uint8_t)r, "203.0.113.77", port);
		gen_udp(g, STUNSRV, 3478, CLI, port, buf2, n);
		lk->stun++;
		dns_leak(g, CLI, ROUTER, k, "cdn.example.net", 1, WEB);
		lk->dns++;
		gen_arp(g, 1, ROUTER, CLI);
		gen_arp(g, 2, CLI, ROUTER);
		break;
	case 5:
	case 9:
		flow_tuple((*k)++, 1, srv, sizeof(srv), &port);
		tls_session(g, CLI6, port, srv, 443, "v6.example.com");
		lk->ipv6++;
		gen_icmp6(g, LL6, "ff02::2", 133, buf, 4);
		break;
	case 6:
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		tls_session(g, CLI, port, RESOLV, 853, "dns.example");
		lk->dns++;
		gen_igmp(g, CLI, "224.0.0.251");
		break;
	case 7:
		lan_chatter(g);		/* 22 packets, all local: rarely */
		break;
	case 8: {
		size_t a = pl_dns_query(buf + 2, (uint16_t)r, "big.example.net",
		    16);
		buf[0] = (uint8_t)(a >> 8);
		buf[1] = (uint8_t)a;
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		gen_tcp_session(g, CLI, port, RESOLV, 53, buf, a + 2, NULL, 0);
		lk->dns++;
		break;
	}
	default:	/* 10: SMB to the LAN's file server, local */
		gen_tcp_session(g, CLI, (uint16_t)(49152 + r % 16000), PEER,
		    445, buf, pl_smb2_negotiate(buf, 0), buf2,
		    pl_smb2_negotiate(buf2, 1));
		break;
	}
}

int
shape_carriers3(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	struct tun t[3];
	unsigned long k = 0;

	tun_init(&t[0], TUN_WG, CLI, 41000, VPN, 51820, 1);
	tun_init(&t[1], TUN_WG, CLI, 41002, "203.0.113.2", 51820, 2);
	tun_init(&t[2], TUN_OVPN, CLI, 41001, "203.0.113.3", 1194, 3);
	for (int i = 0; i < 3; i++)
		tun_start(g, &t[i]);
	/* a round: the tunnels' own rekeys and keepalives, 46 carrier
	 * packets, the other traffic (the lan_chatter round is 22 packets:
	 * its round has fewer carrier packets), 46 more */
	for (unsigned long r = 0; gen_packets(g) + C3_ROUND + 40 <= npackets;
	    r++) {
		unsigned long start = gen_packets(g);
		for (int i = 0; i < 3; i++)
			tun_tick(g, &t[i]);
		for (unsigned i = 0; i < C3_CARRIER / 2; i++)
			c3_carrier(g, &t[c3_pick(i)], i);
		c3_other(g, r, &k, lk);
		for (unsigned i = C3_CARRIER / 2; gen_packets(g) - start <
		    C3_ROUND; i++)
			c3_carrier(g, &t[c3_pick(i)], i);
	}
	for (unsigned i = 0; gen_packets(g) < npackets; i++)
		c3_carrier(g, &t[c3_pick(i)], i);
	return 0;
}

/* --- vpnoff --------------------------------------------------------------- */

static const char *const sites[8] = {
	"www.example.com", "news.example.net", "shop.example.org",
	"mail.example.com", "video.example.net", "docs.example.org",
	"social.example.com", "maps.example.net",
};

/*
 * One page visit, as a browser makes it with no VPN: the site's A and
 * AAAA questions to the router's resolver, the page over TLS (IPv6 for
 * one site in three), two or three subresources from a CDN (one of them
 * over QUIC), now and then plaintext HTTP, a STUN binding (a video call)
 * or NTP.  Returns its packets, at most VISIT_MAX.
 */
#define VISIT_MAX	260

static void
visit(struct gen *g, unsigned long v, unsigned long *k, struct leaks *lk)
{
	const char *site = sites[v % 8];
	char srv[48];
	uint16_t port;
	bool v6 = v % 3 == 0;
	uint32_t seed = (uint32_t)v * 97u;

	dns_leak(g, CLI, ROUTER, k, site, 1, WEB);
	dns_leak(g, CLI, ROUTER, k, site, 28, WEB6);
	lk->dns += 2;
	flow_tuple((*k)++, v6, srv, sizeof(srv), &port);
	tcp_download(g, v6 ? CLI6 : CLI, port, srv, 443, buf2,
	    pl_tls_client_hello(buf2, site), 20 + v % 40, seed, true, true);
	if (v6)
		lk->ipv6++;
	else
		lk->ip++;
	for (unsigned i = 0; i < 2 + v % 2; i++) {
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		if (i == 0)
			quic_download(g, CLI, port, srv, 10 + v % 20, seed + 1);
		else
			tcp_download(g, CLI, port, srv, 443, buf2,
			    pl_tls_client_hello(buf2, "cdn.example.net"),
			    4 + (v + i) % 16, seed + 100 * i, true, true);
		lk->ip++;
	}
	if (v % 10 == 4) {
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		tcp_download(g, CLI, port, srv, 80, buf2, pl_http_get(buf2,
		    "neverssl.example.com", "/"), 3, seed + 7, false, true);
		lk->http++;
	}
	if (v % 20 == 7) {
		flow_tuple((*k)++, 0, srv, sizeof(srv), &port);
		size_t n = pl_stun_request(buf, (uint8_t)v);
		gen_udp(g, CLI, port, STUNSRV, 3478, buf, n);
		n = pl_stun_response(buf2, (uint8_t)v, "203.0.113.77", port);
		gen_udp(g, STUNSRV, 3478, CLI, port, buf2, n);
		lk->stun++;
	}
	if (v % 50 == 11) {
		gen_arp(g, 1, CLI, ROUTER);
		gen_arp(g, 2, ROUTER, CLI);
	}
	gen_wait(g, 300000 + (v % 7) * 100000);		/* reading the page */
}

int
shape_vpnoff(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	unsigned long k = 0;
	char srv[48];
	uint16_t port;

	for (unsigned long v = 0; gen_packets(g) + VISIT_MAX <= npackets; v++)
		visit(g, v, &k, lk);
	/* the rest: one last download, cut off by the end of the capture */
	unsigned long left = npackets - gen_packets(g);
	flow_tuple(k++, 0, srv, sizeof(srv), &port);
	gen_tcp(g, CLI, port, srv, 443, 0x02, 1, 0, NULL, 0);
	lk->ip++;
	for (unsigned long i = 1; i < left; i++) {
		size_t n = pl_random(buf, 1448, (uint32_t)i);
		buf[0] = 0x17; buf[1] = 0x03; buf[2] = 0x03;
		if (i == 1)
			gen_tcp(g, srv, 443, CLI, port, 0x12, 7, 2, NULL, 0);
		else
			gen_tcp(g, srv, 443, CLI, port, 0x10,
			    (uint32_t)(8 + 1448 * (i - 2)), 2, buf, n);
	}
	return 0;
}

/* --- flood ---------------------------------------------------------------- */

/*
 * A peer's address and port for the k-th flow: documentation space only,
 * the ports those of P2P peers (never a port a leak class or a carrier is
 * known by), no two flows alike.
 */
static void
peer_of(unsigned long k, int v6, char *a, size_t n, uint16_t *port)
{
	unsigned long h = k % 500;

	*port = (uint16_t)(10000 + (k / 500) % 40000);
	if (*port == 51820 || *port == 3478 || *port == 3479 ||
	    *port == 19302 || *port == 4500 || *port == 5349)
		*port += 100;
	if (v6)
		snprintf(a, n, "2001:db8:%lx::%lx", 0x10 + k / 20000000,
		    1 + k % 20000000 % 0xfffe);
	else if (h < 250)
		snprintf(a, n, "198.51.100.%lu", 2 + h);
	else
		snprintf(a, n, "203.0.113.%lu", 2 + h - 250);
}

int
shape_flood(struct gen *g, unsigned long npackets, struct leaks *lk)
{
	struct tun t;
	char peer[48];
	uint16_t pport;
	uint64_t retry;

	/* the tunnel works for a few seconds, then its server stops
	 * answering: the client retries its handshake every 5 s, and the
	 * P2P client, its kill switch failed, goes on without it */
	tun_init(&t, TUN_WG, CLI, 41000, VPN, 51820, 1);
	tun_start(g, &t);
	for (int i = 0; i < 40 && gen_packets(g) + 3 < npackets; i++) {
		tun_data(g, &t, i % 3 == 0, i % 3 == 0 ? 64 : 1376);
		gen_wait(g, 50000);
	}
	gen_wait(g, 2 * SEC);
	retry = gen_now(g);
	for (unsigned long k = 0; gen_packets(g) < npackets; k++) {
		if (gen_now(g) - retry >= 5 * SEC) {
			gen_udp(g, CLI, 41000, VPN, 51820, buf,
			    pl_wg_init_idx(buf, 0x10000100u + (uint32_t)k,
			    (uint32_t)k));
			retry = gen_now(g);
			continue;
		}
		bool two = gen_packets(g) + 2 <= npackets && k % 4 == 0;
		bool v6 = k % 10 >= 8;
		peer_of(k, v6, peer, sizeof(peer), &pport);
		const char *me = v6 ? CLI6 : CLI;
		if (k % 10 < 4 || k % 10 == 9) {
			/* a DHT get_peers query from the client's one port */
			size_t n = (size_t)snprintf((char *)buf, sizeof(buf),
			    "d1:ad2:id20:%020lu9:info_hash20:%020lue1:q9:"
			    "get_peers1:t2:%02lx1:y1:qe", k, k * 31, k % 256);
			gen_udp(g, me, 6881, peer, pport, buf, n);
			if (two) {
				gen_wait(g, SOONER(900));
				n = (size_t)snprintf((char *)buf, sizeof(buf),
				    "d1:rd2:id20:%020lu5:token8:%08lue1:t2:"
				    "%02lx1:y1:re", k * 7, k, k % 256);
				gen_udp(g, peer, pport, me, 6881, buf, n);
			}
		} else {
			/* a TCP connect to a peer, refused or never answered */
			uint16_t sport = (uint16_t)(32768 + k % 28000);
			gen_tcp(g, me, sport, peer, pport, 0x02,
			    (uint32_t)(k * 2654435761u), 0, NULL, 0);
			if (two) {
				gen_wait(g, SOONER(900));
				gen_tcp(g, peer, pport, me, sport, 0x14, 0,
				    (uint32_t)(k * 2654435761u) + 1, NULL, 0);
			}
		}
		gen_wait(g, SOONER(900));
		if (v6)
			lk->ipv6++;
		else
			lk->ip++;
	}
	return 0;
}

/* --- the table ------------------------------------------------------------ */

const struct shape shapes[] = {
	{ "carrier1", "WireGuard + OpenVPN, ~90% carrier (the first bench's "
	    "bytes)", GL_ETH, shape_carrier1 },
	{ "carriers3", "two WireGuard tunnels + OpenVPN interleaved, ~92% "
	    "carrier", GL_ETH, shape_carriers3 },
	{ "lanwide", "span port: 50 devices, a tunnel each (WG/OpenVPN/ESP), "
	    "7 leak", GL_ETH, shape_lanwide },
	{ "vpnoff", "VPN off: web browsing, every internet flow a leak",
	    GL_ETH, shape_vpnoff },
	{ "flood", "kill switch failed under P2P: 1-2 packet flows, each a "
	    "leak", GL_ETH, shape_flood },
	{ "v6vlan", "carrier1 with ~10% IPv6 and 802.1Q VLAN tags", GL_VLAN,
	    shape_v6vlan },
	{ NULL, NULL, GL_ETH, NULL },
};
