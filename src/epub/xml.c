#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xml.h"

#define W(x) ((const xmlChar *)(x))

static void check(tr_xml *x, int rc)
{
	if (rc < 0)
		x->failed = true;
}

void tr_xml_begin(tr_xml *x, bool html)
{
	memset(x, 0, sizeof(*x));
	x->buf = xmlBufferCreate();
	x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
	if (!x->w) {
		x->failed = true;
		return;
	}
	/* UTF-8 named: libxml2 then writes text as it is, not as
	 * character references */
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
	if (html) {
		check(x, xmlTextWriterWriteDTD(x->w, W("html"), NULL, NULL,
		    NULL));
		tr_xml_newline(x);
	}
}

/* s with what XML 1.0 does not allow replaced by U+FFFD: C0 controls
 * but tab and newlines, and the noncharacters U+FFFE and U+FFFF.  The
 * parser already rejected invalid UTF-8. */
static const xmlChar *clean(tr_xml *x, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    (*p == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)))
			break;
	if (!*p)
		return W(s);
	tr_buf_clear(&x->clean);
	tr_buf_put(&x->clean, s, (size_t)((const char *)p - s));
	for (; *p; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
			tr_buf_puts(&x->clean, "\xEF\xBF\xBD");
		} else if (*p == 0xEF && p[1] == 0xBF &&
		    (p[2] == 0xBE || p[2] == 0xBF)) {
			tr_buf_puts(&x->clean, "\xEF\xBF\xBD");
			p += 2;
		} else {
			tr_buf_putc(&x->clean, (char)*p);
		}
	}
	return W(tr_buf_cstr(&x->clean));
}

void tr_xml_start(tr_xml *x, const char *name)
{
	if (x->depth == TR_XML_MAX_DEPTH || x->skipped) {
		x->skipped++;
		return;
	}
	if (!x->w)
		return;
	check(x, xmlTextWriterStartElement(x->w, W(name)));
	x->depth++;
}

void tr_xml_attr(tr_xml *x, const char *name, const char *value)
{
	if (x->skipped || !x->w)
		return;
	check(x, xmlTextWriterWriteAttribute(x->w, W(name), clean(x, value)));
}

void tr_xml_attrf(tr_xml *x, const char *name, const char *fmt, ...)
{
	char value[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	tr_xml_attr(x, name, value);
}

void tr_xml_text(tr_xml *x, const char *s)
{
	if (!*s || x->skipped || !x->w)
		return;
	check(x, xmlTextWriterWriteString(x->w, clean(x, s)));
}

void tr_xml_end(tr_xml *x)
{
	if (x->skipped) {
		x->skipped--;
		return;
	}
	if (x->depth == 0 || !x->w)
		return;
	/* <p></p> rather than <p/>: XHTML read as HTML needs it */
	check(x, xmlTextWriterFullEndElement(x->w));
	x->depth--;
}

void tr_xml_end_empty(tr_xml *x)
{
	if (x->skipped) {
		x->skipped--;
		return;
	}
	if (x->depth == 0 || !x->w)
		return;
	check(x, xmlTextWriterEndElement(x->w));
	x->depth--;
}

void tr_xml_element(tr_xml *x, const char *name, const char *text)
{
	tr_xml_start(x, name);
	tr_xml_text(x, text);
	tr_xml_end(x);
}

void tr_xml_newline(tr_xml *x)
{
	if (x->skipped || !x->w)
		return;
	check(x, xmlTextWriterWriteRaw(x->w, W("\n")));
}

int tr_xml_finish(tr_xml *x, tr_buf *out)
{
	x->skipped = 0;
	while (x->depth > 0)
		tr_xml_end(x);
	if (x->w) {
		/* ends the document with a newline */
		check(x, xmlTextWriterEndDocument(x->w));
		xmlFreeTextWriter(x->w); /* flushes into the buffer */
	}
	tr_buf_free(out);
	if (x->buf && !x->failed)
		tr_buf_put(out, (const char *)xmlBufferContent(x->buf),
		    (size_t)xmlBufferLength(x->buf));
	if (x->buf)
		xmlBufferFree(x->buf);
	tr_buf_free(&x->clean);
	int rc = x->failed ? -1 : 0;
	memset(x, 0, sizeof(*x));
	return rc;
}
