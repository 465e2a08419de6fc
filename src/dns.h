/* SPDX-License-Identifier: MIT */
/*
 * dns.h - DNS message extractor (RFC 1035), pure and bounded.
 *
 * dns_extract reads the header and the first question of a DNS message,
 * dns_answer_addrs the A and AAAA records of an answer; they
 * never allocate, never print, and read only through a cursor.  Names are
 * copied as raw label bytes joined with '.', so a label holding '.', NUL or
 * control bytes is kept as sent; escaping is the reporter's job.
 */
#ifndef DNS_H
#define DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define DNS_NAME_MAX	255	/* RFC 1035 2.3.4, presentation form */
#define DNS_NAME_STEPS	256	/* labels + pointers read for one name, at most */
#define DNS_HDR_LEN	12

enum dns_res {
	DNS_OK = 0,		/* header and first question parsed */
	DNS_NOT_DNS,		/* does not have the shape of a DNS message */
	DNS_TRUNC,		/* message cut short */
	DNS_BAD_POINTER,	/* compression pointer forward, self or looping */
	DNS_BAD_NAME,		/* label type 0x40/0x80, name too long */
};

struct ls_dns {
	uint16_t	id;
	bool		response;	/* QR bit */
	uint8_t		opcode;
	uint8_t		rcode;
	uint16_t	qdcount, ancount, nscount, arcount;
	uint16_t	qtype, qclass;	/* of the first question */
	size_t		qname_len;	/* bytes in qname, excluding the NUL */
	uint16_t	name_steps;	/* labels and pointers read: the work */
	char		qname[DNS_NAME_MAX + 1];	/* "" for the root */
};

/*
 * Parse msg (a UDP payload, or a TCP payload when tcp is true: then a 2-byte
 * length prefix comes first).  On DNS_OK out holds the header and question.
 */
enum dns_res	 dns_extract(const uint8_t *msg, size_t len, bool tcp,
		    struct ls_dns *out);
/*
 * Strict shape test for "DNS on any port": a plausible header (opcode 0..6,
 * Z bit clear in queries, 1 question, counts that fit) and a first question
 * that parses to its end.  False positives on random payloads must be rare.
 */
bool		 dns_looks_like(const uint8_t *msg, size_t len, bool tcp);
/*
 * A message of `wire' bytes the capture's snap length cut to len: true when
 * its header is DNS's as dns_looks_like judges one (the counts, opcode,
 * Z bit, one question; over TCP the length prefix equal to the rest) and
 * what was captured of the question name is labels of printable bytes.
 * *response says whether it is an answer.
 */
bool		 dns_header_cut(const uint8_t *msg, size_t len, size_t wire,
		    bool tcp, bool *response);
/*
 * The addresses an answer gives (RFC 1035 4.1.3, RFC 3596): every A and
 * AAAA record of class IN in the answer section, whatever its owner name
 * (a CNAME chain ends in them), after every question is skipped.  At most
 * DNS_ANSWER_RRS records are read and DNS_ANSWER_ADDRS addresses kept;
 * *cut says some were not.  A record whose length does not fit its type
 * is skipped, a message that ends inside a record ends the walk (what came
 * before it is kept).  DNS_OK when the message is a response and its
 * questions parse; out->n may still be 0 (NODATA, an error rcode).
 */
#define DNS_ANSWER_RRS		64
#define DNS_ANSWER_ADDRS	16
#define DNS_ANSWER_QUESTIONS	4	/* more: not a message to read */

struct ls_dns_addrs {
	struct ls_addr	addr[DNS_ANSWER_ADDRS];
	uint32_t	ttl[DNS_ANSWER_ADDRS];
	size_t		n;
	bool		cut;
};

enum dns_res	 dns_answer_addrs(const uint8_t *msg, size_t len, bool tcp,
		    struct ls_dns_addrs *out);
/* "A", "AAAA", "HTTPS", ... or NULL for types without a mnemonic. */
const char	*dns_type_name(uint16_t qtype);

#endif /* DNS_H */
