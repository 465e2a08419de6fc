/* SPDX-License-Identifier: MIT */
/* t_iface.c - interface classification over a fake sysfs tree. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iface.h"

static char root[64];

static void
mk(const char *name, const char *type, const char *flags, const char *extra)
{
	char p[256];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/%s", root, name);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/%s/type", root, name);
	fp = fopen(p, "w");
	fprintf(fp, "%s\n", type);
	fclose(fp);
	snprintf(p, sizeof(p), "%s/%s/flags", root, name);
	fp = fopen(p, "w");
	fprintf(fp, "%s\n", flags);
	fclose(fp);
	if (extra != NULL) {
		snprintf(p, sizeof(p), "%s/%s/%s", root, name, extra);
		mkdir(p, 0755);
	}
}

/* The fake tree, scanned once for every test: ifs[] sorted by name. */
static struct iface_info ifs[16];
static size_t nifs;

static int
tree_up(void **state)
{
	(void)state;
	strcpy(root, "/tmp/lsifaceXXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	mk("eth0", "1", "0x1003", NULL);
	mk("lo", "772", "0x9", NULL);
	mk("wg0", "65534", "0x91", NULL);
	mk("tun0", "65534", "0x1091", "tun_flags");
	mk("veth1", "1", "0x1003", NULL);
	mk("br0", "1", "0x1003", "bridge");
	mk("vethbr", "1", "0x1003", "brport");
	mk("ppp0", "512", "0x1091", NULL);
	mk("eth1", "1", "0x1002", NULL);	/* down */
	mk("sit0", "776", "0x80", NULL);
	nifs = iface_scan(root, ifs, 16);
	return 0;
}

static int
tree_down(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void
t_every_interface_found_sorted_by_name(void **state)
{
	static const char *const names[] = { "br0", "eth0", "eth1", "lo",
	    "ppp0", "sit0", "tun0", "veth1", "vethbr", "wg0" };

	(void)state;
	assert_int_equal(nifs, 10);
	for (size_t i = 0; i < 10; i++)
		assert_string_equal(ifs[i].name, names[i]);
}

static void
t_ethernet_is_physical_and_up(void **state)
{
	(void)state;
	assert_int_equal(ifs[1].kind, IFK_PHYSICAL);
	assert_true(ifs[1].up);
}

static void
t_interface_without_iff_up_is_down(void **state)
{
	(void)state;
	assert_string_equal(ifs[2].name, "eth1");
	assert_false(ifs[2].up);
}

static void
t_loopback_is_loopback(void **state)
{
	(void)state;
	assert_int_equal(ifs[3].kind, IFK_LOOPBACK);
}

static void
t_ppp_sit_tun_and_wireguard_are_tunnels(void **state)
{
	(void)state;
	assert_int_equal(ifs[4].kind, IFK_TUNNEL);	/* ppp0 */
	assert_int_equal(ifs[5].kind, IFK_TUNNEL);	/* sit0 */
	assert_int_equal(ifs[6].kind, IFK_TUNNEL);	/* tun0 */
	assert_int_equal(ifs[9].kind, IFK_TUNNEL);	/* wg0 */
}

static void
t_veth_is_physical(void **state)
{
	(void)state;
	assert_string_equal(ifs[7].name, "veth1");
	assert_int_equal(ifs[7].kind, IFK_PHYSICAL);
}

static void
t_bridge_and_bridge_port_are_other(void **state)
{
	(void)state;
	assert_int_equal(ifs[0].kind, IFK_OTHER);	/* br0 */
	assert_int_equal(ifs[8].kind, IFK_OTHER);	/* vethbr */
}

static void
t_scan_stops_at_max(void **state)
{
	struct iface_info few[16];

	(void)state;
	assert_int_equal(iface_scan(root, few, 3), 3);
}

static void
t_missing_sysfs_root_gives_none(void **state)
{
	struct iface_info none[16];

	(void)state;
	assert_int_equal(iface_scan("/nonexistent/sys", none, 16), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_every_interface_found_sorted_by_name),
		cmocka_unit_test(t_ethernet_is_physical_and_up),
		cmocka_unit_test(t_interface_without_iff_up_is_down),
		cmocka_unit_test(t_loopback_is_loopback),
		cmocka_unit_test(t_ppp_sit_tun_and_wireguard_are_tunnels),
		cmocka_unit_test(t_veth_is_physical),
		cmocka_unit_test(t_bridge_and_bridge_port_are_other),
		cmocka_unit_test(t_scan_stops_at_max),
		cmocka_unit_test(t_missing_sysfs_root_gives_none),
	};
	return cmocka_run_group_tests(tests, tree_up, tree_down);
}
