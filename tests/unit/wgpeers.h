/* SPDX-License-Identifier: MIT */
/*
 * wgpeers.h - the two peers the WireGuard fixtures of t_wgnl (kernel,
 * generic netlink) and t_wguapi (wireguard-go, UAPI) both describe, and the
 * check that a parser found them.  Include after cmocka.h.
 */
#ifndef WGPEERS_H
#define WGPEERS_H

#include <netinet/in.h>

#include "addr.h"

/* 203.0.113.1:51820 and [2001:db8::1]:443, both UDP, in that order */
static void
assert_fixture_peers(const struct ls_endpoint *ep)
{
	struct ls_addr a;

	assert_true(addr_parse("203.0.113.1", &a));
	assert_int_equal(addr_cmp(&ep[0].addr, &a), 0);
	assert_int_equal(ep[0].port, 51820);
	assert_int_equal(ep[0].proto, IPPROTO_UDP);
	assert_true(addr_parse("2001:db8::1", &a));
	assert_int_equal(addr_cmp(&ep[1].addr, &a), 0);
	assert_int_equal(ep[1].port, 443);
	assert_int_equal(ep[1].proto, IPPROTO_UDP);
}

#endif /* WGPEERS_H */
