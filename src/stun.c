/* SPDX-License-Identifier: MIT */
/*
 * stun.c - STUN message extractor (RFC 5389 6, 15; RFC 3489 11).
 *
 *   |0 0|  STUN Message Type  |         Message Length        |
 *   |                Magic Cookie (0x2112A442)                 |
 *   |              Transaction ID (96 bits)                    |
 *   attributes: Type(16) Length(16) Value, padded to 4 bytes
 *
 * XOR-MAPPED-ADDRESS (RFC 5389 15.2): port ^ cookie>>16, IPv4 ^ cookie,
 * IPv6 ^ (cookie || transaction id).  It is the public address the server
 * saw: exactly what a STUN leak exposes.
 */
#include <stdio.h>
#include <string.h>

#include "cursor.h"
#include "stun.h"

static bool
classic_type(uint16_t t)
{
	return t == 0x0001 || t == 0x0101 || t == 0x0111 || t == 0x0002 ||
	    t == 0x0102 || t == 0x0112;
}

static void
read_addr(struct ls_cursor v, struct ls_stun *out, bool xor,
    const uint8_t cookie_tid[16])
{
	uint8_t fam, a[16];
	uint16_t port;

	cur_skip(&v, 1);
	fam = cur_u8(&v);
	port = cur_be16(&v);
	if (fam == 1) {
		cur_bytes(&v, a, 4);
		if (!cur_ok(&v))
			return;
		if (xor) {
			port ^= 0x2112;
			for (int i = 0; i < 4; i++)
				a[i] ^= cookie_tid[i];
		}
		addr_from_v4(&out->mapped, a);
	} else if (fam == 2) {
		cur_bytes(&v, a, 16);
		if (!cur_ok(&v))
			return;
		if (xor) {
			port ^= 0x2112;
			for (int i = 0; i < 16; i++)
				a[i] ^= cookie_tid[i];
		}
		addr_from_v6(&out->mapped, a);
	} else
		return;
	out->mapped_port = port;
	out->has_mapped = true;
	out->mapped_xor = xor;
}

enum stun_res
stun_extract(const uint8_t *payload, size_t len, struct ls_stun *out)
{
	struct ls_cursor c = cur_init(payload, len);
	uint8_t cookie_tid[16];
	uint32_t cookie;

	memset(out, 0, sizeof(*out));
	out->type = cur_be16(&c);
	out->length = cur_be16(&c);
	cur_bytes(&c, cookie_tid, 16);
	if (!cur_ok(&c))
		return STUN_NOT_STUN;
	if (out->type & 0xc000)
		return STUN_NOT_STUN;
	cookie = (uint32_t)cookie_tid[0] << 24 | (uint32_t)cookie_tid[1] << 16 |
	    (uint32_t)cookie_tid[2] << 8 | cookie_tid[3];
	out->rfc5389 = cookie == STUN_MAGIC;
	memcpy(out->tid, cookie_tid + 4, 12);
	if (out->length % 4 != 0)
		return STUN_NOT_STUN;
	if (!out->rfc5389) {
		/* RFC 3489: known types only, and the length is exact */
		if (!classic_type(out->type) || len != (size_t)STUN_HDR_LEN + out->length)
			return STUN_NOT_STUN;
	}
	if (out->length > len - STUN_HDR_LEN)
		return STUN_TRUNC;
	cur_limit(&c, out->length);
	bool have_xor = false;
	while (cur_remaining(&c) > 0) {
		if (out->nattrs == STUN_MAX_ATTRS)
			break;
		uint16_t at = cur_be16(&c), alen = cur_be16(&c);
		bool trunc;
		if (!cur_ok(&c))
			return STUN_BAD_ATTR;
		struct ls_cursor v = cur_sub(&c, alen, &trunc);
		if (trunc)
			return STUN_BAD_ATTR;
		cur_skip(&c, (4 - alen % 4) % 4);
		if (!cur_ok(&c) && !out->rfc5389)
			return STUN_BAD_ATTR;
		out->nattrs++;
		switch (at) {
		case 0x0001:		/* MAPPED-ADDRESS */
			if (!have_xor)
				read_addr(v, out, false, cookie_tid);
			break;
		case 0x0020:		/* XOR-MAPPED-ADDRESS */
		case 0x8020:		/* its pre-RFC code point */
			if (out->rfc5389) {
				struct ls_stun tmp = *out;
				read_addr(v, &tmp, true, cookie_tid);
				if (tmp.has_mapped) {
					*out = tmp;
					have_xor = true;
				}
			}
			break;
		case 0x8022: {		/* SOFTWARE */
			size_t n = alen < sizeof(out->software) - 1 ? alen :
			    sizeof(out->software) - 1;
			cur_bytes(&v, out->software, n);
			out->software[n] = '\0';
			out->software_len = n;
			out->has_software = true;
			break;
		}
		default:
			break;
		}
	}
	return STUN_OK;
}

static const char *const classes[4] = {
	"Request", "Indication", "Success Response", "Error Response"
};

const char *
stun_type_name(uint16_t type, char buf[STUN_TYPE_STRLEN])
{
	static const struct { uint16_t m; const char *name; } methods[] = {
		{ 0x001, "Binding" }, { 0x003, "Allocate" }, { 0x004, "Refresh" },
		{ 0x006, "Send" }, { 0x007, "Data" },
		{ 0x008, "CreatePermission" }, { 0x009, "ChannelBind" },
	};
	unsigned method = (type & 0x000f) | (type & 0x00e0) >> 1 |
	    (type & 0x3e00) >> 2;
	unsigned cls = (type >> 4 & 1) | (type >> 7 & 2);

	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (methods[i].m == method) {
			snprintf(buf, STUN_TYPE_STRLEN, "%s %s", methods[i].name,
			    classes[cls]);
			return buf;
		}
	return "Unknown";
}

bool
stun_header_cut(const uint8_t *p, size_t len, size_t wire,
    struct ls_stun *out)
{
	struct ls_cursor c = cur_init(p, len);

	memset(out, 0, sizeof(*out));
	if (wire <= len)
		return false;
	out->type = cur_be16(&c);
	out->length = cur_be16(&c);
	uint32_t cookie = cur_be32(&c);
	cur_bytes(&c, out->tid, sizeof(out->tid));
	if (!cur_ok(&c) || (out->type & 0xc000) != 0 || cookie != 0x2112A442 ||
	    (size_t)out->length + 20 != wire || (out->length & 3) != 0)
		return false;
	out->rfc5389 = true;
	return true;
}
