/* All XML goes through here: libxml2's writer escapes every text and
 * attribute, and text is first cleaned of what XML 1.0 forbids, so
 * nothing from a transcript can become markup or break a document. */
#ifndef TR_XML_H
#define TR_XML_H

#include <stdbool.h>

#include <libxml/xmlwriter.h>

#include "buf.h"

typedef struct tr_xml {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	tr_buf scratch;
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
