/* SPDX-License-Identifier: MIT */
/*
 * wguapi.h - ask a userspace WireGuard (wireguard-go, boringtun) for its
 * peers' endpoints over the cross-platform UAPI socket
 * (https://www.wireguard.com/xplatform/): /var/run/wireguard/IFNAME.sock,
 * "get=1\n\n", answered with key=value lines and an empty line.
 */
#ifndef WGUAPI_H
#define WGUAPI_H

#include <stddef.h>

#include "engine.h"

#define WG_UAPI_DIR	"/var/run/wireguard"

/* Up to max endpoints of ifname's peers (UDP).  Returns how many, or -1
 * when there is no such socket or it cannot be read (not root). */
int	wg_uapi_endpoints(const char *dir, const char *ifname,
	    struct ls_endpoint *out, size_t max);

/* Parse one UAPI answer (for tests): the endpoints in text[0..n). */
int	wg_uapi_parse(const char *text, size_t n, struct ls_endpoint *out,
	    size_t max);

#endif /* WGUAPI_H */
