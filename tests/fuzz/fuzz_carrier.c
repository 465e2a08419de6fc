/* SPDX-License-Identifier: MIT */
/*
 * fuzz_carrier.c - the tunnel message recognisers and the header-only DNS
 * and STUN checks.  The first two bytes say how many more bytes the wire
 * held than the input (a snap length cut them); the rest is the message,
 * fed whole, cut at every length the first byte allows, and as a run.
 */
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#include "carrier.h"
#include "dns.h"
#include "stun.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
one(struct carrier_track *t, const uint8_t *p, size_t n, size_t wire,
    int dir)
{
	struct ike_hdr h;
	struct ls_stun s;
	uint32_t idx, spi, seq;
	bool resp;

	if (carrier_wg_msg(p, n, wire, &idx) == WG_SHAPE_OTHER && idx != 0)
		(void)carrier_track_wg(t, dir, idx);
	enum ike_msg m = carrier_ike(p, n, wire, &h);
	if (m != IKE_NONE) {
		if (h.spi_i == 0)
			__builtin_trap();
		(void)carrier_track_ike(t, m, &h);
	}
	if (carrier_esp(p, n, wire, &spi, &seq)) {
		if (spi < 256 || seq == 0)
			__builtin_trap();
		(void)carrier_track_esp(t, dir, spi, seq);
	}
	(void)carrier_track_framed(t, dir, p, n, wire);
	(void)carrier_ovpn_op(p, n, wire, false);
	(void)carrier_ovpn_op(p, n, wire, true);
	(void)dns_header_cut(p, n, wire, false, &resp);
	(void)dns_header_cut(p, n, wire, true, &resp);
	if (stun_header_cut(p, n, wire, &s) && s.length + 20u != wire)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct carrier_track t;

	if (size < 2)
		return 0;
	size_t extra = (size_t)data[0] << 8 | data[1];
	const uint8_t *p = data + 2;
	size_t n = size - 2;

	memset(&t, 0, sizeof(t));
	one(&t, p, n, n + extra, 0);
	for (size_t cut = 0; cut < n && cut < 64; cut++)
		one(&t, p, cut, n + extra, (int)(cut & 1));
	return 0;
}
