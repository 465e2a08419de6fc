/* SPDX-License-Identifier: MIT */
/*
 * dlt.h - the link-layer types leaksniff decodes, by their pcap numbers.
 *
 * The one place these numbers are written: decode.c and the engine's fast
 * path use them without including libpcap, whose DLT_ macros vary by
 * platform (DLT_RAW is 12 on Linux, 14 on OpenBSD; LINKTYPE_RAW is 101 in
 * files).
 */
#ifndef DLT_H
#define DLT_H

#define LS_DLT_NULL		0
#define LS_DLT_EN10MB		1
#define LS_DLT_RAW		12
#define LS_DLT_RAW_OBSD		14
#define LS_LINKTYPE_RAW		101
#define LS_DLT_LOOP		108
#define LS_DLT_LINUX_SLL	113
#define LS_DLT_IPV4		228
#define LS_DLT_IPV6		229
#define LS_DLT_LINUX_SLL2	276

#endif /* DLT_H */
