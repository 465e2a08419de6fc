/* SPDX-License-Identifier: MIT */
/* fuzz_ndp.c - router and neighbour advertisements and ARP: the first
 * byte picks the message (RA, NA, ARP), the rest is its body.  An RA that
 * parses goes on to route injection (routeinj.c). */
#include <stdint.h>
#include <stddef.h>

#include <string.h>

#include "lanmsg.h"
#include "ndp.h"
#include "packet.h"
#include "routeinj.h"
#include "warn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
ra(const struct ls_ndp *n)
{
	static struct ls_routeinj ri;
	static uint64_t counts[WARN__COUNT];
	struct ls_warner wr = { NULL, counts };
	struct ls_lanmsg m;
	struct ls_packet p;

	memset(&p, 0, sizeof(p));
	p.ts_us = 1;
	p.src.b[0] = 0xfe;
	p.src.b[1] = 0x80;
	m.kind = LANMSG_NDP;
	m.ndp_ok = true;
	m.ndp = *n;
	routeinj_init(&ri, &wr);
	routeinj_packet(&ri, &p, &m, NULL, 1);
	uint64_t once = counts[WARN_ROUTE_INJECTION];
	routeinj_packet(&ri, &p, &m, NULL, 2);
	if (counts[WARN_ROUTE_INJECTION] != once)
		__builtin_trap();	/* the same RA said twice */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_ndp n;
	struct ls_arp a;

	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		if (ndp_parse(NDP_RA, data + 1, size - 1, &n) == NDP_OK) {
			for (size_t i = 0; i < n.nprefixes; i++)
				if (n.prefixes[i].plen > 128 ||
				    n.nprefixes > NDP_MAX_PREFIXES)
					__builtin_trap();
			if (n.nroutes > NDP_MAX_ROUTES ||
			    n.nrdnss > NDP_MAX_RDNSS)
				__builtin_trap();
			for (size_t i = 0; i < n.nroutes; i++)
				if (n.routes[i].plen > 128)
					__builtin_trap();
			ra(&n);
		}
		break;
	case 1:
		(void)ndp_parse(NDP_NA, data + 1, size - 1, &n);
		break;
	default:
		(void)arp_parse(data + 1, size - 1, &a);
		break;
	}
	return 0;
}
