/* SPDX-License-Identifier: MIT */
/*
 * t_wgnl.c - kernel WireGuard generic-netlink answers, built here the way
 * the kernel lays them out (wireguard/netlink.c): family lookup, a device
 * dump split over messages, errors, and every truncation of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/wireguard.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "wgnl.h"
#include "wgpeers.h"

#define FAMILY	0x1d

struct buf {
	uint8_t	b[4096];
	size_t	n;
	size_t	msg;		/* offset of the open message */
	size_t	nest[4];	/* offsets of open nested attributes */
	int	depth;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof(b->b));
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void
align(struct buf *b)
{
	static const uint8_t z[4];
	put(b, z, NLA_ALIGN(b->n) - b->n);
}

static void
msg_open(struct buf *b, uint16_t type, uint8_t cmd)
{
	struct nlmsghdr h = { 0, type, NLM_F_MULTI, 1, 0 };
	struct genlmsghdr g = { cmd, 1, 0 };

	b->msg = b->n;
	put(b, &h, sizeof(h));
	put(b, &g, sizeof(g));
}

static void
msg_close(struct buf *b)
{
	uint32_t len = (uint32_t)(b->n - b->msg);

	memcpy(b->b + b->msg, &len, 4);
	align(b);
}

static void
attr(struct buf *b, uint16_t type, const void *v, size_t n)
{
	struct nlattr a = { (uint16_t)(NLA_HDRLEN + n), type };

	put(b, &a, sizeof(a));
	put(b, v, n);
	align(b);
}

static void
nest_open(struct buf *b, uint16_t type)
{
	struct nlattr a = { 0, (uint16_t)(type | NLA_F_NESTED) };

	b->nest[b->depth++] = b->n;
	put(b, &a, sizeof(a));
}

static void
nest_close(struct buf *b)
{
	size_t at = b->nest[--b->depth];
	uint16_t len = (uint16_t)(b->n - at);

	memcpy(b->b + at, &len, 2);
}

static void
done(struct buf *b)
{
	struct nlmsghdr h = { NLMSG_HDRLEN + 4, NLMSG_DONE, NLM_F_MULTI, 1, 0 };
	int32_t zero = 0;

	put(b, &h, sizeof(h));
	put(b, &zero, 4);
}

static void
peer(struct buf *b, uint16_t i, int fam, const char *ip, uint16_t port)
{
	uint8_t key[WG_KEY_LEN];

	memset(key, 0x5a, sizeof(key));
	nest_open(b, i);
	attr(b, WGPEER_A_PUBLIC_KEY, key, sizeof(key));
	if (fam == AF_INET) {
		struct sockaddr_in s = { .sin_family = AF_INET,
		    .sin_port = htons(port) };
		assert_int_equal(inet_pton(AF_INET, ip, &s.sin_addr), 1);
		attr(b, WGPEER_A_ENDPOINT, &s, sizeof(s));
	} else if (fam == AF_INET6) {
		struct sockaddr_in6 s = { .sin6_family = AF_INET6,
		    .sin6_port = htons(port) };
		assert_int_equal(inet_pton(AF_INET6, ip, &s.sin6_addr), 1);
		attr(b, WGPEER_A_ENDPOINT, &s, sizeof(s));
	}
	uint64_t rx = 12345;
	attr(b, WGPEER_A_RX_BYTES, &rx, sizeof(rx));
	nest_close(b);
}

/* A dump of wg0 with four peers over two messages, as the kernel splits
 * a device whose peers do not fit one message. */
static void
dump(struct buf *b)
{
	uint16_t lport = 41000;

	memset(b, 0, sizeof(*b));
	msg_open(b, FAMILY, WG_CMD_GET_DEVICE);
	attr(b, WGDEVICE_A_IFNAME, "wg0", 4);
	attr(b, WGDEVICE_A_LISTEN_PORT, &lport, 2);
	nest_open(b, WGDEVICE_A_PEERS);
	peer(b, 0, AF_INET, "203.0.113.1", 51820);
	peer(b, 1, 0, NULL, 0);			/* no endpoint yet */
	nest_close(b);
	msg_close(b);
	msg_open(b, FAMILY, WG_CMD_GET_DEVICE);
	attr(b, WGDEVICE_A_IFNAME, "wg0", 4);
	nest_open(b, WGDEVICE_A_PEERS);
	peer(b, 0, AF_INET6, "2001:db8::1", 443);
	peer(b, 1, AF_INET, "198.51.100.7", 0);	/* port 0: not an endpoint */
	nest_close(b);
	msg_close(b);
	done(b);
}

/* The controller's answer naming the wireguard family. */
static void
family_answer(struct buf *b)
{
	uint16_t id = FAMILY;

	memset(b, 0, sizeof(*b));
	msg_open(b, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	attr(b, CTRL_ATTR_FAMILY_NAME, "wireguard", 10);
	attr(b, CTRL_ATTR_FAMILY_ID, &id, 2);
	msg_close(b);
}

/* An NLMSG_ERROR answer with errno -err. */
static void
error_answer(struct buf *b, int32_t err)
{
	struct nlmsghdr h = { NLMSG_HDRLEN + 4, NLMSG_ERROR, 0, 1, 0 };

	memset(b, 0, sizeof(*b));
	err = -err;
	put(b, &h, sizeof(h));
	put(b, &err, 4);
}

static void
t_family_answer_gives_its_id(void **state)
{
	struct buf b;

	(void)state;
	family_answer(&b);
	assert_int_equal(wg_nl_parse_family(b.b, b.n), FAMILY);
}

static void
t_family_answer_cut_anywhere_gives_0_or_the_id(void **state)
{
	struct buf b;

	(void)state;
	family_answer(&b);
	for (size_t n = 0; n < b.n; n++) {
		uint16_t got = wg_nl_parse_family(b.b, n);
		assert_true(got == 0 || got == FAMILY);
	}
	assert_int_equal(wg_nl_parse_family(b.b, NLMSG_HDRLEN + 4), 0);
}

static void
t_family_enoent_without_module_gives_0(void **state)
{
	struct buf b;

	(void)state;
	error_answer(&b, 2);			/* ENOENT: no wireguard module */
	assert_int_equal(wg_nl_parse_family(b.b, b.n), 0);
}

static void
t_device_dump_over_two_messages_gives_both_peers(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	dump(&b);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 8, &k), 1);
	assert_int_equal(k, 2);
	assert_fixture_peers(ep);
}

static void
t_device_dump_in_two_reads_gives_both_peers(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0, first = 0;

	(void)state;
	dump(&b);
	/* the answer arriving in two reads, split at the message boundary */
	memcpy(&first, b.b, 4);
	assert_int_equal(wg_nl_parse_device(b.b, first, FAMILY, ep, 8, &k), 0);
	assert_int_equal(k, 1);
	assert_int_equal(wg_nl_parse_device(b.b + first, b.n - first, FAMILY,
	    ep, 8, &k), 1);
	assert_int_equal(k, 2);
	assert_fixture_peers(ep);
}

static void
t_device_room_for_one_gives_the_first(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	dump(&b);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 1, &k), 1);
	assert_int_equal(k, 1);
}

static void
t_other_familys_messages_are_not_read(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	dump(&b);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY + 1, ep, 8, &k),
	    1);
	assert_int_equal(k, 0);
}

static void
t_family_0_is_an_error(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	dump(&b);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, 0, ep, 8, &k), -1);
}

static void
t_device_enodev_is_an_error(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	error_answer(&b, 19);		/* ENODEV: not a WireGuard interface */
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 8, &k), -1);
}

static void
t_device_dump_cut_anywhere_is_error_or_short(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;

	(void)state;
	/* every truncation of a good dump: never more than it holds, and a
	 * cut inside a message is an error, not a short answer */
	dump(&b);
	for (size_t n = 0; n < b.n; n++) {
		k = 0;
		int r = wg_nl_parse_device(b.b, n, FAMILY, ep, 8, &k);
		assert_true(r == -1 || r == 0);
		assert_true(k <= 2);
	}
}

static void
t_attribute_shorter_than_its_header_is_an_error(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;
	size_t at = NLMSG_HDRLEN + GENL_HDRLEN;		/* the IFNAME attr */
	uint16_t bad = 2;

	(void)state;
	dump(&b);
	memcpy(b.b + at, &bad, 2);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 8, &k), -1);
}

static void
t_attribute_longer_than_the_message_is_an_error(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;
	size_t at = NLMSG_HDRLEN + GENL_HDRLEN;
	uint16_t bad = 4000;

	(void)state;
	dump(&b);
	memcpy(b.b + at, &bad, 2);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 8, &k), -1);
}

static void
t_message_length_below_its_header_is_an_error(void **state)
{
	struct buf b;
	struct ls_endpoint ep[8];
	size_t k = 0;
	uint32_t small = 8;

	(void)state;
	dump(&b);
	memcpy(b.b, &small, 4);
	assert_int_equal(wg_nl_parse_device(b.b, b.n, FAMILY, ep, 8, &k), -1);
}

/* The real call: no WireGuard family here, or lo is no WireGuard device;
 * either way nothing. */
static void
t_kernel_lo_is_no_wireguard_device(void **state)
{
	struct ls_endpoint ep[8];

	(void)state;
	assert_int_equal(wg_nl_endpoints("lo", ep, 8), -1);
}

/* An impossible name is refused before asking. */
static void
t_name_longer_than_ifnamsiz_is_refused(void **state)
{
	struct ls_endpoint ep[8];

	(void)state;
	assert_int_equal(wg_nl_endpoints("a-name-longer-than-ifnamsiz", ep, 8),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_family_answer_gives_its_id),
		cmocka_unit_test(t_family_answer_cut_anywhere_gives_0_or_the_id),
		cmocka_unit_test(t_family_enoent_without_module_gives_0),
		cmocka_unit_test(t_device_dump_over_two_messages_gives_both_peers),
		cmocka_unit_test(t_device_dump_in_two_reads_gives_both_peers),
		cmocka_unit_test(t_device_room_for_one_gives_the_first),
		cmocka_unit_test(t_other_familys_messages_are_not_read),
		cmocka_unit_test(t_family_0_is_an_error),
		cmocka_unit_test(t_device_enodev_is_an_error),
		cmocka_unit_test(t_device_dump_cut_anywhere_is_error_or_short),
		cmocka_unit_test(t_attribute_shorter_than_its_header_is_an_error),
		cmocka_unit_test(t_attribute_longer_than_the_message_is_an_error),
		cmocka_unit_test(t_message_length_below_its_header_is_an_error),
		cmocka_unit_test(t_kernel_lo_is_no_wireguard_device),
		cmocka_unit_test(t_name_longer_than_ifnamsiz_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
