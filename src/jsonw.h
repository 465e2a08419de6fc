/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h - a JSON writer for one compact line at a time, in the manner of
 * Suricata's JsonBuilder: members are appended in order into one buffer
 * (a caller's stack buffer, spilling to the heap only for huge events),
 * which is written with a single fwrite.  No tree, no allocation per
 * member.
 *
 * Strings from packets go through jw_strn: invalid UTF-8 becomes U+FFFD
 * byte by byte, '"', '\\' and control characters are escaped (as jansson
 * does: \b \f \n \r \t, else \u00XX), so every line parses whatever the
 * packet held.
 */
#ifndef JSONW_H
#define JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JW_DEPTH	8

struct jw {
	char		*buf;
	size_t		 len, cap;
	char		*stack;		/* the caller's buffer, not freed */
	int		 depth;
	bool		 more[JW_DEPTH];	/* a member came before at this depth */
	char		 close[JW_DEPTH];	/* '}' or ']' owed at this depth */
	bool		 oom;
};

void	jw_init(struct jw *, char *stack, size_t cap);	/* opens the object */
/* key is NULL inside arrays */
void	jw_obj(struct jw *, const char *key);
void	jw_arr(struct jw *, const char *key);
void	jw_end(struct jw *);				/* closes obj or arr */
void	jw_str(struct jw *, const char *key, const char *s);
void	jw_strn(struct jw *, const char *key, const char *s, size_t n);
void	jw_int(struct jw *, const char *key, int64_t v);
void	jw_uint(struct jw *, const char *key, uint64_t v);
void	jw_double(struct jw *, const char *key, double v);	/* %.6g */
void	jw_true(struct jw *, const char *key);
void	jw_bool(struct jw *, const char *key, bool v);
/* Close everything still open, write the line, free any spill.  0 or -1
 * (write error or out of memory: nothing half-written is left out). */
int	jw_write(struct jw *, FILE *);

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
size_t	jw_utf8_seq(const unsigned char *s, size_t n);

#endif /* JSONW_H */
