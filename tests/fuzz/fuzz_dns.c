/* SPDX-License-Identifier: MIT */
/* fuzz_dns.c - the DNS extractor, as UDP and as TCP, the shape test and the
 * answer's addresses. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_dns d;
	struct ls_dns_addrs a;

	for (int tcp = 0; tcp < 2; tcp++) {
		if (dns_extract(data, size, tcp, &d) == DNS_OK &&
		    (d.qname_len > DNS_NAME_MAX || d.qname[d.qname_len] != '\0'))
			__builtin_trap();
		(void)dns_looks_like(data, size, tcp);
		if (dns_answer_addrs(data, size, tcp, &a) == DNS_OK &&
		    a.n > DNS_ANSWER_ADDRS)
			__builtin_trap();
	}
	return 0;
}
