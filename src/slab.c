/* SPDX-License-Identifier: MIT */
/* slab.c - fixed-size records from chunks, on a free list (see slab.h). */
#include <stdlib.h>
#include <string.h>

#include "slab.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLAB_PLAIN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLAB_PLAIN	1
#endif
#endif

/* a chunk: its link, padded to the records' alignment, then the records */
#define CHUNK_HEAD	_Alignof(max_align_t)

void
slab_init(struct ls_slab *s, size_t size, size_t per)
{
	size_t a = _Alignof(max_align_t);

	if (size < sizeof(void *))
		size = sizeof(void *);
	s->size = (size + a - 1) / a * a;
	s->per = per > 0 ? per : 1;
	s->free = NULL;
	s->chunks = NULL;
}

void *
slab_get(struct ls_slab *s)
{
#ifdef SLAB_PLAIN
	return calloc(1, s->size);
#else
	void *r;

	if (s->free == NULL) {
		char *c = malloc(CHUNK_HEAD + s->per * s->size);

		if (c == NULL)
			return NULL;
		*(void **)c = s->chunks;
		s->chunks = c;
		for (size_t i = s->per; i-- > 0;) {
			void *x = c + CHUNK_HEAD + i * s->size;

			*(void **)x = s->free;
			s->free = x;
		}
	}
	r = s->free;
	s->free = *(void **)r;
	memset(r, 0, s->size);
	return r;
#endif
}

void
slab_put(struct ls_slab *s, void *r)
{
	if (r == NULL)
		return;
#ifdef SLAB_PLAIN
	(void)s;
	free(r);
#else
	*(void **)r = s->free;
	s->free = r;
#endif
}

void
slab_free(struct ls_slab *s)
{
	void *c = s->chunks, *n;

	for (; c != NULL; c = n) {
		n = *(void **)c;
		free(c);
	}
	s->chunks = NULL;
	s->free = NULL;
}
