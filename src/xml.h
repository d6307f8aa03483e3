/* All XML goes through here: one escaper for every text and attribute,
 * which also replaces what XML 1.0 forbids, so nothing from a transcript
 * can become markup or break a document.  (libxml2's writer did this
 * first; it costs ICU and libstdc++ at start-up and a call per node, and
 * a conversion spent more time in it than in our own code.) */
#ifndef TR_XML_H
#define TR_XML_H

#include <stdbool.h>

#include "buf.h"

#define TR_XML_MAX_DEPTH 256

typedef struct tr_xml {
	tr_buf out;
	const char *open[TR_XML_MAX_DEPTH]; /* element names, outermost first */
	int depth;
	int skipped;            /* elements past the limit, not written */
	bool in_tag;            /* a start tag awaits its '>' */
} tr_xml;

/* Starts a document with the XML declaration (and <!DOCTYPE html> when
 * html is true). */
void tr_xml_begin(tr_xml *x, bool html);
void tr_xml_start(tr_xml *x, const char *name);
void tr_xml_attr(tr_xml *x, const char *name, const char *value);
void tr_xml_attrf(tr_xml *x, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tr_xml_text(tr_xml *x, const char *s);
void tr_xml_end(tr_xml *x);
/* Ends an element with no content as <name/>. */
void tr_xml_end_empty(tr_xml *x);
/* <name attr...>text</name> in one call. */
void tr_xml_element(tr_xml *x, const char *name, const char *text);
void tr_xml_newline(tr_xml *x);
/* Ends every open element and the document; moves the bytes into out. */
void tr_xml_finish(tr_xml *x, tr_buf *out);

/* Links only to absolute http(s), mailto and ftp addresses: anything
 * else (javascript:, relative paths into a book that has no such file)
 * stays text. */
bool tr_url_is_safe(const char *url);
/* Percent-encodes what an IRI may not hold, as cmark's HTML does. */
void tr_url_escape(const char *url, tr_buf *out);

#endif
