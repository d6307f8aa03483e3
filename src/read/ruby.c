/* Inline <ruby> (pinyin, zhuyin, glosses): the one kind of raw HTML a
 * transcript may use.  cmark hands the tags over one by one, as raw
 * HTML between text nodes; the source from <ruby> to its </ruby> is put
 * back together and read by libxml2's HTML parser, which also takes the
 * end tags HTML lets one leave out.  Only ruby, rb, rt and rp with text
 * inside make ruby; anything else leaves the whole run as text. */
#include <dlfcn.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "ruby.h"

/* libxml2, mapped the first time a transcript has a <ruby>: text and
 * JSON conversions, which never need it, do not pay for mapping it and
 * the ICU it brings (a sixth of a text conversion's time). */
struct libxml {
	htmlDocPtr (*read_memory)(const char *, int, const char *, const char *,
	    int);
	xmlNodePtr (*root)(const xmlDoc *);
	void (*free_doc)(xmlDocPtr);
};

static const struct libxml *libxml(void)
{
	static struct libxml lx;
	static int state;       /* 0 not tried, 1 mapped, -1 missing */
	if (state == 0) {
		void *h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
		if (h) {
			*(void **)&lx.read_memory = dlsym(h, "htmlReadMemory");
			*(void **)&lx.root = dlsym(h, "xmlDocGetRootElement");
			*(void **)&lx.free_doc = dlsym(h, "xmlFreeDoc");
		}
		state = h && lx.read_memory && lx.root && lx.free_doc ? 1 : -1;
	}
	return state > 0 ? &lx : NULL;
}

bool tr_ruby_opens(const char *html)
{
	return html && strncasecmp(html, "<ruby", 5) == 0 &&
	    (html[5] == '>' || html[5] == ' ' || html[5] == '\t' ||
	    html[5] == '\n' || html[5] == '/');
}

static bool closes(const char *html)
{
	return html && strncasecmp(html, "</ruby", 6) == 0;
}

static void put_escaped(tr_buf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '&')
			tr_buf_puts(out, "&amp;");
		else if (*s == '<')
			tr_buf_puts(out, "&lt;");
		else if (*s == '>')
			tr_buf_puts(out, "&gt;");
		else
			tr_buf_putc(out, *s);
	}
}

/* The source of the run, tags as written and text escaped again (cmark
 * has decoded its entities); NULL when it holds other inline markup or
 * does not close in its paragraph. */
static cmark_node *gather(cmark_node *open, tr_buf *html, const char **why)
{
	int depth = 0;
	for (cmark_node *n = open; n; n = cmark_node_next(n)) {
		const char *lit = cmark_node_get_literal(n);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_INLINE:
			if (tr_ruby_opens(lit))
				depth++;
			else if (closes(lit))
				depth--;
			tr_buf_puts(html, lit);
			if (depth == 0)
				return n;
			break;
		case CMARK_NODE_TEXT:
			put_escaped(html, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
			tr_buf_putc(html, '\n');
			break;
		default:
			*why = "holds other markup";
			return NULL;
		}
	}
	*why = "is not closed in its paragraph";
	return NULL;
}

struct reader {
	tr_ruby_part *parts;
	int nparts;
	tr_buf base;
	char *open_rp;          /* an <rp> before the next annotation */
	bool after_rt;          /* the last thing read was an annotation */
	bool attributes;
	const char *why;
};

static char *trimmed(const char *s)
{
	size_t len = strlen(s);
	while (len && strchr(" \t\r\n", s[len - 1]))
		len--;
	while (len && strchr(" \t\r\n", *s))
		s++, len--;
	char *r = tr_xmalloc(len + 1);
	memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

static bool blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static void add_part(struct reader *r, char *base, char *text)
{
	r->parts = tr_xgrow(r->parts, (size_t)r->nparts, sizeof(*r->parts));
	r->parts[r->nparts++] = (tr_ruby_part){ base, text, r->open_rp, NULL };
	r->open_rp = NULL;
}

/* The base read so far becomes text of its own (a base no annotation
 * follows). */
static void flush_base(struct reader *r)
{
	const char *b = tr_buf_cstr(&r->base);
	if (!blank(b))
		add_part(r, trimmed(b), NULL);
	tr_buf_clear(&r->base);
}

/* The text directly inside an element; false if it holds elements other
 * than those that close it (HTML lets </rt> and </rp> be left out). */
static bool own_text(struct reader *r, xmlNode *el, tr_buf *out)
{
	for (xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
			tr_buf_puts(out, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE &&
		    (!strcmp((const char *)c->name, "rt") ||
		    !strcmp((const char *)c->name, "rp") ||
		    !strcmp((const char *)c->name, "rb")))
			continue;
		else if (c->type != XML_COMMENT_NODE) {
			r->why = "holds an element other than rb, rt and rp";
			return false;
		}
	}
	return true;
}


static bool read_element(struct reader *r, xmlNode *el)
{
	const char *name = (const char *)el->name;
	if (el->properties)
		r->attributes = true;
	tr_buf text = { 0 };
	bool ok = true;
	if (!strcmp(name, "rb")) {
		ok = own_text(r, el, &r->base);
		r->after_rt = false;
	} else if (!strcmp(name, "rt")) {
		ok = own_text(r, el, &text);
		const char *b = tr_buf_cstr(&r->base);
		if (ok && blank(b)) {
			r->why = "has an annotation with no base";
			ok = false;
		} else if (ok) {
			char *t = trimmed(tr_buf_cstr(&text));
			add_part(r, trimmed(b), t);
			tr_buf_clear(&r->base);
			r->after_rt = true;
		}
	} else if (!strcmp(name, "rp")) {
		ok = own_text(r, el, &text);
		char *t = ok ? trimmed(tr_buf_cstr(&text)) : NULL;
		if (ok && r->after_rt && r->nparts &&
		    !r->parts[r->nparts - 1].rp_close) {
			r->parts[r->nparts - 1].rp_close = t;
		} else if (ok) {
			free(r->open_rp);
			r->open_rp = t;
		}
	} else if (!strcmp(name, "ruby")) {
		r->why = "is nested in another <ruby>";
		ok = false;
	} else {
		r->why = "holds an element other than rb, rt and rp";
		ok = false;
	}
	tr_buf_free(&text);
	/* an element whose end tag was left out holds the ones after it */
	for (xmlNode *c = el->children; ok && c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			ok = read_element(r, c);
	return ok;
}

static bool read_nodes(struct reader *r, xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (r->after_rt && !blank((const char *)n->content))
				r->after_rt = false;
			tr_buf_puts(&r->base, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			if (!read_element(r, n))
				return false;
		} else if (n->type != XML_COMMENT_NODE) {
			r->why = "holds what is not text";
			return false;
		}
	}
	return true;
}

void tr_ruby_free(tr_ruby_part *parts, int n)
{
	for (int i = 0; i < n; i++) {
		free(parts[i].base);
		free(parts[i].text);
		free(parts[i].rp_open);
		free(parts[i].rp_close);
	}
	free(parts);
}

/* The <ruby> element at the top of what libxml2 made of the run. */
static xmlNode *ruby_root(const struct libxml *lx, xmlDoc *doc)
{
	xmlNode *n = lx->root(doc);
	while (n && n->type == XML_ELEMENT_NODE &&
	    (!strcmp((const char *)n->name, "html") ||
	    !strcmp((const char *)n->name, "body")))
		n = n->children;
	if (!n || n->type != XML_ELEMENT_NODE || n->next ||
	    strcmp((const char *)n->name, "ruby"))
		return NULL;
	return n;
}

int tr_ruby_read(cmark_node *open, cmark_node **last, tr_ruby_part **parts,
    int *nparts, bool *attributes, const char **why)
{
	*parts = NULL;
	*nparts = 0;
	*attributes = false;
	tr_buf html = { 0 };
	*last = gather(open, &html, why);
	if (!*last) {
		tr_buf_free(&html);
		return -1;
	}
	const struct libxml *lx = libxml();
	if (!lx) {
		tr_buf_free(&html);
		*why = "cannot be read here: libxml2 (libxml2.so.2) is missing";
		return -1;
	}
	xmlDoc *doc = lx->read_memory(html.data, (int)html.len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_NOIMPLIED);
	tr_buf_free(&html);
	xmlNode *root = doc ? ruby_root(lx, doc) : NULL;
	struct reader r = { .why = "is not one <ruby> element" };
	bool ok = root != NULL;
	if (ok) {
		r.attributes = root->properties != NULL;
		ok = read_nodes(&r, root->children);
	}
	if (ok) {
		flush_base(&r);
		if (r.open_rp && r.nparts &&
		    !r.parts[r.nparts - 1].rp_close) {
			r.parts[r.nparts - 1].rp_close = r.open_rp;
			r.open_rp = NULL;
		}
	}
	free(r.open_rp);
	tr_buf_free(&r.base);
	if (doc)
		lx->free_doc(doc);
	if (!ok) {
		/* *last stays: the run is text up to there */
		tr_ruby_free(r.parts, r.nparts);
		*why = r.why;
		return -1;
	}
	*parts = r.parts;
	*nparts = r.nparts;
	*attributes = r.attributes;
	return 0;
}
