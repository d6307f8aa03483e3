/* EPUB 3: one XHTML file per section, nav and NCX tables of contents,
 * an OPF with accessibility metadata, packed with libzip in memory and
 * written to the stream in one go.  Every byte depends on the input and
 * SOURCE_DATE_EPOCH only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "backend.h"
#include "buf.h"
#include "datadir.h"
#include "gfx.h"
#include "image.h"
#include "langtag.h"
#include "module.h"
#include "url.h"
#include "utf8.h"
#include "xml.h"
#include "output.h"
#include "plan.h"

struct entry {
	char name[64];
	tr_buf data;
	bool store;
};

struct book {
	const tr_doc *doc;
	bool xml_failed;        /* libxml2 could not write a document */
	const tr_options *opt;
	const tr_words *words;
	tr_epub_plan plan;
	struct entry *entries;
	int nentries;
	char uuid[40];
	char modified[32];
	bool cover;
	bool vertical;          /* columns, right to left (--vertical) */
	const char *cover_type, *cover_file; /* media type, under EPUB/ */
	tr_font_subset fonts[TR_MAX_FONT_SUBSETS];
	int nfonts;
	/* the PDF's pages, when it was written in the same run */
	const tr_page_map *map;
	struct page_mark *marks;  /* sorted by block */
	int nmarks;
};

struct page_mark {
	const tr_block *block;
	int page;
};

static struct entry *add_entry(struct book *b, const char *name, bool store)
{
	b->entries = tr_xgrow(b->entries, (size_t)b->nentries,
	    sizeof(struct entry));
	struct entry *e = &b->entries[b->nentries++];
	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof e->name, "%s", name);
	e->store = store;
	return e;
}

/* ---- identity and dates ------------------------------------------------ */

/* A UUID (version 5 layout) from the SHA-1 of the transcript: the same
 * transcript always gets the same identifier. */
static void make_uuid(struct book *b)
{
	uint8_t d[16];
	memcpy(d, b->doc->digest, 16);
	d[6] = (uint8_t)((d[6] & 0x0F) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
	snprintf(b->uuid, sizeof b->uuid,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", d[0], d[1], d[2], d[3], d[4], d[5],
	    d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

/* ---- inline and block content ------------------------------------------ */

/* In vertical text a short number among Han stands upright, both
 * digits in one em (tate-chu-yoko: tr_upright_number). */
static void text(tr_xml *x, const char *s)
{
	if (!x->upright_digits) {
		tr_xml_text(x, s);
		return;
	}
	size_t start = 0, at = 0, from, to, len = strlen(s);
	tr_buf run = { 0 };
	while (tr_next_upright_number(s, len, &at, &from, &to)) {
		/* a space between it and Han goes: in a column it would be
		 * a gap the source never meant */
		size_t end = from;
		if (from >= 2 && s[from - 1] == ' ' &&
		    (unsigned char)s[from - 2] >= 0x80)
			end = from - 1;
		tr_buf_clear(&run);
		tr_buf_put(&run, s + start, end - start);
		tr_xml_text(x, tr_buf_cstr(&run));
		tr_buf_clear(&run);
		tr_buf_put(&run, s + from, to - from);
		tr_xml_start(x, "span");
		tr_xml_attr(x, "class", "tcy");
		tr_xml_text(x, tr_buf_cstr(&run));
		tr_xml_end(x);
		start = to;
		if (s[to] == ' ' && (unsigned char)s[to + 1] >= 0x80)
			start = to + 1;
	}
	tr_xml_text(x, s + start);
	tr_buf_free(&run);
}

static void inlines(tr_xml *x, const tr_inline *in)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
			text(x, in->text);
			break;
		case TR_INL_CODE:
			tr_xml_element(x, "code", in->text);
			break;
		case TR_INL_EMPH:
		case TR_INL_STRONG:
			tr_xml_start(x, in->kind == TR_INL_EMPH ? "em" : "strong");
			inlines(x, in->child);
			tr_xml_end(x);
			break;
		case TR_INL_LINK:
		case TR_INL_IMAGE:
			/* remote images would need remote-resources and a
			 * network; the description links to them instead */
			if (tr_url_is_safe(in->url)) {
				tr_buf href = { 0 };
				tr_url_escape(in->url, &href);
				tr_xml_start(x, "a");
				tr_xml_attr(x, "href", tr_buf_cstr(&href));
				if (in->title)
					tr_xml_attr(x, "title", in->title);
				tr_buf_free(&href);
			} else {
				tr_xml_start(x, "span");
			}
			if (in->child)
				inlines(x, in->child);
			else
				tr_xml_text(x, in->url);
			tr_xml_end(x);
			break;
		case TR_INL_RUBY:
			/* the base as text (no <rb>: readers differ on it) */
			tr_xml_start(x, "ruby");
			tr_xml_text(x, in->text);
			if (in->ruby->rp_open)
				tr_xml_element(x, "rp", in->ruby->rp_open);
			tr_xml_element(x, "rt", in->ruby->text);
			if (in->ruby->rp_open)
				tr_xml_element(x, "rp", in->ruby->rp_close);
			tr_xml_end(x);
			break;
		case TR_INL_BREAK:
			tr_xml_start(x, "br");
			tr_xml_end_empty(x);
			tr_xml_newline(x);
			break;
		}
	}
}

static void outline_list(tr_xml *x, const tr_outline *o)
{
	tr_xml_start(x, "ul");
	for (; o; o = o->next) {
		tr_xml_start(x, "li");
		tr_xml_element(x, "span", o->text);
		if (o->child)
			outline_list(x, o->child);
		tr_xml_end(x);
	}
	tr_xml_end(x);
}

/* A time of the recording: a link to that moment when the source is a
 * link, else the time alone. */
static void time_mark(struct book *b, tr_xml *x, double seconds,
    const char *text)
{
	const char *src = b->doc->source_url;
	if (src && tr_url_is_safe(src)) {
		tr_buf at = { 0 }, href = { 0 };
		tr_url_at_time(src, seconds, &at);
		tr_url_escape(tr_buf_cstr(&at), &href);
		tr_xml_start(x, "a");
		tr_xml_attr(x, "class", "time");
		tr_xml_attr(x, "href", tr_buf_cstr(&href));
		tr_buf_free(&at);
		tr_buf_free(&href);
	} else {
		tr_xml_start(x, "span");
		tr_xml_attr(x, "class", "time");
	}
	tr_xml_text(x, text);
	tr_xml_end(x);
}

/* <span epub:type="pagebreak"> where a page of the PDF begins. */
static void page_marker(tr_xml *x, int page)
{
	tr_xml_start(x, "span");
	tr_xml_attr(x, "epub:type", "pagebreak");
	tr_xml_attr(x, "role", "doc-pagebreak");
	tr_xml_attrf(x, "id", "page-%d", page);
	tr_xml_attrf(x, "aria-label", "%d", page);
	tr_xml_end(x);
}

static int compare_marks(const void *a, const void *b)
{
	const struct page_mark *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->block, q = (uintptr_t)y->block;
	if (p != q)
		return p < q ? -1 : 1;
	return x->page - y->page;
}

static void block_markers(struct book *b, tr_xml *x, const tr_block *blk)
{
	if (!b->nmarks)
		return;
	struct page_mark key = { blk, 0 };
	/* the first mark of this block, then the run of them */
	int lo = 0, hi = b->nmarks;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (compare_marks(&b->marks[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nmarks && b->marks[lo].block == blk; lo++)
		page_marker(x, b->marks[lo].page);
}

/* Markers of the pages that begin at a section's heading, or at the
 * title page or contents (section TR_PAGE_...). */
static void section_markers(struct book *b, tr_xml *x, int section)
{
	const tr_page_map *m = b->map;
	for (int p = 1; m && p <= m->npages; p++)
		if (m->section[p] == section && !m->block[p])
			page_marker(x, p);
}

static void blocks(struct book *b, tr_xml *x, const tr_block *blk,
    bool tight);

/* The stylesheet of the faces for a language (styles/fonts-*.css). */
static const char *faces_sheet(const char *lang)
{
	switch (tr_lang_type(lang)) {
	case TR_TYPE_HANS:
		return "styles/fonts-zh-Hans.css";
	case TR_TYPE_HANT:
		return "styles/fonts-zh-Hant.css";
	case TR_TYPE_HANT_HK:
		return "styles/fonts-zh-Hant-HK.css";
	case TR_TYPE_JA:
		return "styles/fonts-ja.css";
	case TR_TYPE_KO:
		return "styles/fonts-ko.css";
	default:
		return "styles/fonts-latin.css";
	}
}

/* A paragraph in another language than the book's says so (WCAG
 * 3.1.2): the reader's voice, hyphenation and fonts follow. */
static void para_lang(struct book *b, tr_xml *x, const tr_inline *in)
{
	const char *lang = tr_paragraph_lang(in, b->doc->lang);
	if (lang) {
		tr_xml_attr(x, "xml:lang", lang);
		tr_xml_attr(x, "lang", lang);
	}
}

static void block(struct book *b, tr_xml *x, const tr_block *blk,
    bool tight)
{
	switch (blk->kind) {
	case TR_BLK_PARA:
		if (!tight) {
			tr_xml_start(x, "p");
			para_lang(b, x, blk->inlines);
		}
		inlines(x, blk->inlines);
		if (!tight)
			tr_xml_end(x);
		break;
	case TR_BLK_HEADING:
		/* the section's title is h1; headings inside it are h2 */
		tr_xml_start(x, "h2");
		tr_xml_attrf(x, "id", "h%d", blk->number);
		inlines(x, blk->inlines);
		tr_xml_end(x);
		break;
	case TR_BLK_TURN: {
		const tr_speaker *sp = &b->doc->speakers[blk->speaker];
		tr_xml_start(x, "div");
		tr_xml_attrf(x, "class", "turn s%d%s%s", blk->speaker + 1,
		    sp->role ? " " : "", sp->role ? sp->role : "");
		const tr_block *c = blk->child;
		tr_xml_start(x, "p");
		if (c && c->kind == TR_BLK_PARA)
			para_lang(b, x, c->inlines);
		tr_xml_start(x, "b");
		tr_xml_attr(x, "class", "speaker");
		tr_xml_text(x, sp->name);
		tr_xml_text(x, b->words->colon);
		tr_xml_end(x);
		if (blk->time_text) {
			time_mark(b, x, blk->time, blk->time_text);
			tr_xml_text(x, " ");
		}
		if (c && c->kind == TR_BLK_PARA) {
			inlines(x, c->inlines);
			c = c->next;
		}
		tr_xml_end(x);
		if (c)
			blocks(b, x, c, false);
		tr_xml_end(x);
		break;
	}
	case TR_BLK_QUOTE:
		tr_xml_start(x, "blockquote");
		blocks(b, x, blk->child, false);
		tr_xml_end(x);
		break;
	case TR_BLK_LIST:
		tr_xml_start(x, blk->ordered ? "ol" : "ul");
		if (blk->ordered && blk->start != 1)
			tr_xml_attrf(x, "start", "%d", blk->start);
		for (const tr_block *item = blk->child; item; item = item->next) {
			tr_xml_start(x, "li");
			blocks(b, x, item->child, blk->tight);
			tr_xml_end(x);
		}
		tr_xml_end(x);
		break;
	case TR_BLK_ITEM:
		blocks(b, x, blk->child, tight);
		break;
	case TR_BLK_CODE:
		tr_xml_start(x, "pre");
		tr_xml_element(x, "code", blk->text);
		tr_xml_end(x);
		break;
	case TR_BLK_OUTLINE:
		tr_xml_start(x, "div");
		tr_xml_attr(x, "class", "outline");
		if (*blk->outline->text) {
			tr_xml_start(x, "p");
			tr_xml_attr(x, "class", "outline-root");
			tr_xml_text(x, blk->outline->text);
			tr_xml_end(x);
		}
		if (blk->outline->child)
			outline_list(x, blk->outline->child);
		tr_xml_end(x);
		break;
	}
}

static void blocks(struct book *b, tr_xml *x, const tr_block *blk,
    bool tight)
{
	for (; blk; blk = blk->next) {
		/* a tight item's paragraphs stand bare, but a second block
		 * in the item needs its own box */
		bool bare = tight && blk->kind == TR_BLK_PARA && !blk->next;
		block_markers(b, x, blk);
		block(b, x, blk, bare);
		tr_xml_newline(x);
	}
}

/* ---- documents --------------------------------------------------------- */

static void xhtml_open(struct book *b, tr_xml *x, const char *title,
    const char *matter)
{
	const char *lang = b->doc->lang;
	tr_xml_begin(x, true);
	x->upright_digits = b->vertical;
	tr_xml_start(x, "html");
	tr_xml_attr(x, "xmlns", "http://www.w3.org/1999/xhtml");
	tr_xml_attr(x, "xmlns:epub", "http://www.idpf.org/2007/ops");
	tr_xml_attr(x, "xml:lang", lang);
	tr_xml_attr(x, "lang", lang);
	tr_xml_newline(x);
	tr_xml_start(x, "head");
	tr_xml_start(x, "meta");
	tr_xml_attr(x, "charset", "UTF-8");
	tr_xml_end_empty(x);
	tr_xml_element(x, "title", title);
	tr_xml_start(x, "link");
	tr_xml_attr(x, "rel", "stylesheet");
	tr_xml_attr(x, "type", "text/css");
	tr_xml_attr(x, "href", "../styles/epub.css");
	tr_xml_end_empty(x);
	tr_xml_end(x);
	tr_xml_newline(x);
	tr_xml_start(x, "body");
	if (matter)
		tr_xml_attr(x, "epub:type", matter);
	tr_xml_newline(x);
}

/* Ends a document; a failure of libxml2's (out of memory) fails the
 * book, never leaves an empty document in it. */
static void finish(struct book *b, tr_xml *x, tr_buf *out)
{
	if (tr_xml_finish(x, out) != 0)
		b->xml_failed = true;
}

static void xhtml_close(struct book *b, tr_xml *x, tr_buf *out)
{
	tr_xml_end(x); /* body */
	tr_xml_newline(x);
	tr_xml_end(x); /* html */
	finish(b, x, out);
}

static void write_cover_page(struct book *b, const tr_epub_page *p,
    tr_buf *out)
{
	tr_xml x;
	xhtml_open(b, &x, p->title, NULL);
	tr_xml_start(&x, "section");
	tr_xml_attr(&x, "epub:type", "cover");
	tr_xml_attr(&x, "class", "cover");
	tr_xml_attr(&x, "aria-label", b->words->cover);
	tr_xml_start(&x, "img");
	tr_buf src = { 0 };
	tr_buf_printf(&src, "../%s", b->cover_file);
	tr_xml_attr(&x, "src", tr_buf_cstr(&src));
	tr_buf_free(&src);
	tr_xml_attr(&x, "role", "doc-cover");
	tr_buf alt = { 0 };
	tr_buf_printf(&alt, "%s%s%s", b->words->cover, b->words->colon,
	    b->doc->title);
	tr_xml_attr(&x, "alt", tr_buf_cstr(&alt));
	tr_buf_free(&alt);
	tr_xml_end_empty(&x);
	tr_xml_end(&x);
	xhtml_close(b, &x, out);
}

static void meta_row(struct book *b, tr_xml *x, const char *key,
    const char *value, const char *url)
{
	tr_xml_start(x, "p");
	tr_xml_start(x, "span");
	tr_xml_attr(x, "class", "key");
	tr_xml_text(x, key);
	tr_xml_text(x, b->words->colon);
	tr_xml_end(x);
	if (url && tr_url_is_safe(url)) {
		tr_buf href = { 0 };
		tr_url_escape(url, &href);
		tr_xml_start(x, "a");
		tr_xml_attr(x, "href", tr_buf_cstr(&href));
		tr_xml_text(x, value);
		tr_xml_end(x);
		tr_buf_free(&href);
	} else {
		tr_xml_text(x, value);
	}
	tr_xml_end(x);
	tr_xml_newline(x);
}

static void write_title_page(struct book *b, const tr_epub_page *p,
    tr_buf *out)
{
	const tr_doc *d = b->doc;
	tr_xml x;
	xhtml_open(b, &x, p->title, "frontmatter");
	tr_xml_start(&x, "section");
	tr_xml_attr(&x, "epub:type", "titlepage");
	tr_xml_attr(&x, "class", "titlepage");
	tr_xml_attr(&x, "aria-labelledby", "title");
	tr_xml_newline(&x);
	section_markers(b, &x, TR_PAGE_TITLE);
	tr_xml_start(&x, "h1");
	tr_xml_attr(&x, "id", "title");
	if (d->title_inlines)
		inlines(&x, d->title_inlines);
	else
		tr_xml_text(&x, d->title);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	tr_xml_start(&x, "div");
	tr_xml_attr(&x, "class", "meta");
	tr_xml_newline(&x);
	tr_buf names = { 0 };
	tr_speaker_names(d, b->words->list_sep, 0, &names);
	if (names.len)
		meta_row(b, &x, b->words->speakers, tr_buf_cstr(&names), NULL);
	tr_buf_free(&names);
	if (d->channel)
		meta_row(b, &x, b->words->channel, d->channel, d->channel_url);
	if (d->date_text)
		meta_row(b, &x, b->words->date, d->date_text ? d->date_text : d->date,
		    NULL);
	if (d->source_url)
		meta_row(b, &x, b->words->source, d->source_title,
		    d->source_url);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	tr_xml_end(&x);
	xhtml_close(b, &x, out);
}

static void write_section(struct book *b, const tr_epub_page *p,
    tr_buf *out)
{
	const tr_section *s = p->sec;
	tr_xml x;
	xhtml_open(b, &x, p->title, p->matter);
	tr_xml_start(&x, "section");
	if (p->epub_type)
		tr_xml_attr(&x, "epub:type", p->epub_type);
	if (p->role)
		tr_xml_attr(&x, "role", p->role);
	tr_xml_attr(&x, "aria-labelledby", "h0");
	tr_xml_attr(&x, "class", tr_section_kind_name(s->kind));
	tr_xml_newline(&x);
	section_markers(b, &x, (int)(p - b->plan.pages) - b->plan.first_section_page);
	tr_xml_start(&x, "h1");
	tr_xml_attr(&x, "id", "h0");
	if (s->title)
		inlines(&x, s->title);
	else
		tr_xml_text(&x, p->title);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	if (s->time_text) {
		tr_xml_start(&x, "p");
		tr_xml_attr(&x, "class", "chapter-time");
		time_mark(b, &x, s->time, s->time_text);
		tr_xml_end(&x);
		tr_xml_newline(&x);
	}
	blocks(b, &x, s->blocks, false);
	tr_xml_end(&x);
	xhtml_close(b, &x, out);
}

/* ---- navigation -------------------------------------------------------- */

/* The file holding the marker of a PDF page. */
static const char *page_file(const struct book *b, int page)
{
	int sec = b->map->section[page];
	if (sec == TR_PAGE_TITLE)
		return "titlepage.xhtml";
	if (sec == TR_PAGE_CONTENTS)
		return "nav.xhtml";
	return b->plan.pages[b->plan.first_section_page + sec].file;
}

/* page-list: where each page of the PDF handout begins, so a reader of
 * the book can cite the handout's page numbers. */
static void write_page_list(struct book *b, tr_xml *x)
{
	tr_xml_start(x, "nav");
	tr_xml_attr(x, "epub:type", "page-list");
	tr_xml_attr(x, "role", "doc-pagelist");
	tr_xml_attr(x, "aria-labelledby", "pages-title");
	tr_xml_attr(x, "hidden", "hidden");
	tr_xml_newline(x);
	tr_xml_start(x, "h2");
	tr_xml_attr(x, "id", "pages-title");
	tr_xml_text(x, b->words->pages);
	tr_xml_end(x);
	tr_xml_start(x, "ol");
	for (int p = 1; p <= b->map->npages; p++) {
		char label[16];
		snprintf(label, sizeof label, "%d", p);
		tr_xml_start(x, "li");
		tr_xml_start(x, "a");
		tr_xml_attrf(x, "href", "%s#page-%d", page_file(b, p), p);
		tr_xml_text(x, label);
		tr_xml_end(x);
		tr_xml_end(x);
	}
	tr_xml_end(x);
	tr_xml_end(x);
	tr_xml_newline(x);
}

static void write_nav(struct book *b, const tr_epub_page *self, tr_buf *out)
{
	tr_xml x;
	xhtml_open(b, &x, self->title, "frontmatter");
	/* a nav holds a heading and its list first: the marker of the
	 * contents pages stands before it */
	section_markers(b, &x, TR_PAGE_CONTENTS);
	tr_xml_start(&x, "nav");
	tr_xml_attr(&x, "epub:type", "toc");
	tr_xml_attr(&x, "role", "doc-toc");
	tr_xml_attr(&x, "id", "toc");
	tr_xml_attr(&x, "aria-labelledby", "toc-title");
	tr_xml_newline(&x);
	tr_xml_start(&x, "h1");
	tr_xml_attr(&x, "id", "toc-title");
	tr_xml_text(&x, b->words->contents);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	tr_xml_start(&x, "ol");
	tr_xml_newline(&x);
	for (int i = 0; i < b->plan.npages; i++) {
		const tr_epub_page *p = &b->plan.pages[i];
		if (!p->in_toc)
			continue;
		tr_xml_start(&x, "li");
		tr_xml_start(&x, "a");
		tr_xml_attr(&x, "href", p->file);
		tr_xml_text(&x, p->title);
		tr_xml_end(&x);
		/* the section's headings, from the tree's one list */
		if (p->sec && p->sec->nheadings) {
			tr_xml_start(&x, "ol");
			for (int k = 0; k < p->sec->nheadings; k++) {
				const tr_heading *h =
				    &b->doc->headings[p->sec->first_heading + k];
				tr_xml_start(&x, "li");
				tr_xml_start(&x, "a");
				tr_xml_attrf(&x, "href", "%s#h%d", p->file, h->number);
				tr_xml_text(&x, h->text);
				tr_xml_end(&x);
				tr_xml_end(&x);
			}
			tr_xml_end(&x);
		}
		tr_xml_end(&x);
		tr_xml_newline(&x);
	}
	tr_xml_end(&x); /* ol */
	tr_xml_newline(&x);
	tr_xml_end(&x); /* nav */
	tr_xml_newline(&x);

	tr_xml_start(&x, "nav");
	tr_xml_attr(&x, "epub:type", "landmarks");
	tr_xml_attr(&x, "aria-labelledby", "landmarks-title");
	tr_xml_attr(&x, "hidden", "hidden");
	tr_xml_newline(&x);
	tr_xml_start(&x, "h2");
	tr_xml_attr(&x, "id", "landmarks-title");
	tr_xml_text(&x, b->words->landmarks);
	tr_xml_end(&x);
	tr_xml_start(&x, "ol");
	struct landmark {
		const char *type, *href, *label;
	} marks[4];
	int nm = 0;
	if (b->cover)
		marks[nm++] = (struct landmark){ "cover", "cover.xhtml",
			b->words->cover };
	marks[nm++] = (struct landmark){ "titlepage", "titlepage.xhtml",
		b->words->titlepage };
	marks[nm++] = (struct landmark){ "toc", "nav.xhtml#toc",
		b->words->contents };
	if (b->plan.first_body >= 0)
		marks[nm++] = (struct landmark){ "bodymatter",
			b->plan.pages[b->plan.first_body].file, b->words->start };
	for (int i = 0; i < nm; i++) {
		tr_xml_start(&x, "li");
		tr_xml_start(&x, "a");
		tr_xml_attr(&x, "epub:type", marks[i].type);
		tr_xml_attr(&x, "href", marks[i].href);
		tr_xml_text(&x, marks[i].label);
		tr_xml_end(&x);
		tr_xml_end(&x);
	}
	tr_xml_end(&x);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	if (b->map)
		write_page_list(b, &x);
	xhtml_close(b, &x, out);
}

/* toc.ncx for readers that predate EPUB 3: two levels at most. */
static void write_ncx(struct book *b, tr_buf *out)
{
	tr_xml x;
	tr_xml_begin(&x, false);
	tr_xml_start(&x, "ncx");
	tr_xml_attr(&x, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	tr_xml_attr(&x, "version", "2005-1");
	tr_xml_attr(&x, "xml:lang", b->doc->lang);
	tr_xml_start(&x, "head");
	struct {
		const char *name, *content;
	} metas[] = { { "dtb:uid", b->uuid }, { "dtb:depth", "2" },
		{ "dtb:totalPageCount", "0" }, { "dtb:maxPageNumber", "0" } };
	char uid[64], pages[16];
	snprintf(uid, sizeof uid, "urn:uuid:%s", b->uuid);
	metas[0].content = uid;
	if (b->map) {
		snprintf(pages, sizeof pages, "%d", b->map->npages);
		metas[2].content = metas[3].content = pages;
	}
	for (size_t i = 0; i < 4; i++) {
		tr_xml_start(&x, "meta");
		tr_xml_attr(&x, "name", metas[i].name);
		tr_xml_attr(&x, "content", metas[i].content);
		tr_xml_end_empty(&x);
	}
	tr_xml_end(&x);
	tr_xml_start(&x, "docTitle");
	tr_xml_element(&x, "text", b->doc->title);
	tr_xml_end(&x);
	tr_xml_start(&x, "navMap");
	int order = 0;
	for (int i = 0; i < b->plan.npages; i++) {
		const tr_epub_page *p = &b->plan.pages[i];
		if (!p->in_toc)
			continue;
		tr_xml_start(&x, "navPoint");
		tr_xml_attrf(&x, "id", "np%d", ++order);
		tr_xml_attrf(&x, "playOrder", "%d", order);
		tr_xml_start(&x, "navLabel");
		tr_xml_element(&x, "text", p->title);
		tr_xml_end(&x);
		tr_xml_start(&x, "content");
		tr_xml_attrf(&x, "src", "text/%s", p->file);
		tr_xml_end_empty(&x);
		for (int k = 0; p->sec && k < p->sec->nheadings; k++) {
			const tr_heading *h =
			    &b->doc->headings[p->sec->first_heading + k];
			tr_xml_start(&x, "navPoint");
			tr_xml_attrf(&x, "id", "np%d", ++order);
			tr_xml_attrf(&x, "playOrder", "%d", order);
			tr_xml_start(&x, "navLabel");
			tr_xml_element(&x, "text", h->text);
			tr_xml_end(&x);
			tr_xml_start(&x, "content");
			tr_xml_attrf(&x, "src", "text/%s#h%d", p->file, h->number);
			tr_xml_end_empty(&x);
			tr_xml_end(&x);
		}
		tr_xml_end(&x);
	}
	tr_xml_end(&x);
	if (b->map) {
		/* the page-list again, for readers of the NCX */
		tr_xml_start(&x, "pageList");
		tr_xml_start(&x, "navLabel");
		tr_xml_element(&x, "text", b->words->pages);
		tr_xml_end(&x);
		for (int p = 1; p <= b->map->npages; p++) {
			char label[16];
			snprintf(label, sizeof label, "%d", p);
			tr_xml_start(&x, "pageTarget");
			tr_xml_attrf(&x, "id", "pt%d", p);
			tr_xml_attr(&x, "type", "normal");
			tr_xml_attr(&x, "value", label);
			tr_xml_attrf(&x, "playOrder", "%d", ++order);
			tr_xml_start(&x, "navLabel");
			tr_xml_element(&x, "text", label);
			tr_xml_end(&x);
			tr_xml_start(&x, "content");
			tr_xml_attrf(&x, "src", "text/%s#page-%d", page_file(b, p),
			    p);
			tr_xml_end_empty(&x);
			tr_xml_end(&x);
		}
		tr_xml_end(&x);
	}
	tr_xml_end(&x);
	finish(b, &x, out);
}

/* ---- package ----------------------------------------------------------- */

/* A panel of thousands names its first speakers as the book's creators:
 * readers list no more, and EPUBCheck takes minutes over each refines
 * of 20,000. */
#define MAX_CREATORS 100

static void meta_prop(tr_xml *x, const char *property, const char *value)
{
	tr_xml_newline(x);
	tr_xml_start(x, "meta");
	tr_xml_attr(x, "property", property);
	tr_xml_text(x, value);
	tr_xml_end(x);
}

static void item(tr_xml *x, const char *id, const char *href,
    const char *type, const char *props)
{
	tr_xml_newline(x);
	tr_xml_start(x, "item");
	tr_xml_attr(x, "id", id);
	tr_xml_attr(x, "href", href);
	tr_xml_attr(x, "media-type", type);
	if (props)
		tr_xml_attr(x, "properties", props);
	tr_xml_end_empty(x);
}

static void dc(tr_xml *x, const char *name, const char *id,
    const char *value)
{
	tr_xml_newline(x);
	tr_xml_start(x, name);
	if (id)
		tr_xml_attr(x, "id", id);
	tr_xml_text(x, value);
	tr_xml_end(x);
}

static void write_opf(struct book *b, tr_buf *out)
{
	const tr_doc *d = b->doc;
	tr_xml x;
	tr_buf v = { 0 };
	tr_xml_begin(&x, false);
	tr_xml_start(&x, "package");
	tr_xml_attr(&x, "xmlns", "http://www.idpf.org/2007/opf");
	tr_xml_attr(&x, "version", "3.0");
	tr_xml_attr(&x, "unique-identifier", "uid");
	tr_xml_attr(&x, "xml:lang", d->lang);
	tr_xml_newline(&x);
	tr_xml_start(&x, "metadata");
	tr_xml_attr(&x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	tr_buf_printf(&v, "urn:uuid:%s", b->uuid);
	dc(&x, "dc:identifier", "uid", tr_buf_cstr(&v));
	dc(&x, "dc:title", NULL, d->title);
	dc(&x, "dc:language", NULL, d->lang);
	if (d->date)
		dc(&x, "dc:date", NULL, d->date);
	if (d->source_url)
		dc(&x, "dc:source", NULL, d->source_url);
	if (b->map && b->map->source) {
		/* the page-list follows the PDF written beside the book */
		dc(&x, "dc:source", "pagination", b->map->source);
		tr_xml_newline(&x);
		tr_xml_start(&x, "meta");
		tr_xml_attr(&x, "refines", "#pagination");
		tr_xml_attr(&x, "property", "source-of");
		tr_xml_text(&x, "pagination");
		tr_xml_end(&x);
	}
	if (d->channel)
		dc(&x, "dc:publisher", NULL, d->channel);
	for (int i = 0; i < d->nsubjects; i++)
		dc(&x, "dc:subject", NULL, d->subjects[i]);
	if (d->description)
		dc(&x, "dc:description", NULL, d->description);
	/* speakers: authors, and interviewer and interviewee where the
	 * metadata or the channel tells (calibre and Kindle list as
	 * authors only creators with the role aut); a part's word such as
	 * 主持人 is no person and not listed */
	for (int i = 0, listed = 0; i < d->nspeakers &&
	    listed < MAX_CREATORS; i++) {
		const tr_speaker *sp = &d->speakers[i];
		if (tr_name_is_role(sp->name))
			continue;
		listed++;
		char id[16];
		snprintf(id, sizeof id, "sp%d", i + 1);
		dc(&x, "dc:creator", id, sp->name);
		const char *roles[2] = { "aut", !sp->role ? NULL :
		    strcmp(sp->role, "host") == 0 ? "ivr" : "ive" };
		for (int r = 0; r < 2 && roles[r]; r++) {
			tr_xml_newline(&x);
			tr_xml_start(&x, "meta");
			tr_buf_clear(&v);
			tr_buf_printf(&v, "#%s", id);
			tr_xml_attr(&x, "refines", tr_buf_cstr(&v));
			tr_xml_attr(&x, "property", "role");
			tr_xml_attr(&x, "scheme", "marc:relators");
			tr_xml_text(&x, roles[r]);
			tr_xml_end(&x);
		}
	}
	meta_prop(&x, "dcterms:modified", b->modified);
	meta_prop(&x, "dcterms:conformsTo",
	    "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
	meta_prop(&x, "schema:accessMode", "textual");
	if (b->cover)
		meta_prop(&x, "schema:accessMode", "visual");
	meta_prop(&x, "schema:accessModeSufficient", "textual");
	meta_prop(&x, "schema:accessibilityFeature", "structuralNavigation");
	meta_prop(&x, "schema:accessibilityFeature", "tableOfContents");
	meta_prop(&x, "schema:accessibilityFeature", "readingOrder");
	if (b->cover)
		meta_prop(&x, "schema:accessibilityFeature", "alternativeText");
	if (b->map)
		meta_prop(&x, "schema:accessibilityFeature", "printPageNumbers");
	meta_prop(&x, "schema:accessibilityHazard", "none");
	tr_buf_clear(&v);
	tr_buf_puts(&v, b->words->a11y_summary);
	if (b->cover)
		tr_buf_puts(&v, b->words->a11y_cover);
	meta_prop(&x, "schema:accessibilitySummary", tr_buf_cstr(&v));
	if (b->vertical) {
		/* Kindle's word for a vertical book */
		tr_xml_newline(&x);
		tr_xml_start(&x, "meta");
		tr_xml_attr(&x, "name", "primary-writing-mode");
		tr_xml_attr(&x, "content", "vertical-rl");
		tr_xml_end_empty(&x);
	}
	if (b->cover) {
		/* for Kindle and other EPUB 2 readers */
		tr_xml_newline(&x);
		tr_xml_start(&x, "meta");
		tr_xml_attr(&x, "name", "cover");
		tr_xml_attr(&x, "content", "cover-image");
		tr_xml_end_empty(&x);
	}
	tr_xml_newline(&x);
	tr_xml_end(&x); /* metadata */
	tr_xml_newline(&x);

	tr_xml_start(&x, "manifest");
	item(&x, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL);
	item(&x, "css", "styles/epub.css", "text/css", NULL);
	if (b->cover)
		item(&x, "cover-image", b->cover_file, b->cover_type,
		    "cover-image");
	for (int i = 0; i < b->nfonts; i++) {
		char id[16], href[48];
		snprintf(id, sizeof id, "font%d", i + 1);
		snprintf(href, sizeof href, "fonts/%s", b->fonts[i].file);
		item(&x, id, href, "font/otf", NULL);
	}
	for (int i = 0; i < b->plan.npages; i++) {
		char href[48];
		snprintf(href, sizeof href, "text/%s", b->plan.pages[i].file);
		item(&x, b->plan.pages[i].id, href, "application/xhtml+xml",
		    i == b->plan.nav_page ? "nav" : NULL);
	}
	tr_xml_newline(&x);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	tr_xml_start(&x, "spine");
	tr_xml_attr(&x, "toc", "ncx");
	if (b->vertical) /* pages turn to the left */
		tr_xml_attr(&x, "page-progression-direction", "rtl");
	for (int i = 0; i < b->plan.npages; i++) {
		tr_xml_newline(&x);
		tr_xml_start(&x, "itemref");
		tr_xml_attr(&x, "idref", b->plan.pages[i].id);
		tr_xml_end_empty(&x);
	}
	tr_xml_newline(&x);
	tr_xml_end(&x);
	tr_xml_newline(&x);
	tr_xml_end(&x);
	finish(b, &x, out);
	tr_buf_free(&v);
}

static const char container_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

/* ---- packing ----------------------------------------------------------- */

static void dos_time(long long epoch, zip_uint16_t *t, zip_uint16_t *dd)
{
	time_t tt = (time_t)(epoch < 315532800 ? 315532800 : epoch);
	struct tm tm;
	gmtime_r(&tt, &tm);
	if (tm.tm_year > 207) /* DOS dates end in 2107 */
		tm.tm_year = 207;
	*t = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec / 2));
	*dd = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) |
	    tm.tm_mday);
}

static int pack(struct book *b, long long epoch, tr_buf *out, char *err,
    size_t errlen)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		snprintf(err, errlen, "zip: %s", zip_error_strerror(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_source_keep(src);
	zip_uint16_t t, dd;
	dos_time(epoch, &t, &dd);
	for (int i = 0; i < b->nentries; i++) {
		struct entry *e = &b->entries[i];
		zip_source_t *s = zip_source_buffer(za, tr_buf_cstr(&e->data),
		    e->data.len, 0);
		zip_int64_t idx = s ? zip_file_add(za, e->name, s, 0) : -1;
		if (idx < 0) {
			if (s)
				zip_source_free(s);
			snprintf(err, errlen, "zip: %s", zip_strerror(za));
			zip_discard(za);
			zip_source_free(src);
			return -1;
		}
		/* zlib's usual effort: libzip's default, the best, took a
		 * third longer for 61 bytes less on the reference */
		zip_set_file_compression(za, (zip_uint64_t)idx, e->store ?
		    ZIP_CM_STORE : ZIP_CM_DEFLATE, 6);
		zip_file_set_dostime(za, (zip_uint64_t)idx, t, dd, 0);
	}
	if (zip_close(za) != 0) {
		snprintf(err, errlen, "zip: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
		snprintf(err, errlen, "zip: cannot read the archive back");
		zip_source_free(src);
		return -1;
	}
	tr_buf_grow(out, (size_t)st.size);
	zip_int64_t n = zip_source_read(src, out->data + out->len, st.size);
	if (n > 0) {
		out->len += (size_t)n;
		out->data[out->len] = '\0';
	}
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	if (n != (zip_int64_t)st.size) {
		snprintf(err, errlen, "zip: the archive read back short (%lld of "
		    "%llu bytes)", (long long)n, (unsigned long long)st.size);
		return -1;
	}
	return 0;
}

/* A cover given by the user: a PNG or JPEG whose header decodes, of a
 * sensible size; sets the media type and the file suffix. */
static int read_cover(const char *path, tr_buf *img, const char **type,
    const char **suffix, char *err, size_t errlen)
{
	if (tr_read_file_max(path, TR_MAX_COVER_BYTES, img) != 0) {
		if (errno == EFBIG)
			snprintf(err, errlen, "the cover %s is larger than %u MB",
			    path, TR_MAX_COVER_BYTES >> 20);
		else
			snprintf(err, errlen, "cannot read the cover %s: %s", path,
			    strerror(errno));
		return -1;
	}
	tr_image_info info;
	char why[128];
	if (tr_image_check((const unsigned char *)tr_buf_cstr(img), img->len,
	    &info, why, sizeof why) != 0) {
		snprintf(err, errlen, "the cover %s cannot be used: %s", path, why);
		return -1;
	}
	*type = info.type;
	*suffix = info.suffix;
	return 0;
}

int tr_epub_render(const tr_doc *doc, const tr_options *opt,
    const tr_page_map *map, FILE *out, char *err, size_t errlen)
{
	struct book b = { .doc = doc, .opt = opt,
		.words = tr_words_for(doc->lang),
		.vertical = tr_doc_vertical(doc, opt) };
	int rc = -1;
	long long epoch = tr_doc_epoch(doc, opt);
	time_t tt = (time_t)epoch;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(b.modified, sizeof b.modified, "%Y-%m-%dT%H:%M:%SZ", &tm);
	make_uuid(&b);

	add_entry(&b, "mimetype", true)->data = (tr_buf){ 0 };
	tr_buf_puts(&b.entries[0].data, "application/epub+zip");
	tr_buf_puts(&add_entry(&b, "META-INF/container.xml", false)->data,
	    container_xml);

	/* the cover first: its absence changes the plan */
	tr_buf cover = { 0 };
	b.cover_type = "image/png";
	b.cover_file = "images/cover.png";
	if (!opt->no_cover) {
		if (opt->cover) {
			const char *suffix;
			if (read_cover(opt->cover, &cover, &b.cover_type,
			    &suffix, err, errlen) != 0)
				goto done;
			if (strcmp(suffix, "jpg") == 0)
				b.cover_file = "images/cover.jpg";
		} else {
			const tr_gfx *gfx = tr_gfx_load(err, errlen);
			if (!gfx || gfx->cover_draw(doc, &cover, err, errlen) != 0)
				goto done;
		}
		b.cover = true;
	}
	tr_epub_plan_make(doc, b.words, b.cover, &b.plan);
	if (map && map->npages > 0) {
		b.map = map;
		b.marks = tr_xcalloc((size_t)map->npages, sizeof(struct page_mark));
		for (int p = 1; p <= map->npages; p++)
			if (map->block[p])
				b.marks[b.nmarks++] = (struct page_mark){
					map->block[p], p };
		qsort(b.marks, (size_t)b.nmarks, sizeof(struct page_mark),
		    compare_marks);
	}

	/* entries move as more are added: hold the stylesheet's by index */
	add_entry(&b, "EPUB/styles/epub.css", false);
	int css = b.nentries - 1;
	if (opt->embed_fonts) {
		/* Apple Books sets its own faces unless told the book's */
		tr_buf_puts(&add_entry(&b,
		    "META-INF/com.apple.ibooks.display-options.xml", false)->data,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<display_options>\n"
		    "<platform name=\"*\">\n"
		    "<option name=\"specified-fonts\">true</option>\n"
		    "</platform>\n"
		    "</display_options>\n");
		const tr_gfx *gfx = tr_gfx_load(err, errlen);
		if (!gfx || gfx->font_subsets(doc, b.fonts, &b.nfonts, err,
		    errlen) != 0)
			goto done;
		for (int i = 0; i < b.nfonts; i++) {
			tr_font_subset *f = &b.fonts[i];
			char name[64];
			snprintf(name, sizeof name, "EPUB/fonts/%s", f->file);
			/* CFF outlines deflate by a third */
			add_entry(&b, name, false)->data = f->data;
			f->data = (tr_buf){ 0 };
			tr_buf_printf(&b.entries[css].data, "@font-face {\n"
			    "  font-family: \"%s\";\n"
			    "  font-weight: %s;\n"
			    "  src: url(../fonts/%s) format(\"opentype\");\n"
			    "}\n", f->family, f->weight >= 700 ? "bold" :
			    "normal", f->file);
		}
	}
	/* the faces of the book's language, then the rest; or the user's
	 * stylesheet alone */
	tr_buf *sheet = &b.entries[css].data;
	const char *sheets[4] = { faces_sheet(doc->lang), "styles/epub.css",
		NULL, NULL };
	if (opt->style)
		sheets[0] = opt->style, sheets[1] = NULL;
	/* a vertical book: what epub.css sets on the left is set again at
	 * the line's start, and columns run right to left */
	if (b.vertical)
		sheets[opt->style ? 1 : 2] = "styles/vertical.css";
	for (int i = 0; sheets[i]; i++) {
		const char *name = sheets[i];
		bool own = opt->style && i == 0;
		if ((own ? tr_read_file_max(name, TR_MAX_STYLE_BYTES,
		    sheet) : tr_data_read(name, sheet)) != 0) {
			if (errno == EFBIG)
				snprintf(err, errlen, "the stylesheet %s is larger "
				    "than %u MB", name, TR_MAX_STYLE_BYTES >> 20);
			else
				snprintf(err, errlen, "cannot read the stylesheet "
				    "%s: %s", name, strerror(errno));
			goto done;
		}
	}
	if (b.cover) {
		char name[64];
		snprintf(name, sizeof name, "EPUB/%s", b.cover_file);
		struct entry *img = add_entry(&b, name, true);
		img->data = cover;
		cover = (tr_buf){ 0 };
	}
	for (int i = 0; i < b.plan.npages; i++) {
		const tr_epub_page *p = &b.plan.pages[i];
		char name[64];
		snprintf(name, sizeof name, "EPUB/text/%s", p->file);
		tr_buf *data = &add_entry(&b, name, false)->data;
		if (p->sec)
			write_section(&b, p, data);
		else if (i == b.plan.nav_page)
			write_nav(&b, p, data);
		else if (strcmp(p->id, "cover") == 0)
			write_cover_page(&b, p, data);
		else
			write_title_page(&b, p, data);
	}
	write_ncx(&b, &add_entry(&b, "EPUB/toc.ncx", false)->data);
	write_opf(&b, &add_entry(&b, "EPUB/package.opf", false)->data);
	if (b.xml_failed) {
		snprintf(err, errlen, "libxml2 could not write a document of the "
		    "book (out of memory)");
		goto done;
	}

	tr_buf zip = { 0 };
	if (pack(&b, epoch, &zip, err, errlen) == 0) {
		rc = tr_output_write(out, tr_buf_cstr(&zip), zip.len, err,
		    errlen);
	}
	tr_buf_free(&zip);
done:
	tr_buf_free(&cover);
	for (int i = 0; i < b.nentries; i++)
		tr_buf_free(&b.entries[i].data);
	free(b.entries);
	tr_epub_plan_free(&b.plan);
	free(b.marks);
	for (int i = 0; i < b.nfonts; i++)
		tr_buf_free(&b.fonts[i].data);
	return rc;
}
