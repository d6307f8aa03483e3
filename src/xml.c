#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"
#include "xml.h"

void tr_xml_begin(tr_xml *x, bool html)
{
	memset(x, 0, sizeof(*x));
	tr_buf_puts(&x->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	if (html)
		tr_buf_puts(&x->out, "<!DOCTYPE html>\n");
}

static void close_tag(tr_xml *x)
{
	if (x->in_tag) {
		tr_buf_putc(&x->out, '>');
		x->in_tag = false;
	}
}

/* Escapes s for text (quotes too when attr) and replaces what XML 1.0
 * does not allow: C0 controls but tab and newlines, U+FFFE and U+FFFF.
 * The parser already rejected invalid UTF-8. */
static void escape(tr_buf *out, const char *s, bool attr)
{
	const char *run = s;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		const char *rep = NULL;
		size_t skip = 1;
		if (c == 0) {
			tr_buf_put(out, run, (size_t)(p - run));
			return;
		} else if (c == '&') {
			rep = "&amp;";
		} else if (c == '<') {
			rep = "&lt;";
		} else if (c == '>') {
			rep = "&gt;";
		} else if (c == '"' && attr) {
			rep = "&quot;";
		} else if (c == '\n' && attr) {
			rep = "&#10;";
		} else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
			rep = "\xEF\xBF\xBD";
		} else if (c == '\r') {
			rep = "&#13;";
		} else if (c == 0xEF && (unsigned char)p[1] == 0xBF &&
		    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF)) {
			rep = "\xEF\xBF\xBD";
			skip = 3;
		}
		if (rep) {
			tr_buf_put(out, run, (size_t)(p - run));
			tr_buf_puts(out, rep);
			p += skip - 1;
			run = p + 1;
		}
	}
}

void tr_xml_start(tr_xml *x, const char *name)
{
	if (x->depth == TR_XML_MAX_DEPTH) {
		x->skipped++;
		return;
	}
	close_tag(x);
	tr_buf_putc(&x->out, '<');
	tr_buf_puts(&x->out, name);
	x->open[x->depth++] = name;
	x->in_tag = true;
}

void tr_xml_attr(tr_xml *x, const char *name, const char *value)
{
	if (!x->in_tag || x->skipped)
		return;
	tr_buf_putc(&x->out, ' ');
	tr_buf_puts(&x->out, name);
	tr_buf_puts(&x->out, "=\"");
	escape(&x->out, value, true);
	tr_buf_putc(&x->out, '"');
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
	if (!*s)
		return;
	close_tag(x);
	escape(&x->out, s, false);
}

void tr_xml_end(tr_xml *x)
{
	/* <p></p> rather than <p/>: XHTML read as HTML needs it */
	if (x->skipped) {
		x->skipped--;
		return;
	}
	if (x->depth == 0)
		return;
	close_tag(x);
	tr_buf_puts(&x->out, "</");
	tr_buf_puts(&x->out, x->open[--x->depth]);
	tr_buf_putc(&x->out, '>');
}

void tr_xml_end_empty(tr_xml *x)
{
	if (x->skipped) {
		x->skipped--;
		return;
	}
	if (x->depth == 0)
		return;
	if (x->in_tag) {
		tr_buf_puts(&x->out, "/>");
		x->in_tag = false;
		x->depth--;
	} else {
		tr_xml_end(x);
	}
}

void tr_xml_element(tr_xml *x, const char *name, const char *text)
{
	tr_xml_start(x, name);
	tr_xml_text(x, text);
	tr_xml_end(x);
}

void tr_xml_newline(tr_xml *x)
{
	close_tag(x);
	tr_buf_putc(&x->out, '\n');
}

void tr_xml_finish(tr_xml *x, tr_buf *out)
{
	while (x->depth > 0 || x->skipped)
		tr_xml_end(x);
	tr_buf_free(out);
	*out = x->out;
	x->out = (tr_buf){ 0 };
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
