/* The line breaker of the text-like outputs: greedy, linear, by display
 * columns, with the clreq prohibitions of utf8.h. */
#ifndef TR_WRAP_H
#define TR_WRAP_H

#include <stddef.h>

#include "buf.h"

typedef struct tr_wrap_spec {
	int width;              /* columns, prefix included; 0 = no wrap */
	const char *first;      /* prefix of the first line */
	const char *rest;       /* prefix of the other lines */
	size_t glue_end;        /* no break at byte offsets <= this */
} tr_wrap_spec;

/* Appends text (which may hold '\n' for forced breaks) as lines, each
 * ending in '\n'.  A line overflows only where a word or an unbreakable
 * run is longer than the room. */
void tr_wrap(tr_buf *out, const char *text, size_t len,
    const tr_wrap_spec *spec);

/* The narrowest room a deep prefix may leave a line. */
#define TR_WRAP_MIN_ROOM 16

#endif
