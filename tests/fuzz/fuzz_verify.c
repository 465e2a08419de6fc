/* SPDX-License-Identifier: MIT */
/* fuzz_verify.c - the expectations-file parser on arbitrary bytes. */
#include <stdint.h>
#include <stdio.h>

#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	verify_free(verify_parse_buffer("fuzz", (const char *)data, size,
	    devnull));
	return 0;
}
