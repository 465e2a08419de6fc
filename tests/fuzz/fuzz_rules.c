/* SPDX-License-Identifier: MIT */
/* fuzz_rules.c - the rule-file parser (libyaml and the schema walk). */
#include <stdint.h>
#include <stdio.h>

#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;

	if (devnull == NULL)
		devnull = fopen("/dev/null", "w");
	rules_free(rules_parse_buffer("fuzz.yaml", data, size, devnull));
	return 0;
}
