/* The Markdown reader: cmark parses the text, the survey (survey.c)
 * says which lines open speaker turns, and one walk over cmark's tree
 * (with its iterator: no recursion, so absurd nesting cannot exhaust
 * the stack) builds our own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "frontmatter.h"
#include "labels.h"
#include "meta.h"
#include "names.h"
#include "outline.h"
#include "langtag.h"
#include "parse.h"
#include "ruby.h"
#include "speakers.h"
#include "sha1.h"
#include "survey.h"
#include "utf8.h"

const char tr_softbreak_mark[] = "\n";

/* ---- the builder ------------------------------------------------------ */


struct builder {
	tr_doc *doc;
	struct tr_arena *A;
	tr_diag *diag;
	const char *path;
	const char *src;        /* what cmark reads (survey.h) */
	size_t *line_starts;
	int nlines;
	const int *line_map;    /* cmark's line -> the file's, or NULL */
	const tr_survey *survey;
	bool block_depth_warned, inline_depth_warned;
	/* sectioning */
	tr_part part;
	tr_section *cur, *last_section;
	tr_block *cur_last;     /* last block of cur */
	tr_block *turn, *turn_last;
	const char *turn_name;
	bool meta_done, seen_heading, front_content;
	bool title_only;        /* nothing yet but the title */
	tr_speaker_table speakers;
	const tr_parse_options *opt;
	cmark_node *ruby_text_until; /* a <ruby> read as text ends here */
	bool h1_chapters;       /* several level-1 headings, no level-2 */
	bool numbered_h1;       /* "# 1. …", "# 2. …": a meeting's agenda */
	bool transcript_h2;     /* "## Transcript" alone: level 3 chapters */
	bool in_transcript;     /* after that heading */
	bool no_headings;       /* one untitled body section */
	bool seen_turn;
};

/* The file's line of a cmark node: cmark reads the survey's copy, which
 * may have blank lines the file does not. */
static int file_line(const struct builder *b, int line)
{
	if (!b->line_map || line < 1 || line > b->nlines)
		return line;
	return b->line_map[line];
}

static int node_line(const struct builder *b, cmark_node *n)
{
	return file_line(b, cmark_node_get_start_line(n));
}

static int speaker_index(struct builder *b, const char *name, int line)
{
	return tr_speaker_table_find(&b->speakers, b->opt, b->A, name, line);
}

/* s as the tree may hold it (tr_utf8_clean): cmark decodes entities
 * such as &#xFFFE; and &#1; into what is not text, and passes some on
 * as bytes that are no UTF-8 at all (&#xFFFE; as 0xFE 0xFF).  A
 * warning at n's position names the first. */
static const char *clean_text(struct builder *b, const char *s,
    cmark_node *n)
{
	size_t len = strlen(s);
	size_t bad = tr_utf8_clean(s, len, NULL);
	if (bad == len)
		return tr_arena_strndup(b->A, s, len);
	char arg[24];
	uint32_t cp;
	if (tr_utf8_decode(s + bad, len - bad, &cp))
		snprintf(arg, sizeof arg, "U+%04X", (unsigned)cp);
	else
		snprintf(arg, sizeof arg, "byte 0x%02X", (unsigned char)s[bad]);
	tr_diag_emit(b->diag, TR_W_CONTROL, b->path,
	    n ? node_line(b, n) : 0,
	    n ? cmark_node_get_start_column(n) : 0, arg);
	tr_buf out = { 0 };
	tr_utf8_clean(s, len, &out);
	const char *r = tr_arena_strndup(b->A, tr_buf_cstr(&out), out.len);
	tr_buf_free(&out);
	return r;
}

static const char *literal(struct builder *b, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	return clean_text(b, s ? s : "", n);
}

static tr_block *new_block(struct builder *b, tr_block_kind kind,
    cmark_node *n)
{
	tr_block *blk = tr_arena_alloc(b->A, sizeof(*blk));
	blk->kind = kind;
	blk->speaker = -1;
	if (n) {
		blk->line = node_line(b, n);
		blk->col = cmark_node_get_start_column(n);
	}
	return blk;
}

static tr_inline *new_inline(struct builder *b, tr_inline_kind kind)
{
	tr_inline *in = tr_arena_alloc(b->A, sizeof(*in));
	in->kind = kind;
	return in;
}

/* A run from <ruby> to </ruby> as ruby inlines (and text for bases
 * with no annotation), or NULL when it is no ruby we read: it is then
 * text, as all raw HTML. */
static tr_inline *read_ruby(struct builder *b, cmark_node *open,
    cmark_node **last)
{
	tr_ruby_part *parts;
	int nparts;
	bool attributes;
	const char *why;
	int line = node_line(b, open);
	int col = cmark_node_get_start_column(open);
	if (tr_ruby_read(open, last, &parts, &nparts, &attributes, &why) < 0) {
		tr_diag_emit(b->diag, TR_W_RUBY, b->path, line, col, why);
		/* all of it, a <ruby> nested inside too */
		b->ruby_text_until = *last;
		return NULL;
	}
	if (attributes)
		tr_diag_emit(b->diag, TR_W_RUBY_ATTR, b->path, line, col, "");
	tr_inline *first = NULL, *prev = NULL;
	for (int i = 0; i < nparts; i++) {
		tr_inline *in = new_inline(b, parts[i].text ? TR_INL_RUBY :
		    TR_INL_TEXT);
		in->text = clean_text(b, parts[i].base, open);
		if (parts[i].text) {
			tr_ruby *r = tr_arena_alloc(b->A, sizeof(*r));
			r->text = clean_text(b, parts[i].text, open);
			if (parts[i].rp_open || parts[i].rp_close) {
				r->rp_open = clean_text(b, parts[i].rp_open ?
				    parts[i].rp_open : "", open);
				r->rp_close = clean_text(b, parts[i].rp_close ?
				    parts[i].rp_close : "", open);
			}
			in->ruby = r;
		}
		if (prev)
			prev->next = in;
		else
			first = in;
		prev = in;
	}
	tr_ruby_free(parts, nparts);
	if (!first) {           /* <ruby></ruby>: nothing to show */
		first = new_inline(b, TR_INL_TEXT);
		first->text = "";
	}
	return first;
}

static void warn_depth(struct builder *b, bool *warned, cmark_node *n,
    int limit)
{
	if (*warned)
		return;
	char arg[16];
	snprintf(arg, sizeof arg, "%d", limit);
	tr_diag_emit(b->diag, TR_W_DEPTH, b->path, node_line(b, n),
	    cmark_node_get_start_column(n), arg);
	*warned = true;
}

static void warn_raw_html(struct builder *b, cmark_node *n)
{
	if (b->diag->raw_html_seen++)
		return;
	tr_diag_emit(b->diag, TR_W_RAW_HTML, b->path,
	    node_line(b, n), cmark_node_get_start_column(n), "");
}

/* "<alice>" of a --label-pattern's label: no raw HTML, it goes. */
static bool in_label(const struct builder *b, const tr_block *leaf,
    const char *html)
{
	const tr_survey_label *l = tr_survey_at(b->survey, leaf->line);
	size_t n = html ? strlen(html) : 0;
	if (!l || !n || n > l->label_len)
		return false;
	for (size_t i = 0; i + n <= l->label_len; i++)
		if (memcmp(l->label + i, html, n) == 0)
			return true;
	return false;
}

/* Source text of a 1-based line, without its newline. */
static const char *source_line(struct builder *b, int line, size_t *len)
{
	if (line < 1 || line > b->nlines) {
		*len = 0;
		return "";
	}
	size_t start = b->line_starts[line - 1];
	size_t end = b->line_starts[line] - 1; /* the newline or the end */
	const char *s = b->src + start;
	*len = end > start ? end - start : 0;
	if (*len && s[*len - 1] == '\r')
		(*len)--;
	return s;
}

/* The fence of a fenced code block as written ('`' or '~', and how many);
 * 0 for an indented one.  cmark 0.30 does not tell. */
static int fence_of(struct builder *b, cmark_node *n, char *fence_char)
{
	size_t len;
	const char *s = source_line(b, cmark_node_get_start_line(n), &len);
	size_t i = (size_t)cmark_node_get_start_column(n) - 1;
	if (i >= len || (s[i] != '`' && s[i] != '~'))
		return 0;
	*fence_char = s[i];
	int run = 0;
	while (i < len && s[i] == *fence_char)
		i++, run++;
	return run >= 3 ? run : 0;
}

/* cmark runs an unclosed fence to the end of its container silently. */
static void check_fence(struct builder *b, cmark_node *n)
{
	char fence_char = 0;
	int fence_len = fence_of(b, n, &fence_char);
	if (!fence_len)
		return;
	int start = cmark_node_get_start_line(n);
	int end = cmark_node_get_end_line(n);
	size_t len;
	const char *s = source_line(b, end, &len);
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '>' || s[i] == '\t'))
		i++;
	int run = 0;
	while (i < len && s[i] == fence_char)
		i++, run++;
	if (end == start || run < fence_len)
		tr_diag_emit(b->diag, TR_W_FENCE, b->path, file_line(b, start),
		    cmark_node_get_start_column(n), "");
}

/* Converts one cmark block (and everything inside it) to ours. */
static tr_block *convert_block(struct builder *b, cmark_node *top)
{
	struct frame {
		tr_block *blk;
		tr_block *last;
	} stack[TR_MAX_BLOCK_DEPTH + 1];
	int sp = -1, skipped = 0;
	struct iframe {
		tr_inline *node;      /* NULL: the block's own list */
		tr_inline *last;
	} istack[TR_MAX_INLINE_DEPTH + 1];
	int isp = -1, iskipped = 0;
	tr_block *result = NULL, *leaf = NULL;

	cmark_iter *it = cmark_iter_new(top);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		tr_block *blk = NULL;
		tr_inline *in = NULL;
		bool push_block = false, push_inline = false;

		switch (type) {
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT) {
				if (skipped)
					skipped--;
				else
					sp--;
				continue;
			}
			if (sp + 1 >= TR_MAX_BLOCK_DEPTH) {
				warn_depth(b, &b->block_depth_warned, n,
				    TR_MAX_BLOCK_DEPTH);
				skipped++;
				continue;
			}
			blk = new_block(b, type == CMARK_NODE_BLOCK_QUOTE ?
			    TR_BLK_QUOTE : type == CMARK_NODE_LIST ?
			    TR_BLK_LIST : TR_BLK_ITEM, n);
			if (type == CMARK_NODE_LIST) {
				blk->ordered = cmark_node_get_list_type(n) ==
				    CMARK_ORDERED_LIST;
				blk->start = cmark_node_get_list_start(n);
				blk->tight = cmark_node_get_list_tight(n);
			}
			/* a list item flattened into a quote still counts */
			if (type == CMARK_NODE_ITEM && sp >= 0 &&
			    stack[sp].blk->kind != TR_BLK_LIST)
				blk->kind = TR_BLK_QUOTE;
			push_block = true;
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_EXIT) {
				leaf->inlines = tr_inlines_normalize(b->A,
				    leaf->inlines);
				leaf = NULL;
				isp = -1;
				iskipped = 0;
				continue;
			}
			blk = new_block(b, type == CMARK_NODE_PARAGRAPH ?
			    TR_BLK_PARA : TR_BLK_HEADING, n);
			if (type == CMARK_NODE_HEADING)
				blk->level = cmark_node_get_heading_level(n);
			leaf = blk;
			isp = 0;
			istack[0] = (struct iframe){ NULL, NULL };
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *info = cmark_node_get_fence_info(n);
			const char *text = cmark_node_get_literal(n);
			check_fence(b, n);
			if (tr_outline_detect(info, text ? text : "")) {
				blk = new_block(b, TR_BLK_OUTLINE, n);
				blk->outline = tr_outline_parse(b->A,
				    text ? text : "",
				    node_line(b, n) +
				    (fence_of(b, n, &(char){ 0 }) ? 1 : 0),
				    b->path, b->diag);
			} else {
				blk = new_block(b, TR_BLK_CODE, n);
				blk->text = literal(b, n);
				blk->info = clean_text(b, info ? info : "", n);
			}
			break;
		}
		case CMARK_NODE_HTML_BLOCK: {
			/* shown as the text it is, never interpreted */
			warn_raw_html(b, n);
			blk = new_block(b, TR_BLK_PARA, n);
			const char *s = cmark_node_get_literal(n);
			size_t len = s ? strlen(s) : 0;
			while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
				len--;
			tr_inline *t = new_inline(b, TR_INL_TEXT);
			t->text = tr_arena_strndup(b->A, s ? s : "", len);
			blk->inlines = t;
			break;
		}
		case CMARK_NODE_THEMATIC_BREAK:
		case CMARK_NODE_DOCUMENT:
			continue;

		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (!leaf)
				continue;
			if (ev == CMARK_EVENT_EXIT) {
				if (iskipped)
					iskipped--;
				else
					isp--;
				continue;
			}
			if (isp >= TR_MAX_INLINE_DEPTH) {
				warn_depth(b, &b->inline_depth_warned, n,
				    TR_MAX_INLINE_DEPTH);
				iskipped++;
				continue;
			}
			in = new_inline(b, type == CMARK_NODE_EMPH ? TR_INL_EMPH :
			    type == CMARK_NODE_STRONG ? TR_INL_STRONG :
			    type == CMARK_NODE_LINK ? TR_INL_LINK : TR_INL_IMAGE);
			if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
				const char *url = cmark_node_get_url(n);
				const char *title = cmark_node_get_title(n);
				in->url = clean_text(b, url ? url : "", n);
				if (title && *title)
					in->title = clean_text(b, title, n);
			}
			push_inline = true;
			break;
		case CMARK_NODE_HTML_INLINE:
			if (!leaf)
				continue;
			if (b->ruby_text_until) {
				/* inside a <ruby> shown as text */
				if (n == b->ruby_text_until)
					b->ruby_text_until = NULL;
			} else if (tr_ruby_opens(cmark_node_get_literal(n))) {
				cmark_node *last = NULL;
				in = read_ruby(b, n, &last);
				if (in) {
					/* on from the closing </ruby> */
					cmark_iter_reset(it, last,
					    CMARK_EVENT_ENTER);
					break;
				}
			}
			if (!in_label(b, leaf, cmark_node_get_literal(n)))
				warn_raw_html(b, n);
			in = new_inline(b, TR_INL_TEXT);
			in->text = literal(b, n);
			break;
		case CMARK_NODE_TEXT:
			if (!leaf)
				continue;
			in = new_inline(b, TR_INL_TEXT);
			in->text = literal(b, n);
			break;
		case CMARK_NODE_CODE:
			if (!leaf)
				continue;
			in = new_inline(b, TR_INL_CODE);
			in->text = literal(b, n);
			break;
		case CMARK_NODE_SOFTBREAK:
			if (!leaf)
				continue;
			in = new_inline(b, TR_INL_TEXT);
			in->text = tr_softbreak_mark;
			break;
		case CMARK_NODE_LINEBREAK:
			if (!leaf)
				continue;
			in = new_inline(b, TR_INL_BREAK);
			break;
		default:
			continue;
		}

		if (blk) {
			if (sp < 0) {
				if (!result)
					result = blk;
			} else if (stack[sp].last) {
				stack[sp].last->next = blk;
				stack[sp].last = blk;
			} else {
				stack[sp].blk->child = stack[sp].last = blk;
			}
			if (push_block) {
				sp++;
				stack[sp] = (struct frame){ blk, NULL };
			}
		} else if (in) {
			struct iframe *f = &istack[isp];
			if (f->last)
				f->last->next = in;
			else if (f->node)
				f->node->child = in;
			else
				leaf->inlines = in;
			f->last = in;
			while (f->last->next) /* a ruby run makes several */
				f->last = tr_own_inline(f->last->next);
			if (push_inline) {
				isp++;
				istack[isp] = (struct iframe){ in, NULL };
			}
		}
	}
	cmark_iter_free(it);
	return result;
}

/* ---- inline normalisation ------------------------------------------- */

static uint32_t last_cp(const tr_inline *in)
{
	for (int depth = 0; in && depth <= TR_MAX_INLINE_DEPTH; depth++) {
		if (in->kind == TR_INL_TEXT || in->kind == TR_INL_CODE ||
		    in->kind == TR_INL_RUBY) {
			const char *s = in->text;
			size_t n = strlen(s);
			if (!n)
				return 0;
			size_t i = n - 1;
			while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
				i--;
			uint32_t cp = 0;
			return tr_utf8_decode(s + i, n - i, &cp) ? cp : 0;
		}
		if (!in->child)
			return 0;
		in = in->child;
		while (in->next)
			in = in->next;
	}
	return 0;
}

static uint32_t first_cp(const tr_inline *in)
{
	for (int depth = 0; in && depth <= TR_MAX_INLINE_DEPTH; depth++) {
		if (in->kind == TR_INL_TEXT || in->kind == TR_INL_CODE ||
		    in->kind == TR_INL_RUBY) {
			uint32_t cp = 0;
			return tr_utf8_decode(in->text, strlen(in->text), &cp) ?
			    cp : 0;
		}
		in = in->child;
	}
	return 0;
}

static bool joins_without_space(uint32_t a, uint32_t b)
{
	tr_lb_class ca = tr_cp_lb_class(a), cb = tr_cp_lb_class(b);
	bool cjk_a = tr_cp_is_cjk(a) || (a >= 0x2000 && ca != TR_LB_OTHER);
	bool cjk_b = tr_cp_is_cjk(b) || (b >= 0x2000 && cb != TR_LB_OTHER);
	return cjk_a && cjk_b;
}

const tr_inline *tr_inlines_normalize(struct tr_arena *a,
    const tr_inline *list)
{
	tr_inline *first = tr_own_inline(list);
	/* soft breaks first: they need their neighbours as they are */
	tr_inline *prev = NULL;
	for (tr_inline *in = first; in; prev = in, in = tr_own_inline(in->next)) {
		if (in->kind == TR_INL_TEXT && in->text == tr_softbreak_mark) {
			uint32_t pa = last_cp(prev), nb = first_cp(in->next);
			in->text = joins_without_space(pa, nb) ? "" : " ";
		}
	}
	/* then merge runs of text */
	const tr_inline *head = NULL, **link = &head;
	tr_inline *in = first;
	while (in) {
		tr_inline *next = tr_own_inline(in->next);
		if (in->kind != TR_INL_TEXT) {
			if (in->child)
				in->child = tr_inlines_normalize(a, in->child);
			*link = in;
			link = &in->next;
			in = next;
			continue;
		}
		if (next && next->kind == TR_INL_TEXT) {
			tr_buf buf = { 0 };
			while (in && in->kind == TR_INL_TEXT) {
				tr_buf_puts(&buf, in->text);
				in = tr_own_inline(in->next);
			}
			tr_inline *t = tr_arena_alloc(a, sizeof(*t));
			t->kind = TR_INL_TEXT;
			t->text = tr_arena_strndup(a, tr_buf_cstr(&buf), buf.len);
			tr_buf_free(&buf);
			next = in;
			in = t;
		}
		if (*in->text) {
			*link = in;
			link = &in->next;
		}
		in = next;
	}
	*link = NULL;
	return head;
}

/* ---- labels, as the survey found them ----------------------------------- */

static const char *skip_blank(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			return s;
	}
}

/* What of a label's source the inlines do not hold as characters:
 * blanks, emphasis marks, escapes.  Smart quotes are the quotes. */
static bool label_skips(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '*' || cp == '_' ||
	    cp == '\\' || cp == 0x3000;
}

static uint32_t plain_quote(uint32_t cp)
{
	if (cp == 0x2018 || cp == 0x2019)
		return '\'';
	if (cp == 0x201C || cp == 0x201D)
		return '"';
	return cp;
}

struct strip {
	const char *want;       /* the label as written */
	size_t n, i;
};

/* The label's next character that the inlines hold, or 0 at its end. */
static uint32_t strip_next(struct strip *st, size_t *len)
{
	while (st->i < st->n) {
		uint32_t cp;
		size_t l = tr_utf8_decode(st->want + st->i, st->n - st->i, &cp);
		if (!l)
			l = 1, cp = '?';
		if (!label_skips(cp)) {
			*len = l;
			return plain_quote(cp);
		}
		st->i += l;
	}
	*len = 0;
	return 0;
}

/* The inlines after the label, matched character by character through
 * text, strong and emphasis; *ok false when they do not match. */
static tr_inline *strip_inlines(struct builder *b, const tr_inline *in,
    struct strip *st, bool *ok)
{
	size_t l;
	for (; in; in = in->next) {
		if (!strip_next(st, &l))
			return tr_own_inline(in);
		if (in->kind == TR_INL_TEXT) {
			const char *t = in->text;
			size_t n = strlen(t), j = 0;
			uint32_t want;
			while (j < n && (want = strip_next(st, &l))) {
				uint32_t cp;
				size_t cl = tr_utf8_decode(t + j, n - j, &cp);
				if (!cl) {
					*ok = false;
					return NULL;
				}
				if (!label_skips(cp) && plain_quote(cp) != want) {
					*ok = false;
					return NULL;
				}
				if (!label_skips(cp))
					st->i += l;
				j += cl;
			}
			if (j < n) {
				tr_inline *r = new_inline(b, TR_INL_TEXT);
				r->text = t + j;
				r->next = in->next;
				return r;
			}
		} else if (in->kind == TR_INL_STRONG || in->kind == TR_INL_EMPH) {
			tr_inline *rest = strip_inlines(b, in->child, st, ok);
			if (!*ok)
				return NULL;
			if (rest) {
				tr_inline *r = new_inline(b, in->kind);
				r->child = rest;
				r->next = in->next;
				return r;
			}
		} else {
			*ok = false;
			return NULL;
		}
	}
	return NULL;    /* all of it; the caller sees whether the label is */
}

/* The words of a turn: the inlines after its label (its aside first);
 * *ok false when the inlines do not start with the label. */
static tr_inline *strip_label(struct builder *b, const tr_inline *in,
    const tr_survey_label *l, bool *ok)
{
	struct strip st = { l->label, l->label_len, 0 };
	*ok = true;
	size_t l_len;
	tr_inline *rest = strip_inlines(b, in, &st, ok);
	if (*ok && strip_next(&st, &l_len))
		*ok = false;    /* the inlines ended inside the label */
	if (!*ok)
		return NULL;
	/* "**张三：**你好", which cmark leaves as text: its closing marks */
	size_t marks = 0;
	while (marks < l->label_len && (l->label[l->label_len - 1 - marks] ==
	    '*' || l->label[l->label_len - 1 - marks] == '_'))
		marks++;
	if (rest && rest->kind == TR_INL_TEXT) {
		const char *t = rest->text;
		while (marks && (*t == '*' || *t == '_'))
			t++, marks--;
		t = skip_blank(t);
		if (!*t)
			rest = tr_own_inline(rest->next);
		else if (t != rest->text) {
			tr_inline *r = new_inline(b, TR_INL_TEXT);
			r->text = t;
			r->next = rest->next;
			rest = r;
		}
	}
	/* "Alice (laughing): Hi": the aside stays, as the first words */
	if (l->aside) {
		tr_inline *t = new_inline(b, TR_INL_TEXT);
		t->text = tr_arena_strndup(b->A, l->aside, l->aside_len);
		if (rest) {
			tr_inline *space = new_inline(b, TR_INL_TEXT);
			space->text = " ";
			space->next = rest;
			t->next = space;
		}
		rest = t;
	}
	return rest;
}


/* ---- sections --------------------------------------------------------- */

static bool title_matches(const char *title, const char *const *words)
{
	for (; *words; words++) {
		if (strcasecmp(title, *words) == 0)
			return true;
	}
	return false;
}

/* "1. Welcome", "2) Budget", "3、预算": an agenda item's number. */
static bool numbered_title(const char *t)
{
	size_t i = 0;
	while (t[i] >= '0' && t[i] <= '9' && i < 3)
		i++;
	return i > 0 && (((t[i] == '.' || t[i] == ')') && t[i + 1] == ' ') ||
	    strncmp(t + i, "\xE3\x80\x81", 3) == 0);
}

static bool transcript_title(const char *t)
{
	static const char *const words[] = { "Transcript", "Full transcript",
		"The transcript", "Episode transcript", "逐字稿", "全文",
		"文字稿", "文字实录", "文字實錄", "实录", "實錄", NULL };
	return title_matches(t, words);
}

static const char *const intro_titles[] = {
	"讲座介绍", "講座介紹", "介绍", "介紹", "简介", "簡介", "节目介绍",
	"節目介紹", "内容简介", "內容簡介", "本期介绍", "本期介紹", "导语",
	"導語", "About this episode", "About", "Introduction", "Intro",
	"Overview", NULL
};

static const char *const outline_titles[] = {
	"内容纲要", "內容綱要", "纲要", "綱要", "大纲", "大綱", "提纲", "提綱",
	"目录", "目錄", "Outline", "Contents", "Table of contents", NULL
};

static const char *const recap_titles[] = {
	"要点回顾", "要點回顧", "要点总结", "要點總結", "总结", "總結", "回顾",
	"回顧", "要点", "要點", "Key takeaways", "Takeaways", "Key points",
	"Summary", "Recap", NULL
};

static void end_turn(struct builder *b)
{
	if (b->turn && !b->turn->child)
		tr_diag_emit(b->diag, TR_W_LABEL_EMPTY, b->path, b->turn->line,
		    b->turn->col, b->turn_name);
	b->turn = b->turn_last = NULL;
}

static tr_section *start_section(struct builder *b, tr_section_kind kind,
    const tr_inline *title, int line)
{
	end_turn(b);
	tr_section *s = tr_arena_alloc(b->A, sizeof(*s));
	s->kind = kind;
	s->part = b->part;
	s->title = title;
	tr_buf buf = { 0 };
	tr_inline_plain(title, &buf);
	s->title_text = tr_arena_strndup(b->A, tr_buf_cstr(&buf), buf.len);
	tr_buf_free(&buf);
	s->line = line;
	if (b->last_section)
		b->last_section->next = s;
	else
		b->doc->sections = s;
	b->last_section = s;
	b->doc->nsections++;
	b->cur = s;
	b->cur_last = NULL;
	return s;
}

static void section_append(struct builder *b, tr_block *blk)
{
	if (!b->cur) {
		tr_section_kind kind = b->part == TR_PART_FRONT ? TR_SEC_FRONT :
		    b->part == TR_PART_BODY ? TR_SEC_BODY : TR_SEC_BACK;
		start_section(b, kind, NULL, blk->line);
	}
	if (b->cur_last)
		b->cur_last->next = blk;
	else
		b->cur->blocks = blk;
	b->cur_last = blk;
}

static void turn_append(struct builder *b, tr_block *blk)
{
	if (b->turn_last)
		b->turn_last->next = blk;
	else
		b->turn->child = blk;
	b->turn_last = blk;
}

/* Emphasis that wraps a whole heading is presentation, not content. */
static const tr_inline *unwrap(const tr_inline *in)
{
	while (in && !in->next &&
	    (in->kind == TR_INL_STRONG || in->kind == TR_INL_EMPH))
		in = in->child;
	return in;
}

/* A chapter heading in the YouTube-chapters form, "3:33 - Title",
 * "[03:33] Title": the time goes to the chapter, the rest is its title. */
static void chapter_time(struct builder *b, tr_block *h, double *time,
    const char **time_text)
{
	*time_text = NULL;
	tr_inline *first = tr_own_inline(h->inlines);
	if (!first || first->kind != TR_INL_TEXT)
		return;
	tr_time t;
	size_t title;
	if (!tr_time_chapter(first->text, strlen(first->text), &t, &title))
		return;
	*time = t.seconds;
	*time_text = tr_arena_strndup(b->A, t.text, t.text_len);
	tr_inline *rest = new_inline(b, TR_INL_TEXT);
	rest->text = first->text + title;
	rest->next = first->next;
	h->inlines = rest;
}

static void start_chapter(struct builder *b, tr_block *h)
{
	double time = 0;
	const char *time_text;
	chapter_time(b, h, &time, &time_text);
	b->part = TR_PART_BODY;
	tr_section *s = start_section(b, TR_SEC_CHAPTER, h->inlines, h->line);
	s->time = time;
	s->time_text = time_text;
	b->doc->nchapters++;
}

static void add_heading(struct builder *b, tr_block *h)
{
	h->inlines = unwrap(h->inlines);
	bool first = !b->seen_heading;
	b->seen_heading = true;
	b->title_only = false;
	tr_buf buf = { 0 };
	tr_inline_plain(h->inlines, &buf);
	const char *text = tr_buf_cstr(&buf);
	bool numbered = h->level == 1 && b->numbered_h1 && numbered_title(text);
	if (numbered || (h->level == 1 && b->h1_chapters && !b->numbered_h1)) {
		/* several level-1 headings and no level-2 ones: chapters, but
		 * a recap after them stays the recap */
		if (b->doc->nchapters > 0 && title_matches(text, recap_titles)) {
			b->part = TR_PART_BACK;
			start_section(b, TR_SEC_RECAP, h->inlines, h->line);
		} else {
			start_chapter(b, h);
		}
	} else if (h->level == 1) {
		/* the title comes before the first turn: a heading after
		 * turns ("# Break [25:59]") is a section, not the title */
		if (!b->doc->title_inlines && b->doc->nchapters == 0 &&
		    b->part != TR_PART_BACK && !b->seen_turn) {
			end_turn(b);
			b->doc->title_inlines = h->inlines;
			b->doc->title = tr_arena_strndup(b->A, text, buf.len);
			b->doc->title_line = h->line;
			b->title_only = first;
			b->part = TR_PART_BODY;
			b->cur = NULL;
		} else if (b->doc->nchapters > 0 || b->part == TR_PART_BACK) {
			b->part = TR_PART_BACK;
			start_section(b, title_matches(text, recap_titles) ?
			    TR_SEC_RECAP : TR_SEC_BACK, h->inlines, h->line);
		} else {
			b->part = TR_PART_BODY;
			start_section(b, TR_SEC_BODY, h->inlines, h->line);
		}
	} else if (h->level == 2 && b->transcript_h2) {
		/* "## Transcript": the body starts; its level-3 headings are
		 * the chapters */
		b->part = TR_PART_BODY;
		start_section(b, TR_SEC_BODY, h->inlines, h->line);
		b->in_transcript = true;
	} else if (h->level == 3 && b->in_transcript) {
		start_chapter(b, h);
	} else if (h->level == 2 && b->part != TR_PART_BACK &&
	    !b->numbered_h1 && !b->transcript_h2) {
		start_chapter(b, h);
	} else if (b->part == TR_PART_FRONT) {
		start_section(b, title_matches(text, intro_titles) ?
		    TR_SEC_INTRO : title_matches(text, outline_titles) ?
		    TR_SEC_OUTLINE : TR_SEC_FRONT, h->inlines, h->line);
	} else {
		end_turn(b);
		section_append(b, h);
	}
	tr_buf_free(&buf);
}

/* ---- metadata ------------------------------------------------------- */

/* The opening list (blk, converted once: its warnings are said once)
 * is metadata when every item is one "key: value" paragraph. */
static bool take_metadata(struct builder *b, tr_block *blk)
{
	if (!blk || !blk->child)
		return false;
	tr_buf plain = { 0 };
	bool ok = true;
	for (const tr_block *item = blk->child; item && ok; item = item->next) {
		const tr_block *p = item->child;
		/* "- 日期：2020年5月9日", "- **Published:** April 2, 2020";
		 * never an item that opens a turn */
		if (!p || p->next || p->kind != TR_BLK_PARA || !p->inlines ||
		    tr_survey_at(b->survey, p->line)) {
			ok = false;
			break;
		}
		tr_buf_clear(&plain);
		tr_inline_plain(p->inlines, &plain);
		size_t kl, vs;
		ok = tr_meta_split(tr_buf_cstr(&plain), plain.len, &kl, &vs);
	}
	if (!ok) {
		tr_buf_free(&plain);
		return false;
	}
	const tr_meta_field **link = &b->doc->meta;
	for (const tr_block *item = blk->child; item; item = item->next) {
		const tr_inline *in = item->child->inlines;
		tr_buf_clear(&plain);
		tr_inline_plain(in, &plain);
		const char *text = tr_buf_cstr(&plain);
		size_t kl, vs;
		tr_meta_split(text, plain.len, &kl, &vs);
		tr_meta_field *f = tr_arena_alloc(b->A, sizeof(*f));
		f->line = item->line;
		f->key = tr_arena_strndup(b->A, text, kl);
		while (kl && f->key[kl - 1] == ' ')
			((char *)f->key)[--kl] = '\0';
		f->value = tr_arena_strdup(b->A, skip_blank(text + vs));
		for (const tr_inline *x = in; x; x = x->next) {
			if (x->kind == TR_INL_LINK) {
				f->url = x->url;
				break;
			}
		}
		*link = f;
		link = &f->next;

		tr_doc *d = b->doc;
		switch (tr_meta_key_of(f->key, strlen(f->key))) {
		case TR_KEY_SOURCE:
			if (!d->source_url) {
				d->source_url = f->url ? f->url : f->value;
				d->source_title = f->value;
			}
			break;
		case TR_KEY_CHANNEL:
			if (!d->channel) {
				d->channel = f->value;
				d->channel_url = f->url;
			}
			break;
		case TR_KEY_DATE:
			if (!d->date_text) {
				char iso[11];
				d->date_text = f->value;
				if (tr_date_iso(f->value, iso))
					d->date = tr_arena_strdup(b->A, iso);
				else
					tr_diag_emit(b->diag, TR_W_DATE, b->path,
					    f->line, 1, f->value);
			}
			break;
		default:
			break;
		}
	}
	tr_buf_free(&plain);
	return true;
}

/* ---- turns ------------------------------------------------------------ */

static void begin_turn(struct builder *b, const tr_survey_label *l,
    int line, int col)
{
	end_turn(b);
	/* turns are never front matter */
	if (b->part == TR_PART_FRONT) {
		b->part = TR_PART_BODY;
		b->cur = NULL;
	}
	/* and the recap holds none: a level-1 section after the chapters
	 * that has turns ("# Break [25:59]") is body, and so is what
	 * follows it */
	if (b->part == TR_PART_BACK) {
		b->part = TR_PART_BODY;
		if (b->cur) {
			b->cur->part = TR_PART_BODY;
			b->cur->kind = TR_SEC_BODY;
		}
	}
	tr_block *turn = new_block(b, TR_BLK_TURN, NULL);
	turn->line = line;
	turn->col = col;
	turn->speaker = speaker_index(b, l->name, line);
	if (l->has_time) {
		turn->time = l->time.seconds;
		turn->time_text = tr_arena_strndup(b->A, l->time.text,
		    l->time.text_len);
	}
	b->speakers.list[turn->speaker].turns++;
	section_append(b, turn);
	b->cur->turns++;
	b->turn = turn;
	b->turn_name = b->speakers.list[turn->speaker].name;
	b->seen_turn = true;
}

/* The block's first line opens a turn: begins it and returns the words
 * after the label (NULL: none on this line); false when no label the
 * survey found opens it. */
static bool open_turn(struct builder *b, tr_block *blk, tr_inline **rest)
{
	const tr_survey_label *l = tr_survey_at(b->survey, blk->line);
	*rest = NULL;
	if (!l)
		return false;
	if (l->marker) {
		/* between turns: it ends the one before */
		end_turn(b);
		return false;
	}
	bool ok;
	tr_inline *words = strip_label(b, blk->inlines, l, &ok);
	if (!ok)
		return false;
	begin_turn(b, l, blk->line, blk->col);
	*rest = words;
	return true;
}

static void add_paragraph(struct builder *b, tr_block *blk)
{
	/* recap: a bold one-line paragraph is a sub-heading */
	if (b->part == TR_PART_BACK && blk->inlines && !blk->inlines->next &&
	    blk->inlines->kind == TR_INL_STRONG &&
	    !tr_survey_at(b->survey, blk->line)) {
		blk->kind = TR_BLK_HEADING;
		blk->level = 3;
		add_heading(b, blk);
		return;
	}
	tr_inline *rest;
	if (open_turn(b, blk, &rest)) {
		if (rest) {
			blk->inlines = rest;
			turn_append(b, blk);
		}
		return;
	}
	if (b->turn)
		turn_append(b, blk);
	else
		section_append(b, blk);
}

static void append_block(struct builder *b, tr_block *blk)
{
	if (b->turn && blk->kind != TR_BLK_HEADING)
		turn_append(b, blk);
	else
		section_append(b, blk);
}

/* "* **Oskar**: text": a list whose items open turns is those turns;
 * the items between them stay a list, in the turn before. */
static void add_list(struct builder *b, tr_block *list)
{
	bool any = false;
	for (const tr_block *item = list->child; item && !any; item = item->next)
		any = item->child && item->child->kind == TR_BLK_PARA &&
		    tr_survey_at(b->survey, item->child->line);
	if (!any) {
		append_block(b, list);
		return;
	}
	tr_block *pending = NULL, *pending_last = NULL;
	for (tr_block *item = tr_own_block(list->child); item;) {
		tr_block *next = tr_own_block(item->next);
		item->next = NULL;
		tr_block *p = tr_own_block(item->child);
		tr_inline *rest;
		if (p && p->kind == TR_BLK_PARA) {
			/* the turn before ends with the items before this one */
			tr_block *held = pending;
			pending = NULL;
			tr_survey_label const *l = tr_survey_at(b->survey, p->line);
			if (l && !l->marker && held) {
				append_block(b, held);
				held = NULL;
			}
			if (open_turn(b, p, &rest)) {
				if (rest) {
					p->inlines = rest;
					turn_append(b, p);
				}
				for (tr_block *q = tr_own_block(p->next); q;) {
					tr_block *qn = tr_own_block(q->next);
					q->next = NULL;
					turn_append(b, q);
					q = qn;
				}
				item = next;
				continue;
			}
			pending = held;
		}
		if (!pending) {
			pending = new_block(b, TR_BLK_LIST, NULL);
			*pending = *list;
			pending->child = NULL;
			pending->next = NULL;
			pending->line = item->line;
			pending->col = item->col;
			pending_last = NULL;
			if (pending->ordered && p)
				pending->start = list->start;
		}
		if (pending_last)
			pending_last->next = item;
		else
			pending->child = item;
		pending_last = item;
		item = next;
	}
	if (pending)
		append_block(b, pending);
}

static void add_block(struct builder *b, tr_block *blk)
{
	if (!blk)
		return;
	if (b->part == TR_PART_FRONT)
		b->front_content = true;
	if (blk->kind == TR_BLK_PARA) {
		add_paragraph(b, blk);
		return;
	}
	if (blk->kind == TR_BLK_LIST) {
		add_list(b, blk);
		return;
	}
	append_block(b, blk);
	if (blk->kind == TR_BLK_OUTLINE) {
		if (!b->doc->outline)
			b->doc->outline = blk->outline;
		if (b->cur->kind == TR_SEC_FRONT)
			b->cur->kind = TR_SEC_OUTLINE;
	}
}

/* "### 唐鳳：", "### [00:00:00] Maria" followed by the turn's
 * paragraphs: a heading that holds a label is a turn, not a heading. */
static bool heading_label(struct builder *b, tr_block *h)
{
	tr_inline *rest;
	if (!open_turn(b, h, &rest))
		return false;
	if (rest) {
		tr_block *p = new_block(b, TR_BLK_PARA, NULL);
		p->line = h->line;
		p->col = h->col;
		p->inlines = rest;
		turn_append(b, p);
	}
	return true;
}

/* ---- the layout of headings --------------------------------------------- */

static void node_plain(cmark_node *n, tr_buf *out)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT ||
		    t == CMARK_NODE_CODE) && cmark_node_get_literal(c))
			tr_buf_puts(out, cmark_node_get_literal(c));
	}
	cmark_iter_free(it);
}

/* One look at the top-level headings before building: several level-1
 * and no level-2 ones are chapters; none at all is one body section. */
static void survey_headings(struct builder *b, cmark_node *root)
{
	int h1 = 0, h2 = 0, numbered = 0, transcripts = 0, h3_after = 0;
	int headings = 0;
	tr_buf t = { 0 };
	for (cmark_node *n = cmark_node_first_child(root); n;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    tr_survey_at(b->survey, node_line(b, n)))
			continue;
		headings++;
		int level = cmark_node_get_heading_level(n);
		tr_buf_clear(&t);
		node_plain(n, &t);
		h1 += level == 1;
		h2 += level == 2;
		numbered += level == 1 && numbered_title(tr_buf_cstr(&t));
		transcripts += level == 2 && transcript_title(tr_buf_cstr(&t));
		h3_after += level == 3 && transcripts > 0;
	}
	tr_buf_free(&t);
	b->h1_chapters = h1 >= 2 && h2 == 0;
	b->numbered_h1 = numbered >= 2;
	b->transcript_h2 = h2 == 1 && transcripts == 1 && h3_after > 0 &&
	    !b->numbered_h1;
	b->no_headings = headings == 0;
	if (b->no_headings)
		b->part = TR_PART_BODY;
}

static void build_one(struct builder *b, cmark_node *n);

static void build(struct builder *b, cmark_node *root)
{
	survey_headings(b, root);
	/* each top-level block is freed once it is ours: cmark's tree takes
	 * about 96 bytes an input byte, and ours grows into what it gives
	 * back, so the two are never whole at once */
	cmark_node *next;
	for (cmark_node *n = cmark_node_first_child(root); n; n = next) {
		next = cmark_node_next(n);
		build_one(b, n);
		cmark_node_free(n);
	}
	end_turn(b);
}

static void build_one(struct builder *b, cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	if (type == CMARK_NODE_LIST && !b->meta_done && !b->front_content &&
	    !b->seen_turn && (!b->seen_heading || b->title_only)) {
		/* the opening list, before or right after the title */
		b->meta_done = true;
		tr_block *list = convert_block(b, n);
		if (!take_metadata(b, list))
			add_block(b, list);
		return;
	}
	if (type == CMARK_NODE_HEADING) {
		tr_block *h = convert_block(b, n);
		if (!heading_label(b, h))
			add_heading(b, h);
	} else if (type == CMARK_NODE_THEMATIC_BREAK) {
		/* a section boundary, not a drawn line */
		end_turn(b);
		if (b->no_headings) {
			/* one untitled body section all the same */
		} else if (b->part == TR_PART_FRONT) {
			if (b->front_content)
				b->part = TR_PART_BODY;
			b->cur = NULL;
		} else if (!b->cur || b->cur->kind != TR_SEC_CHAPTER) {
			b->cur = NULL;
		}
	} else {
		add_block(b, convert_block(b, n));
	}
	if (type != CMARK_NODE_HEADING)
		b->title_only = false;
}


static void *cmark_calloc(size_t n, size_t size)
{
	return tr_xcalloc(n, size);
}

static void *cmark_realloc(void *p, size_t n)
{
	return tr_xrealloc(p, n);
}

static size_t *index_lines(const char *s, size_t n, int *nlines)
{
	size_t count = 1;
	for (size_t i = 0; i < n; i++)
		count += s[i] == '\n';
	size_t *starts = tr_xmalloc((count + 1) * sizeof(size_t));
	size_t k = 0;
	starts[k++] = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			starts[k++] = i + 1;
	starts[k] = n + 1; /* as if a newline followed the last line */
	*nlines = (int)count;
	return starts;
}

tr_doc *tr_read_markdown(const char *path, const char *data, size_t len,
    const tr_parse_options *opt, tr_diag *diag)
{
	char *clean = NULL;
	struct tr_arena *A = tr_arena_new();
	tr_doc *doc = tr_arena_alloc(A, sizeof(*doc));
	doc->arena = A;
	doc->path = tr_arena_strdup(A, path);
	tr_sha1(data, len, doc->digest);

	/* YAML front matter: read, then blanked for cmark (newlines kept,
	 * so that every position stays where it was) */
	tr_fm_field *fm = NULL;
	size_t fm_len = tr_front_matter(A, path, data, len, &fm, diag);
	if (fm_len) {
		clean = tr_xmalloc(len + 1);
		memcpy(clean, data, len);
		clean[len] = '\0';
		data = clean;
		for (size_t k = 0; k < fm_len; k++)
			if (clean[k] != '\n')
				clean[k] = ' ';
	}

	/* the survey: which lines open turns, before any is made */
	tr_names *names = tr_names_new();
	tr_declare_speakers(names, fm, opt);
	const char *fm_title = NULL;
	for (const tr_fm_field *f = fm; f && !fm_title; f = f->next)
		if (strcasecmp(f->key, "title") == 0)
			fm_title = f->value;
	tr_survey *survey = tr_survey_run(path, data, len, names, opt,
	    fm_title, diag);
	int *line_map = NULL, map_lines = 0;
	size_t read_len = len;
	char *read = tr_survey_source(survey, &read_len, &line_map, &map_lines);

	struct builder b = { .doc = doc, .A = A, .diag = diag, .path = path,
		.src = read ? read : data, .part = TR_PART_FRONT, .opt = opt,
		.survey = survey, .line_map = line_map, .title_only = false };
	b.line_starts = index_lines(b.src, read ? read_len : len, &b.nlines);

	/* cmark's own allocator aborts when memory runs out; ours says so
	 * and removes what is half-written, like every other allocation */
	cmark_mem mem = { cmark_calloc, cmark_realloc, free };
	/* typographic quotes, dashes and ellipses in English and the like;
	 * Chinese text keeps the marks it was written with */
	bool latin = opt && opt->lang ? tr_lang_type(opt->lang) ==
	    TR_TYPE_LATIN : tr_source_is_latin(data, len);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT |
	    (latin ? CMARK_OPT_SMART : 0), &mem);
	cmark_parser_feed(parser, b.src, read ? read_len : len);
	cmark_node *root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	build(&b, root);
	cmark_node_free(root);
	char iso[11];
	const char *date_text;
	size_t date_len;
	if (!doc->date_text && tr_survey_date(survey, iso, &date_text,
	    &date_len)) {
		doc->date_text = tr_arena_strndup(A, date_text, date_len);
		doc->date = tr_arena_strdup(A, iso);
	}
	tr_survey_report(survey, b.speakers.n);
	tr_survey_free(survey);
	tr_names_free(names);

	free(b.line_starts);
	free(line_map);
	free(read);
	free(clean);
	return tr_doc_finish(doc, &b.speakers, fm, opt, diag);
}
