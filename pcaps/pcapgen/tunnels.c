/* SPDX-License-Identifier: MIT */
/*
 * tunnels.c - a VPN tunnel's carrier as the bulk shapes (shapes.c,
 * lanwide.c) write it: the session's start, its data packets, its
 * keepalives and its rekeying, for WireGuard, OpenVPN over UDP and IKEv2
 * with ESP in UDP (NAT-T), each on its own client address and port.
 *
 * Timings are the clients' defaults: WireGuard rekeys every 120 s
 * (REKEY_AFTER_TIME) and, with persistent-keepalive 25, sends an empty
 * data message after 25 s of silence; OpenVPN pings every 10 s
 * (keepalive 10 60; its hourly renegotiation, reneg-sec 3600, is
 * longer than any shape's capture and is not written); strongSwan sends
 * a NAT-T keepalive after 20 s of silence.  Sizes are theirs too:
 * WireGuard data 32 + the inner packet padded to 16, OpenVPN P_DATA_V2
 * with AES-GCM 24 + the inner packet, ESP 32 + the inner packet padded
 * to 16.
 */
#include <stdio.h>
#include <string.h>

#include "scenario.h"

#define WG_REKEY	(120 * SEC)
#define WG_KEEPALIVE	(25 * SEC)
#define OVPN_PING	(10 * SEC)
#define IKE_KEEPALIVE	(20 * SEC)

void
tun_init(struct tun *t, enum tun_kind kind, const char *cli, uint16_t cport,
    const char *srv, uint16_t sport, uint32_t id)
{
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	snprintf(t->cli, sizeof(t->cli), "%s", cli);
	snprintf(t->srv, sizeof(t->srv), "%s", srv);
	t->cport = cport;
	t->sport = sport;
	t->id = id;
	t->seed = 0x5eed0000u + id * 7919u;
}

static void
up(struct gen *g, struct tun *t, uint16_t cport, uint16_t sport,
    const uint8_t *p, size_t n)
{
	gen_udp(g, t->cli, cport, t->srv, sport, p, n);
	t->last = gen_now(g);
}

static void
down(struct gen *g, struct tun *t, uint16_t cport, uint16_t sport,
    const uint8_t *p, size_t n)
{
	gen_udp(g, t->srv, sport, t->cli, cport, p, n);
	t->last = gen_now(g);
}

/* WireGuard: initiation, response, the initiator's confirming keepalive;
 * each session has new indices and counters. */
static void
wg_start(struct gen *g, struct tun *t)
{
	uint32_t s = t->seed++;

	t->idx[0] = 0x10000000u + t->id * 0x10000u + t->session;
	t->idx[1] = 0x20000000u + t->id * 0x10000u + t->session;
	t->ctr[0] = t->ctr[1] = 0;
	up(g, t, t->cport, t->sport, buf, pl_wg_init_idx(buf, t->idx[0], s));
	gen_wait(g, 20000);			/* a 20 ms round trip */
	down(g, t, t->cport, t->sport, buf,
	    pl_wg_resp_idx(buf, t->idx[1], t->idx[0], s + 1));
	tun_data(g, t, 1, 0);
}

/* OpenVPN over UDP with tls-auth: the hard resets, then the TLS
 * handshake in P_CONTROL_V1 packets, acknowledged by P_ACK_V1. */
static void
ovpn_start(struct gen *g, struct tun *t)
{
	uint32_t rc = 1, rs = 1, s = t->seed++;
	int sess = (int)(t->session % 2);
	uint8_t tls[1200];

	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 7, 0,
	    rc++, OVPN_NO_ACK, 0, NULL, 0, 0));
	gen_wait(g, 20000);
	down(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 8, 1,
	    rs++, 0, 0, NULL, 0, 0));
	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 5, 0,
	    rc++, 0, -1, NULL, 0, 0));
	pl_random(tls, 300, s);
	tls[0] = 0x16; tls[1] = 0x03; tls[2] = 0x01;
	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 4, 0,
	    rc++, OVPN_NO_ACK, 1, tls, 300, 0));
	gen_wait(g, 20000);
	for (int m = 1; m <= 3; m++) {		/* certificate chain */
		pl_random(tls, m < 3 ? 1100 : 700, s + (uint32_t)m);
		down(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf,
		    sess, 4, 1, rs++, m == 1 ? 1 : OVPN_NO_ACK, m, tls,
		    m < 3 ? 1100 : 700, 0));
	}
	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 5, 0,
	    rc++, 3, -1, NULL, 0, 0));
	pl_random(tls, 420, s + 5);
	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 4, 0,
	    rc++, OVPN_NO_ACK, 2, tls, 420, 0));
	gen_wait(g, 20000);
	pl_random(tls, 280, s + 6);
	down(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 4, 1,
	    rs++, 2, 4, tls, 280, 0));
	up(g, t, t->cport, t->sport, buf, pl_ovpn_ctl_sess(buf, sess, 5, 0,
	    rc, 4, -1, NULL, 0, 0));
	t->ctr[0] = t->ctr[1] = 0;
}

/* IKEv2: IKE_SA_INIT on UDP 500, IKE_AUTH on 4500 behind the non-ESP
 * marker (strongSwan's sizes), then ESP on 4500 with a pair of SPIs. */
static void
ike_start(struct gen *g, struct tun *t)
{
	uint64_t si = 0x1122334455000000ull + t->id * 0x100ull + t->session;
	uint64_t sr = 0x99aabbccdd000000ull + t->id * 0x100ull + t->session;
	uint32_t s = t->seed++;

	gen_udp(g, t->cli, 500, t->srv, 500, buf, pl_ike(buf, 0, si, 0, 33,
	    34, 0x08, 0, 436, s));
	gen_wait(g, 20000);
	gen_udp(g, t->srv, 500, t->cli, 500, buf, pl_ike(buf, 0, si, sr, 33,
	    34, 0x20, 0, 444, s + 1));
	up(g, t, t->cport, t->sport, buf, pl_ike(buf, 1, si, sr, 46, 35, 0x08,
	    1, 1036, s + 2));
	gen_wait(g, 20000);
	down(g, t, t->cport, t->sport, buf, pl_ike(buf, 1, si, sr, 46, 35,
	    0x20, 1, 1188, s + 3));
	t->idx[0] = 0xc0000000u + t->id * 0x100u + t->session;
	t->idx[1] = 0xc8000000u + t->id * 0x100u + t->session;
	t->ctr[0] = t->ctr[1] = 0;
}

void
tun_start(struct gen *g, struct tun *t)
{
	t->started = gen_now(g);
	switch (t->kind) {
	case TUN_WG:	wg_start(g, t); break;
	case TUN_OVPN:	ovpn_start(g, t); break;
	case TUN_IKE:	ike_start(g, t); break;
	}
	t->session++;
}

void
tun_data(struct gen *g, struct tun *t, int to_server, size_t inner)
{
	int d = to_server != 0;
	size_t n;

	switch (t->kind) {
	case TUN_WG:
		/* each side's data carries the other side's index */
		n = pl_wg_data_idx(buf, t->idx[!d], t->ctr[d]++, inner,
		    t->seed++);
		break;
	case TUN_OVPN:
		n = pl_ovpn_data_peer(buf, t->id + 1, (uint32_t)++t->ctr[d],
		    24 + inner, t->seed++, 0);
		break;
	default:
		n = pl_esp(buf, t->idx[d], (uint32_t)++t->ctr[d], inner,
		    t->seed++);
		break;
	}
	if (d)
		up(g, t, t->cport, t->sport, buf, n);
	else
		down(g, t, t->cport, t->sport, buf, n);
}

/*
 * What the tunnel does of itself at this time: rekey when its session is
 * old enough, a keepalive after its silence.  Returns the packets it
 * wrote.
 */
unsigned
tun_tick(struct gen *g, struct tun *t)
{
	unsigned long before = gen_packets(g);
	uint64_t now = gen_now(g);

	switch (t->kind) {
	case TUN_WG:
		if (now - t->started >= WG_REKEY)
			tun_start(g, t);
		else if (now - t->last >= WG_KEEPALIVE)
			tun_data(g, t, 1, 0);
		break;
	case TUN_OVPN:
		if (now - t->last >= OVPN_PING) {
			tun_data(g, t, 1, 16);	/* the ping's 16 magic bytes */
			tun_data(g, t, 0, 16);
		}
		break;
	case TUN_IKE:
		if (now - t->last >= IKE_KEEPALIVE) {
			buf[0] = 0xff;
			up(g, t, t->cport, t->sport, buf, 1);
		}
		break;
	}
	return (unsigned)(gen_packets(g) - before);
}
