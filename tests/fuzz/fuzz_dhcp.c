/* SPDX-License-Identifier: MIT */
/* fuzz_dhcp.c - the DHCPv4 decoder, and route injection (routeinj.c)
 * fed what it parsed: twice, the second time a renewal that must say
 * nothing new. */
#include <stdint.h>
#include <stddef.h>

#include <string.h>

#include "dhcp.h"
#include "lanmsg.h"
#include "packet.h"
#include "routeinj.h"
#include "warn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ls_routeinj ri;
	static uint64_t counts[WARN__COUNT];
	struct ls_warner wr = { NULL, counts };
	struct ls_lanmsg m;
	struct ls_packet p;
	struct ls_dhcp d;

	if (dhcp_parse(data, size, &d) == DHCP_OK) {
		memset(&p, 0, sizeof(p));
		p.ts_us = 1;
		m.kind = LANMSG_DHCP;
		m.dhcp = d;
		routeinj_init(&ri, &wr);
		routeinj_packet(&ri, &p, &m, NULL, 1);
		uint64_t once = counts[WARN_ROUTE_INJECTION];
		p.ts_us = 2;
		routeinj_packet(&ri, &p, &m, NULL, 2);
		if (counts[WARN_ROUTE_INJECTION] != once)
			__builtin_trap();	/* the same set said twice */
		if (d.routes_cut && d.nroutes != DHCP_MAX_ROUTES)
			__builtin_trap();
		if (d.nroutes > DHCP_MAX_ROUTES || d.nrouters > DHCP_MAX_ROUTERS)
			__builtin_trap();
		for (size_t i = 0; i < d.nroutes; i++)
			if (d.routes[i].plen > 32)
				__builtin_trap();
		if (d.have_mask && d.mask_plen > 32 && d.mask_plen != 255)
			__builtin_trap();
	}
	return 0;
}
