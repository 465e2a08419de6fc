/* SPDX-License-Identifier: MIT */
/* fuzz_http.c - the HTTP request/status line extractor, its credential
 * kinds, and a form body carried on into a later segment. */
#include <stdint.h>
#include <stddef.h>

#include "http.h"
#include "httpcred.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ls_http h;
	const uint32_t all = (1u << HTTP_CRED__COUNT) - 1;

	if (http_extract(data, size, &h) == HTTP_REQUEST &&
	    (h.url_len > HTTP_URL_MAX || h.host_len > HTTP_FIELD_MAX ||
	    h.ua_len > HTTP_FIELD_MAX || h.method_len > HTTP_METHOD_MAX ||
	    (h.creds & ~all) != 0 || (!h.form && h.body_left != 0)))
		__builtin_trap();
	/* the same bytes as the rest of a form body, and as pairs */
	h.body_left = (uint32_t)size + 1;
	http_more_body(&h, data, size);
	if ((h.creds & ~all) != 0 || h.body_left != 1)
		__builtin_trap();
	if ((httpcred_pairs(data, size, HTTPCRED_QUERY) &
	    ~((1u << HTTP_CRED_QUERY_PASSWORD) | (1u << HTTP_CRED_QUERY_TOKEN) |
	    (1u << HTTP_CRED_QUERY_API_KEY) | (1u << HTTP_CRED_QUERY_SECRET))) != 0)
		__builtin_trap();
	return 0;
}
