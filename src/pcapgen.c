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
gen_at(struct gen *g, uint64_t usec)
{
	g->now = usec;
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

static const uint8_t *
mac_for(const char *a, bool src)
{
	/* our client sends from its MAC; everything else comes via the router */
	bool client = strcmp(a, "192.0.2.10") == 0 ||
	    strcmp(a, "2001:db8:1::10") == 0 || strcmp(a, "fe80::10") == 0;
	if (!src && (strncmp(a, "224.", 4) == 0 || strncmp(a, "ff02", 4) == 0 ||
	    strcmp(a, "255.255.255.255") == 0))
		return mac_bcast;
	return client ? mac_client : mac_router;
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
	libnet_build_ethernet(mac_for(dst, false), mac_for(src, true),
	    is_v6(src) ? 0x86dd : 0x0800, NULL, 0, g->l, 0);
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
	libnet_build_ethernet(mac_for(dst, false), mac_for(src, true), 0x86dd,
	    NULL, 0, g->l, 0);
	cull(g);
}

void
gen_arp(struct gen *g, int op, const char *sip, const char *tip)
{
	uint32_t s, t;
	static const uint8_t zero[6];

	inet_pton(AF_INET, sip, &s);
	inet_pton(AF_INET, tip, &t);
	libnet_build_arp(ARPHRD_ETHER, ETHERTYPE_IP, 6, 4, (uint16_t)op,
	    mac_for(sip, true), (uint8_t *)&s,
	    op == ARPOP_REQUEST ? zero : mac_client, (uint8_t *)&t, NULL, 0,
	    g->l, 0);
	libnet_build_ethernet(op == ARPOP_REQUEST ? mac_bcast : mac_client,
	    mac_for(sip, true), ETHERTYPE_ARP, NULL, 0, g->l, 0);
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

size_t
pl_dns_response(uint8_t *b, uint16_t id, const char *name, uint16_t qtype,
    const char *answer)
{
	size_t o = pl_dns_query(b, id, name, qtype);
	uint8_t a[16];
	bool v6 = strchr(answer, ':') != NULL;

	b[2] = 0x81; b[3] = 0x80;		/* QR RD RA */
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

/* TLS 1.2 record with a TLS 1.3-style ClientHello and an SNI extension. */
size_t
pl_tls_client_hello(uint8_t *b, const char *sni)
{
	size_t n = strlen(sni), o = 0, hs, ext;
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
	/* server_name */
	b[o++] = 0; b[o++] = 0;
	b[o++] = (uint8_t)((n + 5) >> 8); b[o++] = (uint8_t)(n + 5);
	b[o++] = (uint8_t)((n + 3) >> 8); b[o++] = (uint8_t)(n + 3);
	b[o++] = 0;
	b[o++] = (uint8_t)(n >> 8); b[o++] = (uint8_t)n;
	memcpy(b + o, sni, n);
	o += n;
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

/* WireGuard messages (whitepaper 5.4): type, 3 zero bytes, then fields. */
size_t
pl_wg(uint8_t *b, int type, size_t len, uint32_t seed)
{
	uint32_t s = seed;

	for (size_t i = 0; i < len; i++)
		b[i] = prng(&s);
	b[0] = (uint8_t)type;
	b[1] = b[2] = b[3] = 0;
	if (type == 4) {		/* receiver index, then counter */
		b[4] = 0x11; b[5] = 0x22; b[6] = 0x33; b[7] = 0x44;
		uint32_t ctr = seed & 0xffff;
		memset(b + 8, 0, 8);
		b[8] = (uint8_t)ctr; b[9] = (uint8_t)(ctr >> 8);
	}
	return len;
}

/*
 * OpenVPN (openvpn/src/openvpn/ssl_pkt.h): opcode << 3 | key id, 8-byte
 * session id, then for control packets an ack array and a packet id.
 * Over TCP each packet is prefixed with a 2-byte length.
 */
size_t
pl_ovpn(uint8_t *b, uint8_t opcode, size_t len, uint32_t seed, int tcp)
{
	uint32_t s = seed;
	size_t o = tcp ? 2 : 0;

	for (size_t i = 0; i < len; i++)
		b[o + i] = prng(&s);
	b[o] = (uint8_t)(opcode << 3);
	if (opcode == 7 || opcode == 8) {	/* hard reset v2 */
		for (int i = 0; i < 8; i++)
			b[o + 1 + i] = (uint8_t)(opcode == 7 ? 0xa0 + i : 0xb0 + i);
		b[o + 9] = 0;			/* ack array length */
		b[o + 10] = b[o + 11] = b[o + 12] = b[o + 13] = 0; /* pkt id */
	}
	if (tcp) {
		b[0] = (uint8_t)(len >> 8);
		b[1] = (uint8_t)len;
	}
	return o + len;
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
