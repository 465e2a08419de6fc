/* SPDX-License-Identifier: MIT */
/*
 * exposure.h - what a leak gives away beyond what leak.c collects, and how
 * bad that makes it (exposure.c): HTTP credentials, a MAC inside an IPv6
 * address, traffic an OS sends by design, and the severity all of it
 * comes to.
 */
#ifndef EXPOSURE_H
#define EXPOSURE_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"

struct ls_pkt_ctx;

/*
 * The MAC an IPv6 address embeds as a modified EUI-64 interface
 * identifier (RFC 4291 2.5.1, appendix A): ff:fe in its middle, the
 * universal/local bit flipped back.  False for IPv4, for any other
 * identifier (privacy and stable-privacy addresses, RFC 8981, RFC 7217;
 * ::1-style manual ones) and for what no unicast MAC gives (the group bit
 * set, all zero).
 */
bool	exposure_eui64(const struct ls_addr *, uint8_t mac[6]);

/* A later client packet of a leaked HTTP flow: its credentials join the
 * record's, and a request that is no by-design probe ends the tag. */
void	exposure_http_packet(struct ls_leak *, const uint8_t *pl, size_t n);

/*
 * From leak_finish, once the first exposures are set: add credentials and
 * the EUI-64 MAC, the by_design tag, and the severity: the rule's (or the
 * by_design entry's, which replaces it) raised to the worst exposure's in
 * the rule file's exposure_severity table.
 */
void	exposure_finish(struct ls_leak *);

#endif /* EXPOSURE_H */
