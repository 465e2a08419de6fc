/* SPDX-License-Identifier: MIT */
/*
 * exchanges.c - the building blocks the scenarios and the bulk captures
 * are made of: a DNS question and its answer, an HTTP or TLS session over
 * TCP, a STUN binding, WireGuard transport data and whole sessions, and a
 * round of on-link housekeeping (ARP, DHCP, NDP, mDNS, LLMNR, IGMP, SMB2).
 * Each writes its payloads into the shared scratch buffers and its frames
 * through frames.c.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

uint8_t buf[4096], buf2[4096];

void
dns_exchange(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    uint16_t sport, uint16_t id, const char *name, uint16_t qtype,
    const char *answer)
{
	size_t n = pl_dns_query(buf, id, name, qtype);
	gen_udp(g, cli, cport, srv, sport, buf, n);
	n = pl_dns_response(buf2, id, name, qtype, answer);
	gen_udp(g, srv, sport, cli, cport, buf2, n);
}

void
http_exchange(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    const char *host)
{
	size_t a = pl_http_get(buf, host, "/index.html");
	size_t b = pl_http_ok(buf2);
	gen_tcp_session(g, cli, cport, srv, 80, buf, a, buf2, b);
}

void
stun_exchange(struct gen *g, const char *cli, const char *srv,
    const char *mapped, uint8_t seed)
{
	size_t n = pl_stun_request(buf, seed);
	gen_udp(g, cli, 50000, srv, 3478, buf, n);
	n = pl_stun_response(buf2, seed, mapped, 61000);
	gen_udp(g, srv, 3478, cli, 50000, buf2, n);
}

void
tls_session(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    uint16_t sport, const char *sni)
{
	size_t n = pl_tls_client_hello(buf, sni);
	gen_tcp_session(g, cli, cport, srv, sport, buf, n, NULL, 0);
}

/* One transport-data message. */
size_t
wg_data(uint8_t *b, int to_server, size_t inner, struct wg_state *w)
{
	return pl_wg_data(b, to_server, w->ctr[to_server != 0]++, inner,
	    w->seed++);
}

/*
 * A WireGuard handshake then `secs` seconds of data both ways: four
 * exchanges a second, and a keepalive from each side every 10 seconds.
 */
void
wg_session(struct gen *g, struct wg_state *w, uint16_t sport, unsigned secs,
    bool handshake)
{
	if (handshake) {
		gen_udp(g, CLI, 41000, VPN, sport, buf, pl_wg_init(buf));
		gen_udp(g, VPN, sport, CLI, 41000, buf, pl_wg_resp(buf));
		/* the initiator confirms the session with a keepalive */
		gen_udp(g, CLI, 41000, VPN, sport, buf,
		    wg_data(buf, 1, 0, w));
	}
	if (handshake)
		w->ctr[0] = w->ctr[1] = 0;	/* a new session */
	for (unsigned s = 0; s < secs; s++) {
		for (size_t i = 0; i < 4; i++) {
			gen_udp(g, CLI, 41000, VPN, sport, buf,
			    wg_data(buf, 1, 16 * (i + 3), w));
			gen_udp(g, VPN, sport, CLI, 41000, buf,
			    wg_data(buf, 0, 16 * (i + 20), w));
		}
		if (s % 10 == 9) {
			gen_udp(g, CLI, 41000, VPN, sport, buf,
			    wg_data(buf, 1, 0, w));
			gen_udp(g, VPN, sport, CLI, 41000, buf,
			    wg_data(buf, 0, 0, w));
		}
		gen_wait(g, SEC - 8000);
	}
}

/*
 * On-link housekeeping (all local): ARP, DHCP, NDP (RFC 4861 4.1-4.4,
 * with link-layer address options), mDNS, LLMNR, IGMP, and SMB2 to the
 * LAN peer.
 */
void
lan_chatter(struct gen *g)
{
	static const uint8_t rs[12] = { [4] = 1, 1, 0x02, 0, 0, 0, 0, 0x10 };
	static const uint8_t ra[36] = { 64, 0, 0x07, 0x08, [12] = 1, 1, 0x02,
	    0, 0, 0, 0, 0x01, 3, 4, 64, 0xc0, 0, 0x27, 0x8d, 0, 0, 0x09, 0x3a,
	    0x80 };
	static const uint8_t ns[28] = { [4] = 0xfe, 0x80, [19] = 0x01, 1, 1,
	    0x02, 0, 0, 0, 0, 0x10 };
	static const uint8_t na[28] = { 0xe0, [4] = 0xfe, 0x80, [19] = 0x01,
	    2, 1, 0x02, 0, 0, 0, 0, 0x01 };
	size_t n;

	gen_arp(g, 1, CLI, ROUTER);
	gen_arp(g, 2, ROUTER, CLI);
	gen_udp(g, "0.0.0.0", 68, "255.255.255.255", 67, buf, pl_dhcp(buf, 0));
	gen_udp(g, ROUTER, 67, "255.255.255.255", 68, buf, pl_dhcp(buf, 1));
	gen_icmp6(g, LL6, "ff02::2", 133, rs, sizeof(rs));
	gen_icmp6(g, "fe80::1", "ff02::1", 134, ra, sizeof(ra));
	gen_icmp6(g, LL6, "ff02::1:ff00:1", 135, ns, sizeof(ns));
	gen_icmp6(g, "fe80::1", LL6, 136, na, sizeof(na));
	n = pl_dns_query(buf, 0, "printer.local", 1);
	gen_udp(g, CLI, 5353, "224.0.0.251", 5353, buf, n);
	gen_udp(g, LL6, 5353, "ff02::fb", 5353, buf, n);
	n = pl_dns_query(buf, 0x4242, "nas", 1);
	gen_udp(g, CLI, 54000, "224.0.0.252", 5355, buf, n);
	gen_igmp(g, CLI, "224.0.0.251");
	gen_tcp_session(g, CLI, 49700, PEER, 445, buf,
	    pl_smb2_negotiate(buf, 0), buf2, pl_smb2_negotiate(buf2, 1));
}
