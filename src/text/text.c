/* Plain text: UTF-8 wrapped to a width in display columns, with the
 * outline drawn as a tree and speaker labels kept with their words. */
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "utf8.h"
#include "wrap.h"
#include "output.h"

struct ctx {
	tr_buf *out;
	int width;
	const tr_doc *doc;
	const tr_words *words;
};

/* Inline content as plain text; links keep their targets. */
static void inline_text(const tr_inline *in, tr_buf *out)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
		case TR_INL_CODE:
			tr_buf_puts(out, in->text);
			break;
		case TR_INL_BREAK:
			tr_buf_putc(out, '\n');
			break;
		case TR_INL_RUBY: {
			/* 漢(hàn), in the source's own <rp> marks if it has
			 * them */
			const tr_ruby *r = in->ruby;
			tr_buf_printf(out, "%s%s%s%s", in->text,
			    r->rp_open && *r->rp_open ? r->rp_open : "(",
			    r->text, r->rp_close && *r->rp_close ?
			    r->rp_close : ")");
			break;
		}
		case TR_INL_EMPH:
		case TR_INL_STRONG:
			inline_text(in->child, out);
			break;
		case TR_INL_LINK:
		case TR_INL_IMAGE: {
			size_t mark = out->len;
			inline_text(in->child, out);
			const char *shown = out->data ? out->data + mark : "";
			const char *url = in->url;
			if (strncmp(url, "mailto:", 7) == 0 &&
			    strcmp(shown, url + 7) == 0)
				break;
			if (strcmp(shown, url) == 0 || !*url)
				break;
			if (out->len > mark)
				tr_buf_putc(out, ' ');
			tr_buf_printf(out, "<%s>", url);
			break;
		}
		}
	}
}

static void wrap(struct ctx *c, const char *text, size_t len,
    const char *first, const char *rest, size_t glue)
{
	tr_wrap_spec spec = { c->width, first, rest, glue };
	tr_wrap(c->out, text, len, &spec);
}

static void blank(struct ctx *c, const char *prefix)
{
	size_t n = strlen(prefix);
	while (n && prefix[n - 1] == ' ')
		n--;
	tr_buf_put(c->out, prefix, n);
	tr_buf_putc(c->out, '\n');
}

/* label: a speaker's name, with its turn's time (or NULL) after it:
 * "Jerod Santo: [04:32] That's ..." */
static void para(struct ctx *c, const tr_inline *in, const char *label,
    const char *time, const char *first, const char *rest)
{
	tr_buf text = { 0 };
	size_t glue = 0;
	if (label) {
		tr_buf_puts(&text, label);
		tr_buf_puts(&text, c->words->colon);
		if (time)
			tr_buf_printf(&text, "[%s] ", time);
		glue = text.len;
	}
	inline_text(in, &text);
	wrap(c, tr_buf_cstr(&text), text.len, first, rest, glue);
	tr_buf_free(&text);
}

/* A heading underlined with a rule as wide as its longest line. */
static void heading(struct ctx *c, const char *title, const char *rule)
{
	size_t mark = c->out->len;
	wrap(c, title, strlen(title), "", "", 0);
	int widest = 0, w = 0;
	for (size_t i = mark; i < c->out->len; i++) {
		if (c->out->data[i] == '\n') {
			if (w > widest)
				widest = w;
			w = 0;
			continue;
		}
		if (((unsigned char)c->out->data[i] & 0xC0) != 0x80) {
			uint32_t cp;
			size_t n = tr_utf8_decode(c->out->data + i,
			    c->out->len - i, &cp);
			w += n ? tr_cp_width(cp) : 1;
		}
	}
	tr_buf_repeat(c->out, rule, widest ? widest : 1);
	tr_buf_putc(c->out, '\n');
}

static void outline(struct ctx *c, const tr_outline *node, tr_buf *guide,
    const char *first, const char *rest)
{
	for (; node; node = node->next) {
		bool last = node->next == NULL;
		size_t mark = guide->len;
		tr_buf line = { 0 }, cont = { 0 };
		tr_buf_puts(&line, rest);
		tr_buf_puts(&line, tr_buf_cstr(guide));
		tr_buf_puts(&line, last ? "└── " : "├── ");
		tr_buf_puts(&cont, rest);
		tr_buf_puts(&cont, tr_buf_cstr(guide));
		tr_buf_puts(&cont, last ? "    " : "│   ");
		wrap(c, node->text, strlen(node->text), tr_buf_cstr(&line),
		    tr_buf_cstr(&cont), 0);
		tr_buf_puts(guide, last ? "    " : "│   ");
		outline(c, node->child, guide, first, rest);
		guide->len = mark;
		guide->data[mark] = '\0';
		tr_buf_free(&line);
		tr_buf_free(&cont);
	}
}

static void blocks(struct ctx *c, const tr_block *b, const char *first,
    const char *rest, bool tight);

static void block(struct ctx *c, const tr_block *b, const char *first,
    const char *rest)
{
	tr_buf p1 = { 0 }, p2 = { 0 };
	switch (b->kind) {
	case TR_BLK_PARA:
		para(c, b->inlines, NULL, NULL, first, rest);
		break;
	case TR_BLK_HEADING:
		tr_buf_printf(&p1, "%s■ ", first);
		tr_buf_printf(&p2, "%s  ", rest);
		para(c, b->inlines, NULL, NULL, tr_buf_cstr(&p1), tr_buf_cstr(&p2));
		break;
	case TR_BLK_TURN: {
		const char *name = c->doc->speakers[b->speaker].name;
		const tr_block *child = b->child;
		if (child && child->kind == TR_BLK_PARA) {
			para(c, child->inlines, name, b->time_text, first, rest);
			child = child->next;
		} else {
			tr_buf_printf(&p1, "%s%s", name, c->words->colon);
			if (b->time_text)
				tr_buf_printf(&p1, "[%s]", b->time_text);
			wrap(c, p1.data, p1.len, first, rest, p1.len);
		}
		if (child) {
			blank(c, rest);
			blocks(c, child, rest, rest, false);
		}
		break;
	}
	case TR_BLK_QUOTE:
		tr_buf_printf(&p1, "%s> ", first);
		tr_buf_printf(&p2, "%s> ", rest);
		blocks(c, b->child, tr_buf_cstr(&p1), tr_buf_cstr(&p2), false);
		break;
	case TR_BLK_LIST: {
		int number = b->start;
		for (const tr_block *item = b->child; item; item = item->next) {
			char marker[32];
			if (b->ordered)
				snprintf(marker, sizeof marker, "%d. ", number++);
			else
				snprintf(marker, sizeof marker, "- ");
			tr_buf_clear(&p1);
			tr_buf_clear(&p2);
			tr_buf_printf(&p1, "%s%s", item == b->child ? first : rest,
			    marker);
			tr_buf_puts(&p2, rest);
			tr_buf_repeat(&p2, " ", (int)strlen(marker));
			if (item != b->child && !b->tight)
				blank(c, rest);
			if (item->child)
				blocks(c, item->child, tr_buf_cstr(&p1),
				    tr_buf_cstr(&p2), b->tight);
			else
				blank(c, tr_buf_cstr(&p1));
		}
		break;
	}
	case TR_BLK_ITEM:
		blocks(c, b->child, first, rest, false);
		break;
	case TR_BLK_CODE: {
		const char *s = b->text;
		bool at_first = true;
		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			tr_buf_puts(c->out, at_first ? first : rest);
			tr_buf_puts(c->out, "    ");
			tr_buf_put(c->out, s, n);
			tr_buf_putc(c->out, '\n');
			at_first = false;
			s += n + (nl != NULL);
		}
		break;
	}
	case TR_BLK_OUTLINE: {
		const tr_outline *root = b->outline;
		const tr_outline *top = root->child;
		if (*root->text)
			wrap(c, root->text, strlen(root->text), first, rest, 0);
		else if (!top)
			blank(c, first);
		tr_buf guide = { 0 };
		tr_buf_puts(&guide, "");
		outline(c, top, &guide, first, rest);
		tr_buf_free(&guide);
		break;
	}
	}
	tr_buf_free(&p1);
	tr_buf_free(&p2);
}

static void blocks(struct ctx *c, const tr_block *b, const char *first,
    const char *rest, bool tight)
{
	for (const tr_block *x = b; x; x = x->next) {
		if (x != b && !tight)
			blank(c, rest);
		block(c, x, x == b ? first : rest, rest);
	}
}

static void meta_line(struct ctx *c, const char *key, const char *value,
    const char *url)
{
	tr_buf line = { 0 };
	tr_buf_printf(&line, "%s%s%s", key, c->words->colon, value);
	if (url && strcmp(url, value) != 0)
		tr_buf_printf(&line, " <%s>", url);
	wrap(c, line.data, line.len, "", "  ", 0);
	tr_buf_free(&line);
}

void tr_text_write(const tr_doc *doc, const tr_options *opt, tr_buf *out)
{
	struct ctx c = { out, opt->width, doc, tr_words_for(doc->lang) };
	heading(&c, doc->title, "=");
	bool any_meta = false;
	if (doc->source_url) {
		if (!any_meta)
			blank(&c, "");
		any_meta = true;
		meta_line(&c, c.words->source, doc->source_title,
		    doc->source_url);
	}
	if (doc->channel) {
		if (!any_meta)
			blank(&c, "");
		any_meta = true;
		meta_line(&c, c.words->channel, doc->channel, doc->channel_url);
	}
	if (doc->date_text) {
		if (!any_meta)
			blank(&c, "");
		any_meta = true;
		meta_line(&c, c.words->date, doc->date_text ? doc->date_text :
		    doc->date, NULL);
	}
	tr_buf names = { 0 };
	tr_speaker_names(doc, c.words->list_sep, 0, &names);
	if (names.len) {
		if (!any_meta)
			blank(&c, "");
		meta_line(&c, c.words->speakers, tr_buf_cstr(&names), NULL);
	}
	tr_buf_free(&names);
	for (const tr_section *s = doc->sections; s; s = s->next) {
		blank(&c, "");
		if (*s->title_text) {
			blank(&c, "");
			tr_buf title = { 0 };
			tr_buf_puts(&title, s->title_text);
			if (s->time_text)
				tr_buf_printf(&title, " [%s]", s->time_text);
			heading(&c, tr_buf_cstr(&title), "-");
			tr_buf_free(&title);
			if (s->blocks)
				blank(&c, "");
		}
		blocks(&c, s->blocks, "", "", false);
	}
}

int tr_text_render(const tr_doc *doc, const tr_options *opt, FILE *out,
    char *err, size_t errlen)
{
	tr_buf buf = { 0 };
	tr_text_write(doc, opt, &buf);
	int rc = tr_output_write(out, tr_buf_cstr(&buf), buf.len, err, errlen);
	tr_buf_free(&buf);
	return rc;
}
