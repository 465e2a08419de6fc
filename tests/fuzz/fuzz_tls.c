/* SPDX-License-Identifier: MIT */
/* fuzz_tls.c - the ClientHello / server_name reader and the QUIC Initial
 * check. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "tls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_tls t;

	if (tls_client_hello(data, size, &t) && (t.sni_len > TLS_SNI_MAX ||
	    (t.has_sni && (t.sni_len == 0 || t.sni[t.sni_len] != '\0'))))
		__builtin_trap();
	(void)quic_initial(data, size);
	return 0;
}
