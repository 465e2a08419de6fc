/* SPDX-License-Identifier: MIT */
/*
 * exposures.c - scenarios of what a leak gives away and of traffic an OS
 * sends by design: HTTP credentials (Basic authorization to a router's
 * admin page, a login form POSTed the way browsers send it, headers and
 * body in two segments), an IPv6 address that embeds the client's MAC
 * (EUI-64), and the connectivity checks of Android, Windows, Apple,
 * Firefox and NetworkManager, each its DNS question then its HTTP probe
 * with the requests and answers those clients send and get, beside a
 * request to a probe host for another path (an ordinary leak).
 */
#include <stdio.h>
#include <string.h>

#include "scenario.h"

#ifndef TH_FIN
#define TH_FIN	0x01
#define TH_SYN	0x02
#define TH_PUSH	0x08
#define TH_ACK	0x10
#endif

/* The client's own MAC 02:00:00:00:00:10 as a modified EUI-64 (RFC 4291
 * appendix A): the U/L bit flipped, ff:fe in the middle. */
#define CLI6_EUI64	"2001:db8:1::ff:fe00:10"
#define PROBE		"198.51.100.204"	/* every probe server */

static struct gen *
open_scn(const char *dir, const struct scenario *s)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.pcap", dir, s->name);
	return gen_open(path, GL_ETH);
}

/*
 * A TCP session whose request comes in two segments (headers, then the
 * body: what browsers and curl do for a POST over a few hundred bytes),
 * answered by one.
 */
static void
tcp_two_part(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    const uint8_t *a, size_t an, const uint8_t *b, size_t bn,
    const uint8_t *resp, size_t rn)
{
	uint32_t cs = 0x10000000u + cport, ss = 0x20000000u + 80;
	uint32_t req = (uint32_t)(an + bn);

	gen_tcp(g, cli, cport, srv, 80, TH_SYN, cs, 0, NULL, 0);
	gen_tcp(g, srv, 80, cli, cport, TH_SYN | TH_ACK, ss, cs + 1, NULL, 0);
	gen_tcp(g, cli, cport, srv, 80, TH_ACK, cs + 1, ss + 1, NULL, 0);
	gen_tcp(g, cli, cport, srv, 80, TH_ACK, cs + 1, ss + 1, a, an);
	gen_tcp(g, cli, cport, srv, 80, TH_PUSH | TH_ACK, cs + 1 +
	    (uint32_t)an, ss + 1, b, bn);
	gen_tcp(g, srv, 80, cli, cport, TH_PUSH | TH_ACK, ss + 1, cs + 1 + req,
	    resp, rn);
	gen_tcp(g, cli, cport, srv, 80, TH_FIN | TH_ACK, cs + 1 + req,
	    ss + 1 + (uint32_t)rn, NULL, 0);
	gen_tcp(g, srv, 80, cli, cport, TH_FIN | TH_ACK, ss + 1 + (uint32_t)rn,
	    cs + 2 + req, NULL, 0);
	gen_tcp(g, cli, cport, srv, 80, TH_ACK, cs + 2 + req, ss + 2 +
	    (uint32_t)rn, NULL, 0);
}

static void
http_text(struct gen *g, const char *cli, uint16_t cport, const char *srv,
    const char *req, const char *resp)
{
	gen_tcp_session(g, cli, cport, srv, 80, (const uint8_t *)req,
	    strlen(req), (const uint8_t *)resp, strlen(resp));
}

int
sc_http_basic_auth(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	/* curl -u admin:hunter2 http://198.51.100.80/cgi-bin/status */
	http_text(g, CLI, 40100, WEB, "GET /cgi-bin/status HTTP/1.1\r\n"
	    "Host: 198.51.100.80\r\nAuthorization: Basic YWRtaW46aHVudGVyMg==\r\n"
	    "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 3\r\n\r\nup\n");
	gen_wait(g, 300000);
	/* an API call with a bearer token and a session cookie */
	http_text(g, CLI, 40101, WEB, "GET /api/v1/me HTTP/1.1\r\n"
	    "Host: api.example.net\r\nAuthorization: Bearer "
	    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl\r\n"
	    "Cookie: sid=5f2b8c0e9a\r\nAccept: application/json\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
	    "Content-Length: 17\r\n\r\n{\"name\":\"alice\"}\n");
	return gen_close(g);
}

int
sc_http_form_password(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);
	static const char body[] = "username=alice%40example.com&"
	    "password=correct+horse+battery&remember=on";
	char hdr[512];

	if (g == NULL)
		return -1;
	int n = snprintf(hdr, sizeof(hdr), "POST /login HTTP/1.1\r\n"
	    "Host: portal.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux "
	    "x86_64; rv:121.0) Gecko/20100101 Firefox/121.0\r\n"
	    "Accept: text/html\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: %zu\r\nOrigin: http://portal.example.com\r\n"
	    "Connection: keep-alive\r\n\r\n", sizeof(body) - 1);
	static const char resp[] = "HTTP/1.1 302 Found\r\nLocation: /home\r\n"
	    "Set-Cookie: sid=77aa; HttpOnly\r\nContent-Length: 0\r\n\r\n";
	tcp_two_part(g, CLI, 40110, WEB, (const uint8_t *)hdr, (size_t)n,
	    (const uint8_t *)body, sizeof(body) - 1, (const uint8_t *)resp,
	    sizeof(resp) - 1);
	gen_wait(g, 200000);
	/* a search form: no secret in it */
	http_text(g, CLI, 40111, WEB, "POST /search HTTP/1.1\r\n"
	    "Host: portal.example.com\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 21\r\n\r\nq=password+manager&p=",
	    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
	return gen_close(g);
}

int
sc_ipv6_eui64(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	/* SLAAC without privacy extensions: the MAC in the address */
	tls_session(g, CLI6_EUI64, 40120, WEB6, 443, "www.example.com");
	gen_wait(g, 100000);
	/* the same host's privacy address (RFC 8981): no MAC in it */
	tls_session(g, "2001:db8:1::a1b2:c3d4:e5f6:789a", 40121, WEB6, 443,
	    "www.example.com");
	return gen_close(g);
}

/* A connectivity check: the probe host's DNS question, then the probe. */
static void
probe(struct gen *g, uint16_t port, uint16_t id, const char *host,
    const char *req, const char *resp)
{
	dns_exchange(g, CLI, port, ROUTER, 53, id, host, 1, PROBE);
	gen_wait(g, 20000);
	http_text(g, CLI, (uint16_t)(port + 1), PROBE, req, resp);
	gen_wait(g, 500000);
}

int
sc_cc_android(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	probe(g, 40130, 0x3001, "connectivitycheck.gstatic.com",
	    "GET /generate_204 HTTP/1.1\r\nUser-Agent: Dalvik/2.1.0 (Linux; U; "
	    "Android 13; Pixel 6 Build/TQ3A.230805.001)\r\n"
	    "Host: connectivitycheck.gstatic.com\r\nConnection: Keep-Alive\r\n"
	    "Accept-Encoding: gzip\r\n\r\n",
	    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n"
	    "Date: Mon, 01 Jan 2026 00:00:00 GMT\r\n\r\n");
	/* Chrome's own check */
	http_text(g, CLI, 40132, PROBE, "GET /gen_204 HTTP/1.1\r\n"
	    "Host: www.google.com\r\nConnection: keep-alive\r\n\r\n",
	    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
	return gen_close(g);
}

int
sc_cc_windows(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	probe(g, 40140, 0x3101, "www.msftconnecttest.com",
	    "GET /connecttest.txt HTTP/1.1\r\nConnection: Close\r\n"
	    "User-Agent: Microsoft NCSI\r\nHost: www.msftconnecttest.com\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Length: 22\r\nContent-Type: "
	    "text/plain\r\n\r\nMicrosoft Connect Test");
	/* NCSI's DNS probe: the name alone */
	dns_exchange(g, CLI, 40142, ROUTER, 53, 0x3102, "dns.msftncsi.com", 1,
	    "131.107.255.255");
	return gen_close(g);
}

int
sc_cc_apple(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	probe(g, 40150, 0x3201, "captive.apple.com",
	    "GET /hotspot-detect.html HTTP/1.0\r\nHost: captive.apple.com\r\n"
	    "Connection: close\r\nUser-Agent: CaptiveNetworkSupport-443.40.2 "
	    "wispr\r\n\r\n",
	    "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 68"
	    "\r\n\r\n<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success"
	    "</BODY></HTML>");
	return gen_close(g);
}

int
sc_cc_firefox(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	probe(g, 40160, 0x3301, "detectportal.firefox.com",
	    "GET /success.txt?ipv4 HTTP/1.1\r\nHost: detectportal.firefox.com\r\n"
	    "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:121.0) "
	    "Gecko/20100101 Firefox/121.0\r\nAccept: */*\r\n"
	    "Cache-Control: no-cache\r\nPragma: no-cache\r\n"
	    "Connection: keep-alive\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 8\r\n\r\nsuccess\n");
	http_text(g, CLI, 40162, PROBE, "GET /canonical.html HTTP/1.1\r\n"
	    "Host: detectportal.firefox.com\r\nAccept: */*\r\n"
	    "Cache-Control: no-cache\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 90"
	    "\r\n\r\n<meta http-equiv=\"refresh\" content=\"0;url=https://"
	    "support.mozilla.org/kb/captive-portal\"/>");
	return gen_close(g);
}

int
sc_cc_networkmanager(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	probe(g, 40170, 0x3401, "nmcheck.gnome.org",
	    "GET /check_network_status.txt HTTP/1.1\r\n"
	    "Host: nmcheck.gnome.org\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "X-NetworkManager-Status: online\r\nContent-Length: 25\r\n\r\n"
	    "NetworkManager is online\n");
	/* Ubuntu's: its URI ends in a dot */
	probe(g, 40172, 0x3402, "connectivity-check.ubuntu.com",
	    "GET / HTTP/1.1\r\nHost: connectivity-check.ubuntu.com.\r\n"
	    "Accept: */*\r\nConnection: close\r\n\r\n",
	    "HTTP/1.1 204 No Content\r\nX-NetworkManager-Status: online\r\n"
	    "\r\n");
	return gen_close(g);
}

int
sc_cc_other_path(const char *dir, const struct scenario *s)
{
	struct gen *g = open_scn(dir, s);

	if (g == NULL)
		return -1;
	/* a probe host, another path: not the probe */
	http_text(g, CLI, 40180, PROBE, "GET /generate_204/../track?id=42 "
	    "HTTP/1.1\r\nHost: connectivitycheck.gstatic.com\r\n\r\n",
	    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
	http_text(g, CLI, 40181, PROBE, "GET /ncsi.txt HTTP/1.1\r\n"
	    "Host: www.msftconnecttest.com\r\n\r\n",
	    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
	/* the right path on another host */
	http_text(g, CLI, 40182, PROBE, "GET /generate_204 HTTP/1.1\r\n"
	    "Host: example.com\r\n\r\n",
	    "HTTP/1.1 204 No Content\r\n\r\n");
	/* a DNS flow asking a probe name and another name */
	size_t n = pl_dns_query(buf, 0x3501, "captive.apple.com", 1);
	gen_udp(g, CLI, 40183, ROUTER, 53, buf, n);
	n = pl_dns_query(buf, 0x3502, "www.example.com", 1);
	gen_udp(g, CLI, 40183, ROUTER, 53, buf, n);
	return gen_close(g);
}
