/* SPDX-License-Identifier: MIT */
/*
 * transitions.c - the scenarios of a tunnel's life as real clients live
 * it (scenarios.c's table names them): a busy WireGuard tunnel killed and
 * restarted (wg-kill), the same with a kill switch that holds
 * (wg-killswitch), a laptop that sleeps for a minute (wg-sleep), the
 * tunnel interface deleted and re-created (wg-recreate), the client
 * roaming to a new address (wg-roam), an idle tunnel of keepalives and
 * rekeys (wg-idle), and an OpenVPN client killed and restarted
 * (ovpn-kill).  Timings are those of real clients: data every 20-50 ms in
 * a busy tunnel, apps leaking within 50-300 ms of the carrier's last
 * packet, digs and page loads retried every ~200 ms, a handshake answered
 * in ~25 ms.  All timestamps are fixed: every run writes the same bytes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario.h"

#define MS	1000ull

/* A WireGuard session as both ends see it. */
struct wgs {
	const char	*cli;		/* the client's current address */
	uint16_t	 cport;		/* and port */
	uint32_t	 cidx, sidx;	/* the session's indices */
	uint64_t	 ctr[2];	/* counters: [0] to client, [1] to server */
	uint32_t	 seed;
	uint64_t	 last;		/* the carrier's last packet */
};

/* A slow download outside the tunnel: one segment from the server every
 * `step' from `next' on, until `fin', then the teardown. */
struct slow_tcp {
	uint16_t	 cport;
	uint32_t	 cseq, sseq;
	uint64_t	 next, step, fin;
	bool		 open, done;
};

/* Gaps of a busy tunnel, 20-50 ms. */
static uint64_t
busy_gap(unsigned i)
{
	static const unsigned ms[] = { 20, 34, 47, 26, 41, 30, 50, 23, 38 };

	return ms[i % (sizeof(ms) / sizeof(ms[0]))] * MS;
}

static struct gen *
open_cap(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.pcap", dir, name);
	return gen_open(path, GL_ETH);
}

/* --- WireGuard ----------------------------------------------------------- */

static void
wgs_data(struct gen *g, struct wgs *s, bool up, size_t inner)
{
	size_t n = pl_wg_data_idx(buf, up ? s->sidx : s->cidx, s->ctr[up],
	    inner, s->seed++);

	s->ctr[up]++;
	s->last = gen_now(g);
	if (up)
		gen_udp(g, s->cli, s->cport, VPN, 51820, buf, n);
	else
		gen_udp(g, VPN, 51820, s->cli, s->cport, buf, n);
}

/* The client's initiation of a new session with sender index cidx. */
static void
wgs_init(struct gen *g, struct wgs *s, uint32_t cidx)
{
	s->cidx = cidx;
	gen_udp(g, s->cli, s->cport, VPN, 51820, buf,
	    pl_wg_init_idx(buf, cidx, cidx & 0xffff));
}

/* The server's response ~rtt later, and the client's first data (a
 * keepalive confirming the session) just after. */
static void
wgs_resp(struct gen *g, struct wgs *s, uint32_t sidx, uint64_t rtt)
{
	gen_wait(g, rtt);
	s->sidx = sidx;
	gen_udp(g, VPN, 51820, s->cli, s->cport, buf,
	    pl_wg_resp_idx(buf, sidx, s->cidx, sidx & 0xffff));
	s->ctr[0] = s->ctr[1] = 0;
	wgs_data(g, s, true, 0);
}

static void
slow_segment(struct gen *g, struct slow_tcp *t)
{
	if (!t->open || t->done || gen_now(g) < t->next)
		return;
	if (gen_now(g) >= t->fin) {
		gen_tcp(g, WEB, 80, CLI, t->cport, 0x11, t->sseq, t->cseq, NULL,
		    0);
		gen_tcp(g, CLI, t->cport, WEB, 80, 0x11, t->cseq, t->sseq + 1,
		    NULL, 0);
		gen_tcp(g, WEB, 80, CLI, t->cport, 0x10, t->sseq + 1,
		    t->cseq + 1, NULL, 0);
		t->done = true;
		return;
	}
	size_t n = pl_random(buf2, 1448, t->sseq);
	gen_tcp(g, WEB, 80, CLI, t->cport, 0x10, t->sseq, t->cseq, buf2, n);
	t->sseq += (uint32_t)n;
	gen_tcp(g, CLI, t->cport, WEB, 80, 0x10, t->cseq, t->sseq, NULL, 0);
	t->next += t->step;
}

/* The download starts: handshake and GET now, segments from then on. */
static void
slow_start(struct gen *g, struct slow_tcp *t, uint16_t cport, uint64_t step,
    uint64_t fin)
{
	uint32_t cs = 0x30000000u + cport, ss = 0x40000000u + cport;
	size_t n = pl_http_get(buf, "download.example.com", "/big.iso");

	gen_tcp(g, CLI, cport, WEB, 80, 0x02, cs, 0, NULL, 0);
	gen_tcp(g, WEB, 80, CLI, cport, 0x12, ss, cs + 1, NULL, 0);
	gen_tcp(g, CLI, cport, WEB, 80, 0x10, cs + 1, ss + 1, NULL, 0);
	gen_tcp(g, CLI, cport, WEB, 80, 0x18, cs + 1, ss + 1, buf, n);
	*t = (struct slow_tcp){ cport, cs + 1 + (uint32_t)n, ss + 1,
	    gen_now(g) + step, step, fin, true, false };
}

/* A busy tunnel until `until': data up every 20-50 ms, most of it
 * answered a few ms later; a slow download beside it, if any. */
static void
wg_busy(struct gen *g, struct wgs *s, uint64_t until, struct slow_tcp *t)
{
	for (unsigned i = 0; gen_now(g) < until; i++) {
		wgs_data(g, s, true, 16 * (3 + i % 20));
		if (i % 3 != 2) {
			gen_wait(g, 3 * MS);
			wgs_data(g, s, false, 16 * (10 + i % 60));
		}
		if (t != NULL)
			slow_segment(g, t);
		gen_wait(g, busy_gap(i));
	}
}

/* The apps leak after the carrier stopped: from `from' until `until', a
 * dig every ~200 ms (each a new flow) and a page load each time but the
 * first, all done before `until'; the slow download starts at `dl_at'
 * (0: none). */
static void
apps_leak(struct gen *g, uint64_t from, uint64_t until, uint16_t port0,
    uint64_t dl_at, struct slow_tcp *t)
{
	static const char *const names[] = { "www.example.com",
	    "mail.example.org", "api.example.net", "bank.example.com" };

	for (uint16_t k = 0;; k++) {
		uint64_t slot = from + k * 200 * MS + (k % 3) * 7 * MS;

		if (slot + 60 * MS >= until)
			break;
		if (gen_now(g) < slot)
			gen_at(g, slot);
		if (dl_at != 0 && !t->open && gen_now(g) >= dl_at)
			slow_start(g, t, 44000, 250 * MS, UINT64_MAX);
		dns_exchange(g, CLI, (uint16_t)(port0 + k), RESOLV, 53,
		    (uint16_t)(0x9000 + k), names[k % 4], 1, WEB);
		if (k > 0) {
			gen_wait(g, 40 * MS);
			http_exchange(g, CLI, (uint16_t)(port0 + 1000 + k), WEB,
			    names[k % 4]);
		}
		if (t != NULL)
			slow_segment(g, t);
	}
}

int
sc_wg_kill(const char *dir, const struct scenario *sc)
{
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct slow_tcp dl = { 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t last, back;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 8 * SEC, NULL);
	/* killed: the carrier stops dead */
	last = s.last;
	apps_leak(g, last + 120 * MS, last + 5 * SEC, 42000, last + 1 * SEC,
	    &dl);
	/* restarted: a new interface, a new port, a new session */
	back = last + 5200 * MS;
	gen_at(g, back);
	s.cport = 41002;
	wgs_init(g, &s, 0x2a000002u);
	gen_wait(g, 8 * MS);
	/* between the initiation and the session: reconnect */
	dns_exchange(g, CLI, 42100, RESOLV, 53, 0x9100, "www.example.com", 1,
	    WEB);
	wgs_resp(g, &s, 0x3b000002u, 15 * MS);
	dl.next = gen_now(g) + 100 * MS;
	dl.fin = back + 1500 * MS;	/* the download outlives the outage */
	wg_busy(g, &s, back + 4 * SEC, &dl);
	return gen_close(g);
}

int
sc_wg_killswitch(const char *dir, const struct scenario *sc)
{
	static const unsigned retry_ms[] = { 1200, 2210, 3190, 4230, 5200 };
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t last;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 8 * SEC, NULL);
	last = s.last;
	/* the kill switch holds: only the client's initiations get out,
	 * each a new sender index, until the server answers the last */
	s.cport = 41002;
	for (unsigned k = 0; k < 5; k++) {
		gen_at(g, last + retry_ms[k] * MS);
		wgs_init(g, &s, 0x2a000002u + k);
	}
	wgs_resp(g, &s, 0x3b000002u, 25 * MS);
	wg_busy(g, &s, gen_now(g) + 4 * SEC, NULL);
	return gen_close(g);
}

int
sc_wg_sleep(const char *dir, const struct scenario *sc)
{
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t wake;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 10 * SEC, NULL);
	/* asleep: nothing at all for 60 s */
	wake = gen_now(g) + 60 * SEC;
	gen_at(g, wake);
	/* awake: the link comes up, DHCP renews, apps leak at once */
	gen_arp(g, 1, CLI, ROUTER);
	gen_arp(g, 2, ROUTER, CLI);
	gen_udp(g, "0.0.0.0", 68, "255.255.255.255", 67, buf, pl_dhcp(buf, 0));
	gen_udp(g, ROUTER, 67, "255.255.255.255", 68, buf, pl_dhcp(buf, 1));
	gen_at(g, wake + 180 * MS);
	dns_exchange(g, CLI, 42000, RESOLV, 53, 0x9200, "push.example.com", 1,
	    WEB);
	gen_at(g, wake + 420 * MS);
	dns_exchange(g, CLI, 42001, RESOLV, 53, 0x9201, "mail.example.org", 1,
	    WEB);
	gen_at(g, wake + 610 * MS);
	dns_exchange(g, CLI, 42002, RESOLV, 53, 0x9202, "www.example.com", 1,
	    WEB);
	/* the session expired while asleep: a new one */
	gen_at(g, wake + 900 * MS);
	wgs_init(g, &s, 0x2a000002u);
	wgs_resp(g, &s, 0x3b000002u, 25 * MS);
	wg_busy(g, &s, wake + 5 * SEC, NULL);
	return gen_close(g);
}

int
sc_wg_recreate(const char *dir, const struct scenario *sc)
{
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t last, back;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 8 * SEC, NULL);
	/* the interface is deleted: its routes go, apps leak */
	last = s.last;
	for (uint16_t k = 0; k < 8; k++) {
		gen_at(g, last + 150 * MS + k * 300 * MS);
		dns_exchange(g, CLI, (uint16_t)(42000 + k), RESOLV, 53,
		    (uint16_t)(0x9300 + k), k % 2 ? "mail.example.org" :
		    "www.example.com", 1, WEB);
	}
	/* re-created with the same ListenPort: a new session */
	back = last + 2600 * MS;
	gen_at(g, back);
	wgs_init(g, &s, 0x2a000002u);
	wgs_resp(g, &s, 0x3b000002u, 25 * MS);
	wg_busy(g, &s, back + 4 * SEC, NULL);
	return gen_close(g);
}

int
sc_wg_roam(const char *dir, const struct scenario *sc)
{
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t last;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 6 * SEC, NULL);
	/* the client moves to 192.0.2.20 (a new DHCP lease): the same
	 * session and socket carry on from the new address */
	last = s.last;
	gen_at(g, last + 120 * MS);
	gen_udp(g, "0.0.0.0", 68, "255.255.255.255", 67, buf, pl_dhcp(buf, 0));
	gen_udp(g, ROUTER, 67, "255.255.255.255", 68, buf, pl_dhcp(buf, 1));
	gen_arp(g, 1, PEER, ROUTER);
	gen_arp(g, 2, ROUTER, PEER);
	gen_at(g, last + 310 * MS);
	s.cli = PEER;
	wg_busy(g, &s, gen_now(g) + 6 * SEC, NULL);
	return gen_close(g);
}

int
sc_wg_idle(const char *dir, const struct scenario *sc)
{
	struct wgs s = { CLI, 41000, 0, 0, { 0, 0 }, 100, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t born = 0;
	uint32_t session = 1;

	if (g == NULL)
		return -1;
	wgs_init(g, &s, 0x2a000001u);
	wgs_resp(g, &s, 0x3b000001u, 25 * MS);
	wg_busy(g, &s, 2 * SEC, NULL);		/* a moment's use */
	/* the client's passive keepalive: the server's last data went
	 * unanswered for 10 s */
	gen_at(g, s.last + 10 * SEC);
	wgs_data(g, &s, true, 0);
	/* idle: PersistentKeepalive = 25, 25 s after the last packet either
	 * way; the first send after 120 s of a session rekeys it */
	for (unsigned k = 0; k < 7; k++) {
		uint64_t at = s.last + 25 * SEC;

		if (k == 3) {
			/* split tunnel: this name goes outside, idle */
			gen_at(g, s.last + 13 * SEC);
			dns_exchange(g, CLI, 42000, RESOLV, 53, 0x9400,
			    "intranet.example.com", 1, WEB);
		}
		gen_at(g, at);
		if (at >= born + 120 * SEC) {
			born = at;
			session++;
			wgs_init(g, &s, 0x2a000000u + session);
			wgs_resp(g, &s, 0x3b000000u + session, 25 * MS);
		} else
			wgs_data(g, &s, true, 0);
	}
	return gen_close(g);
}

/* --- OpenVPN over UDP ---------------------------------------------------- */

struct ovs {
	int		 sess;		/* 0, or 1 once restarted */
	uint16_t	 cport;
	uint32_t	 peer;		/* the data channel's peer id */
	uint32_t	 id[2];		/* packet ids: [0] down, [1] up */
	uint64_t	 last;		/* the carrier's last packet */
};

static void
ovs_send(struct gen *g, struct ovs *o, bool up, const uint8_t *p,
    size_t n)
{
	o->last = gen_now(g);
	if (up)
		gen_udp(g, CLI, o->cport, VPN, 1194, p, n);
	else
		gen_udp(g, VPN, 1194, CLI, o->cport, p, n);
}

/* The client's hard reset (P_CONTROL_HARD_RESET_CLIENT_V2). */
static void
ovs_reset(struct gen *g, struct ovs *o)
{
	ovs_send(g, o, true, buf, pl_ovpn_ctl_sess(buf, o->sess, 7, 0, 1,
	    OVPN_NO_ACK, 0, NULL, 0, 0));
}

/* The server's reset ~rtt later, acks, TLS in P_CONTROL_V1. */
static void
ovs_control(struct gen *g, struct ovs *o, uint64_t rtt)
{
	uint8_t tls[600];
	size_t tn;

	gen_wait(g, rtt);
	ovs_send(g, o, false, buf, pl_ovpn_ctl_sess(buf, o->sess, 8, 1, 1, 0,
	    0, NULL, 0, 0));
	ovs_send(g, o, true, buf, pl_ovpn_ctl_sess(buf, o->sess, 5, 0, 2, 0,
	    -1, NULL, 0, 0));
	tn = pl_tls_client_hello(tls, NULL);
	ovs_send(g, o, true, buf, pl_ovpn_ctl_sess(buf, o->sess, 4, 0, 3,
	    OVPN_NO_ACK, 1, tls, tn, 0));
	gen_wait(g, rtt);
	ovs_send(g, o, false, buf, pl_ovpn_ctl_sess(buf, o->sess, 5, 1, 2, 1,
	    -1, NULL, 0, 0));
	tn = pl_random(tls, 400, 99 + (uint32_t)o->sess);
	tls[0] = 0x16; tls[1] = 0x03; tls[2] = 0x03;
	tls[3] = (uint8_t)((tn - 5) >> 8); tls[4] = (uint8_t)(tn - 5);
	ovs_send(g, o, false, buf, pl_ovpn_ctl_sess(buf, o->sess, 4, 1, 3,
	    OVPN_NO_ACK, 1, tls, tn, 0));
	ovs_send(g, o, true, buf, pl_ovpn_ctl_sess(buf, o->sess, 5, 0, 4, 1,
	    -1, NULL, 0, 0));
	gen_wait(g, rtt);
	o->id[0] = o->id[1] = 1;
}

static void
ovs_busy(struct gen *g, struct ovs *o, uint64_t until)
{
	for (unsigned i = 0; gen_now(g) < until; i++) {
		uint32_t up = o->id[1]++;
		ovs_send(g, o, true, buf, pl_ovpn_data_peer(buf, o->peer, up,
		    100 + 16 * (i % 7), up * 2 + o->peer, 0));
		if (i % 3 != 2) {
			uint32_t down = o->id[0]++;
			gen_wait(g, 3 * MS);
			ovs_send(g, o, false, buf, pl_ovpn_data_peer(buf,
			    o->peer, down, 300 + 16 * (i % 5),
			    down * 2 + 1 + o->peer, 0));
		}
		gen_wait(g, busy_gap(i));
	}
}

int
sc_ovpn_kill(const char *dir, const struct scenario *sc)
{
	struct ovs o = { 0, 41001, 1, { 1, 1 }, 0 };
	struct gen *g = open_cap(dir, sc->name);
	uint64_t last, back;

	if (g == NULL)
		return -1;
	ovs_reset(g, &o);
	ovs_control(g, &o, 30 * MS);
	ovs_busy(g, &o, 8 * SEC);
	/* killed: the carrier stops dead, the apps leak */
	last = o.last;
	apps_leak(g, last + 90 * MS, last + 5 * SEC, 42000, 0, NULL);
	/* restarted (nobind: a new port), a new session */
	back = last + 5300 * MS;
	gen_at(g, back);
	o = (struct ovs){ 1, 41003, 2, { 1, 1 }, 0 };
	ovs_reset(g, &o);
	gen_wait(g, 10 * MS);
	/* between the hard reset and the data channel: reconnect */
	dns_exchange(g, CLI, 42100, RESOLV, 53, 0x9500, "www.example.com", 1,
	    WEB);
	ovs_control(g, &o, 30 * MS);
	ovs_busy(g, &o, back + 4 * SEC);
	return gen_close(g);
}
