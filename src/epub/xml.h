/* Every XML document of the EPUB is written through libxml2's
 * xmlTextWriter: well-formedness and escaping come from the library.
 * This is a thin layer over it that also replaces what XML 1.0 forbids
 * (C0 controls but tab and newlines, U+FFFE, U+FFFF), so that nothing
 * from a transcript can break a document, and that bounds the depth. */
#ifndef TR_XML_H
#define TR_XML_H

#include <stdbool.h>

#include <libxml/xmlwriter.h>

#include "buf.h"

/* under libxml2's own parser limit (256), which readers built on it keep */
#define TR_XML_MAX_DEPTH 200

typedef struct tr_xml {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int depth;
	int skipped;            /* elements past the limit, not written */
	bool failed;            /* the writer reported an error */
	tr_buf clean;           /* scratch: text with forbidden characters
	                         * replaced */
	bool upright_digits;    /* the book's: a vertical book's text sets
	                         * short numbers upright */
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
/* Ends every open element and the document; moves the bytes into out.
 * Returns 0, or -1 when libxml2 failed (out of memory). */
int tr_xml_finish(tr_xml *x, tr_buf *out);

#endif
