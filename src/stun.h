/* SPDX-License-Identifier: MIT */
/*
 * stun.h - STUN/TURN message extractor (RFC 3489, 5389, 8489, 8656).
 *
 * stun_extract checks the header (RFC 5389 magic cookie, or the RFC 3489
 * shape without it), walks the attributes with 4-byte padding under a cap,
 * and decodes MAPPED-ADDRESS and XOR-MAPPED-ADDRESS: the public address the
 * server saw, which is exactly what a STUN leak exposes.
 */
#ifndef STUN_H
#define STUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define STUN_HDR_LEN		20
#define STUN_MAGIC		0x2112A442u
#define STUN_MAX_ATTRS		64	/* attributes walked per message */

enum stun_res {
	STUN_OK = 0,
	STUN_NOT_STUN,		/* wrong shape */
	STUN_TRUNC,		/* length claims more than was captured */
	STUN_BAD_ATTR,		/* an attribute overruns the message */
};

struct ls_stun {
	uint16_t	type;		/* message type (method + class) */
	uint16_t	length;		/* message length, excluding header */
	bool		rfc5389;	/* magic cookie present */
	uint8_t		tid[12];	/* transaction id (16 bytes in 3489: last 12) */
	uint16_t	nattrs;		/* attributes walked */
	bool		has_mapped;	/* mapped/xor-mapped address decoded */
	bool		mapped_xor;	/* it came from XOR-MAPPED-ADDRESS */
	struct ls_addr	mapped;		/* the address the server saw */
	uint16_t	mapped_port;
	bool		has_software;
	size_t		software_len;
	char		software[128];	/* SOFTWARE attribute, raw bytes */
};

/* Parse one STUN message at the start of payload (UDP, or TCP framing-free). */
enum stun_res	 stun_extract(const uint8_t *payload, size_t len,
		    struct ls_stun *out);
/* A message of `wire' bytes the capture's snap length cut to len: its
 * RFC 5389 header (type with the top bits clear, length = wire - 20 and a
 * multiple of 4, the magic cookie) is all that can be judged; true and
 * out->type, out->length, out->tid set (nothing else) when it holds. */
bool		 stun_header_cut(const uint8_t *payload, size_t len,
		    size_t wire, struct ls_stun *out);
#define STUN_TYPE_STRLEN	48
/* "Binding Request", "Binding Success Response", "Allocate Request", ...
 * in buf (or a constant string). */
const char	*stun_type_name(uint16_t type, char buf[STUN_TYPE_STRLEN]);

#endif /* STUN_H */
