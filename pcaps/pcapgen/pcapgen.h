/* SPDX-License-Identifier: MIT */
/*
 * pcapgen.h - the capture generator's internal interface: capture files
 * and frames (frames.c), payload builders (payloads.c), the scenario table
 * (scenarios.c) and the bulk captures (bulk.c, the benchmark's shapes in
 * shapes.c, lanwide.c and tunnels.c); main.c picks among them.
 * Frames are built with libnet (LIBNET_NONE: nothing is ever injected) and
 * written with libpcap, with fixed timestamps, MACs, IP ids and sequence
 * numbers, so `make pcaps` reproduces every file byte for byte.
 */
#ifndef PCAPGEN_H
#define PCAPGEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct gen;

#define BASE_TIME	1767225600ull	/* 2026-01-01T00:00:00Z */

/* The client's MAC (frames.c), which DHCP carries too. */
extern const uint8_t mac_client[6];

/* Link types the generator can write. */
enum gen_link {
	GL_ETH, GL_VLAN, GL_QINQ, GL_SLL, GL_SLL2, GL_NULL, GL_LOOP, GL_RAW,
	GL_RADIO,		/* an unsupported DLT, to test the refusal */
};

/* gen_open and gen_close report their errors on stderr, naming the file. */
struct gen	*gen_open(const char *path, enum gen_link);
int		 gen_close(struct gen *);
unsigned long	 gen_packets(const struct gen *);	/* written so far */
void		 gen_at(struct gen *, uint64_t usec);	/* set the clock */
void		 gen_wait(struct gen *, uint64_t usec);	/* advance it */
uint64_t	 gen_now(const struct gen *);		/* read it */
void		 gen_udp(struct gen *, const char *src, uint16_t sport,
		    const char *dst, uint16_t dport, const uint8_t *pl, size_t n);
void		 gen_tcp(struct gen *, const char *src, uint16_t sport,
		    const char *dst, uint16_t dport, uint8_t flags, uint32_t seq,
		    uint32_t ack, const uint8_t *pl, size_t n);
void		 gen_icmp_echo(struct gen *, const char *src, const char *dst,
		    uint16_t seq);
void		 gen_icmp6(struct gen *, const char *src, const char *dst,
		    uint8_t type, const uint8_t *body, size_t n);
void		 gen_arp(struct gen *, int op, const char *sip, const char *tip);
void		 gen_igmp(struct gen *, const char *src, const char *group);
/* A whole TCP conversation: handshake, request, response, teardown. */
void		 gen_tcp_session(struct gen *, const char *cli, uint16_t cport,
		    const char *srv, uint16_t sport, const uint8_t *req,
		    size_t reqn, const uint8_t *resp, size_t respn);
void		 gen_raw_frame(struct gen *, const uint8_t *frame, size_t n);
/* Give a host its own MAC (else off-link hosts travel with the router's). */
#define GEN_HOSTS_MAX	256
void		 gen_mac(struct gen *, const char *addr, const uint8_t mac[6]);

/* Payload builders: write into buf, return the length. */
size_t		 pl_dns_query(uint8_t *buf, uint16_t id, const char *name,
		    uint16_t qtype);
size_t		 pl_dns_response(uint8_t *buf, uint16_t id, const char *name,
		    uint16_t qtype, const char *answer);
size_t		 pl_dns_add_opt(uint8_t *buf, size_t n);
size_t		 pl_stun_request(uint8_t *buf, uint8_t tid_seed);
size_t		 pl_stun_response(uint8_t *buf, uint8_t tid_seed,
		    const char *mapped, uint16_t port);
size_t		 pl_http_get(uint8_t *buf, const char *host, const char *path);
size_t		 pl_http_ok(uint8_t *buf);
size_t		 pl_tls_client_hello(uint8_t *buf, const char *sni);
size_t		 pl_quic_initial(uint8_t *buf);
size_t		 pl_dhcp(uint8_t *buf, int offer);
size_t		 pl_smb2_negotiate(uint8_t *buf, int response);
size_t		 pl_random(uint8_t *buf, size_t len, uint32_t seed);

/* WireGuard: the client's and the server's session indices. */
#define WG_IDX_CLIENT	0x11223344u
#define WG_IDX_SERVER	0x55667788u
size_t		 pl_wg_init(uint8_t *buf);
size_t		 pl_wg_resp(uint8_t *buf);
size_t		 pl_wg_data(uint8_t *buf, int to_server, uint64_t counter,
		    size_t inner, uint32_t seed);
/* The same with the indices given (a new session has new ones). */
size_t		 pl_wg_init_idx(uint8_t *buf, uint32_t sender, uint32_t seed);
size_t		 pl_wg_resp_idx(uint8_t *buf, uint32_t sender,
		    uint32_t receiver, uint32_t seed);
size_t		 pl_wg_data_idx(uint8_t *buf, uint32_t receiver,
		    uint64_t counter, size_t inner, uint32_t seed);

/* OpenVPN (tls-auth, HMAC-SHA1); over TCP with the 2-byte length. */
#define OVPN_NO_ACK	(-1)
size_t		 pl_ovpn_ctl(uint8_t *buf, uint8_t opcode, int server,
		    uint32_t replay_id, int ack, int msg_id, const uint8_t *data,
		    size_t n, int tcp);
size_t		 pl_ovpn_data(uint8_t *buf, uint32_t packet_id, size_t len,
		    uint32_t seed, int tcp);
/* A restarted client's session (sess 1: new session ids), a data
 * channel's peer id. */
size_t		 pl_ovpn_ctl_sess(uint8_t *buf, int sess, uint8_t opcode,
		    int server, uint32_t replay_id, int ack, int msg_id,
		    const uint8_t *data, size_t n, int tcp);
size_t		 pl_ovpn_data_peer(uint8_t *buf, uint32_t peer,
		    uint32_t packet_id, size_t len, uint32_t seed, int tcp);

/* IKEv2 (natt: behind the non-ESP marker, UDP 4500) and ESP-in-UDP. */
size_t		 pl_ike(uint8_t *buf, int natt, uint64_t spi_i, uint64_t spi_r,
		    uint8_t np, uint8_t exchange, uint8_t flags, uint32_t msgid,
		    size_t body, uint32_t seed);
size_t		 pl_esp(uint8_t *buf, uint32_t spi, uint32_t seq, size_t inner,
		    uint32_t seed);

/* A scenario writes its capture into dir: 0, or -1 when it could not
 * (the error is on stderr). */
struct scenario {
	const char	*name;
	const char	*what;
	int		(*run)(const char *dir, const struct scenario *);
};
extern const struct scenario scenarios[];
/* The bulk captures: exit statuses, 0 or 2. */
int		 bench_capture(const char *path, const char *shape,
		    unsigned long npackets);
void		 bench_shapes(FILE *);	/* their names, for --help */
int		 flood_capture(const char *path, unsigned long nflows);

#endif /* PCAPGEN_H */
