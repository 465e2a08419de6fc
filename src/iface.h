/* SPDX-License-Identifier: MIT */
/*
 * iface.h - which interfaces are physical, and which are tunnels, as the
 * kernel says (sysfs: ARPHRD type, flags, tun_flags, brport, wireguard),
 * not as their names suggest.
 */
#ifndef IFACE_H
#define IFACE_H

#include <stdbool.h>
#include <stddef.h>

#define IFACE_NAME_MAX	16	/* IFNAMSIZ */

enum iface_kind {
	IFK_PHYSICAL,	/* Ethernet-like, not a tunnel, bridge or bridge port */
	IFK_TUNNEL,	/* tun/tap, WireGuard, point-to-point, IP tunnels */
	IFK_LOOPBACK,
	IFK_OTHER,	/* bridges, bridge members, anything else */
};

struct iface_info {
	char		name[IFACE_NAME_MAX];
	enum iface_kind	kind;
	bool		up;		/* IFF_UP */
	unsigned	type;		/* ARPHRD_* */
};

/* Read a sysfs root (normally "/sys/class/net") into out[0..max). */
size_t		 iface_scan(const char *sysfs, struct iface_info *out, size_t max);

#endif /* IFACE_H */
