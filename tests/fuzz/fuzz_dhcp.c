/* SPDX-License-Identifier: MIT */
/* fuzz_dhcp.c - the DHCPv4 decoder. */
#include <stdint.h>
#include <stddef.h>

#include "dhcp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_dhcp d;

	if (dhcp_parse(data, size, &d) == DHCP_OK) {
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
