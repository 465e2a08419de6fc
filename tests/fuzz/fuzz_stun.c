/* SPDX-License-Identifier: MIT */
/* fuzz_stun.c - the STUN extractor. */
#include <stdint.h>
#include <stddef.h>

#include "stun.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_stun s;

	if (stun_extract(data, size, &s) == STUN_OK) {
		if (s.nattrs > STUN_MAX_ATTRS || s.software_len >= sizeof(s.software))
			__builtin_trap();
		char tn[STUN_TYPE_STRLEN];
		(void)stun_type_name(s.type, tn);
	}
	return 0;
}
