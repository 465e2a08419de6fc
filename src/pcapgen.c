/* SPDX-License-Identifier: MIT */
/*
 * pcapgen.c - build the canned captures of pcaps/gen/ reproducibly.
 *
 * libnet builds each frame (LIBNET_NONE: construct only, never inject;
 * libnet fills lengths and checksums), libpcap writes it with a timestamp
 * from a clock the scenario sets.  Every MAC, IP id, TCP sequence number
 * and "random" byte is derived from fixed seeds, so two runs write the same
 * bytes.  Non-Ethernet link types are made by rewriting the Ethernet header.
 *
 *   pcapgen DIR            write every scenario into DIR
 *   pcapgen DIR NAME...    write only those
 *   pcapgen --list         name and purpose of each scenario
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnet.h>
#include <pcap/pcap.h>

#include "pcapgen.h"

#define BASE_TIME	1767225600ull	/* 2026-01-01T00:00:00Z */

struct gen {
	libnet_t	*l;
	pcap_t		*dead;
	pcap_dumper_t	*dump;
	enum gen_link	 link;
	uint64_t	 now;		/* microseconds since BASE_TIME */
	uint16_t	 ipid;
	char		 path[512];
};

static const uint8_t mac_client[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x10 };
static const uint8_t mac_router[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t mac_peer[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x20 };
static const uint8_t mac_bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static int
dlt_of(enum gen_link k)
{
	switch (k) {
	case GL_SLL:	return DLT_LINUX_SLL;
	case GL_SLL2:	return 276;
	case GL_NULL:	return DLT_NULL;
	case GL_LOOP:	return DLT_LOOP;
	case GL_RAW:	return DLT_RAW;
	case GL_RADIO:	return DLT_IEEE802_11_RADIO;
	default:	return DLT_EN10MB;
	}
}

struct gen *
gen_open(const char *path, enum gen_link link)
{
	char errbuf[LIBNET_ERRBUF_SIZE];
	struct gen *g = calloc(1, sizeof(*g));

	if (g == NULL)
		return NULL;
	g->link = link;
	g->ipid = 0x1000;
	snprintf(g->path, sizeof(g->path), "%s", path);
	g->l = libnet_init(LIBNET_NONE, NULL, errbuf);
	if (g->l == NULL) {
		fprintf(stderr, "pcapgen: libnet: %s\n", errbuf);
		free(g);
		return NULL;
	}
	g->dead = pcap_open_dead(dlt_of(link), 65535);
	g->dump = pcap_dump_open(g->dead, path);
	if (g->dump == NULL) {
		fprintf(stderr, "pcapgen: %s: %s\n", path, pcap_geterr(g->dead));
		libnet_destroy(g->l);
		pcap_close(g->dead);
		free(g);
		return NULL;
	}
	return g;
}

int
gen_close(struct gen *g)
{
	int rc = 0;

	if (g == NULL)
		return -1;
	if (pcap_dump_flush(g->dump) != 0)
		rc = -1;
	pcap_dump_close(g->dump);
	pcap_close(g->dead);
	libnet_destroy(g->l);
	free(g);
	return rc;
}

void
gen_wait(struct gen *g, uint64_t usec)
{
	g->now += usec;
}

/* Write an Ethernet frame, converted to the capture's link type. */
static void
write_frame(struct gen *g, const uint8_t *eth, size_t n)
{
	uint8_t out[70000];
	size_t o = 0;
	struct pcap_pkthdr h;
	uint16_t et = n >= 14 ? (uint16_t)(eth[12] << 8 | eth[13]) : 0;
	bool outgoing = n >= 12 && memcmp(eth + 6, mac_client, 6) == 0;

	if (n < 14 || n + 32 > sizeof(out))
		return;
	switch (g->link) {
	case GL_ETH:
	case GL_RADIO:
		memcpy(out, eth, n);
		o = n;
		break;
	case GL_VLAN:
	case GL_QINQ:
		memcpy(out, eth, 12);
		o = 12;
		if (g->link == GL_QINQ) {
			out[o++] = 0x88; out[o++] = 0xa8;	/* 802.1ad */
			out[o++] = 0x00; out[o++] = 0x64;	/* VID 100 */
		}
		out[o++] = 0x81; out[o++] = 0x00;
		out[o++] = 0x00; out[o++] = 0x0a;		/* VID 10 */
		memcpy(out + o, eth + 12, n - 12);
		o += n - 12;
		break;
	case GL_SLL:
		out[0] = 0; out[1] = outgoing ? 4 : 0;		/* packet type */
		out[2] = 0; out[3] = 1;				/* ARPHRD_ETHER */
		out[4] = 0; out[5] = 6;
		memcpy(out + 6, eth + 6, 6);
		out[12] = out[13] = 0;
		memcpy(out + 14, eth + 12, n - 12);
		o = n + 2;
		break;
	case GL_SLL2:
		out[0] = eth[12]; out[1] = eth[13];		/* protocol */
		out[2] = out[3] = 0;
		out[4] = 0; out[5] = 0; out[6] = 0; out[7] = 2;	/* ifindex */
		out[8] = 0; out[9] = 1;				/* ARPHRD */
		out[10] = outgoing ? 4 : 0;
		out[11] = 6;
		memcpy(out + 12, eth + 6, 6);
		out[18] = out[19] = 0;
		memcpy(out + 20, eth + 14, n - 14);
		o = n + 6;
		break;
	case GL_NULL:
	case GL_LOOP: {
		uint32_t af = et == 0x0800 ? 2 : 30;	/* AF_INET, macOS AF_INET6 */
		if (et != 0x0800 && et != 0x86dd)
			return;				/* no ARP on loopback */
		if (g->link == GL_NULL) {		/* host order: little */
			out[0] = (uint8_t)af; out[1] = out[2] = out[3] = 0;
		} else {
			out[0] = out[1] = out[2] = 0; out[3] = (uint8_t)af;
		}
		memcpy(out + 4, eth + 14, n - 14);
		o = n - 10;
		break;
	}
	case GL_RAW:
		if (et != 0x0800 && et != 0x86dd)
			return;
		memcpy(out, eth + 14, n - 14);
		o = n - 14;
		break;
	}
	h.ts.tv_sec = (time_t)(BASE_TIME + g->now / 1000000);
	h.ts.tv_usec = (suseconds_t)(g->now % 1000000);
	h.caplen = h.len = (bpf_u_int32)o;
	pcap_dump((u_char *)g->dump, &h, out);
	g->now += 1000;		/* 1 ms between packets unless told */
}

static void
cull(struct gen *g)
{
	uint8_t *pkt;
	uint32_t n;

	/* libnet_adv_cull_packet wants LIBNET_LINK_ADV, which opens a device;
	 * coalescing directly works in LIBNET_NONE. */
	if (libnet_pblock_coalesce(g->l, &pkt, &n) == -1) {
		fprintf(stderr, "pcapgen: %s: %s\n", g->path,
		    libnet_geterror(g->l));
		exit(2);
	}
	write_frame(g, pkt, n);
	free(pkt);
	libnet_clear_packet(g->l);
}

static bool
is_v6(const char *a)
{
	return strchr(a, ':') != NULL;
}

/*
 * The MAC an address travels with: the client's own, the LAN peer's, the
 * multicast MAC for a group (RFC 1112 6.4, RFC 2464 7), broadcast, or
 * else the router's (everything off-link comes through it).
 */
static void
mac_for(const char *a, bool src, uint8_t mac[6])
{
	uint8_t ip[16];

	if (strcmp(a, "192.0.2.10") == 0 || strcmp(a, "0.0.0.0") == 0 ||
	    strcmp(a, "2001:db8:1::10") == 0 || strcmp(a, "fe80::10") == 0) {
		memcpy(mac, mac_client, 6);
		return;
	}
	if (strcmp(a, "192.0.2.20") == 0) {
		memcpy(mac, mac_peer, 6);
		return;
	}
	memcpy(mac, mac_router, 6);
	if (src)
		return;
	if (strcmp(a, "255.255.255.255") == 0)
		memcpy(mac, mac_bcast, 6);
	else if (!is_v6(a) && inet_pton(AF_INET, a, ip) == 1 &&
	    (ip[0] & 0xf0) == 0xe0) {
		mac[0] = 0x01; mac[1] = 0x00; mac[2] = 0x5e;
		mac[3] = ip[1] & 0x7f; mac[4] = ip[2]; mac[5] = ip[3];
	} else if (is_v6(a) && inet_pton(AF_INET6, a, ip) == 1 &&
	    ip[0] == 0xff) {
		mac[0] = 0x33; mac[1] = 0x33;
		memcpy(mac + 2, ip + 12, 4);
	}
}

static void
build_ether(struct gen *g, const char *src, const char *dst, uint16_t type)
{
	uint8_t s[6], d[6];

	mac_for(src, true, s);
	mac_for(dst, false, d);
	libnet_build_ethernet(d, s, type, NULL, 0, g->l, 0);
}

static void
build_ip(struct gen *g, const char *src, const char *dst, uint8_t proto,
    size_t l4len)
{
	if (is_v6(src)) {
		struct libnet_in6_addr s, d;
		inet_pton(AF_INET6, src, &s);
		inet_pton(AF_INET6, dst, &d);
		libnet_build_ipv6(0, 0, (uint16_t)l4len, proto, 64, s, d, NULL,
		    0, g->l, 0);
	} else {
		uint32_t s, d;
		inet_pton(AF_INET, src, &s);
		inet_pton(AF_INET, dst, &d);
		libnet_build_ipv4((uint16_t)(LIBNET_IPV4_H + l4len), 0,
		    g->ipid++, 0x4000, 64, proto, 0, s, d, NULL, 0, g->l, 0);
	}
	build_ether(g, src, dst, is_v6(src) ? 0x86dd : 0x0800);
	cull(g);
}

void
gen_udp(struct gen *g, const char *src, uint16_t sport, const char *dst,
    uint16_t dport, const uint8_t *pl, size_t n)
{
	libnet_build_udp(sport, dport, (uint16_t)(LIBNET_UDP_H + n), 0, pl,
	    (uint32_t)n, g->l, 0);
	build_ip(g, src, dst, IPPROTO_UDP, LIBNET_UDP_H + n);
}

void
gen_tcp(struct gen *g, const char *src, uint16_t sport, const char *dst,
    uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack,
    const uint8_t *pl, size_t n)
{
	libnet_build_tcp(sport, dport, seq, ack, flags, 64240, 0, 0,
	    (uint16_t)(LIBNET_TCP_H + n), pl, (uint32_t)n, g->l, 0);
	build_ip(g, src, dst, IPPROTO_TCP, LIBNET_TCP_H + n);
}

void
gen_icmp_echo(struct gen *g, const char *src, const char *dst, uint16_t seq)
{
	static const uint8_t data[16] = "leaksniff-ping!";
	libnet_build_icmpv4_echo(ICMP_ECHO, 0, 0, 0x4242, seq, data,
	    sizeof(data), g->l, 0);
	build_ip(g, src, dst, IPPROTO_ICMP, LIBNET_ICMPV4_ECHO_H + sizeof(data));
}

/* ICMPv6 with its checksum over the pseudo-header (RFC 4443 2.3). */
void
gen_icmp6(struct gen *g, const char *src, const char *dst, uint8_t type,
    const uint8_t *body, size_t n)
{
	uint8_t msg[512];
	uint8_t s[16], d[16];
	uint32_t sum = 0;
	size_t len = 4 + n;

	if (len > sizeof(msg))
		return;
	inet_pton(AF_INET6, src, s);
	inet_pton(AF_INET6, dst, d);
	msg[0] = type;
	msg[1] = 0;
	msg[2] = msg[3] = 0;
	memcpy(msg + 4, body, n);
	for (int i = 0; i < 16; i += 2)
		sum += (uint32_t)(s[i] << 8 | s[i + 1]) +
		    (uint32_t)(d[i] << 8 | d[i + 1]);
	sum += (uint32_t)len + 58;
	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)(msg[i] << 8 | (i + 1 < len ? msg[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	msg[2] = (uint8_t)(~sum >> 8);
	msg[3] = (uint8_t)~sum;
	struct libnet_in6_addr s6, d6;
	memcpy(&s6, s, 16);
	memcpy(&d6, d, 16);
	libnet_build_ipv6(0, 0, (uint16_t)len, 58, 255, s6, d6, msg,
	    (uint32_t)len, g->l, 0);
	build_ether(g, src, dst, 0x86dd);
	cull(g);
}

/* ARP (RFC 826): a broadcast who-has, answered by unicast is-at. */
void
gen_arp(struct gen *g, int op, const char *sip, const char *tip)
{
	uint32_t s, t;
	uint8_t sha[6], tha[6];
	static const uint8_t zero[6];

	inet_pton(AF_INET, sip, &s);
	inet_pton(AF_INET, tip, &t);
	mac_for(sip, true, sha);
	mac_for(tip, true, tha);
	libnet_build_arp(ARPHRD_ETHER, ETHERTYPE_IP, 6, 4, (uint16_t)op, sha,
	    (uint8_t *)&s, op == ARPOP_REQUEST ? zero : tha, (uint8_t *)&t,
	    NULL, 0, g->l, 0);
	libnet_build_ethernet(op == ARPOP_REQUEST ? mac_bcast : tha, sha,
	    ETHERTYPE_ARP, NULL, 0, g->l, 0);
	cull(g);
}

void
gen_igmp(struct gen *g, const char *src, const char *group)
{
	uint32_t grp;

	inet_pton(AF_INET, group, &grp);
	libnet_build_igmp(0x16, 0, 0, grp, NULL, 0, g->l, 0);
	build_ip(g, src, group, IPPROTO_IGMP, LIBNET_IGMP_H);
}

void
gen_tcp_session(struct gen *g, const char *cli, uint16_t cport,
    const char *srv, uint16_t sport, const uint8_t *req, size_t reqn,
    const uint8_t *resp, size_t respn)
{
	uint32_t cs = 0x10000000u + cport, ss = 0x20000000u + sport;

	gen_tcp(g, cli, cport, srv, sport, TH_SYN, cs, 0, NULL, 0);
	gen_tcp(g, srv, sport, cli, cport, TH_SYN | TH_ACK, ss, cs + 1, NULL, 0);
	gen_tcp(g, cli, cport, srv, sport, TH_ACK, cs + 1, ss + 1, NULL, 0);
	if (reqn > 0)
		gen_tcp(g, cli, cport, srv, sport, TH_PUSH | TH_ACK, cs + 1,
		    ss + 1, req, reqn);
	if (respn > 0)
		gen_tcp(g, srv, sport, cli, cport, TH_PUSH | TH_ACK, ss + 1,
		    cs + 1 + (uint32_t)reqn, resp, respn);
	gen_tcp(g, cli, cport, srv, sport, TH_FIN | TH_ACK,
	    cs + 1 + (uint32_t)reqn, ss + 1 + (uint32_t)respn, NULL, 0);
	gen_tcp(g, srv, sport, cli, cport, TH_FIN | TH_ACK,
	    ss + 1 + (uint32_t)respn, cs + 2 + (uint32_t)reqn, NULL, 0);
	gen_tcp(g, cli, cport, srv, sport, TH_ACK, cs + 2 + (uint32_t)reqn,
	    ss + 2 + (uint32_t)respn, NULL, 0);
}

void
gen_raw_frame(struct gen *g, const uint8_t *frame, size_t n)
{
	struct pcap_pkthdr h;

	h.ts.tv_sec = (time_t)(BASE_TIME + g->now / 1000000);
	h.ts.tv_usec = (suseconds_t)(g->now % 1000000);
	h.caplen = h.len = (bpf_u_int32)n;
	pcap_dump((u_char *)g->dump, &h, frame);
	g->now += 1000;
}

/* --- payloads ------------------------------------------------------------ */

static size_t
put_name(uint8_t *b, const char *name)
{
	size_t o = 0;

	while (*name != '\0') {
		const char *dot = strchr(name, '.');
		size_t n = dot != NULL ? (size_t)(dot - name) : strlen(name);
		b[o++] = (uint8_t)n;
		memcpy(b + o, name, n);
		o += n;
		name += n + (dot != NULL);
	}
	b[o++] = 0;
	return o;
}

size_t
pl_dns_query(uint8_t *b, uint16_t id, const char *name, uint16_t qtype)
{
	size_t o;

	b[0] = (uint8_t)(id >> 8); b[1] = (uint8_t)id;
	b[2] = 0x01; b[3] = 0x00;		/* RD */
	b[4] = 0; b[5] = 1;			/* QDCOUNT */
	memset(b + 6, 0, 6);
	o = 12 + put_name(b + 12, name);
	b[o++] = (uint8_t)(qtype >> 8); b[o++] = (uint8_t)qtype;
	b[o++] = 0; b[o++] = 1;			/* IN */
	return o;
}

/* A response echoing the question, with one A or AAAA answer or none. */
size_t
pl_dns_response(uint8_t *b, uint16_t id, const char *name, uint16_t qtype,
    const char *answer)
{
	size_t o = pl_dns_query(b, id, name, qtype);
	uint8_t a[16];
	bool v6;

	b[2] = 0x81; b[3] = 0x80;		/* QR RD RA, NOERROR */
	if (answer == NULL)
		return o;			/* NODATA */
	v6 = strchr(answer, ':') != NULL;
	b[7] = 1;				/* ANCOUNT */
	b[o++] = 0xc0; b[o++] = 12;		/* pointer to the question */
	b[o++] = 0; b[o++] = v6 ? 28 : 1;
	b[o++] = 0; b[o++] = 1;
	b[o++] = 0; b[o++] = 0; b[o++] = 0x0e; b[o++] = 0x10;	/* TTL 3600 */
	b[o++] = 0; b[o++] = v6 ? 16 : 4;
	inet_pton(v6 ? AF_INET6 : AF_INET, answer, a);
	memcpy(b + o, a, v6 ? 16 : 4);
	return o + (v6 ? 16 : 4);
}

/* Append an EDNS(0) OPT record (RFC 6891 6.1.2): 1232-byte UDP size. */
size_t
pl_dns_add_opt(uint8_t *b, size_t n)
{
	static const uint8_t opt[11] = { 0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0,
	    0, 0 };

	memcpy(b + n, opt, sizeof(opt));
	b[11]++;				/* ARCOUNT */
	return n + sizeof(opt);
}

static void
stun_header(uint8_t *b, uint16_t type, uint16_t len, uint8_t seed)
{
	b[0] = (uint8_t)(type >> 8); b[1] = (uint8_t)type;
	b[2] = (uint8_t)(len >> 8); b[3] = (uint8_t)len;
	b[4] = 0x21; b[5] = 0x12; b[6] = 0xa4; b[7] = 0x42;
	for (int i = 0; i < 12; i++)
		b[8 + i] = (uint8_t)(seed * 7 + i * 13);
}

size_t
pl_stun_request(uint8_t *b, uint8_t seed)
{
	static const char sw[] = "leaksniff-test";	/* 14 bytes, pad 2 */

	stun_header(b, 0x0001, 20, seed);
	b[20] = 0x80; b[21] = 0x22; b[22] = 0; b[23] = 14;
	memcpy(b + 24, sw, 14);
	b[38] = b[39] = 0;
	return 40;
}

size_t
pl_stun_response(uint8_t *b, uint8_t seed, const char *mapped, uint16_t port)
{
	bool v6 = strchr(mapped, ':') != NULL;
	uint8_t a[16];
	size_t alen = v6 ? 16 : 4;

	stun_header(b, 0x0101, (uint16_t)(4 + 4 + alen), seed);
	b[20] = 0x00; b[21] = 0x20;			/* XOR-MAPPED-ADDRESS */
	b[22] = 0; b[23] = (uint8_t)(4 + alen);
	b[24] = 0; b[25] = v6 ? 2 : 1;
	b[26] = (uint8_t)((port >> 8) ^ 0x21);
	b[27] = (uint8_t)((port & 0xff) ^ 0x12);
	inet_pton(v6 ? AF_INET6 : AF_INET, mapped, a);
	for (size_t i = 0; i < alen; i++)
		b[28 + i] = a[i] ^ b[4 + i];	/* cookie, then transaction id */
	return 28 + alen;
}

size_t
pl_http_get(uint8_t *b, const char *host, const char *path)
{
	return (size_t)sprintf((char *)b, "GET %s HTTP/1.1\r\nHost: %s\r\n"
	    "User-Agent: leaksniff-test/1.0\r\nAccept: */*\r\n\r\n", path, host);
}

size_t
pl_http_ok(uint8_t *b)
{
	return (size_t)sprintf((char *)b, "HTTP/1.1 200 OK\r\nContent-Type: "
	    "text/html\r\nContent-Length: 13\r\n\r\n<p>hello</p>\n");
}

/*
 * A TLS 1.2 record with a TLS 1.3-style ClientHello (RFC 8446 4.1.2) and,
 * unless sni is NULL, a server_name extension (RFC 6066 3).
 */
size_t
pl_tls_client_hello(uint8_t *b, const char *sni)
{
	size_t n = sni != NULL ? strlen(sni) : 0, o = 0, hs, ext;
	static const uint8_t suites[] = { 0x13, 0x01, 0x13, 0x02, 0xc0, 0x2f,
	    0xc0, 0x30 };

	b[o++] = 0x16; b[o++] = 0x03; b[o++] = 0x01; o += 2;	/* record */
	hs = o;
	b[o++] = 0x01; o += 3;					/* ClientHello */
	b[o++] = 0x03; b[o++] = 0x03;
	for (int i = 0; i < 32; i++)
		b[o++] = (uint8_t)(i * 29 + 3);			/* random */
	b[o++] = 0;						/* session id */
	b[o++] = 0; b[o++] = sizeof(suites);
	memcpy(b + o, suites, sizeof(suites));
	o += sizeof(suites);
	b[o++] = 1; b[o++] = 0;					/* null compr. */
	ext = o;
	o += 2;
	if (sni != NULL) {			/* server_name */
		b[o++] = 0; b[o++] = 0;
		b[o++] = (uint8_t)((n + 5) >> 8); b[o++] = (uint8_t)(n + 5);
		b[o++] = (uint8_t)((n + 3) >> 8); b[o++] = (uint8_t)(n + 3);
		b[o++] = 0;
		b[o++] = (uint8_t)(n >> 8); b[o++] = (uint8_t)n;
		memcpy(b + o, sni, n);
		o += n;
	}
	/* supported_versions: TLS 1.3, 1.2 */
	b[o++] = 0; b[o++] = 0x2b; b[o++] = 0; b[o++] = 5; b[o++] = 4;
	b[o++] = 3; b[o++] = 4; b[o++] = 3; b[o++] = 3;
	/* supported_groups: x25519 */
	b[o++] = 0; b[o++] = 0x0a; b[o++] = 0; b[o++] = 4; b[o++] = 0;
	b[o++] = 2; b[o++] = 0; b[o++] = 0x1d;
	b[ext] = (uint8_t)((o - ext - 2) >> 8);
	b[ext + 1] = (uint8_t)(o - ext - 2);
	size_t hl = o - hs - 4;
	b[hs + 1] = (uint8_t)(hl >> 16);
	b[hs + 2] = (uint8_t)(hl >> 8);
	b[hs + 3] = (uint8_t)hl;
	b[3] = (uint8_t)((o - 5) >> 8);
	b[4] = (uint8_t)(o - 5);
	return o;
}

static uint8_t
prng(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (uint8_t)(*s >> 16);
}

/* Bytes that look encrypted, the same for the same seed. */
size_t
pl_random(uint8_t *b, size_t len, uint32_t seed)
{
	uint32_t s = seed;

	for (size_t i = 0; i < len; i++)
		b[i] = prng(&s);
	return len;
}

static void
put_le32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}

static void
put_be32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24); b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8); b[3] = (uint8_t)v;
}

/*
 * WireGuard messages (whitepaper 5.4, little-endian indices):
 *
 *   initiation (148)  1 | 0 0 0 | sender | ephemeral 32 | static 48 |
 *                     timestamp 28 | mac1 16 | mac2 16
 *   response (92)     2 | 0 0 0 | sender | receiver | ephemeral 32 |
 *                     empty 16 | mac1 16 | mac2 16
 *   data (32 + 16n)   4 | 0 0 0 | receiver | counter (8) | packet + tag 16
 *
 * nDPI pairs the indices: the response's receiver is the initiation's
 * sender, and each side's data carries the other side's index.
 */
size_t
pl_wg_init(uint8_t *b)
{
	pl_random(b, 148, 7);
	put_le32(b, 1);
	put_le32(b + 4, WG_IDX_CLIENT);
	return 148;
}

size_t
pl_wg_resp(uint8_t *b)
{
	pl_random(b, 92, 8);
	put_le32(b, 2);
	put_le32(b + 4, WG_IDX_SERVER);
	put_le32(b + 8, WG_IDX_CLIENT);
	return 92;
}

/* inner: the padded inner packet's length, a multiple of 16; 0 is a
 * keepalive. */
size_t
pl_wg_data(uint8_t *b, int to_server, uint64_t counter, size_t inner,
    uint32_t seed)
{
	size_t len = 32 + (inner + 15) / 16 * 16;

	pl_random(b, len, seed);
	put_le32(b, 4);
	put_le32(b + 4, to_server ? WG_IDX_SERVER : WG_IDX_CLIENT);
	put_le32(b + 8, (uint32_t)counter);
	put_le32(b + 12, (uint32_t)(counter >> 32));
	return len;
}

/*
 * OpenVPN control packets with tls-auth (openvpn/src/openvpn/ssl_pkt.h,
 * reliable.c), HMAC-SHA1:
 *
 *   opcode << 3 | key id (1) | session id (8) | HMAC (20) |
 *   replay packet id (4) | time (4) | ack count (1) |
 *   [acked ids (4 each) | remote session id (8)] | message id (4) | TLS
 *
 * P_ACK_V1 has no message id.  nDPI 4.2 finds the replay id 1 at offset
 * 29 in the hard resets and the client's session id echoed in the
 * server's.  Over TCP each packet is prefixed with its 2-byte length.
 */
static const uint8_t ovpn_sid[2][8] = {
	{ 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 },	/* client */
	{ 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7 },	/* server */
};

size_t
pl_ovpn_ctl(uint8_t *b, uint8_t opcode, int server, uint32_t replay_id,
    int ack, int msg_id, const uint8_t *data, size_t n, int tcp)
{
	size_t o = tcp ? 2 : 0, start = o;
	uint32_t s = replay_id * 31 + (uint32_t)server;

	b[o++] = (uint8_t)(opcode << 3);
	memcpy(b + o, ovpn_sid[server != 0], 8);
	o += 8;
	for (int i = 0; i < 20; i++)
		b[o++] = prng(&s);			/* HMAC */
	put_be32(b + o, replay_id);
	put_be32(b + o + 4, (uint32_t)(BASE_TIME + 1));	/* net_time */
	o += 8;
	if (ack == OVPN_NO_ACK)
		b[o++] = 0;
	else {
		b[o++] = 1;
		put_be32(b + o, (uint32_t)ack);
		memcpy(b + o + 4, ovpn_sid[server == 0], 8);
		o += 12;
	}
	if (msg_id >= 0) {
		put_be32(b + o, (uint32_t)msg_id);
		o += 4;
	}
	if (n > 0)
		memcpy(b + o, data, n);
	o += n;
	if (tcp) {
		b[0] = (uint8_t)((o - start) >> 8);
		b[1] = (uint8_t)(o - start);
	}
	return o;
}

/* P_DATA_V2: opcode 9 | key id 0, peer id (3), packet id (4), AEAD. */
size_t
pl_ovpn_data(uint8_t *b, uint32_t packet_id, size_t len, uint32_t seed,
    int tcp)
{
	size_t o = tcp ? 2 : 0;

	pl_random(b + o, len, seed);
	b[o] = 9 << 3;
	b[o + 1] = 0; b[o + 2] = 0; b[o + 3] = 1;	/* peer id 1 */
	put_be32(b + o + 4, packet_id);
	if (tcp) {
		b[0] = (uint8_t)(len >> 8);
		b[1] = (uint8_t)len;
	}
	return o + len;
}

/*
 * DHCP (RFC 2131, options RFC 2132): a DISCOVER from the client, or the
 * router's OFFER of 192.0.2.10, padded to the 300-byte BOOTP minimum.
 */
size_t
pl_dhcp(uint8_t *b, int offer)
{
	static const uint8_t disc_opts[] = { 53, 1, 1, 61, 7, 1, 0x02, 0, 0,
	    0, 0, 0x10, 12, 6, 'l', 'a', 'p', 't', 'o', 'p', 55, 4, 1, 3, 6,
	    15, 255 };
	static const uint8_t offer_opts[] = { 53, 1, 2, 54, 4, 192, 0, 2, 1,
	    51, 4, 0, 1, 0x51, 0x80, 1, 4, 255, 255, 255, 0, 3, 4, 192, 0, 2,
	    1, 6, 4, 192, 0, 2, 1, 255 };
	const uint8_t *opts = offer ? offer_opts : disc_opts;
	size_t on = offer ? sizeof(offer_opts) : sizeof(disc_opts);

	memset(b, 0, 300);
	b[0] = offer ? 2 : 1;			/* BOOTREPLY : BOOTREQUEST */
	b[1] = 1; b[2] = 6;			/* Ethernet, 6-byte MAC */
	put_be32(b + 4, 0x3903f326);		/* xid */
	b[10] = 0x80;				/* broadcast flag */
	if (offer) {
		b[16] = 192; b[17] = 0; b[18] = 2; b[19] = 10;	/* yiaddr */
		b[20] = 192; b[21] = 0; b[22] = 2; b[23] = 1;	/* siaddr */
	}
	memcpy(b + 28, mac_client, 6);		/* chaddr */
	put_be32(b + 236, 0x63825363);		/* magic cookie */
	memcpy(b + 240, opts, on);
	return 300;
}

/*
 * SMB2 NEGOTIATE (MS-SMB2 2.2.3, 2.2.4) behind the 4-byte NetBIOS
 * session header of direct TCP (RFC 1002 4.3.1; MS-SMB2 2.1).
 */
size_t
pl_smb2_negotiate(uint8_t *b, int response)
{
	size_t body = response ? 65 : 36 + 4, n = 4 + 64 + body;

	memset(b, 0, n);
	put_be32(b, (uint32_t)(n - 4));
	b[4] = 0xfe; b[5] = 'S'; b[6] = 'M'; b[7] = 'B';
	b[8] = 64;				/* StructureSize */
	b[18] = 1;				/* credits */
	if (response)
		b[20] = 1;			/* SERVER_TO_REDIR */
	b[68] = response ? 65 : 36;		/* body StructureSize */
	if (response) {
		b[70] = 1;			/* signing enabled */
		b[72] = 0x10; b[73] = 0x02;	/* dialect 2.1 */
		for (int i = 0; i < 16; i++)
			b[76 + i] = (uint8_t)(0x40 + i);	/* server GUID */
		b[96] = 0x00; b[97] = 0x00; b[98] = 0x10;	/* max sizes */
		b[100] = 0x00; b[101] = 0x00; b[102] = 0x10;
		b[104] = 0x00; b[105] = 0x00; b[106] = 0x10;
		b[124] = 128;			/* security buffer offset */
	} else {
		b[70] = 2;			/* DialectCount */
		b[72] = 1;			/* signing enabled */
		for (int i = 0; i < 16; i++)
			b[80 + i] = (uint8_t)(0x20 + i);	/* client GUID */
		b[104] = 0x02; b[105] = 0x02;	/* 2.0.2 */
		b[106] = 0x10; b[107] = 0x02;	/* 2.1 */
	}
	return n;
}

/*
 * A QUIC version 1 client Initial (RFC 9000 17.2.2), 1,200 bytes, to
 * DCID 5ec0ffee00112233, SCID c11e47, packet number 0.  Its plaintext is
 * a CRYPTO frame with a TLS 1.3 ClientHello (SNI www.example.com, ALPN
 * h3, x25519, quic_transport_parameters) and PADDING; it is protected
 * with the Initial keys RFC 9001 5.2 derives from the DCID (AES-128-GCM
 * and AES header protection), so nDPI can decrypt it and read the SNI.
 * The bytes were computed once and are kept as they are: pcapgen links
 * no crypto library.
 */
static const char quic_initial_hex[] =
	"cc00000001085ec0ffee0011223303c11e4700449b05a1ccff55468352f52d13"
	"e1e2881a43689c657ab1063ff1faf20805183375d9cfe42feebc64120317b10a"
	"f053ae9ef9b95fddd9c6e456e4d17423c9b1cd6ec9b12a6fab2b9271e74bb8d4"
	"d10665ca3d5d350ffae774b88abd2d5ce1b853e1c25e0f4401a8d1ea0e0459a6"
	"71b231c627396cdec510bcf8df5461cc283de08e434c740952d9447439c1a988"
	"100b71002d0833c9dc2b2420bb9459212d70cd4e59fcdad01e2ad2e3c837348b"
	"4e99b0c8a8d01cba0b8608d5c19e447372eeeef44704cc83e8ceada564c2fdea"
	"615d8addec0d1de19579fc6be487c693acbe8087033a7c0473d6389d80ede62d"
	"53095fe7ac93fbb858343d4a058766a2d3ee8ec6636cc7a9bb7a4334af982d35"
	"f0113d21edbb1d15ea8be8c58247f88b98f9cda83516fa9bfcb83aceeb470a15"
	"dad849746eafb62e2131a0debdff9db060b6fd1752d03420cb8dbab1d190ddf1"
	"b0c1ba4c983fc52fe936f273bf267f23fddc25f968828b81a8c9faaa84a4f1a4"
	"cc58dc3b224e63bbd0856a22de251fc5ff0fadde395e2aa9f86cc1ee018f635e"
	"64cb4f6c854710738c2fcf28a9385f6bc6e5b740f8f92dca796d8e86b871a301"
	"347be8bcee8324304b8d30170836342cc76abda3fc96d023dbf0179b2b53cb84"
	"94c3b5f9bddac8b4c82a0151ea0a904b2cc9440c005e586673e0dadd586387b5"
	"a83c0920d16a298eb01e14bb41c7fb7cc4b612cdc1a2a925d2ec02ac68aab3e1"
	"8f6a7df6f0818b852cce3807bb6b1eb2e764f4cc7aa46874339091ff0fc40ea1"
	"6eff531d2562658d01d6cc8b452944db03c980dd661db15c39aebe43b39888ae"
	"b418630f8a4799ebbe7c6be3d5d0668d6e42051c43103c9ea959b74e761b1587"
	"70f160ca2a9b115176f98ff6e669997eb481fc59b940465d76b877d4a4155725"
	"82c1cd565f4f34d2a7d7e621d0653732959956b1414621fa9ac1c38e1b36ba9a"
	"0bc46d87e70f59f66e307e0c331640baacfb314b062afb5017efab13ca194289"
	"c8390cc397085f1407fae3e4143abf7324e37caf3f74ee0f5ad0c5eedddc4fbb"
	"de41b8582209fb2763489f27585bf5b4775d3bdd0e943c12116c1e562ba22c93"
	"755934439d30287b7e9688f915d49627e950c9321ba52a32dc89e0466e7c0478"
	"6499b95842e932db38edd3b1acd3804770038b8410d0cb6e1ce084735724a48c"
	"deb07e8383ba49c450e88bfc8ad647925bd2e2e581d7a17f7bd60d647c2126e8"
	"e4d8895e43ae55e713deab7a4d331a81b054e794aa18631ded4e71bd6fd12895"
	"4a75ea4cb40e0911af7d483b086f23d09295ba4286d7834d98fc51cf451b9a42"
	"cbce09b9ba4b5f8aeff70f2ff315bfac8634ee1078f4815e6563c8c72dcb0f3c"
	"93b34c7ce6b7702344a33998f1cbda57698f3d43c18abee42daf77f2f1a6a114"
	"b06239e6a718739f5ac19d98834061dc6b59202045d5ab575fa092e4934d870e"
	"cd63766d4f974ecf10e6e60c7f7dcbd3e5065df49dca6a1f2f9a6fdbf7a4e973"
	"73a489bf60b3774b179998d21562c51ffb40f81a47a7f8f8249082a74e4ef088"
	"f97b8550adebafc3984cda512b1e940d74a6376827e5921c698a0fd3a9da6c98"
	"d435e53ecd0b1c60353be5f512e3b05de5cfd64ce78915e0e0865d75cb9af8ea"
	"7b11236f667e9b0d2f72196189b35f0d";

size_t
pl_quic_initial(uint8_t *b)
{
	size_t n = (sizeof(quic_initial_hex) - 1) / 2;

	for (size_t i = 0; i < n; i++) {
		unsigned v;
		sscanf(quic_initial_hex + 2 * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	return n;
}

/* --- main ---------------------------------------------------------------- */

int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (const struct scenario *s = scenarios; s->name != NULL; s++)
			printf("%-24s %s\n", s->name, s->what);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--flood") == 0)
		return flood_capture(argv[3], strtoul(argv[2], NULL, 10));
	if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
		char *end;
		unsigned long n = strtoul(argv[2], &end, 10);
		if (*end != '\0' || n < 100) {
			fprintf(stderr, "pcapgen: --bench: `%s' is not a packet "
			    "count of at least 100\n", argv[2]);
			return 2;
		}
		return bench_capture(argv[3], n);
	}
	if (argc < 2) {
		fprintf(stderr, "usage: pcapgen DIR [NAME...] | pcapgen --list | "
		    "pcapgen --bench NPACKETS FILE\n");
		return 2;
	}
	for (const struct scenario *s = scenarios; s->name != NULL; s++) {
		bool want = argc == 2;
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], s->name) == 0)
				want = true;
		if (want)
			s->run(argv[1], s);
	}
	for (int i = 2; i < argc; i++) {
		bool known = false;
		for (const struct scenario *s = scenarios; s->name != NULL; s++)
			known |= strcmp(argv[i], s->name) == 0;
		if (!known) {
			fprintf(stderr, "pcapgen: no scenario `%s'\n", argv[i]);
			rc = 2;
		}
	}
	return rc;
}
