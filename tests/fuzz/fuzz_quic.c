/* SPDX-License-Identifier: MIT */
/* fuzz_quic.c - the QUIC client Initial decryptor, and the frame walk
 * and CRYPTO reassembly behind it (which random bytes reach only as a
 * decrypted payload, so they are given the input too): any bytes give a
 * NUL-terminated name or none.  Seeded with RFC 9001 A.2's client Initial
 * and its decrypted payload. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "quic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char sni[256];

	memset(sni, 'x', sizeof(sni));
	if (quic_initial_sni(data, size, sni, sizeof(sni)) &&
	    memchr(sni, '\0', sizeof(sni)) == NULL)
		__builtin_trap();
	memset(sni, 'x', sizeof(sni));
	if (quic_frames_sni(data, size, sni, sizeof(sni)) &&
	    memchr(sni, '\0', sizeof(sni)) == NULL)
		__builtin_trap();
	return 0;
}
