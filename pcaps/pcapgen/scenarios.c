/* SPDX-License-Identifier: MIT */
/*
 * pcapgen_scenarios.c - the named scenarios behind pcaps/gen/.
 *
 * Addresses are documentation ranges only: the client's LAN is
 * 192.0.2.0/24 (client .10, router and resolver .1, peer .20; the golden
 * tests pass -L 192.0.2.0/24), public hosts are in 198.51.100.0/24 and
 * 203.0.113.0/24, global IPv6 in 2001:db8::/32.  The VPN server is
 * 203.0.113.1 (WireGuard UDP 51820, OpenVPN UDP 1194 or TCP 443).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pcapgen.h"

#define CLI	"192.0.2.10"
#define CLI6	"2001:db8:1::10"
#define LL6	"fe80::10"
#define ROUTER	"192.0.2.1"
#define PEER	"192.0.2.20"
#define VPN	"203.0.113.1"
#define RESOLV	"198.51.100.53"
#define RESOLV6	"2001:db8:2::53"
#define WEB	"198.51.100.80"
#define WEB6	"2001:db8:2::80"
#define STUNSRV	"198.51.100.3"
#define STUN6	"2001:db8:2::3"
#define SEC	1000000ull

static uint8_t buf[4096], buf2[4096];

static struct gen *
open_in(const char *dir, const char *name, const char *ext, enum gen_link l)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s%s", dir, name, ext);
	return gen_open(path, l);
}

static void
dns_exchange(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    uint16_t sport, uint16_t id, const char *name, uint16_t qtype,
    const char *answer)
{
	size_t n = pl_dns_query(buf, id, name, qtype);
	gen_udp(g, cli, cport, srv, sport, buf, n);
	n = pl_dns_response(buf2, id, name, qtype, answer);
	gen_udp(g, srv, sport, cli, cport, buf2, n);
}

static void
http_exchange(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    const char *host)
{
	size_t a = pl_http_get(buf, host, "/index.html");
	size_t b = pl_http_ok(buf2);
	gen_tcp_session(g, cli, cport, srv, 80, buf, a, buf2, b);
}

static void
stun_exchange(struct gen *g, const char *cli, const char *srv,
    const char *mapped, uint8_t seed)
{
	size_t n = pl_stun_request(buf, seed);
	gen_udp(g, cli, 50000, srv, 3478, buf, n);
	n = pl_stun_response(buf2, seed, mapped, 61000);
	gen_udp(g, srv, 3478, cli, 50000, buf2, n);
}

static void
tls_session(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    uint16_t sport, const char *sni)
{
	size_t n = pl_tls_client_hello(buf, sni);
	gen_tcp_session(g, cli, cport, srv, sport, buf, n, NULL, 0);
}

/* A WireGuard session's counters, one per direction, and filler seed. */
struct wg_state {
	uint64_t	ctr[2];
	uint32_t	seed;
};

/* One transport-data message. */
static size_t
wg_data(uint8_t *b, int to_server, size_t inner, struct wg_state *w)
{
	return pl_wg_data(b, to_server, w->ctr[to_server != 0]++, inner,
	    w->seed++);
}

/*
 * A WireGuard handshake then `secs` seconds of data both ways: four
 * exchanges a second, and a keepalive from each side every 10 seconds.
 */
static void
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
static void
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

/* --- scenarios ----------------------------------------------------------- */

#define BEGIN(l)	struct wg_state wg = { { 0, 0 }, 1 }; \
			struct gen *g = open_in(dir, s->name, ".pcap", (l)); \
			(void)wg; \
			if (g == NULL) return
#define END		gen_close(g)

static void
sc_dns_udp_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI, 40000, RESOLV, 53, 0x1111, "www.example.com", 1,
	    "198.51.100.80");
	dns_exchange(g, CLI, 40000, RESOLV, 53, 0x1112, "www.example.com", 28,
	    WEB6);
	size_t n = pl_dns_add_opt(buf, pl_dns_query(buf, 0x1113,
	    "www.example.com", 65));
	gen_udp(g, CLI, 40000, RESOLV, 53, buf, n);
	n = pl_dns_add_opt(buf2, pl_dns_response(buf2, 0x1113,
	    "www.example.com", 65, NULL));
	gen_udp(g, RESOLV, 53, CLI, 40000, buf2, n);
	END;
}

static void
sc_dns_udp_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI6, 40001, RESOLV6, 53, 0x2222, "mail.example.org", 1,
	    "198.51.100.25");
	END;
}

static void
sc_dns_tcp_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	size_t a = pl_dns_query(buf + 2, 0x3333, "big.example.net", 16);
	buf[0] = (uint8_t)(a >> 8);
	buf[1] = (uint8_t)a;
	size_t b = pl_dns_response(buf2 + 2, 0x3333, "big.example.net", 1,
	    "198.51.100.7");
	buf2[0] = (uint8_t)(b >> 8);
	buf2[1] = (uint8_t)b;
	gen_tcp_session(g, CLI, 40002, RESOLV, 53, buf, a + 2, buf2, b + 2);
	END;
}

static void
sc_dns_dot_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	tls_session(g, CLI, 40003, RESOLV, 853, "dns.example");
	END;
}

static void
sc_dns_odd_port(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI, 40004, RESOLV, 5300, 0x4444, "odd.example.com", 1,
	    "198.51.100.44");
	END;
}

static void
sc_dns_local_resolver(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI, 40005, ROUTER, 53, 0x5555, "www.example.com", 1,
	    "198.51.100.80");
	END;
}

static void
sc_stun_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	stun_exchange(g, CLI, STUNSRV, "203.0.113.77", 1);
	END;
}

static void
sc_stun_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	stun_exchange(g, CLI6, STUN6, CLI6, 2);
	END;
}

static void
sc_ipv6_global(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	tls_session(g, CLI6, 40010, WEB6, 443, "www.example.com");
	END;
}

static void
sc_http_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	http_exchange(g, CLI6, 40011, WEB6, "example.com");
	END;
}

static void
sc_http_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	http_exchange(g, CLI, 40012, WEB, "example.com");
	END;
}

static void
sc_ip_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	gen_icmp_echo(g, CLI, "198.51.100.1", 1);
	gen_icmp_echo(g, "198.51.100.1", CLI, 1);	/* reply */
	gen_tcp(g, CLI, 40013, "198.51.100.9", 22, 0x02, 0x1000, 0, NULL, 0);
	tls_session(g, CLI, 40014, WEB, 443, "www.example.com");
	END;
}

static void
sc_wg_clean(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	lan_chatter(g);
	wg_session(g, &wg, 51820, 60, true);
	END;
}

static void
sc_wg_port53(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 53, 5, true);
	END;
}

static void
sc_wg_port443(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 443, 5, true);
	END;
}

/* One OpenVPN packet in either direction, over UDP or one TCP segment. */
struct ovpn_conn {
	struct gen	*g;
	bool		 tcp;
	uint16_t	 port;
	uint32_t	 seq[2];	/* TCP: client's, server's next seq */
};

static void
ovpn_send(struct ovpn_conn *c, bool up, const uint8_t *p, size_t n)
{
	const char *src = up ? CLI : VPN, *dst = up ? VPN : CLI;
	uint16_t sp = up ? 41001 : c->port, dp = up ? c->port : 41001;

	if (!c->tcp) {
		gen_udp(c->g, src, sp, dst, dp, p, n);
		return;
	}
	gen_tcp(c->g, src, sp, dst, dp, 0x18, c->seq[!up], c->seq[up], p, n);
	c->seq[!up] += (uint32_t)n;
}

/*
 * An OpenVPN session (tls-auth): hard resets, acks, the TLS hello in
 * P_CONTROL_V1, then `secs` seconds of P_DATA_V2 both ways.
 */
static void
ovpn_session(struct gen *g, bool tcp, uint16_t port, unsigned secs)
{
	struct ovpn_conn c = { g, tcp, port, { 0x5001, 0x6001 } };
	uint8_t tls[600];
	size_t n, tn;
	int t = tcp;

	if (tcp) {
		gen_tcp(g, CLI, 41001, VPN, port, 0x02, 0x5000, 0, NULL, 0);
		gen_tcp(g, VPN, port, CLI, 41001, 0x12, 0x6000, 0x5001, NULL, 0);
		gen_tcp(g, CLI, 41001, VPN, port, 0x10, 0x5001, 0x6001, NULL, 0);
	}
	n = pl_ovpn_ctl(buf, 7, 0, 1, OVPN_NO_ACK, 0, NULL, 0, t);
	ovpn_send(&c, true, buf, n);
	n = pl_ovpn_ctl(buf, 8, 1, 1, 0, 0, NULL, 0, t);
	ovpn_send(&c, false, buf, n);
	n = pl_ovpn_ctl(buf, 5, 0, 2, 0, -1, NULL, 0, t);	/* P_ACK_V1 */
	ovpn_send(&c, true, buf, n);
	tn = pl_tls_client_hello(tls, NULL);
	n = pl_ovpn_ctl(buf, 4, 0, 3, OVPN_NO_ACK, 1, tls, tn, t);
	ovpn_send(&c, true, buf, n);
	n = pl_ovpn_ctl(buf, 5, 1, 2, 1, -1, NULL, 0, t);
	ovpn_send(&c, false, buf, n);
	tn = pl_random(tls, 400, 99);		/* ServerHello, Certificate... */
	tls[0] = 0x16; tls[1] = 0x03; tls[2] = 0x03;
	tls[3] = (uint8_t)((tn - 5) >> 8); tls[4] = (uint8_t)(tn - 5);
	n = pl_ovpn_ctl(buf, 4, 1, 3, OVPN_NO_ACK, 1, tls, tn, t);
	ovpn_send(&c, false, buf, n);
	n = pl_ovpn_ctl(buf, 5, 0, 4, 1, -1, NULL, 0, t);
	ovpn_send(&c, true, buf, n);
	for (unsigned s = 0; s < secs; s++) {
		for (uint32_t i = 0; i < 2; i++) {
			uint32_t id = 1 + 2 * s + i;
			n = pl_ovpn_data(buf, id, 100 + 16 * ((s + i) % 7),
			    id * 2, t);
			ovpn_send(&c, true, buf, n);
			n = pl_ovpn_data(buf, id, 300 + 16 * ((s + i) % 5),
			    id * 2 + 1, t);
			ovpn_send(&c, false, buf, n);
		}
		gen_wait(g, SEC - 4000);
	}
}

static void
sc_ovpn_udp(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	ovpn_session(g, false, 1194, 20);
	END;
}

static void
sc_ovpn_tcp443(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	ovpn_session(g, true, 443, 20);
	END;
}

static void
sc_lan_only(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	lan_chatter(g);
	END;
}

static void
sc_outage(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 51820, 20, true);
	gen_wait(g, 6 * SEC);		/* the tunnel drops: silence */
	dns_exchange(g, CLI, 40020, RESOLV, 53, 0x6666, "bank.example.com", 1,
	    "198.51.100.66");
	gen_wait(g, 2 * SEC);
	http_exchange(g, CLI, 40021, WEB, "bank.example.com");
	gen_wait(g, 7 * SEC);
	wg_session(g, &wg, 51820, 10, true);	/* reconnect */
	END;
}

static void
sc_vpn_server_other_port(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 51820, 3, true);
	gen_tcp(g, CLI, 40030, VPN, 22, 0x02, 0x7000, 0, NULL, 0);
	gen_tcp(g, VPN, 22, CLI, 40030, 0x12, 0x8000, 0x7001, NULL, 0);
	END;
}

/* A VPN protocol nothing names: encrypted-looking UDP to 203.0.113.9:4500,
 * both ways, 4 a second for 3 seconds. */
static void
sc_vpn_unknown_proto(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	for (uint32_t i = 0; i < 12; i++) {
		gen_udp(g, CLI, 41002, "203.0.113.9", 4500, buf,
		    pl_random(buf, 120 + 16 * (i % 5), 1000 + i));
		gen_udp(g, "203.0.113.9", 4500, CLI, 41002, buf,
		    pl_random(buf, 300 + 16 * (i % 3), 2000 + i));
		gen_wait(g, SEC / 4 - 2000);
	}
	END;
}

static void
sc_mixed(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 51820, 3, true);
	lan_chatter(g);
	dns_exchange(g, CLI, 40040, RESOLV, 53, 0x7777, "tracker.example.net",
	    1, "198.51.100.77");
	wg_session(g, &wg, 51820, 2, false);
	stun_exchange(g, CLI, STUNSRV, "203.0.113.77", 3);
	http_exchange(g, CLI6, 40041, WEB6, "v6.example.com");
	wg_session(g, &wg, 51820, 2, false);
	END;
}

/* Names an attacker controls: ANSI escapes, NUL, quotes, invalid UTF-8. */
static void
sc_hostile_names(const char *dir, const struct scenario *s)
{
	static const uint8_t q[] = {
		0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		9, 0x1b, '[', '3', '1', 'm', 'r', 'e', 'd', '"',
		4, 'a', 0, '\\', 'b',
		3, 0xff, 0xfe, 0xc3,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0,
		0, 1, 0, 1,
	};
	static const char req[] = "GET /\x1b[2J?q=\"x\" HTTP/1.1\r\n"
	    "Host: evil\x1b]0;pwned\x07.example\r\n"
	    "User-Agent: bad\xff\xfe\xc3(utf8) \\ \"q\"\r\n\r\n";
	BEGIN(GL_ETH);
	gen_udp(g, CLI, 40060, RESOLV, 53, q, sizeof(q));
	gen_tcp_session(g, CLI, 40061, WEB, 80, (const uint8_t *)req,
	    sizeof(req) - 1, NULL, 0);
	END;
}

static void
link_pair(const char *dir, const struct scenario *s, enum gen_link l)
{
	BEGIN(l);
	gen_arp(g, 1, CLI, ROUTER);
	dns_exchange(g, CLI, 40050, RESOLV, 53, 0x8888, "www.example.com", 1,
	    "198.51.100.80");
	http_exchange(g, CLI, 40051, WEB, "example.com");
	END;
}

static void sc_link_vlan(const char *d, const struct scenario *s) { link_pair(d, s, GL_VLAN); }
static void sc_link_qinq(const char *d, const struct scenario *s) { link_pair(d, s, GL_QINQ); }
static void sc_link_sll(const char *d, const struct scenario *s) { link_pair(d, s, GL_SLL); }
static void sc_link_sll2(const char *d, const struct scenario *s) { link_pair(d, s, GL_SLL2); }
static void sc_link_null(const char *d, const struct scenario *s) { link_pair(d, s, GL_NULL); }
static void sc_link_loop(const char *d, const struct scenario *s) { link_pair(d, s, GL_LOOP); }
static void sc_link_raw(const char *d, const struct scenario *s) { link_pair(d, s, GL_RAW); }

/* pcapng by hand (libpcap 1.10 writes only pcap): SHB, IDB, EPBs. */
static void
put32(FILE *fp, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 24) };
	fwrite(b, 1, 4, fp);
}

static void
sc_pcapng(const char *dir, const struct scenario *s)
{
	char src[512], dst[512];
	uint8_t rec[65536 + 16], hdr[16];
	FILE *in, *out;

	sc_dns_udp_v4(dir, &(struct scenario){ "dns-udp-v4", NULL, NULL });
	snprintf(src, sizeof(src), "%s/dns-udp-v4.pcap", dir);
	snprintf(dst, sizeof(dst), "%s/%s", dir, s->name);
	if ((in = fopen(src, "rb")) == NULL || (out = fopen(dst, "wb")) == NULL)
		return;
	fread(hdr, 1, 16, in);
	fread(hdr, 1, 8, in);			/* rest of the file header */
	put32(out, 0x0a0d0d0a); put32(out, 28); put32(out, 0x1a2b3c4d);
	put32(out, 0x00000001);			/* version 1.0 */
	put32(out, 0xffffffff); put32(out, 0xffffffff); put32(out, 28);
	put32(out, 1); put32(out, 20); put32(out, 1);	/* IDB, EN10MB */
	put32(out, 65535); put32(out, 20);
	while (fread(hdr, 1, 16, in) == 16) {
		uint32_t sec = (uint32_t)hdr[0] | (uint32_t)hdr[1] << 8 |
		    (uint32_t)hdr[2] << 16 | (uint32_t)hdr[3] << 24;
		uint32_t usec = (uint32_t)hdr[4] | (uint32_t)hdr[5] << 8 |
		    (uint32_t)hdr[6] << 16 | (uint32_t)hdr[7] << 24;
		uint32_t cl = (uint32_t)hdr[8] | (uint32_t)hdr[9] << 8 |
		    (uint32_t)hdr[10] << 16 | (uint32_t)hdr[11] << 24;
		if (cl > 65536 || fread(rec, 1, cl, in) != cl)
			break;
		uint64_t ts = (uint64_t)sec * 1000000u + usec;
		uint32_t pad = (4 - cl % 4) % 4, tot = 32 + cl + pad;
		put32(out, 6); put32(out, tot); put32(out, 0);
		put32(out, (uint32_t)(ts >> 32)); put32(out, (uint32_t)ts);
		put32(out, cl); put32(out, cl);
		fwrite(rec, 1, cl, out);
		fwrite("\0\0\0", 1, pad, out);
		put32(out, tot);
	}
	fclose(in);
	fclose(out);
}

static void
sc_unsupported_dlt(const char *dir, const struct scenario *s)
{
	static const uint8_t frame[32] = { 0, 0, 8, 0 };
	BEGIN(GL_RADIO);
	gen_raw_frame(g, frame, sizeof(frame));
	END;
}

const struct scenario scenarios[] = {
	{ "dns-udp-v4", "DNS A/AAAA over UDP to a public resolver", sc_dns_udp_v4 },
	{ "dns-udp-v6", "DNS over UDP to a global IPv6 resolver", sc_dns_udp_v6 },
	{ "dns-tcp-v4", "DNS over TCP 53 (length-prefixed)", sc_dns_tcp_v4 },
	{ "dns-dot-v4", "DNS over TLS, TCP 853", sc_dns_dot_v4 },
	{ "dns-odd-port", "DNS on UDP 5300: found by payload", sc_dns_odd_port },
	{ "dns-local-resolver", "DNS to the LAN router: still a leak", sc_dns_local_resolver },
	{ "stun-v4", "STUN binding; the answer shows 203.0.113.77", sc_stun_v4 },
	{ "stun-v6", "STUN binding over global IPv6", sc_stun_v6 },
	{ "ipv6-global", "TLS over global IPv6 around the tunnel", sc_ipv6_global },
	{ "http-v6", "plaintext HTTP over global IPv6: ipv6 + http", sc_http_v6 },
	{ "http-v4", "plaintext HTTP GET to a public server", sc_http_v4 },
	{ "ip-v4", "ping, an SSH SYN and TLS outside the tunnel", sc_ip_v4 },
	{ "wg-clean", "a clean WireGuard session with LAN chatter", sc_wg_clean },
	{ "wg-port53", "WireGuard on UDP 53: a carrier, not DNS", sc_wg_port53 },
	{ "wg-port443", "WireGuard on UDP 443: a carrier, not QUIC", sc_wg_port443 },
	{ "ovpn-clean-udp", "a clean OpenVPN session over UDP 1194", sc_ovpn_udp },
	{ "ovpn-clean-tcp443", "a clean OpenVPN session over TCP 443", sc_ovpn_tcp443 },
	{ "lan-only", "ARP, DHCP, NDP, mDNS, LLMNR, IGMP, SMB: no leak", sc_lan_only },
	{ "outage", "carrier stops; DNS and HTTP leak; carrier returns", sc_outage },
	{ "vpn-server-other-port", "SSH to the VPN server: a leak", sc_vpn_server_other_port },
	{ "vpn-unknown-proto", "a VPN protocol nDPI cannot name, UDP 4500", sc_vpn_unknown_proto },
	{ "mixed", "a bit of everything, interleaved", sc_mixed },
	{ "hostile-names", "DNS and HTTP names with escapes, NUL, bad UTF-8", sc_hostile_names },
	{ "link-vlan", "802.1Q-tagged Ethernet", sc_link_vlan },
	{ "link-qinq", "802.1ad + 802.1Q (QinQ)", sc_link_qinq },
	{ "link-sll", "Linux cooked capture v1", sc_link_sll },
	{ "link-sll2", "Linux cooked capture v2", sc_link_sll2 },
	{ "link-null", "BSD NULL loopback (host byte order)", sc_link_null },
	{ "link-loop", "OpenBSD LOOP (network byte order)", sc_link_loop },
	{ "link-raw", "raw IP, no link header", sc_link_raw },
	{ "dns-udp-v4.pcapng", "dns-udp-v4 as pcapng (SHB, IDB, EPB)", sc_pcapng },
	{ "unsupported-dlt", "802.11 radiotap: refused", sc_unsupported_dlt },
	{ NULL, NULL, NULL }
};

/*
 * The benchmark capture (bench/): `pcapgen --bench N FILE` writes about N
 * packets shaped like a physical interface under a VPN: ~90% carrier
 * (one WireGuard, one OpenVPN), the rest DNS (UDP v4/v6, TCP, DoT), STUN,
 * plaintext HTTP, TLS, global IPv6, ARP/DHCP/NDP/mDNS/LLMNR, over tens of
 * thousands of flows.  It prints the leak flows it made, by class, so the
 * benchmark can check leaksniff found them all.
 */
int
bench_capture(const char *path, unsigned long npackets)
{
	struct gen *g = gen_open(path, GL_ETH);
	unsigned long rounds = npackets / 100, leaks[6] = { 0 };
	struct wg_state wg = { { 0, 0 }, 1 };
	uint32_t seed = 1, ovpn_id = 1;
	size_t n;

	if (g == NULL)
		return 2;
	for (unsigned long r = 0; r < rounds; r++) {
		uint16_t port = (uint16_t)(20000 + r % 40000);
		if (r == 0) {
			gen_udp(g, CLI, 41000, VPN, 51820, buf, pl_wg_init(buf));
			gen_udp(g, VPN, 51820, CLI, 41000, buf, pl_wg_resp(buf));
			gen_udp(g, CLI, 41001, VPN, 1194, buf, pl_ovpn_ctl(buf,
			    7, 0, 1, OVPN_NO_ACK, 0, NULL, 0, 0));
			gen_udp(g, VPN, 1194, CLI, 41001, buf, pl_ovpn_ctl(buf,
			    8, 1, 1, 0, 0, NULL, 0, 0));
		}
		/* 90 carrier packets: 60 WireGuard, 30 OpenVPN data */
		for (int i = 0; i < 60; i++) {
			bool up = i % 3 == 0;
			n = wg_data(buf, up, up ? 96 : 1248, &wg);
			if (up)
				gen_udp(g, CLI, 41000, VPN, 51820, buf, n);
			else
				gen_udp(g, VPN, 51820, CLI, 41000, buf, n);
		}
		for (int i = 0; i < 30; i++) {
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
	gen_close(g);
	printf("dns %lu\nstun %lu\nipv6 %lu\nhttp %lu\nip %lu\n", leaks[1],
	    leaks[2], leaks[3], leaks[4], leaks[5]);
	return 0;
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
	gen_close(g);
	printf("%lu\n", n);
	return 0;
}
