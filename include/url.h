/* The one URL policy of every backend: what may become a link. */
#ifndef TR_URL_H
#define TR_URL_H

#include <stdbool.h>

#include "buf.h"

/* Links only to absolute http(s), mailto and ftp addresses: anything
 * else (javascript:, file:, data:, relative paths into a book that has
 * no such file) stays text in every format. */
bool tr_url_is_safe(const char *url);
/* Percent-encodes what an IRI may not hold, as cmark's HTML does. */
void tr_url_escape(const char *url, tr_buf *out);

/* The moment seconds into the recording at source: YouTube's own
 * forms (watch?v=ID&t=272s, youtu.be/ID?t=272), else a media fragment
 * (#t=272).  For a source that tr_url_is_safe accepts. */
void tr_url_at_time(const char *source, double seconds, tr_buf *out);

#endif
