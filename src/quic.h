/* SPDX-License-Identifier: MIT */
/*
 * quic.h - the server name of a QUIC client Initial (RFC 9000 17.2.2),
 * read by decrypting it with the Initial keys anyone can derive from its
 * Destination Connection ID (RFC 9001 5.2; RFC 9369 3.3 for QUIC v2).
 *
 * quic.c owns the Initial key schedule, header protection removal, the
 * AEAD decryption, the frame walk and the reassembly of the CRYPTO data
 * of one packet; the ClientHello it finds is read by tls.c.  Nothing but
 * the one packet is looked at: a ClientHello that goes on into a second
 * Initial gives the name only when it is in the part this one carries.
 * Not thread-safe: the cipher handles are opened once and kept.
 */
#ifndef QUIC_H
#define QUIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define QUIC_V1		0x00000001u
#define QUIC_V2		0x6b3343cfu
#define QUIC_CID_MAX	20

/* The client's Initial packet protection keys (RFC 9001 5.1, 5.4). */
struct quic_keys {
	uint8_t	key[16];
	uint8_t	iv[12];
	uint8_t	hp[16];
};

/* Derive the client Initial keys of version v from the DCID; false for a
 * version without Initial keys we know, or a failure of libgcrypt. */
bool	quic_client_keys(uint32_t v, const uint8_t *dcid, size_t dcid_len,
	    struct quic_keys *out);

/* If the UDP payload starts with a QUIC v1/v2 client Initial that
 * decrypts and carries a ClientHello with a server_name, copy the name
 * (NUL-terminated, cut to size - 1) into sni and return true. */
bool	quic_initial_sni(const uint8_t *payload, size_t len, char *sni,
	    size_t size);

/* The same for the decrypted payload of an Initial: its frames. */
bool	quic_frames_sni(const uint8_t *frames, size_t len, char *sni,
	    size_t size);

#endif /* QUIC_H */
