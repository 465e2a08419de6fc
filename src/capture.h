/* SPDX-License-Identifier: MIT */
/*
 * capture.h - libpcap behind a small interface: capture files (pcap and
 * pcapng, or stdin), live interfaces, BPF filters, and the evidence writer.
 * Only capture.c includes pcap.h.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ls_engine;
struct ls_capture;
struct ls_evidence;

/*
 * Open a capture file ("-" is stdin) with a large stdio buffer.  On failure
 * prints "leaksniff: FILE: why" to stderr and returns NULL.
 */
struct ls_capture	*capture_open_file(const char *path);
/* Open a live interface (promiscuous off, immediate mode, sized buffer). */
struct ls_capture	*capture_open_live(const char *iface, int snaplen,
			    int bufsize);
void			 capture_close(struct ls_capture *);
int			 capture_dlt(const struct ls_capture *);
const char		*capture_dlt_name(const struct ls_capture *);
/* Compile and set a BPF filter; prints the error and returns false. */
bool			 capture_set_filter(struct ls_capture *, const char *expr);

/*
 * Feed every packet to the engine until the end of the file (or until
 * *stop becomes true for live captures).  Returns 0 at a clean end, -1 when
 * the file turned out damaged; the message names the file, the packet
 * number and the byte offset.
 */
int			 capture_run(struct ls_capture *, struct ls_engine *,
			    volatile int *stop);
/* Live: a descriptor to poll, and one batch of whatever is ready.
 * capture_dispatch returns packets handled, or -1 (interface gone). */
int			 capture_fd(struct ls_capture *);
int			 capture_dispatch(struct ls_capture *, struct ls_engine *);

/* Packets dropped by the kernel / interface (live), 0 offline. */
void			 capture_drops(struct ls_capture *, uint64_t *kernel,
			    uint64_t *iface);

/* Evidence pcap: every packet of every leaked flow. */
/* flush_each: write through after every packet (live: nothing lost on a
 * crash or kill). */
struct ls_evidence	*evidence_open(const char *path, int dlt, bool flush_each);
void			 evidence_write(void *ev, uint64_t ts_us,
			    uint32_t caplen, uint32_t len, const uint8_t *frame);
/* Flushes and closes; returns the number of packets that failed. */
uint64_t		 evidence_close(struct ls_evidence *);

#endif /* CAPTURE_H */
