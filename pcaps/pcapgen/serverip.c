/* SPDX-License-Identifier: MIT */
/*
 * serverip.c - ServerIP (TunnelCrack) as a capture shows it: names that
 * resolve to the VPN server's address, and flows to that address outside
 * the tunnel.
 *
 * The VPN client resolves the VPN's own name (vpn.example.net) just before
 * its first handshake, and again later (as it does on every reconnect):
 * expected.  In the attack a site's name (www.popular.example) resolves to
 * the same address: the client's route around the tunnel for its server
 * then carries that site's traffic in the clear (a TLS session and a ping
 * here).
 */
#include <stdio.h>

#include "scenario.h"

#define VPN_NAME	"vpn.example.net"
#define SITE_NAME	"www.popular.example"

static struct gen *
open_cap(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.pcap", dir, name);
	return gen_open(path, GL_ETH);
}

/* The attack: the site's name and the VPN's own resolve to one address;
 * the client connects, then talks to the site around the tunnel. */
int
sc_serverip(const char *dir, const struct scenario *sc)
{
	struct wg_state wg = { { 0, 0 }, 7 };
	struct gen *g = open_cap(dir, sc->name);

	if (g == NULL)
		return -1;
	dns_exchange(g, CLI, 40100, ROUTER, 53, 0x5101, SITE_NAME, 1, VPN);
	gen_wait(g, 2 * SEC);
	dns_exchange(g, CLI, 40101, ROUTER, 53, 0x5102, VPN_NAME, 1, VPN);
	gen_wait(g, 30000);
	wg_session(g, &wg, 51820, 3, true);
	tls_session(g, CLI, 40102, VPN, 443, SITE_NAME);
	gen_icmp_echo(g, CLI, VPN, 1);
	gen_icmp_echo(g, VPN, CLI, 1);
	wg_session(g, &wg, 51820, 1, false);
	/* the site's name again, now with the tunnel up */
	dns_exchange(g, CLI, 40103, ROUTER, 53, 0x5103, SITE_NAME, 1, VPN);
	wg_session(g, &wg, 51820, 2, false);
	return gen_close(g);
}

/* No attack: only the VPN's own name resolves to its server, before the
 * first handshake and again while the tunnel is up. */
int
sc_serverip_vpn_name(const char *dir, const struct scenario *sc)
{
	struct wg_state wg = { { 0, 0 }, 9 };
	struct gen *g = open_cap(dir, sc->name);

	if (g == NULL)
		return -1;
	dns_exchange(g, CLI, 40110, ROUTER, 53, 0x5201, VPN_NAME, 28, NULL);
	dns_exchange(g, CLI, 40111, ROUTER, 53, 0x5202, VPN_NAME, 1, VPN);
	gen_wait(g, 20000);
	wg_session(g, &wg, 51820, 3, true);
	dns_exchange(g, CLI, 40112, ROUTER, 53, 0x5203, "VPN.example.net.", 1,
	    VPN);
	wg_session(g, &wg, 51820, 2, false);
	return gen_close(g);
}
