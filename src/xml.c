#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "xml.h"

#define BAD(x) ((const xmlChar *)(x))

void tr_xml_begin(tr_xml *x, bool html)
{
	memset(x, 0, sizeof(*x));
	x->buf = xmlBufferCreate();
	x->w = xmlNewTextWriterMemory(x->buf, 0);
	xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL);
	if (html) {
		xmlTextWriterWriteDTD(x->w, BAD("html"), NULL, NULL, NULL);
		xmlTextWriterWriteString(x->w, BAD("\n"));
	}
}

void tr_xml_start(tr_xml *x, const char *name)
{
	xmlTextWriterStartElement(x->w, BAD(name));
}

/* XML 1.0 characters only: controls were replaced by the parser, but
 * U+FFFE and U+FFFF may still come through. */
static const char *clean(tr_xml *x, const char *s)
{
	const char *p = s;
	bool dirty = false;
	for (; *p; p++) {
		if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBF &&
		    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
			dirty = true;
			break;
		}
		if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' &&
		    *p != '\r') {
			dirty = true;
			break;
		}
	}
	if (!dirty)
		return s;
	tr_buf_clear(&x->scratch);
	for (p = s; *p; p++) {
		if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBF &&
		    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
			tr_buf_puts(&x->scratch, "\xEF\xBF\xBD");
			p += 2;
		} else if ((unsigned char)*p < 0x20 && *p != '\n' &&
		    *p != '\t' && *p != '\r') {
			tr_buf_puts(&x->scratch, "\xEF\xBF\xBD");
		} else {
			tr_buf_putc(&x->scratch, *p);
		}
	}
	return tr_buf_cstr(&x->scratch);
}

void tr_xml_attr(tr_xml *x, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(x->w, BAD(name), BAD(clean(x, value)));
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
	if (*s)
		xmlTextWriterWriteString(x->w, BAD(clean(x, s)));
}

void tr_xml_end(tr_xml *x)
{
	/* <p></p> rather than <p/>: XHTML served as HTML needs it */
	xmlTextWriterFullEndElement(x->w);
}

void tr_xml_element(tr_xml *x, const char *name, const char *text)
{
	tr_xml_start(x, name);
	tr_xml_text(x, text);
	tr_xml_end(x);
}

void tr_xml_newline(tr_xml *x)
{
	xmlTextWriterWriteString(x->w, BAD("\n"));
}

void tr_xml_finish(tr_xml *x, tr_buf *out)
{
	xmlTextWriterEndDocument(x->w);
	xmlFreeTextWriter(x->w);
	tr_buf_clear(out);
	tr_buf_put(out, (const char *)xmlBufferContent(x->buf),
	    (size_t)xmlBufferLength(x->buf));
	xmlBufferFree(x->buf);
	tr_buf_free(&x->scratch);
}

bool tr_url_is_safe(const char *url)
{
	static const char *schemes[] = { "http://", "https://", "mailto:",
		"ftp://" };
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], n) == 0 && url[n])
			return true;
	}
	return false;
}

void tr_url_escape(const char *url, tr_buf *out)
{
	static const char safe[] = "-_.~!*'();:@&=+$,/?#[]";
	static const char hex[] = "0123456789abcdefABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		/* an escape already made stays; a bare % gets escaped */
		bool escape = *p == '%' && p[1] && strchr(hex, p[1]) && p[2] &&
		    strchr(hex, p[2]);
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || escape ||
		    (*p < 0x80 && *p && strchr(safe, *p)))
			tr_buf_putc(out, (char)*p);
		else
			tr_buf_printf(out, "%%%02X", *p);
	}
}
