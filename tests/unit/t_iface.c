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

static void
t_scan(void **state)
{
	struct iface_info ifs[16];
	size_t n;

	(void)state;
	strcpy(root, "/tmp/lsifaceXXXXXX");
	assert_non_null(mkdtemp(root));
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
	n = iface_scan(root, ifs, 16);
	assert_int_equal(n, 10);
	/* sorted by name */
	assert_string_equal(ifs[0].name, "br0");
	assert_int_equal(ifs[0].kind, IFK_OTHER);
	assert_string_equal(ifs[1].name, "eth0");
	assert_int_equal(ifs[1].kind, IFK_PHYSICAL);
	assert_true(ifs[1].up);
	assert_string_equal(ifs[2].name, "eth1");
	assert_false(ifs[2].up);
	assert_string_equal(ifs[3].name, "lo");
	assert_int_equal(ifs[3].kind, IFK_LOOPBACK);
	assert_string_equal(ifs[4].name, "ppp0");
	assert_int_equal(ifs[4].kind, IFK_TUNNEL);
	assert_string_equal(ifs[5].name, "sit0");
	assert_int_equal(ifs[5].kind, IFK_TUNNEL);
	assert_string_equal(ifs[6].name, "tun0");
	assert_int_equal(ifs[6].kind, IFK_TUNNEL);
	assert_string_equal(ifs[7].name, "veth1");
	assert_int_equal(ifs[7].kind, IFK_PHYSICAL);
	assert_string_equal(ifs[8].name, "vethbr");
	assert_int_equal(ifs[8].kind, IFK_OTHER);
	assert_string_equal(ifs[9].name, "wg0");
	assert_int_equal(ifs[9].kind, IFK_TUNNEL);
	/* max is honoured */
	assert_int_equal(iface_scan(root, ifs, 3), 3);
	assert_int_equal(iface_scan("/nonexistent/sys", ifs, 16), 0);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
