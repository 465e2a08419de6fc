/* SPDX-License-Identifier: MIT */
/* fuzz_http.c - the HTTP request/status line extractor. */
#include <stdint.h>
#include <stddef.h>

#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_http h;

	if (http_extract(data, size, &h) == HTTP_REQUEST &&
	    (h.url_len > HTTP_URL_MAX || h.host_len > HTTP_FIELD_MAX ||
	    h.ua_len > HTTP_FIELD_MAX || h.method_len > HTTP_METHOD_MAX))
		__builtin_trap();
	return 0;
}
