/* SPDX-License-Identifier: MIT */
/*
 * icmperr.h - ICMP and ICMPv6 errors belong to the flow they quote.
 *
 * A destination-unreachable, time-exceeded, parameter-problem (ICMP,
 * ICMPv6) or packet-too-big (ICMPv6) message carries the start of the
 * packet it answers (RFC 792, RFC 4443 2.4).  icmperr_quote decodes that
 * quoted header into a packet of its own (addresses, ports, protocol; no
 * payload) so the engine counts the error in the quoted packet's flow,
 * in the other direction, and opens that flow, judged by the quoted
 * header, when it was never seen.
 */
#ifndef ICMPERR_H
#define ICMPERR_H

#include <stdbool.h>
#include <stdint.h>

#include "packet.h"

/* When p is an ICMP error quoting an IP header of its own family, fill q
 * with the quoted packet (p's time, interface and VLAN) and return true. */
bool	icmperr_quote(const struct ls_packet *p, const uint8_t *frame,
	    struct ls_packet *q);

#endif /* ICMPERR_H */
