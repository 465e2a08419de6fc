/* SPDX-License-Identifier: MIT */
/*
 * wgnl.h - ask the kernel's WireGuard for a wg interface's peer endpoints
 * over generic netlink (family "wireguard", WG_CMD_GET_DEVICE, as `wg
 * show` does).  The kernel answers only to CAP_NET_ADMIN, so like the
 * UAPI query (wguapi.h) this works before the privilege drop.
 */
#ifndef WGNL_H
#define WGNL_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* Up to max UDP endpoints of ifname's peers.  Returns how many, or -1
 * when the kernel has no WireGuard, ifname is not one, or we may not ask. */
int	wg_nl_endpoints(const char *ifname, struct ls_endpoint *out,
	    size_t max);

/*
 * For tests and the fuzzer: parse a buffer of netlink messages as the
 * kernel sends them (host byte order).
 * - wg_nl_parse_family: the answer to CTRL_CMD_GETFAMILY; the family id,
 *   or 0 when there is none.
 * - wg_nl_parse_device: messages of family `family' answering
 *   WG_CMD_GET_DEVICE; endpoints are appended at out[*k] (up to max).
 *   Returns 1 when NLMSG_DONE was seen, -1 on NLMSG_ERROR or a malformed
 *   message, 0 when more messages are to come.
 */
uint16_t wg_nl_parse_family(const uint8_t *buf, size_t n);
int	wg_nl_parse_device(const uint8_t *buf, size_t n, uint16_t family,
	    struct ls_endpoint *out, size_t max, size_t *k);

#endif /* WGNL_H */
