/* Timestamps as transcripts write them: h:mm:ss, mm:ss, m:ss and
 * hh:mm:ss.ff (seconds always two digits, a fraction after '.' or ','),
 * bare or in [] or (); "\[04:32\]" as cmark leaves it is "[04:32]". */
#ifndef TR_TIMESTAMP_H
#define TR_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tr_time {
	double seconds;
	const char *text;       /* the time as written, no brackets */
	size_t text_len;
	size_t len;             /* bytes taken, brackets included */
} tr_time;

/* A bare timestamp at the start of s (n bytes), not followed by another
 * digit or a colon.  Returns false when there is none. */
bool tr_time_bare(const char *s, size_t n, tr_time *t);

/* A timestamp at the start of s in [] or (), or bare when bare_ok. */
bool tr_time_at(const char *s, size_t n, bool bare_ok, tr_time *t);

/* "3:33 - Title", "[03:33] Title", "(03:33) Title": the time of a
 * YouTube-style chapter heading and where its title starts.  "1:1
 * meetings" is a title, not a time. */
bool tr_time_chapter(const char *s, size_t n, tr_time *t, size_t *title);

#endif
