/* SPDX-License-Identifier: MIT */
/*
 * frames.h - hand-built Ethernet frames for tests that drive the engine
 * packet by packet (t_engine, t_verdict).
 */
#ifndef FRAMES_H
#define FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Ethernet + IPv4 + UDP from a:ap to b:bp carrying pl[0..n). */
static inline size_t
udp_frame(uint8_t *f, const uint8_t a[4], uint16_t ap, const uint8_t b[4],
    uint16_t bp, const uint8_t *pl, size_t n)
{
	size_t tot = 20 + 8 + n;

	memset(f, 0, 14 + tot);
	f[12] = 0x08;
	f[14] = 0x45;
	f[16] = (uint8_t)(tot >> 8); f[17] = (uint8_t)tot;
	f[22] = 64; f[23] = 17;
	memcpy(f + 26, a, 4);
	memcpy(f + 30, b, 4);
	f[34] = (uint8_t)(ap >> 8); f[35] = (uint8_t)ap;
	f[36] = (uint8_t)(bp >> 8); f[37] = (uint8_t)bp;
	f[38] = (uint8_t)((8 + n) >> 8); f[39] = (uint8_t)(8 + n);
	memcpy(f + 42, pl, n);
	return 14 + tot;
}

/* Ethernet + IPv4 + UDP 192.0.2.10:41000 <-> 203.0.113.1:51820 carrying a
 * WireGuard-typed message of plen (<= 256) bytes. */
static inline size_t
wg_frame(uint8_t *b, bool up, uint8_t type, size_t plen)
{
	static const uint8_t cli[4] = { 192, 0, 2, 10 }, srv[4] = { 203, 0,
	    113, 1 };
	uint8_t pl[256];

	memset(pl, 0, plen);
	pl[0] = type;
	for (size_t i = 16; i < plen; i++)
		pl[i] = (uint8_t)(i * 37);
	return up ? udp_frame(b, cli, 41000, srv, 51820, pl, plen) :
	    udp_frame(b, srv, 51820, cli, 41000, pl, plen);
}

#endif /* FRAMES_H */
