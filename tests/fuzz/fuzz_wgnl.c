/* SPDX-License-Identifier: MIT */
/*
 * fuzz_wgnl.c - kernel WireGuard generic-netlink answers: the first two
 * bytes choose the family id, the rest is what recv() returned.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "wgnl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_endpoint ep[4];
	uint16_t family;
	size_t k = 0;

	if (size < 2)
		return 0;
	memcpy(&family, data, 2);
	(void)wg_nl_parse_family(data + 2, size - 2);
	int r = wg_nl_parse_device(data + 2, size - 2, family, ep, 4, &k);
	if (r < -1 || r > 1 || k > 4)
		__builtin_trap();
	for (size_t i = 0; i < k; i++)
		if (ep[i].port == 0)
			__builtin_trap();
	return 0;
}
