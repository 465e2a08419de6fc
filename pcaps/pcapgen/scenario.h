/* SPDX-License-Identifier: MIT */
/*
 * scenario.h - what the canned scenarios (scenarios.c) and the bulk
 * captures (bulk.c) share: the addresses they talk between, two scratch
 * payload buffers, and the exchanges (exchanges.c) that write a whole DNS
 * question and answer, HTTP or TLS session, STUN binding, run of WireGuard
 * traffic or round of on-link housekeeping in one call.
 *
 * Addresses are documentation ranges only: the client's LAN is
 * 192.0.2.0/24 (client .10, router and resolver .1, peer .20; the golden
 * tests pass -L 192.0.2.0/24), public hosts are in 198.51.100.0/24 and
 * 203.0.113.0/24, global IPv6 in 2001:db8::/32.  The VPN server is
 * 203.0.113.1 (WireGuard UDP 51820, OpenVPN UDP 1194 or TCP 443).
 */
#ifndef PCAPGEN_SCENARIO_H
#define PCAPGEN_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pcapgen.h"

#define CLI	"192.0.2.10"
#define CLI6	"2001:db8:1::10"
#define LL6	"fe80::10"
#define ROUTER	"192.0.2.1"
#define PEER	"192.0.2.20"
#define VPN	"203.0.113.1"
#define VPN6	"2001:db8:3::1"
#define RESOLV	"198.51.100.53"
#define RESOLV6	"2001:db8:2::53"
#define WEB	"198.51.100.80"
#define WEB6	"2001:db8:2::80"
#define STUNSRV	"198.51.100.3"
#define STUN6	"2001:db8:2::3"
#define SEC	1000000ull

/* Scratch space for payloads; the exchanges write into both. */
extern uint8_t buf[4096], buf2[4096];

/* A WireGuard session's counters, one per direction, and filler seed. */
struct wg_state {
	uint64_t	ctr[2];
	uint32_t	seed;
};

void	dns_exchange(struct gen *, const char *cli, uint16_t cport,
	    const char *srv, uint16_t sport, uint16_t id, const char *name,
	    uint16_t qtype, const char *answer);
void	http_exchange(struct gen *, const char *cli, uint16_t cport,
	    const char *srv, const char *host);
void	stun_exchange(struct gen *, const char *cli, const char *srv,
	    const char *mapped, uint8_t seed);
void	tls_session(struct gen *, const char *cli, uint16_t cport,
	    const char *srv, uint16_t sport, const char *sni);
size_t	wg_data(uint8_t *b, int to_server, size_t inner, struct wg_state *);
void	wg_session(struct gen *, struct wg_state *, uint16_t sport,
	    unsigned secs, bool handshake);
void	lan_chatter(struct gen *);

/* A tunnel's carrier in the bulk shapes (tunnels.c). */
enum tun_kind { TUN_WG, TUN_OVPN, TUN_IKE };
struct tun {
	enum tun_kind	 kind;
	char		 cli[48], srv[48];
	uint16_t	 cport, sport;
	uint32_t	 id;		/* tells tunnels' indices and bytes apart */
	uint32_t	 idx[2];	/* WireGuard indices, ESP SPIs: client's,
					 * server's */
	uint64_t	 ctr[2];	/* data counters, down and up */
	uint32_t	 seed;
	unsigned	 session;	/* sessions started */
	uint64_t	 started, last;	/* the session's start, last packet */
};
void	 tun_init(struct tun *, enum tun_kind, const char *cli, uint16_t cport,
	    const char *srv, uint16_t sport, uint32_t id);
void	 tun_start(struct gen *, struct tun *);
void	 tun_data(struct gen *, struct tun *, int to_server, size_t inner);
unsigned tun_tick(struct gen *, struct tun *);

/* The leak flows a bulk shape wrote, by class (bulk.c prints them). */
struct leaks {
	unsigned long	dns, stun, ipv6, http, ip;
};

/* The benchmark's shapes (bulk.c, shapes.c, lanwide.c): each writes
 * exactly npackets into g and counts its leak flows; 0, or -1. */
struct shape {
	const char	*name;
	const char	*what;
	enum gen_link	 link;
	int		(*run)(struct gen *, unsigned long npackets,
			    struct leaks *);
};
extern const struct shape shapes[];
int	shape_carrier1(struct gen *, unsigned long, struct leaks *);
int	shape_v6vlan(struct gen *, unsigned long, struct leaks *);
int	shape_carriers3(struct gen *, unsigned long, struct leaks *);
int	shape_lanwide(struct gen *, unsigned long, struct leaks *);
int	shape_vpnoff(struct gen *, unsigned long, struct leaks *);
int	shape_flood(struct gen *, unsigned long, struct leaks *);

/* The tunnel's life as real clients live it (transitions.c). */
int	sc_wg_kill(const char *dir, const struct scenario *);
int	sc_wg_killswitch(const char *dir, const struct scenario *);
int	sc_wg_sleep(const char *dir, const struct scenario *);
int	sc_wg_recreate(const char *dir, const struct scenario *);
int	sc_wg_roam(const char *dir, const struct scenario *);
int	sc_wg_idle(const char *dir, const struct scenario *);
int	sc_ovpn_kill(const char *dir, const struct scenario *);

/* ServerIP: names and flows aimed at the VPN server's address (serverip.c). */
int	sc_serverip(const char *dir, const struct scenario *);
int	sc_serverip_vpn_name(const char *dir, const struct scenario *);
/* Encrypted DNS and QUIC outside the tunnel (encdns.c). */
int	sc_encdns(const char *dir, const struct scenario *);
int	sc_quic_sni(const char *dir, const struct scenario *);
/* What leaks expose; connectivity checks (exposures.c). */
int	sc_http_basic_auth(const char *dir, const struct scenario *);
int	sc_http_form_password(const char *dir, const struct scenario *);
int	sc_ipv6_eui64(const char *dir, const struct scenario *);
int	sc_cc_android(const char *dir, const struct scenario *);
int	sc_cc_windows(const char *dir, const struct scenario *);
int	sc_cc_apple(const char *dir, const struct scenario *);
int	sc_cc_firefox(const char *dir, const struct scenario *);
int	sc_cc_networkmanager(const char *dir, const struct scenario *);
int	sc_cc_other_path(const char *dir, const struct scenario *);

#endif /* PCAPGEN_SCENARIO_H */
