/* SPDX-License-Identifier: MIT */
/*
 * slab.h - fixed-size records handed out from chunks and taken back on a
 * free list: a flood of new flows makes and drops a pending state and a
 * leak record per flow, and calloc + free cost about 450 instructions a
 * pair where the list costs a memset.  Memory grows with the records alive
 * at once (bounded by --max-flows) and is returned at slab_free.  Built
 * with AddressSanitizer, every record is its own calloc, so a use after
 * release is still caught.
 */
#ifndef SLAB_H
#define SLAB_H

#include <stddef.h>

struct ls_slab {
	size_t	  size;		/* of a record, at least a pointer */
	size_t	  per;		/* records a chunk */
	void	 *free;		/* released records, linked through their
				 * first bytes */
	void	 *chunks;	/* chunks, linked through their first bytes */
};

void	 slab_init(struct ls_slab *, size_t size, size_t per);
/* A zeroed record; NULL when out of memory. */
void	*slab_get(struct ls_slab *);
/* Take back a record slab_get gave (NULL: nothing). */
void	 slab_put(struct ls_slab *, void *);
/* Release every chunk: every record goes with them. */
void	 slab_free(struct ls_slab *);

#endif /* SLAB_H */
