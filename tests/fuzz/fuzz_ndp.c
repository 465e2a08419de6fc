/* SPDX-License-Identifier: MIT */
/* fuzz_ndp.c - router and neighbour advertisements and ARP: the first
 * byte picks the message (RA, NA, ARP), the rest is its body. */
#include <stdint.h>
#include <stddef.h>

#include "ndp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_ndp n;
	struct ls_arp a;

	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		if (ndp_parse(NDP_RA, data + 1, size - 1, &n) == NDP_OK)
			for (size_t i = 0; i < n.nprefixes; i++)
				if (n.prefixes[i].plen > 128 ||
				    n.nprefixes > NDP_MAX_PREFIXES)
					__builtin_trap();
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
