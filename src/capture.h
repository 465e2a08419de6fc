/* SPDX-License-Identifier: MIT */
/*
 * capture.h - libpcap behind a small interface: capture files (pcap and
 * pcapng, or stdin), live interfaces and BPF filters.
 * Only capture.c includes pcap.h.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ls_engine;
struct ls_capture;

/* Signal flags a file read answers to, even while blocked on a pipe. */
struct capture_ctl {
	volatile sig_atomic_t	*stop;	/* set: end the read (interrupted) */
	volatile sig_atomic_t	*usr1;	/* set: cleared, on_usr1 called */
	void			(*on_usr1)(void *arg, const char *name);
	void			*arg;
};

/* capture_run: the read ended because ctl->stop was set. */
#define CAPTURE_INTERRUPTED	1

/*
 * Open a capture file ("-" is stdin) with a large stdio buffer; ctl may be
 * NULL.  On failure prints "leaksniff: FILE: why" to stderr and returns
 * NULL.
 */
struct ls_capture	*capture_open_file(const char *path,
			    const struct capture_ctl *ctl);
/* Open a live interface (promiscuous off, immediate mode, sized buffer). */
struct ls_capture	*capture_open_live(const char *iface, int snaplen,
			    int bufsize);
void			 capture_close(struct ls_capture *);

/*
 * A pcapng's packets are reported on one source per interface, each a
 * copy of file with the interface's link type, name and number (ifno).
 * Events point at them, so pool keeps them until the engine has ended
 * (capture_pool_free); without a pool capture_close frees them.
 */
struct ls_source;
struct ls_source_pool {
	struct ls_source	**v;
	size_t			 n, cap;
};
void			 capture_set_source(struct ls_capture *,
			    const struct ls_source *file,
			    struct ls_source_pool *pool);
bool			 capture_pool_add(struct ls_source_pool *,
			    struct ls_source *);
void			 capture_pool_free(struct ls_source_pool *);
int			 capture_dlt(const struct ls_capture *);
const char		*capture_dlt_name(const struct ls_capture *);
/* Compile and set a BPF filter; prints the error and returns false. */
bool			 capture_set_filter(struct ls_capture *, const char *expr);

/*
 * Feed every packet to the engine until the end of the file.  Returns 0 at
 * a clean end, CAPTURE_INTERRUPTED when ctl->stop was set (the packets
 * before it were processed), -1 when the file turned out damaged; the
 * message names the file, the packet number and the byte offset.
 */
int			 capture_run(struct ls_capture *, struct ls_engine *);
/* Live: a descriptor to poll, and one batch of whatever is ready.
 * capture_dispatch returns packets handled, or -1 (interface gone). */
int			 capture_fd(struct ls_capture *);
int			 capture_dispatch(struct ls_capture *, struct ls_engine *);

/* Packets dropped by the kernel / interface (live), 0 offline. */
void			 capture_drops(struct ls_capture *, uint64_t *kernel,
			    uint64_t *iface);

#endif /* CAPTURE_H */
