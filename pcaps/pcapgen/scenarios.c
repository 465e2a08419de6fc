/* SPDX-License-Identifier: MIT */
/*
 * scenarios.c - the named scenarios behind pcaps/gen/: each writes one
 * capture (DNS, STUN, IPv6, HTTP and IP leaks; clean WireGuard and OpenVPN
 * sessions; LAN-only traffic; an outage; every supported link type; a
 * pcapng copy; an unsupported link type) from the exchanges of
 * exchanges.c, and the table pcapgen DIR [NAME...] and --list read (the
 * tunnel's transitions as real clients show them are in transitions.c).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"

static struct gen *
open_in(const char *dir, const char *name, const char *ext, enum gen_link l)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s%s", dir, name, ext);
	return gen_open(path, l);
}

/* --- scenarios ----------------------------------------------------------- */

#define BEGIN(l)	struct wg_state wg = { { 0, 0 }, 1 }; \
			struct gen *g = open_in(dir, s->name, ".pcap", (l)); \
			(void)wg; \
			if (g == NULL) return -1
#define END		return gen_close(g)

static int
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

static int
sc_dns_udp_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI6, 40001, RESOLV6, 53, 0x2222, "mail.example.org", 1,
	    "198.51.100.25");
	END;
}

static int
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

static int
sc_dns_dot_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	tls_session(g, CLI, 40003, RESOLV, 853, "dns.example");
	END;
}

static int
sc_dns_odd_port(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI, 40004, RESOLV, 5300, 0x4444, "odd.example.com", 1,
	    "198.51.100.44");
	END;
}

static int
sc_dns_local_resolver(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	dns_exchange(g, CLI, 40005, ROUTER, 53, 0x5555, "www.example.com", 1,
	    "198.51.100.80");
	END;
}

static int
sc_stun_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	stun_exchange(g, CLI, STUNSRV, "203.0.113.77", 1);
	END;
}

static int
sc_stun_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	stun_exchange(g, CLI6, STUN6, CLI6, 2);
	END;
}

static int
sc_ipv6_global(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	tls_session(g, CLI6, 40010, WEB6, 443, "www.example.com");
	END;
}

static int
sc_http_v6(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	http_exchange(g, CLI6, 40011, WEB6, "example.com");
	END;
}

static int
sc_http_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	http_exchange(g, CLI, 40012, WEB, "example.com");
	END;
}

static int
sc_ip_v4(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	gen_icmp_echo(g, CLI, "198.51.100.1", 1);
	gen_icmp_echo(g, "198.51.100.1", CLI, 1);	/* reply */
	gen_tcp(g, CLI, 40013, "198.51.100.9", 22, 0x02, 0x1000, 0, NULL, 0);
	tls_session(g, CLI, 40014, WEB, 443, "www.example.com");
	END;
}

static int
sc_wg_clean(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	lan_chatter(g);
	wg_session(g, &wg, 51820, 60, true);
	END;
}

static int
sc_wg_port53(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	wg_session(g, &wg, 53, 5, true);
	END;
}

static int
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

static int
sc_ovpn_udp(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	ovpn_session(g, false, 1194, 20);
	END;
}

static int
sc_ovpn_tcp443(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	ovpn_session(g, true, 443, 20);
	END;
}

static int
sc_lan_only(const char *dir, const struct scenario *s)
{
	BEGIN(GL_ETH);
	lan_chatter(g);
	END;
}

static int
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

static int
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
static int
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

static int
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
static int
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

static int
link_pair(const char *dir, const struct scenario *s, enum gen_link l)
{
	BEGIN(l);
	gen_arp(g, 1, CLI, ROUTER);
	dns_exchange(g, CLI, 40050, RESOLV, 53, 0x8888, "www.example.com", 1,
	    "198.51.100.80");
	http_exchange(g, CLI, 40051, WEB, "example.com");
	END;
}

static int sc_link_vlan(const char *d, const struct scenario *s) { return link_pair(d, s, GL_VLAN); }
static int sc_link_qinq(const char *d, const struct scenario *s) { return link_pair(d, s, GL_QINQ); }
static int sc_link_sll(const char *d, const struct scenario *s) { return link_pair(d, s, GL_SLL); }
static int sc_link_sll2(const char *d, const struct scenario *s) { return link_pair(d, s, GL_SLL2); }
static int sc_link_null(const char *d, const struct scenario *s) { return link_pair(d, s, GL_NULL); }
static int sc_link_loop(const char *d, const struct scenario *s) { return link_pair(d, s, GL_LOOP); }
static int sc_link_raw(const char *d, const struct scenario *s) { return link_pair(d, s, GL_RAW); }

/* pcapng by hand (libpcap 1.10 writes only pcap): SHB, IDB, EPBs. */
static void
put32(FILE *fp, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 24) };
	fwrite(b, 1, 4, fp);
}

static int
sc_pcapng(const char *dir, const struct scenario *s)
{
	char src[512], dst[512];
	uint8_t rec[65536 + 16], hdr[16];
	FILE *in, *out;

	int rc = 0;

	if (sc_dns_udp_v4(dir, &(struct scenario){ "dns-udp-v4", NULL, NULL })
	    != 0)
		return -1;
	snprintf(src, sizeof(src), "%s/dns-udp-v4.pcap", dir);
	snprintf(dst, sizeof(dst), "%s/%s", dir, s->name);
	if ((in = fopen(src, "rb")) == NULL) {
		fprintf(stderr, "pcapgen: cannot read %s: %s\n", src,
		    strerror(errno));
		return -1;
	}
	if ((out = fopen(dst, "wb")) == NULL) {
		fprintf(stderr, "pcapgen: cannot write %s: %s\n", dst,
		    strerror(errno));
		fclose(in);
		return -1;
	}
	if (fread(hdr, 1, 16, in) != 16 ||
	    fread(hdr, 1, 8, in) != 8) {	/* the rest of the file header */
		fprintf(stderr, "pcapgen: %s: short file header\n", src);
		rc = -1;
	}
	put32(out, 0x0a0d0d0a); put32(out, 28); put32(out, 0x1a2b3c4d);
	put32(out, 0x00000001);			/* version 1.0 */
	put32(out, 0xffffffff); put32(out, 0xffffffff); put32(out, 28);
	put32(out, 1); put32(out, 20); put32(out, 1);	/* IDB, EN10MB */
	put32(out, 65535); put32(out, 20);
	while (rc == 0 && fread(hdr, 1, 16, in) == 16) {
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
	if (ferror(out) | fclose(out)) {
		fprintf(stderr, "pcapgen: %s: write error\n", dst);
		rc = -1;
	}
	return rc;
}

static int
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
	{ "wg-kill", "busy WireGuard killed: 5 s of leaks, new session", sc_wg_kill },
	{ "wg-killswitch", "wg-kill with a kill switch: only initiations", sc_wg_killswitch },
	{ "wg-sleep", "60 s asleep; DHCP and DNS on wake, new session", sc_wg_sleep },
	{ "wg-recreate", "WireGuard interface re-created: 2.6 s of DNS leaks", sc_wg_recreate },
	{ "wg-roam", "the client moves to 192.0.2.20, same session", sc_wg_roam },
	{ "wg-idle", "keepalives every 25 s, a rekey, a split-tunnel leak", sc_wg_idle },
	{ "ovpn-kill", "OpenVPN UDP killed: 5 s of leaks, new hard reset", sc_ovpn_kill },
	{ "vpn-server-other-port", "SSH to the VPN server: a leak", sc_vpn_server_other_port },
	{ "serverip", "a site's name resolves to the VPN server; TLS and ping to it", sc_serverip },
	{ "serverip-vpn-name", "only the VPN's own name resolves to its server", sc_serverip_vpn_name },
	{ "encdns", "DoT, DoH (by name, by address), DoQ; plain DNS, TLS", sc_encdns },
	{ "quic-sni", "a QUIC Initial (RFC 9001 A.2) to a web server", sc_quic_sni },
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
	{ "http-basic-auth", "HTTP with Basic and Bearer authorization, a cookie", sc_http_basic_auth },
	{ "http-form-password", "a login form POST, body in its own segment", sc_http_form_password },
	{ "ipv6-eui64", "TLS from an EUI-64 IPv6 address, then a privacy one", sc_ipv6_eui64 },
	{ "cc-android", "Android and Chrome connectivity checks", sc_cc_android },
	{ "cc-windows", "Windows NCSI: connecttest.txt and dns.msftncsi.com", sc_cc_windows },
	{ "cc-apple", "Apple captive.apple.com/hotspot-detect.html", sc_cc_apple },
	{ "cc-firefox", "Firefox detectportal success.txt and canonical.html", sc_cc_firefox },
	{ "cc-networkmanager", "NetworkManager: GNOME and Ubuntu checks", sc_cc_networkmanager },
	{ "cc-other-path", "probe hosts, other paths; a probe path elsewhere", sc_cc_other_path },
	{ "dns-udp-v4.pcapng", "dns-udp-v4 as pcapng (SHB, IDB, EPB)", sc_pcapng },
	{ "unsupported-dlt", "802.11 radiotap: refused", sc_unsupported_dlt },
	{ NULL, NULL, NULL }
};
