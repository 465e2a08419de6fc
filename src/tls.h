/* SPDX-License-Identifier: MIT */
/*
 * tls.h - recognise a TLS ClientHello (RFC 8446 4.1.2, RFC 5246 7.4.1.2)
 * and read its server_name (RFC 6066 3), and recognise a QUIC client
 * Initial (RFC 9000 17.2.2, RFC 9369 for v2) from its header alone.
 *
 * These settle a flow as TLS or QUIC without nDPI's parse of a
 * ClientHello (JA3 strings), which costs tens of thousands of instructions.
 * The name a ClientHello sends in the clear is what it exposes, so it is
 * reported; a QUIC Initial's is encrypted with keys anyone can derive
 * (RFC 9001 5.2): quic.c decrypts it and hands its ClientHello, a
 * handshake message without a record header, to tls_hello_message().
 */
#ifndef TLS_H
#define TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TLS_SNI_MAX	255

struct ls_tls {
	uint16_t	version;	/* legacy_version of the ClientHello */
	bool		has_sni;
	bool		complete;	/* the whole hello was in the payload */
	size_t		sni_len;
	char		sni[TLS_SNI_MAX + 1];	/* raw bytes, NUL-terminated */
};

/* Does payload start with a ClientHello record?  Fills out when it does.
 * A hello cut short by the segment still counts (its SNI may be absent). */
bool	tls_client_hello(const uint8_t *payload, size_t len, struct ls_tls *out);

/* The same for a ClientHello handshake message without the record header
 * (the CRYPTO data of a QUIC Initial, RFC 9001 4.1.3); a message longer
 * than len is a hello cut short. */
bool	tls_hello_message(const uint8_t *msg, size_t len, struct ls_tls *out);

/* Is this UDP payload a QUIC v1/v2 client Initial (long header, Initial
 * type, padded to 1200 bytes as RFC 9000 14.1 requires)? */
bool	quic_initial(const uint8_t *payload, size_t len);

#endif /* TLS_H */
