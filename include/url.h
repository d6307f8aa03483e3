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

#endif
