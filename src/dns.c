/* SPDX-License-Identifier: MIT */
/*
 * dns.c - DNS header, first question and the addresses of an answer
 * (RFC 1035 4.1, RFC 3596), hostile-input safe.
 *
 *   |ID|QR|Opcode|AA|TC|RD|RA|Z|RCODE|QDCOUNT|ANCOUNT|NSCOUNT|ARCOUNT|
 *   question: QNAME (labels or a compression pointer), QTYPE, QCLASS
 *   answer RR: NAME, TYPE, CLASS, TTL, RDLENGTH, RDATA (A: 4, AAAA: 16)
 *
 * Compression pointers must point strictly before every offset already
 * visited (tcpdump's rule), so loops are impossible, and a name takes at
 * most DNS_NAME_STEPS steps (a label or a pointer each) however long the
 * chain of pointers in the message.  Names are capped at DNS_NAME_MAX
 * presentation bytes.
 */
#include <string.h>

#include "cursor.h"
#include "dns.h"

static bool tcp_window(const uint8_t **msg, size_t *len);

/* Read a (possibly compressed) name starting at the cursor. */
static enum dns_res
read_name(const uint8_t *msg, size_t len, struct ls_cursor *c,
    char out[static DNS_NAME_MAX + 1], size_t *outlen, uint16_t *steps)
{
	struct ls_cursor r = *c;
	size_t floor = cur_offset(c), n = 0;
	bool jumped = false;

	*outlen = 0;
	out[0] = '\0';
	for (*steps = 1; *steps <= DNS_NAME_STEPS; ++*steps) {
		uint8_t b = cur_u8(&r);

		if (!cur_ok(&r))
			return DNS_TRUNC;
		if (b == 0) {
			if (!jumped)
				*c = r;
			out[n] = '\0';
			*outlen = n;
			return DNS_OK;
		}
		if ((b & 0xc0) == 0xc0) {
			uint8_t lo = cur_u8(&r);
			size_t ptr = (size_t)(b & 0x3f) << 8 | lo;

			if (!cur_ok(&r))
				return DNS_TRUNC;
			if (ptr >= floor)
				return DNS_BAD_POINTER;
			if (!jumped)
				*c = r;
			jumped = true;
			floor = ptr;
			r = cur_init(msg, len);
			cur_skip(&r, ptr);
			continue;
		}
		if (b & 0xc0)
			return DNS_BAD_NAME;
		if (n + (n > 0) + b > DNS_NAME_MAX)
			return DNS_BAD_NAME;
		if (n > 0)
			out[n++] = '.';
		if (!cur_bytes(&r, out + n, b))
			return DNS_TRUNC;
		n += b;
	}
	*steps = DNS_NAME_STEPS;
	return DNS_BAD_NAME;
}

enum dns_res
dns_extract(const uint8_t *msg, size_t len, bool tcp, struct ls_dns *out)
{
	struct ls_cursor c;
	uint16_t flags;
	enum dns_res r;

	memset(out, 0, sizeof(*out));
	if (tcp && !tcp_window(&msg, &len))
		return DNS_TRUNC;
	c = cur_init(msg, len);
	out->id = cur_be16(&c);
	flags = cur_be16(&c);
	out->qdcount = cur_be16(&c);
	out->ancount = cur_be16(&c);
	out->nscount = cur_be16(&c);
	out->arcount = cur_be16(&c);
	if (!cur_ok(&c))
		return DNS_TRUNC;
	out->response = (flags & 0x8000) != 0;
	out->opcode = (uint8_t)((flags >> 11) & 0x0f);
	out->rcode = (uint8_t)(flags & 0x0f);
	if (out->qdcount == 0)
		return out->response ? DNS_OK : DNS_NOT_DNS;
	r = read_name(msg, len, &c, out->qname, &out->qname_len,
	    &out->name_steps);
	if (r != DNS_OK)
		return r;
	out->qtype = cur_be16(&c);
	out->qclass = cur_be16(&c);
	if (!cur_ok(&c))
		return DNS_TRUNC;
	return DNS_OK;
}

/* The message inside a TCP payload: after its 2-byte length, no longer
 * than that says. */
static bool
tcp_window(const uint8_t **msg, size_t *len)
{
	struct ls_cursor l = cur_init(*msg, *len);
	uint16_t mlen = cur_be16(&l);

	if (!cur_ok(&l))
		return false;
	*msg += 2;
	*len -= 2;
	if (mlen < *len)
		*len = mlen;
	return true;
}

enum dns_res
dns_answer_addrs(const uint8_t *msg, size_t len, bool tcp,
    struct ls_dns_addrs *out)
{
	char name[DNS_NAME_MAX + 1];
	struct ls_dns d;
	struct ls_cursor c;
	uint16_t steps;
	size_t nlen;
	enum dns_res r;

	memset(out, 0, sizeof(*out));
	if ((r = dns_extract(msg, len, tcp, &d)) != DNS_OK)
		return r;
	if (!d.response || d.qdcount > DNS_ANSWER_QUESTIONS)
		return DNS_NOT_DNS;
	if (tcp && !tcp_window(&msg, &len))
		return DNS_TRUNC;
	c = cur_init(msg, len);
	cur_skip(&c, DNS_HDR_LEN);
	for (uint16_t q = 0; q < d.qdcount; q++) {
		if ((r = read_name(msg, len, &c, name, &nlen, &steps)) != DNS_OK)
			return r;
		if (!cur_skip(&c, 4))		/* QTYPE, QCLASS */
			return DNS_TRUNC;
	}
	for (uint16_t i = 0; i < d.ancount; i++) {
		if (i == DNS_ANSWER_RRS ||
		    read_name(msg, len, &c, name, &nlen, &steps) != DNS_OK) {
			out->cut = true;
			break;
		}
		uint16_t type = cur_be16(&c), klass = cur_be16(&c);
		uint32_t ttl = cur_be32(&c);
		uint16_t rdlen = cur_be16(&c);
		struct ls_cursor rd = c;

		if (!cur_ok(&c) || !cur_skip(&c, rdlen)) {
			out->cut = true;	/* ends inside the record */
			break;
		}
		if ((klass & 0x7fff) != 1 || !((type == 1 && rdlen == 4) ||
		    (type == 28 && rdlen == 16)))
			continue;
		if (out->n == DNS_ANSWER_ADDRS) {
			out->cut = true;
			continue;
		}
		uint8_t b[16];
		cur_bytes(&rd, b, rdlen);
		if (type == 1)
			addr_from_v4(&out->addr[out->n], b);
		else
			addr_from_v6(&out->addr[out->n], b);
		out->ttl[out->n++] = ttl;
	}
	return DNS_OK;
}

bool
dns_looks_like(const uint8_t *msg, size_t len, bool tcp)
{
	struct ls_dns d;
	size_t body = tcp ? (len > 2 ? len - 2 : 0) : len;
	struct ls_cursor c = cur_init(msg, len);

	/* one question, or not DNS: said by the header before parsing it
	 * (most UDP payloads this is asked of are not DNS) */
	cur_skip(&c, (tcp ? 2 : 0) + 4);
	if (cur_be16(&c) != 1 || !cur_ok(&c))
		return false;
	if (dns_extract(msg, len, tcp, &d) != DNS_OK)
		return false;
	if (d.qdcount != 1 || d.qtype == 0)
		return false;
	if (d.opcode != 0 && d.opcode != 1 && d.opcode != 2 && d.opcode != 4 &&
	    d.opcode != 5)
		return false;
	uint16_t qc = d.qclass & 0x7fff;
	if (qc != 1 && qc != 3 && qc != 4 && qc != 255 && qc != 254)
		return false;
	if (!d.response) {
		if (d.ancount > 1 || d.nscount > 1 || d.arcount > 2)
			return false;
	} else {
		/* every record needs at least 11 bytes */
		size_t rr = (size_t)d.ancount + d.nscount + d.arcount;
		if (rr * 11 > body)
			return false;
		if (d.rcode > 10)
			return false;
	}
	/* labels of printable bytes, or the root */
	for (size_t i = 0; i < d.qname_len; i++) {
		unsigned char ch = (unsigned char)d.qname[i];
		if (ch < 0x20 || ch == 0x7f)
			return false;
	}
	return true;
}

static const struct {
	uint16_t	 type;
	const char	*name;
} types[] = {
	{ 1, "A" }, { 2, "NS" }, { 5, "CNAME" }, { 6, "SOA" }, { 12, "PTR" },
	{ 13, "HINFO" }, { 15, "MX" }, { 16, "TXT" }, { 28, "AAAA" },
	{ 33, "SRV" }, { 35, "NAPTR" }, { 41, "OPT" }, { 43, "DS" },
	{ 46, "RRSIG" }, { 47, "NSEC" }, { 48, "DNSKEY" }, { 50, "NSEC3" },
	{ 52, "TLSA" }, { 64, "SVCB" }, { 65, "HTTPS" }, { 99, "SPF" },
	{ 252, "AXFR" }, { 255, "ANY" }, { 257, "CAA" },
};

const char *
dns_type_name(uint16_t t)
{
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i].type == t)
			return types[i].name;
	return NULL;
}

/* What was captured of a cut question name: printable labels. */
static bool
cut_name_ok(struct ls_cursor *c)
{
	while (cur_remaining(c) > 0) {
		uint8_t l = cur_u8(c);
		if (l == 0)
			return true;
		if (l > 63)
			return false;
		for (uint8_t i = 0; i < l && cur_remaining(c) > 0; i++) {
			uint8_t ch = cur_u8(c);
			if (ch < 0x21 || ch > 0x7e)
				return false;
		}
	}
	return true;
}

bool
dns_header_cut(const uint8_t *msg, size_t len, size_t wire, bool tcp,
    bool *response)
{
	struct ls_cursor c = cur_init(msg, len);

	*response = false;
	if (wire <= len)
		return false;		/* not cut: dns_extract's to judge */
	if (tcp) {
		if (cur_be16(&c) != wire - 2 || !cur_ok(&c))
			return false;
		wire -= 2;
	}
	cur_skip(&c, 2);		/* id */
	uint16_t fl = cur_be16(&c), qd = cur_be16(&c), an = cur_be16(&c),
	    ns = cur_be16(&c), ar = cur_be16(&c);
	if (!cur_ok(&c) || qd != 1 || wire < 12 + 5)
		return false;
	unsigned op = (fl >> 11) & 0xf;
	if (op != 0 && op != 1 && op != 2 && op != 4 && op != 5)
		return false;
	*response = (fl & 0x8000) != 0;
	if (!*response) {
		if ((fl & 0x0040) || an > 1 || ns > 1 || ar > 2)
			return false;
	} else if ((fl & 0xf) > 10 ||
	    ((size_t)an + ns + ar) * 11 > wire - 12)
		return false;
	return cut_name_ok(&c);
}
