/* SPDX-License-Identifier: MIT */
/*
 * redact.h - --redact: reports fit to be shared.  One reporter in the
 * chain (main.c puts it after the verifier and before alerts and the
 * formats) makes a redacted copy of every event and passes the copy on,
 * so every format, present or future, prints only redacted data.
 *
 * Names become "h-" and 12 hex digits of SipHash-2-4 under a key drawn
 * from getrandom(2) for the run and never written anywhere, followed by
 * the name's top-level label when that label is one shared by very many
 * unrelated names (a two-letter country code, or a short list such as
 * com, net, org, arpa, local): "tracker.example.net" -> "h-1a2b3c4d5e6f.net".
 * The same name (ASCII case ignored, a trailing dot ignored) gives the
 * same token all through one run; another run gives other tokens.
 * Addresses lose their host bits past /24 (IPv4) or /48 (IPv6) and keep
 * the plain address syntax: 198.51.100.7 -> 198.51.100.0.  redact.c's
 * opening comment lists every field and what happens to it.
 */
#ifndef REDACT_H
#define REDACT_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct ls_reporter;
struct ls_redact;

#define REDACT_KEY_LEN		16	/* SipHash-2-4's key */
#define REDACT_HASH_DIGITS	12	/* hex digits of the token: 48 bits */
/* "h-" digits "." and the longest suffix kept, and the NUL */
#define REDACT_NAME_STRLEN	40

/*
 * A redacting reporter in front of next, with a key from getrandom(2)
 * (or /dev/urandom).  NULL when no random key can be had (said on
 * stderr) or out of memory: a guessable key would let anyone hash a
 * dictionary of names, so there is no fallback.
 */
struct ls_redact	*redact_new(struct ls_reporter *next);
/* The same with a given key: for tests. */
struct ls_redact	*redact_new_key(const uint8_t key[REDACT_KEY_LEN],
			    struct ls_reporter *next);
struct ls_reporter	*redact_reporter(struct ls_redact *);
void			 redact_free(struct ls_redact *);

/* The token for a name of len bytes (any bytes: a packet's); returns its
 * length.  The empty name (the root) stays empty. */
size_t		redact_name(const struct ls_redact *, const char *name,
		    size_t len, char out[REDACT_NAME_STRLEN]);
/* An HTTP Host or TLS SNI: a name as redact_name, an address literal cut
 * as an address ("[2001:db8::]"), a ":port" kept.  Returns the length. */
#define REDACT_HOST_STRLEN	(ADDR_STRLEN + 16)
size_t		redact_host(const struct ls_redact *, const char *host,
		    size_t len, char out[REDACT_HOST_STRLEN]);
/* Host bits past /24 (IPv4) or /48 (IPv6) set to zero. */
void		redact_addr(struct ls_addr *);
/* A prefix longer than /24 or /48 widened to it. */
void		redact_cidr(struct ls_cidr *);
/* SipHash-2-4 (Aumasson and Bernstein, 2012) of msg under key. */
uint64_t	redact_siphash(const uint8_t key[REDACT_KEY_LEN],
		    const uint8_t *msg, size_t len);

#endif /* REDACT_H */
