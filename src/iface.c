/* SPDX-License-Identifier: MIT */
/*
 * iface.c - classify network interfaces from sysfs.
 *
 * /sys/class/net/NAME/type is the ARPHRD type: 1 (Ethernet, also Wi-Fi in
 * managed mode and veth), 772 loopback, 65534 "none" (tun and WireGuard),
 * 768/769/776/778/823 IP-in-IP, ip6tnl, sit, GRE, ip6gre.  flags carries
 * IFF_UP (0x1) and IFF_POINTOPOINT (0x10).  A tun/tap device has tun_flags;
 * a bridge has bridge/, a bridge member brport/.  The sysfs root is a
 * parameter so the unit test can build a fake tree.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "iface.h"

#define IFF_UP_BIT	0x1u
#define IFF_P2P_BIT	0x10u

static bool
read_ulong(const char *dir, const char *name, const char *file,
    unsigned long *v)
{
	char path[512], buf[64];
	FILE *fp;
	char *end;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, file);
	if ((fp = fopen(path, "r")) == NULL)
		return false;
	if (fgets(buf, sizeof(buf), fp) == NULL) {
		fclose(fp);
		return false;
	}
	fclose(fp);
	*v = strtoul(buf, &end, 0);
	return end != buf;
}

static bool
exists(const char *dir, const char *name, const char *file)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, file);
	return stat(path, &st) == 0;
}

static enum iface_kind
kind_of(const char *dir, const char *name, unsigned long type,
    unsigned long flags)
{
	if (type == 772)
		return IFK_LOOPBACK;
	if (exists(dir, name, "tun_flags") || (flags & IFF_P2P_BIT) ||
	    type == 65534 || type == 768 || type == 769 || type == 776 ||
	    type == 778 || type == 823 || exists(dir, name, "wireguard"))
		return IFK_TUNNEL;
	if (type != 1)
		return IFK_OTHER;
	if (exists(dir, name, "bridge") || exists(dir, name, "brport"))
		return IFK_OTHER;
	return IFK_PHYSICAL;
}

size_t
iface_scan(const char *sysfs, struct iface_info *out, size_t max)
{
	DIR *d = opendir(sysfs);
	struct dirent *de;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		unsigned long type = 0, flags = 0;

		if (de->d_name[0] == '.' ||
		    strlen(de->d_name) >= IFACE_NAME_MAX)
			continue;
		if (!read_ulong(sysfs, de->d_name, "type", &type))
			continue;
		read_ulong(sysfs, de->d_name, "flags", &flags);
		memset(&out[n], 0, sizeof(out[n]));
		strcpy(out[n].name, de->d_name);
		out[n].type = (unsigned)type;
		out[n].up = (flags & IFF_UP_BIT) != 0;
		out[n].kind = kind_of(sysfs, de->d_name, type, flags);
		n++;
	}
	closedir(d);
	/* readdir order is arbitrary: sort by name for stable output */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 &&
		    strcmp(out[j - 1].name, out[j].name) > 0; j--) {
			struct iface_info t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}
