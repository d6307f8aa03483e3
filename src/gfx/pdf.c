/* The PDF handout: every paragraph is set once into lines (pdf_layout.c)
 * and becomes a list of boxes; the boxes are paginated once (keeping
 * headings with what follows, no widows or orphans), so the table of
 * contents knows every page number; then every page is drawn. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>

#include "backend.h"
#include "langtag.h"
#include "output.h"
#include "url.h"
#include "fonts.h"
#include "pdf.h"
#include "pdf_lang.h"
#include "pdf_layout.h"


/* ---- page geometry ---------------------------------------------------- */

struct geometry {
	double w, h;            /* page, points */
	double left, top;       /* text block origin */
	double measure, height; /* text block */
	double size, leading;   /* body text */
};

/* A vertical book is laid out as a page turned a quarter clockwise:
 * its lines, across that page, are the columns, and the next line is
 * the next column to the left.  w and h are then the page's height and
 * width. */
static struct geometry geometry_for(tr_paper paper, bool vertical)
{
	struct geometry g;
	double size = paper == TR_PAPER_A5 ? 9.5 : 10.5;
	if (paper == TR_PAPER_A5)
		g.w = 419.53, g.h = 595.28;
	else if (paper == TR_PAPER_LETTER)
		g.w = 612, g.h = 792;
	else
		g.w = 595.28, g.h = 841.89;
	if (vertical) {
		double w = g.w;
		g.w = g.h, g.h = w;
	}
	/* a whole number of characters to the line: the Han grid */
	int chars = (int)floor((g.w * 0.76) / size);
	g.measure = chars * size;
	g.left = (g.w - g.measure) / 2;
	g.top = g.h * 0.09;
	g.height = g.h * 0.80;
	g.size = size;
	g.leading = round(size * 1.8 * 2) / 2;
	return g;
}

/* ---- boxes ------------------------------------------------------------- */

enum box_kind {
	BOX_LINE,       /* a line of a paragraph */
	BOX_PAGE        /* start a new page */
};

/* One line to place on a page.  A million-paragraph transcript makes a
 * million of these, so they are kept small: floats for distances (a
 * page is under 1,000 points) and the vertical space before a line held
 * in the line itself rather than in boxes of its own. */
struct box {
	pl_para *para;
	const tr_block *src;    /* the block it sets (for the page map) */
	pl_para *marker;        /* list marker beside the first line */
	float height;
	float space;            /* above it, dropped at a page top */
	float x;                /* block indent from the text block */
	float marker_x;
	float y;                /* where pagination put it */
	int line;
	int nav;                /* a toc entry starts here: its index + 1 */
	int in_section;         /* the section it belongs to */
	int page;
	unsigned guides;        /* outline levels whose rule continues */
	float rule_x;           /* a block quote's rule, or 0 */
	unsigned char kind;
	bool rule_joins;        /* the rule runs up to the line above */
	unsigned char list;     /* depth of the lists it is in, or 0 */
	bool item_start;        /* the first line of a list item */
	unsigned char level;    /* heading level of its paragraph, or 0 */
	unsigned char depth;    /* outline depth, drawn with rules */
	bool keep;              /* stay on the page of the next box */
	bool last_child, node_start;
};

struct nav_entry {
	char *title;
	int section;            /* index into the section list */
	int level;              /* 1 section, 2 sub-heading */
	int box;                /* the first box */
	int toc_page;           /* level 1: its page of the contents, from 0 */
	char dest[16];
};

struct doc_pdf {
	const tr_doc *doc;
	bool vertical;          /* columns, right to left (--vertical) */
	const tr_options *opt;
	const tr_words *words;
	struct geometry g;
	pl_context *pl;
	struct box *boxes;
	int nboxes, cap;
	struct para_chunk *paras; /* owned, freed at the end */
	int nparas;
	bool dropping;          /* glyphs let go once measured */
	struct nav_entry *nav;
	int nnav;
	char **section_titles;
	int nsections;
	int npages;
	int first_content_page; /* 1-based */
	int toc_pages;
	int current_section;    /* while boxes are added */
	double pending_space;   /* for the next line box */
	int quote_depth, list_depth;
	bool tight;             /* inside a tight list: no space between
	                         * an item's blocks */
	const tr_block *current_block;
	pl_para *head_title;    /* running heads, laid out once */
	pl_para **head_sections;
};

static struct box *add_box(struct doc_pdf *d, enum box_kind kind, double h)
{
	if (d->nboxes == d->cap) {
		/* grows by half: less slack than doubling on huge inputs */
		d->cap = d->cap ? d->cap + d->cap / 2 : 256;
		d->boxes = tr_xrealloc(d->boxes, sizeof(struct box) * (size_t)d->cap);
	}
	struct box *b = &d->boxes[d->nboxes++];
	memset(b, 0, sizeof(*b));
	b->kind = (unsigned char)kind;
	b->height = (float)h;
	b->space = kind == BOX_LINE ? (float)d->pending_space : 0;
	d->pending_space = 0;
	b->in_section = d->current_section;
	b->src = d->current_block;
	return b;
}

/* Paragraphs live in chunks: one allocation for many. */
#define PARA_CHUNK 1024
struct para_chunk {
	struct para_chunk *next;
	int used;
	pl_para para[PARA_CHUNK];
};

static pl_para *own(struct doc_pdf *d)
{
	if (!d->paras || d->paras->used == PARA_CHUNK) {
		struct para_chunk *c = tr_xmalloc(sizeof(*c));
		c->next = d->paras;
		c->used = 0;
		d->paras = c;
	}
	d->nparas++;
	pl_para *p = &d->paras->para[d->paras->used++];
	memset(p, 0, sizeof(*p));
	return p;
}

static void free_paras(struct doc_pdf *d)
{
	while (d->paras) {
		struct para_chunk *c = d->paras;
		d->paras = c->next;
		for (int i = 0; i < c->used; i++)
			pl_para_free(&c->para[i]);
		free(c);
	}
}

/* Past this many paragraphs the book keeps only their measures and sets
 * each again when its page is drawn: shaping twice costs time, keeping
 * every glyph of a huge book costs more memory than its limits allow. */
#define KEEP_GLYPHS_UP_TO 20000

/* Vertical space before the next line. */
static void space(struct doc_pdf *d, double h)
{
	d->pending_space += h;
}

/* Sets a built paragraph and adds its lines as boxes, with the widow and
 * orphan rule: the first two lines and the last two stay together. */
static int add_para(struct doc_pdf *d, pl_builder *b, const pl_style *st,
    double x, bool keep_with_next)
{
	pl_para *p = own(d);
	pl_layout(d->pl, b, st, p);
	if (!d->dropping && d->nparas > KEEP_GLYPHS_UP_TO) {
		d->dropping = true;
		for (int i = 0; i < d->nboxes; i++)
			if (d->boxes[i].para)
				pl_para_drop(d->boxes[i].para);
	}
	if (d->dropping)
		pl_para_drop(p);
	int first = d->nboxes;
	for (int i = 0; i < p->nlines; i++) {
		struct box *bx = add_box(d, BOX_LINE, p->leading);
		bx->para = p;
		bx->line = i;
		bx->x = (float)x;
		if (i == 0 || i == p->nlines - 2)
			bx->keep = i + 1 < p->nlines;
	}
	if (keep_with_next && d->nboxes > first)
		d->boxes[d->nboxes - 1].keep = true;
	return first;
}

static pl_style body_style(const struct doc_pdf *d, double indent_block)
{
	/* quotes a size smaller, on the same leading */
	double size = d->quote_depth ? round(d->g.size * 0.92 * 2) / 2 :
	    d->g.size;
	pl_style st = { size, d->g.leading, d->g.measure - indent_block,
		0, 0, true, d->doc->lang };
	return st;
}

/* A paragraph in another language than the document's is set as that
 * language: an English paragraph in a Chinese book is hyphenated. */
static void para_lang(const struct doc_pdf *d, pl_style *st,
    const tr_inline *in)
{
	const char *lang = tr_paragraph_lang(in, d->doc->lang);
	if (lang)
		st->lang = lang;
}

/* ---- inline content --------------------------------------------------- */

static void add_inlines(pl_builder *b, const tr_inline *in, pl_face face,
    const char *url, const char *lang)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
			pl_add(b, in->text, face, url);
			break;
		case TR_INL_CODE:
			pl_add(b, in->text, PL_MONO, url);
			break;
		case TR_INL_EMPH:
			/* clreq: dots under Han, italic for Latin */
			add_inlines(b, in->child, face == PL_MONO ? face :
			    face == PL_SERIF ? PL_EMPH : face, url, lang);
			break;
		case TR_INL_STRONG:
			/* bold: a bold sans (黑体) in Chinese, as Chinese books
			 * set it, the text's own serif bold in Latin */
			add_inlines(b, in->child, face == PL_MONO ? face :
			    tr_faces_for(lang)->latin_first ? PL_SERIF_BOLD :
			    PL_SANS_BOLD, url, lang);
			break;
		case TR_INL_LINK:
		case TR_INL_IMAGE: {
			/* the core's URL policy: javascript:, file: and the
			 * like stay text */
			tr_buf href = { 0 };
			if (tr_url_is_safe(in->url))
				tr_url_escape(in->url, &href);
			const char *target = href.len ? href.data : NULL;
			if (in->child)
				add_inlines(b, in->child, face, target, lang);
			else
				pl_add(b, in->url, face, target);
			tr_buf_free(&href);
			break;
		}
		case TR_INL_BREAK:
			pl_add(b, "\n", face, NULL);
			break;
		case TR_INL_RUBY:
			pl_add_ruby(b, in->text, face, url, in->ruby->text);
			break;
		}
	}
}

/* ---- blocks ------------------------------------------------------------- */

static void add_blocks(struct doc_pdf *d, const tr_block *blk, double x,
    bool first_indent, int section);

static void add_outline(struct doc_pdf *d, const tr_outline *node,
    double x, int depth, unsigned guides)
{
	double step = d->g.size * 1.5;
	for (; node; node = node->next) {
		bool last = node->next == NULL;
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, node->text, PL_SERIF, NULL);
		double indent = x + step * depth;
		pl_style st = body_style(d, indent);
		st.justify = false;
		int first = add_para(d, &b, &st, indent, false);
		for (int i = first; i < d->nboxes; i++) {
			d->boxes[i].depth = (unsigned char)depth;
			d->boxes[i].guides = guides;
			d->boxes[i].last_child = last;
			d->boxes[i].node_start = i == first;
		}
		/* this level's rule runs on beside the children of a node
		 * that has more siblings below */
		unsigned next = guides;
		if (!last && depth > 0 && depth < 32)
			next |= 1u << (depth - 1);
		if (node->child && depth < 31)
			add_outline(d, node->child, x, depth + 1, next);
	}
}

static void add_list(struct doc_pdf *d, const tr_block *list, double x,
    int section)
{
	int number = list->start;
	double hang = d->g.size * 1.6;
	for (const tr_block *item = list->child; item; item = item->next) {
		char mark[32];
		/* bullets by depth: • ◦ – */
		static const char *const bullets[] = { "•", "◦", "–" };
		if (list->ordered)
			snprintf(mark, sizeof mark, "%d.", number++);
		else
			snprintf(mark, sizeof mark, "%s",
			    bullets[d->list_depth % 3]);
		int first = d->nboxes;
		bool was_tight = d->tight;
		d->tight = list->tight;
		d->list_depth++;
		if (item->child)
			add_blocks(d, item->child, x + hang, false,
			    section);
		d->list_depth--;
		d->tight = was_tight;
		pl_builder mb;
		pl_builder_init(&mb);
		pl_add(&mb, mark, PL_SERIF, NULL);
		pl_style st = body_style(d, 0);
		st.justify = false;
		pl_para *m = own(d);
		pl_layout(d->pl, &mb, &st, m);
		for (int i = first; i < d->nboxes; i++)
			if (!d->boxes[i].list)
				d->boxes[i].list = (unsigned char)(d->list_depth + 1 >
				    255 ? 255 : d->list_depth + 1);
		if (first < d->nboxes) {
			d->boxes[first].item_start = true;
			d->boxes[first].marker = m;
			d->boxes[first].marker_x = (float)x;
		} else if (m->nlines) {
			/* an empty item: its marker is its line */
			struct box *bx = add_box(d, BOX_LINE, m->leading);
			bx->para = m;
			bx->x = (float)x;
			bx->list = (unsigned char)(d->list_depth + 1 > 255 ? 255 :
			    d->list_depth + 1);
			bx->item_start = true;
		}
		if (!list->tight && item->next)
			space(d, d->g.leading * 0.3);
	}
}

/* A time of the recording, a link to that moment when the source is. */
static void add_time(struct doc_pdf *d, pl_builder *b, double seconds,
    const char *text)
{
	const char *src = d->doc->source_url;
	tr_buf at = { 0 }, href = { 0 };
	if (src && tr_url_is_safe(src)) {
		tr_url_at_time(src, seconds, &at);
		tr_url_escape(tr_buf_cstr(&at), &href);
	}
	pl_add_quiet(b, text, href.len ? href.data : NULL);
	tr_buf_free(&at);
	tr_buf_free(&href);
}

/* Returns the index of the heading's first line box. */
static int add_heading(struct doc_pdf *d, const tr_inline *title,
    const char *fallback, double size, int number, int section)
{
	pl_builder b;
	pl_builder_init(&b);
	if (title)
		add_inlines(&b, title, PL_SANS_BOLD, NULL, d->doc->lang);
	else
		pl_add(&b, fallback, PL_SANS_BOLD, NULL);
	pl_style st = { size, round(size * 1.5), d->g.measure, 0, 0, false,
		d->doc->lang };
	space(d, d->g.leading * (number ? 0.6 : 1.2));
	int first = add_para(d, &b, &st, 0, true);
	for (int i = first; i < d->nboxes; i++)
		d->boxes[i].level = number ? 2 : 1;
	if (number && first < d->nboxes) {
		d->boxes[first].nav = d->nnav + 1;
		tr_buf t = { 0 };
		tr_inline_plain(title, &t);
		d->nav = tr_xgrow(d->nav, (size_t)d->nnav, sizeof(struct nav_entry));
		struct nav_entry *e = &d->nav[d->nnav++];
		e->title = t.data ? t.data : tr_xstrdup("");
		e->section = section;
		e->level = 2;
		e->box = first;
		snprintf(e->dest, sizeof e->dest, "s%dh%d", section + 1,
		    number);
	}
	space(d, d->g.leading * 0.3);
	return first;
}

static void add_block(struct doc_pdf *d, const tr_block *blk, double x,
    bool indent, int section)
{
	double em = d->g.size;
	switch (blk->kind) {
	case TR_BLK_PARA: {
		pl_builder b;
		pl_builder_init(&b);
		add_inlines(&b, blk->inlines, PL_SERIF, NULL, d->doc->lang);
		pl_style st = body_style(d, x);
		para_lang(d, &st, blk->inlines);
		st.indent = indent ? 2 * em : 0;
		add_para(d, &b, &st, x, false);
		break;
	}
	case TR_BLK_HEADING:
		add_heading(d, blk->inlines, "", d->g.size * 1.15, blk->number,
		    section);
		break;
	case TR_BLK_TURN: {
		const tr_speaker *sp = &d->doc->speakers[blk->speaker];
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, sp->name, PL_SANS_BOLD, NULL);
		pl_add(&b, d->words->colon, PL_SANS_BOLD, NULL);
		if (blk->time_text) {
			add_time(d, &b, blk->time, blk->time_text);
			pl_add(&b, " ", PL_SERIF, NULL);
		}
		/* the name never ends a line (nor so a page) alone */
		b.glue_end = b.text.len;
		const tr_block *c = blk->child;
		if (c && c->kind == TR_BLK_PARA) {
			add_inlines(&b, c->inlines, PL_SERIF, NULL, d->doc->lang);
			c = c->next;
		}
		pl_style st = body_style(d, x);
		if (blk->child && blk->child->kind == TR_BLK_PARA)
			para_lang(d, &st, blk->child->inlines);
		add_para(d, &b, &st, x, c != NULL && c->kind != TR_BLK_PARA);
		if (c) {
			space(d, d->g.leading * 0.25);
			add_blocks(d, c, x, true, section);
		}
		break;
	}
	case TR_BLK_QUOTE: {
		/* indented, a grey rule beside it, a little smaller */
		int first = d->nboxes;
		d->quote_depth++;
		add_blocks(d, blk->child, x + 2 * em, false, section);
		d->quote_depth--;
		for (int i = first; i < d->nboxes; i++)
			if (!d->boxes[i].rule_x) {
				d->boxes[i].rule_x = (float)(x + em * 0.8);
				d->boxes[i].rule_joins = i > first;
			}
		break;
	}
	case TR_BLK_LIST:
		add_list(d, blk, x, section);
		break;
	case TR_BLK_ITEM:
		add_blocks(d, blk->child, x, false, section);
		break;
	case TR_BLK_CODE: {
		pl_builder b;
		pl_builder_init(&b);
		size_t n = strlen(blk->text);
		while (n && blk->text[n - 1] == '\n')
			n--;
		char *text = tr_xmalloc(n + 1);
		memcpy(text, blk->text, n);
		text[n] = '\0';
		pl_add(&b, text, PL_MONO, NULL);
		free(text);
		pl_style st = body_style(d, x + 2 * em);
		st.size = em * 0.9;
		st.leading = round(st.size * 1.5);
		st.justify = false;
		add_para(d, &b, &st, x + 2 * em, false);
		break;
	}
	case TR_BLK_OUTLINE:
		if (*blk->outline->text) {
			pl_builder b;
			pl_builder_init(&b);
			pl_add(&b, blk->outline->text, PL_SANS_BOLD, NULL);
			pl_style st = body_style(d, x);
			st.justify = false;
			add_para(d, &b, &st, x, true);
		}
		add_outline(d, blk->outline->child, x, *blk->outline->text ? 1 : 0,
		    0);
		break;
	}
}

static void add_blocks(struct doc_pdf *d, const tr_block *blk, double x,
    bool first_indent, int section)
{
	for (const tr_block *b = blk; b; b = b->next) {
		/* in a tight list, a nested list follows its item's text as
		 * closely as the next item does */
		if (b != blk && !d->tight)
			space(d, d->g.leading * 0.35);
		/* blocks at the left edge are where the EPUB can mark a page */
		if (x == 0)
			d->current_block = b;
		bool indent = b == blk ? first_indent : true;
		add_block(d, b, x, indent && b->kind == TR_BLK_PARA,
		    section);
	}
}

static void add_sections(struct doc_pdf *d)
{
	const tr_doc *doc = d->doc;
	d->section_titles = tr_xcalloc((size_t)doc->nsections + 1, sizeof(char *));
	int i = 0;
	tr_part part = TR_PART_FRONT;
	for (const tr_section *s = doc->sections; s; s = s->next, i++) {
		const char *title = *s->title_text ? s->title_text :
		    s->part == TR_PART_FRONT ? d->words->front :
		    s->part == TR_PART_BODY ? doc->title : d->words->back;
		d->section_titles[i] = tr_xstrdup(title);
		/* the body and the back matter begin on a new page */
		if (i > 0 && s->part != part)
			add_box(d, BOX_PAGE, 0);
		part = s->part;
		d->current_section = i;
		d->current_block = NULL;
		int first = add_heading(d, s->title, title, d->g.size * 1.5, 0,
		    i);
		d->boxes[first].nav = d->nnav + 1;
		d->nav = tr_xgrow(d->nav, (size_t)d->nnav, sizeof(struct nav_entry));
		struct nav_entry *e = &d->nav[d->nnav++];
		e->title = tr_xstrdup(title);
		e->section = i;
		e->level = 1;
		e->box = first;
		snprintf(e->dest, sizeof e->dest, "s%d", i + 1);
		if (s->time_text) {
			/* the chapter's moment in the recording, kept with its
			 * first lines like the heading */
			pl_builder b;
			pl_builder_init(&b);
			add_time(d, &b, s->time, s->time_text);
			pl_style st = body_style(d, 0);
			st.justify = false;
			add_para(d, &b, &st, 0, true);
			space(d, d->g.leading * 0.3);
		}
		add_blocks(d, s->blocks, 0, s->kind != TR_SEC_CHAPTER,
		    i);
		space(d, d->g.leading);
	}
	d->nsections = i;
}

/* ---- pagination --------------------------------------------------------- */

/* Places the lines on pages: a chain of lines that keep together (a
 * heading with the first two lines after it, a paragraph's first two
 * and last two lines) moves to the next page whole when it does not fit,
 * unless it is longer than a page. */
static void paginate(struct doc_pdf *d, int first_page)
{
	int page = first_page;
	double y = 0;
	bool empty = true;
	int i = 0;
	while (i < d->nboxes) {
		struct box *b = &d->boxes[i];
		if (b->kind == BOX_PAGE) {
			if (!empty)
				page++, y = 0, empty = true;
			b->page = page;
			i++;
			continue;
		}
		double before = empty ? 0 : b->space;
		double chain = b->height;
		for (int j = i; d->boxes[j].keep && j + 1 < d->nboxes &&
		    d->boxes[j + 1].kind != BOX_PAGE; j++)
			chain += d->boxes[j + 1].space + d->boxes[j + 1].height;
		if (!empty && (y + before + chain > d->g.height &&
		    chain <= d->g.height)) {
			page++, y = 0, empty = true;
			continue;
		}
		if (!empty && y + before + b->height > d->g.height) {
			/* a chain longer than a page: break it anywhere */
			page++, y = 0, empty = true;
			continue;
		}
		b->page = page;
		b->y = (float)(y + before);
		y += before + b->height;
		empty = false;
		i++;
	}
	d->npages = page;
}

/* ---- drawing ------------------------------------------------------------ */

/* A block of the title page, laid out once: measured, then drawn. */
struct page_block {
	pl_para para;
	bool centre;
	double gap_after;
};

static void draw_block(cairo_t *cr, const struct page_block *pb, double x,
    double width, double y)
{
	const pl_para *p = &pb->para;
	for (int i = 0; i < p->nlines; i++) {
		double lx = pb->centre ? x + (width - p->lines[i].width) / 2 :
		    x;
		pl_draw_line(cr, p, &p->lines[i], lx, y + i * p->leading +
		    pl_baseline(p));
	}
}

static double block_height(const struct page_block *pb)
{
	return pb->para.nlines * pb->para.leading;
}

static void draw_text(struct doc_pdf *d, cairo_t *cr, const char *text,
    pl_face face, double size, double x, double y, double width,
    bool centre)
{
	struct page_block pb = { .centre = centre };
	pl_style st = { size, round(size * 1.4), width, 0, 0, false,
		d->doc->lang };
	pl_layout_lines(d->pl, text, face, &st, 1000, &pb.para);
	draw_block(cr, &pb, x, width, y);
	pl_para_free(&pb.para);
}

/* The title page: the title, a rule and the speakers from 28% of the
 * page down, the metadata at the foot; all by measured height, so that
 * a long title or forty speakers push the metadata down, never over
 * it, and are cut short (with an ellipsis) before they leave the page. */
static void draw_title_page(struct doc_pdf *d, cairo_t *cr)
{
	const tr_doc *doc = d->doc;
	const struct geometry *g = &d->g;
	tr_buf names = { 0 };
	tr_speaker_names(doc, d->words->list_sep, 0, &names);
	/* each value as the transcript wrote it: the date as written, a
	 * link by its text */
	const char *rows[3][3] = {
		{ d->words->channel, doc->channel, doc->channel_url },
		{ d->words->date, doc->date_text ? doc->date_text : doc->date,
		    NULL },
		{ d->words->source, doc->source_title ? doc->source_title :
		    doc->source_url, doc->source_url } };
	struct page_block meta[3];
	int nmeta = 0;
	double meta_h = 0;
	for (int i = 0; i < 3; i++) {
		if (!rows[i][1])
			continue;
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, rows[i][0], PL_SANS_BOLD, NULL);
		pl_add(&b, d->words->colon, PL_SANS_BOLD, NULL);
		tr_buf href = { 0 };
		if (rows[i][2] && tr_url_is_safe(rows[i][2]))
			tr_url_escape(rows[i][2], &href);
		pl_add(&b, rows[i][1], PL_SERIF, href.len ? href.data : NULL);
		tr_buf_free(&href);
		pl_style st = { g->size, round(g->size * 1.6), g->measure, 0,
			g->size * 2, false, doc->lang };
		meta[nmeta] = (struct page_block){ .centre = false };
		pl_layout(d->pl, &b, &st, &meta[nmeta].para);
		meta_h += block_height(&meta[nmeta++]);
	}
	/* title and speakers get what the metadata leaves; the longest
	 * title and list that fit, six and four lines at the least */
	double bottom = g->top + g->height;
	double room = bottom - g->top - meta_h - g->size * 6;
	struct page_block title = { .centre = true }, people = { .centre = true };
	pl_style ts = { g->size * 2.2, round(g->size * 2.2 * 1.4), g->measure, 0,
		0, false, doc->lang, true };
	pl_style ps = { g->size * 1.3, round(g->size * 1.3 * 1.4), g->measure, 0,
		0, false, doc->lang };
	int tmax = (int)(room * 0.6 / ts.leading), pmax = 0;
	if (tmax < 6)
		tmax = 6;
	pl_layout_lines(d->pl, doc->title, PL_SANS_BOLD, &ts, tmax, &title.para);
	double used = block_height(&title) + g->size * 4;
	if (names.len) {
		pmax = (int)((room - used) / ps.leading);
		if (pmax < 4)
			pmax = 4;
		pl_layout_lines(d->pl, names.data, PL_SERIF, &ps, pmax,
		    &people.para);
	}
	double head_h = used + (names.len ? block_height(&people) : 0);
	/* from 28% of the page, or higher when that would not fit */
	double y = g->h * 0.28;
	if (y + head_h > bottom - meta_h - g->size * 2)
		y = g->top;
	cairo_set_source_rgb(cr, 0, 0, 0);
	draw_block(cr, &title, g->left, g->measure, y);
	y += block_height(&title) + g->size * 2;
	cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
	cairo_rectangle(cr, g->w / 2 - 30, y, 60, 1.5);
	cairo_fill(cr);
	y += g->size * 2;
	if (names.len) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		draw_block(cr, &people, g->left, g->measure, y);
		y += block_height(&people) + g->size;
	}
	/* the metadata at the foot, or below the speakers when they reach
	 * that far */
	double yy = bottom - meta_h;
	if (yy < y + g->size)
		yy = y + g->size;
	for (int i = 0; i < nmeta; i++) {
		draw_block(cr, &meta[i], g->left, g->measure, yy);
		yy += block_height(&meta[i]);
		pl_para_free(&meta[i].para);
	}
	pl_para_free(&title.para);
	if (names.len)
		pl_para_free(&people.para);
	tr_buf_free(&names);
}

/* Table of contents: entries with dot leaders and page numbers, each a
 * link to its section. */
/* The style of a contents entry's title: the measure less room for
 * the page number. */
static pl_style toc_style(const struct doc_pdf *d)
{
	pl_style st = { d->g.size, d->g.leading, d->g.measure - 3 * d->g.size,
		0, d->g.size, false, d->doc->lang };
	return st;
}

/* Which page of the contents each entry goes on, by the height its
 * title takes when set (a long title takes several lines); returns how
 * many pages the contents take. */
static int plan_toc(struct doc_pdf *d)
{
	const struct geometry *g = &d->g;
	double room = g->height - g->size * 4, y = 0;
	int page = 0;
	pl_style st = toc_style(d);
	for (int i = 0; i < d->nnav; i++) {
		struct nav_entry *e = &d->nav[i];
		if (e->level != 1)
			continue;
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, e->title, PL_SERIF, NULL);
		pl_para p;
		pl_layout(d->pl, &b, &st, &p);
		int lines = p.nlines ? p.nlines : 1;
		pl_para_free(&p);
		double h = (lines - 1) * g->leading + g->leading * 1.1;
		if (y > 0 && y + h > room) {
			page++;
			y = 0;
		}
		e->toc_page = page;
		y += h;
	}
	return page + 1;
}

static void draw_toc(struct doc_pdf *d, cairo_t *cr, cairo_surface_t *surf,
    int page)
{
	const struct geometry *g = &d->g;
	double y = g->top;
	if (page == 2) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		draw_text(d, cr, d->words->contents, PL_SANS_BOLD, g->size * 1.5,
		    g->left, y, g->measure, false);
	}
	y += g->size * 4;
	for (int i = 0; i < d->nnav; i++) {
		const struct nav_entry *e = &d->nav[i];
		if (e->level != 1 || e->toc_page != page - 2)
			continue;
		int target = d->boxes[e->box].page;
		char num[16], link[64];
		snprintf(num, sizeof num, "%d", target);
		snprintf(link, sizeof link, "dest='%s'", e->dest);
		cairo_tag_begin(cr, CAIRO_TAG_LINK, link);
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, e->title, PL_SERIF, NULL);
		pl_style st = toc_style(d);
		pl_para p;
		pl_layout(d->pl, &b, &st, &p);
		double ly = y;
		for (int k = 0; k < p.nlines; k++) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			pl_draw_line(cr, &p, &p.lines[k], g->left,
			    ly + pl_baseline(&p));
			if (k + 1 < p.nlines)
				ly += p.leading;
		}
		/* a title may lay out to no line at all (white space) */
		double end = p.nlines ? g->left + p.lines[p.nlines - 1].x +
		    p.lines[p.nlines - 1].width : g->left;
		/* dot leaders, drawn: no dots in the copied text */
		pl_builder nb;
		pl_builder_init(&nb);
		pl_add(&nb, num, PL_SERIF, NULL);
		pl_style ns = { g->size, g->leading, g->measure, 0, 0, false,
			d->doc->lang };
		pl_para np;
		pl_layout(d->pl, &nb, &ns, &np);
		double nw = np.nlines ? np.lines[0].width : 0;
		double right = g->left + g->measure;
		cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
		for (double x = ceil((end + g->size * 0.6) / 4) * 4;
		    x < right - nw - g->size * 0.5; x += 4) {
			cairo_arc(cr, x, ly + pl_baseline(&p) - 0.4, 0.55, 0,
			    2 * M_PI);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		if (np.nlines)
			pl_draw_line(cr, &np, &np.lines[0], right - nw,
			    ly + pl_baseline(&np));
		pl_para_free(&np);
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		pl_para_free(&p);
		y = ly + g->leading * 1.1;
	}
	(void)surf;
}

static void draw_outline_rules(struct doc_pdf *d, cairo_t *cr,
    const struct box *b, double top)
{
	double step = d->g.size * 1.5;
	double x0 = d->g.left + b->x - step * b->depth;
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_set_line_width(cr, 0.6);
	for (int a = 0; a < b->depth; a++) {
		double gx = x0 + step * a + step * 0.35;
		bool own = a == b->depth - 1;
		if (own) {
			double mid = top + b->height / 2;
			double bottom = b->last_child && b->node_start ? mid :
			    b->last_child ? top : top + b->height;
			if (b->node_start || !b->last_child) {
				cairo_move_to(cr, gx, top);
				cairo_line_to(cr, gx, bottom);
				cairo_stroke(cr);
			}
			if (b->node_start) {
				cairo_move_to(cr, gx, mid);
				cairo_line_to(cr, x0 + step * (a + 1) - step * 0.15,
				    mid);
				cairo_stroke(cr);
			}
		} else if (b->guides & (1u << a)) {
			cairo_move_to(cr, gx, top);
			cairo_line_to(cr, gx, top + b->height);
			cairo_stroke(cr);
		}
	}
}

/* One line of a running head: the text, cut short with an ellipsis when
 * it would take more than half the measure.  Laid out once, kept. */
/* The text block as printed on the page: a vertical book's is the
 * turned page's, turned back. */
struct block_on_page {
	double left, top, width, height;
};

static struct block_on_page printed_block(const struct doc_pdf *d)
{
	const struct geometry *g = &d->g;
	if (d->vertical)
		return (struct block_on_page){ g->h - g->top - g->height, g->left,
			g->height, g->measure };
	return (struct block_on_page){ g->left, g->top, g->measure, g->height };
}

static pl_para *head_line(struct doc_pdf *d, const char *text, double size)
{
	pl_style st = { size, round(size * 1.4), printed_block(d).width * 0.48,
		0, 0, false, d->doc->lang };
	pl_para *p = own(d);
	pl_layout_lines(d->pl, text, PL_SERIF, &st, 1, p);
	return p;
}

/* Running head (the title where reading starts, the section of the
 * page's first line at the other end) and the page number.  A vertical
 * book prints them across the page too, over and under its columns:
 * the title then on the right. */
static void draw_furniture(struct doc_pdf *d, cairo_t *cr, int page,
    int sec)
{
	const struct geometry *g = &d->g;
	struct block_on_page tb = printed_block(d);
	cairo_save(cr);
	cairo_identity_matrix(cr);
	pl_context_set_vertical(d->pl, false);
	double hs = g->size * 0.8;
	double y = tb.top - hs * 3;
	cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
	if (!d->head_title)
		d->head_title = head_line(d, d->doc->title, hs);
	const pl_para *t = d->head_title;
	pl_draw_line(cr, t, &t->lines[0], d->vertical ? tb.left + tb.width -
	    t->lines[0].width : tb.left, y + pl_baseline(t));
	if (sec >= 0) {
		if (!d->head_sections[sec])
			d->head_sections[sec] = head_line(d, d->section_titles[sec],
			    hs);
		const pl_para *p = d->head_sections[sec];
		pl_draw_line(cr, p, &p->lines[0], d->vertical ? tb.left :
		    tb.left + tb.width - p->lines[0].width, y + pl_baseline(p));
	}
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, tb.left, y + hs * 1.6);
	cairo_line_to(cr, tb.left + tb.width, y + hs * 1.6);
	cairo_stroke(cr);
	char num[16];
	snprintf(num, sizeof num, "%d", page);
	draw_text(d, cr, num, PL_SERIF, g->size * 0.85, tb.left,
	    tb.top + tb.height + g->size * 2, tb.width, true);
	pl_context_set_vertical(d->pl, d->vertical);
	cairo_restore(cr);
}

/* open and close: whether the line begins and ends its paragraph's
 * part of the page */
static void draw_box(struct doc_pdf *d, cairo_t *cr, const struct box *b,
    bool open, bool close)
{
	const struct geometry *g = &d->g;
	double top = g->top + b->y;
	if (b->nav) {
		char dest[64];
		const struct nav_entry *e = &d->nav[b->nav - 1];
		{
			/* on the page as printed: a column's place is
			 * across it, so a vertical book's goes to the page */
			snprintf(dest, sizeof dest, "name='%s' x=0 y=%.2f",
			    e->dest, d->vertical ? 0 : top > 12 ? top - 12 : 0);
			cairo_tag_begin(cr, CAIRO_TAG_DEST, dest);
			cairo_tag_end(cr, CAIRO_TAG_DEST);
		}
	}
	if (b->depth > 0)
		draw_outline_rules(d, cr, b, top);
	if (b->rule_x) {
		double rx = g->left + b->rule_x;
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, rx, top - (b->rule_joins && b->y > 0 ?
		    b->space : 0));
		cairo_line_to(cr, rx, top + b->height);
		cairo_stroke(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	/* one structure element for a paragraph's lines on this page */
	const char *tag = b->level == 1 ? "H1" : b->level == 2 ? "H2" : "P";
	if (open)
		cairo_tag_begin(cr, tag, NULL);
	pl_draw_line(cr, b->para, &b->para->lines[b->line], g->left + b->x,
	    top + pl_baseline(b->para));
	if (close)
		cairo_tag_end(cr, tag);
}

/* Lists as the tagged PDF has them: L, LI, Lbl (the marker) and LBody,
 * nested as deep as the lists; all closed at a page's end and opened
 * again on the next, where an item goes on.  Called before each line,
 * with its paragraph's tags closed; depth 0 closes everything. */
static void list_label(struct doc_pdf *d, cairo_t *cr, const struct box *b)
{
	cairo_tag_begin(cr, "Lbl", NULL);
	if (b->marker && b->marker->nlines)
		pl_draw_line(cr, b->marker, &b->marker->lines[0],
		    d->g.left + b->marker_x, d->g.top + b->y +
		    pl_baseline(b->para));
	cairo_tag_end(cr, "Lbl");
}

static void list_tags(struct doc_pdf *d, cairo_t *cr, const struct box *b,
    int *open)
{
	int depth = b ? b->list : 0;
	bool item = b && b->item_start;
	for (; *open > depth; (*open)--) {
		cairo_tag_end(cr, "LBody");
		cairo_tag_end(cr, "LI");
		cairo_tag_end(cr, "L");
	}
	if (item && *open == depth) {
		/* the next item of the list */
		cairo_tag_end(cr, "LBody");
		cairo_tag_end(cr, "LI");
		cairo_tag_begin(cr, "LI", NULL);
		list_label(d, cr, b);
		cairo_tag_begin(cr, "LBody", NULL);
	}
	while (*open < depth) {
		(*open)++;
		cairo_tag_begin(cr, "L", NULL);
		cairo_tag_begin(cr, "LI", NULL);
		if (item && *open == depth)
			list_label(d, cr, b);
		cairo_tag_begin(cr, "LBody", NULL);
	}
}

/* ---- document ----------------------------------------------------------- */

/* Where cairo's bytes go; keeps the first write error, which cairo
 * itself reduces to "error while writing to output stream". */
struct sink {
	FILE *fp;
	int err;
	pdf_tail tail;          /* the catalog and trailer, for /Lang */
};

static cairo_status_t write_out(void *closure, const unsigned char *data,
    unsigned int length)
{
	struct sink *sink = closure;
	pdf_tail_feed(&sink->tail, data, length);
	if (fwrite(data, 1, length, sink->fp) == length)
		return CAIRO_STATUS_SUCCESS;
	if (!sink->err)
		sink->err = errno ? errno : EIO;
	return CAIRO_STATUS_WRITE_ERROR;
}

static void set_metadata(struct doc_pdf *d, cairo_surface_t *s)
{
	const tr_doc *doc = d->doc;
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
	tr_buf v = { 0 };
	tr_speaker_names(doc, ", ", 0, &v);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
	    tr_buf_cstr(&v));
	if (doc->channel)
		tr_buf_printf(&v, "%s%s", v.len ? ", " : "", doc->channel);
	for (int i = 0; i < doc->nsubjects; i++)
		tr_buf_printf(&v, "%s%s", v.len ? ", " : "", doc->subjects[i]);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
	    tr_buf_cstr(&v));
	tr_buf_clear(&v);
	tr_buf_printf(&v, "%s", doc->description ? doc->description :
	    doc->source_title ? doc->source_title : doc->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
	    tr_buf_cstr(&v));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "transcribe " TR_VERSION);
	/* cairo 1.16 writes the clock's time unless told otherwise */
	time_t t = (time_t)tr_doc_epoch(doc, d->opt);
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	tr_buf_free(&v);
}

static void add_bookmarks(struct doc_pdf *d, cairo_surface_t *s)
{
	int parent = CAIRO_PDF_OUTLINE_ROOT;
	for (int i = 0; i < d->nnav; i++) {
		const struct nav_entry *e = &d->nav[i];
		char link[64];
		snprintf(link, sizeof link, "dest='%s'", e->dest);
		if (e->level == 1)
			parent = cairo_pdf_surface_add_outline(s,
			    CAIRO_PDF_OUTLINE_ROOT, e->title, link, 0);
		else
			cairo_pdf_surface_add_outline(s, parent, e->title, link, 0);
	}
}

static bool inlines_have_code(const tr_inline *in)
{
	for (; in; in = in->next)
		if (in->kind == TR_INL_CODE || inlines_have_code(in->child))
			return true;
	return false;
}

static bool blocks_have_code(const tr_block *b)
{
	for (; b; b = b->next)
		if (b->kind == TR_BLK_CODE || inlines_have_code(b->inlines) ||
		    blocks_have_code(b->child))
			return true;
	return false;
}

/* The faces the handout is set in, cut down to the document's own
 * characters before anything is laid out: cairo reads a whole CFF table
 * (15 MB for a CJK face) to subset it, Pango maps every face it opens,
 * and a subset of a few thousand glyphs makes both cheap. */
enum { FACE_TEXT, FACE_BOLD, FACE_MONO, FACE_LATIN, FACE_LATIN_ITALIC,
	FACE_LATIN_BOLD, FACE_LATIN_SERIF_BOLD, NFACES };
static const char *const face_files[NFACES] = { "serif.otf",
	"sans-bold.otf", "mono.otf", "latin.ttf", "latin-italic.ttf",
	"latin-sans-bold.ttf", "latin-bold.ttf" };

/* Faces of other scripts a document may need (fallback-N.ttf). */
#define MAX_FALLBACKS 16

static const char *face_pattern(const tr_faces *fx, int i)
{
	switch (i) {
	case FACE_TEXT: return fx->pattern_text;
	case FACE_BOLD: return fx->pattern_bold;
	case FACE_MONO: return fx->pattern_mono;
	case FACE_LATIN: return fx->pattern_latin;
	case FACE_LATIN_ITALIC: return fx->pattern_latin_italic;
	case FACE_LATIN_BOLD: return fx->pattern_latin_bold;
	default: return "Noto Serif:weight=200:slant=0";
	}
}

struct font_dir {
	char path[4096];
};

static FcConfig *subset_fonts(const struct doc_pdf *d, struct font_dir *fd,
    char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(fd->path, sizeof fd->path, "%s/transcribe-fonts-XXXXXX",
	    tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(fd->path)) {
		snprintf(err, errlen, "cannot make a folder for fonts in %s",
		    tmp && *tmp ? tmp : "/tmp");
		fd->path[0] = '\0';
		return NULL;
	}
	/* by exact name, so that a signal or a killed worker's parent
	 * removes them too */
	tr_temp_add(fd->path, true);
	const tr_words *w = d->words;
	const char *extra[] = { w->contents, w->front, w->back, w->colon,
		w->list_sep, w->channel, w->date, w->source, "•", "◦", "–",
		"…", NULL }; /* cut titles and running heads end in "…" */
	bool mono = false;
	for (const tr_section *s = d->doc->sections; s && !mono; s = s->next)
		mono = blocks_have_code(s->blocks) ||
		    inlines_have_code(s->title);
	const tr_faces *fx = tr_faces_for(d->doc->lang);
	FcConfig *config = FcConfigCreate();
	for (int i = 0; i < NFACES; i++) {
		if ((i == FACE_MONO && !mono) ||
		    (i == FACE_LATIN_SERIF_BOLD && !fx->latin_first))
			continue;
		char file[4200];
		snprintf(file, sizeof file, "%s/%s", fd->path, face_files[i]);
		tr_temp_add(file, false);
		if (tr_font_subset_to(d->doc, face_pattern(fx, i), extra, file,
		    err, errlen) != 0 ||
		    !FcConfigAppFontAddFile(config, (const FcChar8 *)file)) {
			FcConfigDestroy(config);
			return NULL;
		}
	}
	/* what none of them draws, from the Noto face of its script */
	const char *main[NFACES];
	for (int i = 0; i < NFACES; i++)
		main[i] = face_pattern(fx, i);
	char fallback[MAX_FALLBACKS][TR_FALLBACK_PATTERN_MAX];
	int nfallback = tr_fallback_patterns(d->doc, main, NFACES, fallback,
	    MAX_FALLBACKS);
	for (int i = 0; i < nfallback; i++) {
		char file[4200];
		snprintf(file, sizeof file, "%s/fallback-%d.ttf", fd->path, i);
		tr_temp_add(file, false);
		if (tr_font_subset_to(d->doc, fallback[i], NULL, file, err,
		    errlen) != 0 ||
		    !FcConfigAppFontAddFile(config, (const FcChar8 *)file)) {
			FcConfigDestroy(config);
			return NULL;
		}
	}
	return config;
}

static void remove_fonts(struct font_dir *fd)
{
	if (!fd->path[0])
		return;
	/* every face's name: one may be half-written */
	for (int i = 0; i < NFACES + MAX_FALLBACKS; i++) {
		char file[4200];
		if (i < NFACES)
			snprintf(file, sizeof file, "%s/%s", fd->path,
			    face_files[i]);
		else
			snprintf(file, sizeof file, "%s/fallback-%d.ttf", fd->path,
			    i - NFACES);
		unlink(file);
		tr_temp_drop(file);
	}
	rmdir(fd->path);
	tr_temp_drop(fd->path);
}

int tr_pdf_render(const tr_doc *doc, const tr_options *opt,
    tr_page_map *map, FILE *out, char *err, size_t errlen)
{
	tr_fonts_init();
	struct doc_pdf d = { .doc = doc, .opt = opt,
		.words = tr_words_for(doc->lang),
		.vertical = tr_doc_vertical(doc, opt) };
	d.g = geometry_for(opt->paper, d.vertical);
	struct font_dir fonts;
	FcConfig *config = subset_fonts(&d, &fonts, err, errlen);
	if (!config) {
		remove_fonts(&fonts);
		return -1;
	}
	d.pl = pl_context_new(config);
	FcConfigDestroy(config); /* the font map holds its own reference */
	pl_context_set_vertical(d.pl, d.vertical);

	add_sections(&d);
	int sections = 0;
	for (int i = 0; i < d.nnav; i++)
		sections += d.nav[i].level == 1;
	d.toc_pages = plan_toc(&d);
	d.head_sections = tr_xcalloc((size_t)d.nsections + 1, sizeof(pl_para *));
	if (d.toc_pages < 1)
		d.toc_pages = 1;
	paginate(&d, 2 + d.toc_pages);

	struct sink sink = { out, 0, { 0 } };
	double page_w = d.vertical ? d.g.h : d.g.w;
	double page_h = d.vertical ? d.g.w : d.g.h;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_out, &sink,
	    page_w, page_h);
	cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
	set_metadata(&d, s);
	cairo_t *cr = cairo_create(s);
	if (d.vertical) {
		/* the turned page: its x runs down the page, its y leftward
		 * from the right edge; kept for every page */
		cairo_translate(cr, page_w, 0);
		cairo_rotate(cr, M_PI / 2);
	}
	/* a structure tree: a document of headings and paragraphs.  cairo
	 * 1.16 also needs one for its link annotations, whose structure
	 * parents it reserves: without it the cross-reference table points
	 * them at objects it never writes */
	cairo_tag_begin(cr, "Document", NULL);

	cairo_pdf_surface_set_page_label(s, "1");
	draw_title_page(&d, cr);
	cairo_show_page(cr);
	for (int p = 2; p < 2 + d.toc_pages; p++) {
		draw_toc(&d, cr, s, p);
		draw_furniture(&d, cr, p, -1);
		cairo_show_page(cr);
	}
	if (map) {
		map->npages = d.npages;
		map->section = tr_xcalloc((size_t)d.npages + 1, sizeof(int));
		map->block = tr_xcalloc((size_t)d.npages + 1, sizeof(tr_block *));
		for (int p = 1; p <= d.npages; p++)
			map->section[p] = p == 1 ? TR_PAGE_TITLE : TR_PAGE_CONTENTS;
	}
	int b = 0, lists = 0;
	for (int page = 2 + d.toc_pages; page <= d.npages; page++) {
		int sec = -1;
		for (; b < d.nboxes && d.boxes[b].page == page; b++) {
			if (d.boxes[b].kind != BOX_LINE)
				continue;
			if (sec < 0) {
				sec = d.boxes[b].in_section;
				if (map) {
					map->section[page] = sec;
					map->block[page] = d.boxes[b].src;
				}
			}
			struct box *bx = &d.boxes[b];
			bool open = b == 0 || d.boxes[b - 1].page != page ||
			    d.boxes[b - 1].para != bx->para;
			bool close = b + 1 >= d.nboxes ||
			    d.boxes[b + 1].page != page ||
			    d.boxes[b + 1].para != bx->para;
			pl_para_restore(d.pl, bx->para);
			if (open)
				list_tags(&d, cr, bx, &lists);
			draw_box(&d, cr, bx, open, close);
			if (d.dropping && bx->line == bx->para->nlines - 1)
				pl_para_drop(bx->para);
		}
		list_tags(&d, cr, NULL, &lists);
		draw_furniture(&d, cr, page, sec);
		cairo_show_page(cr);
	}
	add_bookmarks(&d, s);
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	/* the document's language, for screen readers and hyphenation */
	bool lang_set = false;
	if (st == CAIRO_STATUS_SUCCESS) {
		tr_buf update = { 0 };
		if (pdf_tail_lang_update(&sink.tail, doc->lang, d.vertical,
		    &update) == 0) {
			lang_set = true;
			if (fwrite(update.data, 1, update.len, out) != update.len)
				sink.err = errno ? errno : EIO;
		}
		tr_buf_free(&update);
	}
	pdf_tail_free(&sink.tail);

	free_paras(&d);
	for (int i = 0; i < d.nnav; i++)
		free(d.nav[i].title);
	free(d.nav);
	for (int i = 0; i < d.nsections; i++)
		free(d.section_titles[i]);
	free(d.section_titles);
	free(d.head_sections);
	free(d.boxes);
	pl_context_free(d.pl);
	remove_fonts(&fonts);
	if (st != CAIRO_STATUS_SUCCESS || sink.err) {
		snprintf(err, errlen, "%s", sink.err ? strerror(sink.err) :
		    cairo_status_to_string(st));
		return -1;
	}
	if (!lang_set) {
		snprintf(err, errlen, "cairo wrote a PDF whose catalog cannot "
		    "take the language");
		return -1;
	}
	return 0;
}
