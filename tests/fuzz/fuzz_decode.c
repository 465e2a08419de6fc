/* SPDX-License-Identifier: MIT */
/* fuzz_decode.c - decode_frame on arbitrary bytes; the first byte picks
 * the link type among those leaksniff supports. */
#include <stdint.h>
#include <stddef.h>

#include "decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int dlts[] = { 0, 1, 12, 14, 101, 108, 113, 228, 229, 276 };
	struct ls_packet p = { 0 };

	if (size < 1)
		return 0;
	int dlt = dlts[data[0] % (sizeof(dlts) / sizeof(dlts[0]))];
	decode_frame(dlt, data + 1, (uint32_t)(size - 1), &p);
	/* what the decoder reports must lie inside the frame */
	if (p.payload_off > size - 1 || p.payload_len > size - 1 - p.payload_off)
		__builtin_trap();
	if (p.l3_off > size - 1 || p.l3_len > size - 1 - p.l3_off)
		__builtin_trap();
	return 0;
}
