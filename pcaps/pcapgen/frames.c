/* SPDX-License-Identifier: MIT */
/*
 * frames.c - the frames of every capture pcapgen writes, and the files.
 *
 * libnet builds each frame (LIBNET_NONE: construct only, never inject;
 * libnet fills lengths and checksums), libpcap writes it with a timestamp
 * from a clock the scenario sets.  Every MAC, IP id, TCP sequence number
 * and "random" byte is derived from fixed seeds, so two runs write the same
 * bytes.  Non-Ethernet link types are made by rewriting the Ethernet header.
 * This file owns the capture file (open, clock, close), the link-type
 * rewriting, the MACs each address travels with, and the Ethernet, IPv4,
 * IPv6, UDP, TCP, ICMP, ICMPv6, ARP and IGMP headers; the payloads come
 * from payloads.c.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libnet.h>
#include <pcap/pcap.h>

#include "pcapgen.h"

struct gen {
	libnet_t	*l;
	pcap_t		*dead;
	pcap_dumper_t	*dump;
	enum gen_link	 link;
	uint64_t	 now;		/* microseconds since BASE_TIME */
	uint16_t	 ipid;
	unsigned long	 packets;	/* written so far */
	char		 path[512];
	/* hosts given their own MAC (gen_mac): a span port's many devices */
	struct {
		uint8_t	 ip[16];
		uint8_t	 mac[6];
	}		 hosts[GEN_HOSTS_MAX];
	size_t		 nhosts;
};

const uint8_t mac_client[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x10 };
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
	FILE *fp;

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
	fp = fopen(path, "wb");
	if (fp == NULL)
		fprintf(stderr, "pcapgen: cannot write %s: %s\n", path,
		    strerror(errno));
	else if ((g->dump = pcap_dump_fopen(g->dead, fp)) == NULL) {
		fprintf(stderr, "pcapgen: cannot write %s: %s\n", path,
		    pcap_geterr(g->dead));
		fclose(fp);
	}
	if (g->dump == NULL) {
		libnet_destroy(g->l);
		pcap_close(g->dead);
		free(g);
		return NULL;
	}
	return g;
}

/* Flush and close; a write error (a full disk) is reported and is -1. */
int
gen_close(struct gen *g)
{
	FILE *fp;
	int rc = 0;

	if (g == NULL)
		return -1;
	fp = pcap_dump_file(g->dump);
	if (fflush(fp) != 0) {
		fprintf(stderr, "pcapgen: %s: write error: %s\n", g->path,
		    strerror(errno));
		rc = -1;
	} else if (ferror(fp)) {
		fprintf(stderr, "pcapgen: %s: write error\n", g->path);
		rc = -1;
	}
	pcap_dump_close(g->dump);
	pcap_close(g->dead);
	libnet_destroy(g->l);
	free(g);
	return rc;
}

unsigned long
gen_packets(const struct gen *g)
{
	return g->packets;
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

uint64_t
gen_now(const struct gen *g)
{
	return g->now;
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
	g->packets++;
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

/* An address as 16 bytes (IPv4 in the first four), for the host table. */
static void
addr16(const char *a, uint8_t ip[16])
{
	memset(ip, 0, 16);
	if (inet_pton(AF_INET6, a, ip) != 1)
		inet_pton(AF_INET, a, ip);
}

void
gen_mac(struct gen *g, const char *addr, const uint8_t mac[6])
{
	if (g->nhosts == GEN_HOSTS_MAX) {
		fprintf(stderr, "pcapgen: more than %d hosts with a MAC\n",
		    GEN_HOSTS_MAX);
		exit(2);
	}
	addr16(addr, g->hosts[g->nhosts].ip);
	memcpy(g->hosts[g->nhosts++].mac, mac, 6);
}

/*
 * The MAC an address travels with: one given by gen_mac, the client's
 * own, the LAN peer's, the multicast MAC for a group (RFC 1112 6.4, RFC
 * 2464 7), broadcast, or else the router's (everything off-link comes
 * through it).
 */
static void
mac_for(const struct gen *g, const char *a, bool src, uint8_t mac[6])
{
	uint8_t ip[16];

	if (g->nhosts > 0) {
		addr16(a, ip);
		for (size_t i = 0; i < g->nhosts; i++)
			if (memcmp(ip, g->hosts[i].ip, 16) == 0) {
				memcpy(mac, g->hosts[i].mac, 6);
				return;
			}
	}
	if (strcmp(a, "192.0.2.10") == 0 || strcmp(a, "0.0.0.0") == 0 ||
	    strcmp(a, "2001:db8:1::10") == 0 || strcmp(a, "fe80::10") == 0 ||
	    strcmp(a, "2001:db8:1::ff:fe00:10") == 0 ||
	    strcmp(a, "2001:db8:1::a1b2:c3d4:e5f6:789a") == 0) {
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

	mac_for(g, src, true, s);
	mac_for(g, dst, false, d);
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
	mac_for(g, sip, true, sha);
	mac_for(g, tip, true, tha);
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
	g->packets++;
	g->now += 1000;
}
