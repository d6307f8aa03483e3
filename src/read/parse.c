/* From bytes to the transcript tree: checks the input, lets cmark parse
 * it, then walks cmark's tree once (with its iterator: no recursion, so
 * absurd nesting cannot exhaust the stack) to build our own. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "frontmatter.h"
#include "labels.h"
#include "meta.h"
#include "names.h"
#include "outline.h"
#include "captions.h"
#include "langtag.h"
#include "parse.h"
#include "ruby.h"
#include "speakers.h"
#include "sha1.h"
#include "utf8.h"

const char tr_softbreak_mark[] = "\n";

/* ---- input checks ---------------------------------------------------- */

/* 1-based line and column (in code points) of a byte offset. */
static void position_of(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* Errors for NUL bytes and invalid UTF-8, one per line at most.
 * Returns false when the input cannot be used. */
static bool check_bytes(const char *path, const char *s, size_t n,
    tr_diag *diag)
{
	bool ok = true;
	int line = 1, col = 1, reported_line = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		if (c == 0 || c >= 0x80) {
			uint32_t cp;
			len = c ? tr_utf8_decode(s + i, n - i, &cp) : 0;
			if (len == 0) {
				if (reported_line != line) {
					char arg[8];
					snprintf(arg, sizeof arg, "0x%02X", c);
					tr_diag_emit(diag, c ? TR_E_UTF8 : TR_E_NUL,
					    path, line, col, c ? arg : "");
					reported_line = line;
				}
				ok = false;
				len = 1;
			}
		}
		if (c == '\n')
			line++, col = 1;
		else
			col++;
		i += len;
	}
	return ok;
}

/* C0 controls other than tab, newline, carriage return and form feed are
 * no text: they become U+FFFD so that no output format chokes on them. */
static char *replace_controls(const char *path, const char *s, size_t n,
    size_t *out_len, tr_diag *diag)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || c == 0x7F)
			count++;
	}
	if (!count)
		return NULL;
	char *out = tr_xmalloc(n + count * 2 + 1);
	size_t o = 0;
	bool warned = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || c == 0x7F) {
			if (!warned) {
				int line, col;
				char arg[16];
				position_of(s, i, &line, &col);
				snprintf(arg, sizeof arg, "U+%04X", c);
				tr_diag_emit(diag, TR_W_CONTROL, path, line, col,
				    arg);
				warned = true;
			}
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

/* ---- the builder ------------------------------------------------------ */


struct builder {
	tr_doc *doc;
	struct tr_arena *A;
	tr_diag *diag;
	const char *path;
	const char *src;
	size_t *line_starts;
	int nlines;
	bool block_depth_warned, inline_depth_warned;
	/* sectioning */
	tr_part part;
	tr_section *cur, *last_section;
	tr_block *cur_last;     /* last block of cur */
	tr_block *turn, *turn_last;
	const char *turn_name;
	bool meta_done, seen_heading, front_content;
	tr_speaker_table speakers;
	/* real transcripts' conventions */
	const tr_parse_options *opt;
	tr_names *names;        /* the evidence for plain labels */
	cmark_node *ruby_text_until; /* a <ruby> read as text ends here */
	bool h1_chapters;       /* several level-1 headings, no level-2 */
	bool no_headings;       /* one untitled body section */
	bool seen_turn;
};

static int speaker_index(struct builder *b, const char *name, int line)
{
	return tr_speaker_table_find(&b->speakers, b->opt, NULL, name, line);
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
	    n ? cmark_node_get_start_line(n) : 0,
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
		blk->line = cmark_node_get_start_line(n);
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
	int line = cmark_node_get_start_line(open);
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
	tr_diag_emit(b->diag, TR_W_DEPTH, b->path, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n), arg);
	*warned = true;
}

static void warn_raw_html(struct builder *b, cmark_node *n)
{
	if (b->diag->raw_html_seen++)
		return;
	tr_diag_emit(b->diag, TR_W_RAW_HTML, b->path,
	    cmark_node_get_start_line(n), cmark_node_get_start_column(n), "");
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
		tr_diag_emit(b->diag, TR_W_FENCE, b->path, start,
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
				/* a top-level paragraph keeps its line breaks
				 * until add_block has looked for labels on them */
				if (!(type == CMARK_NODE_PARAGRAPH && sp < 0))
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
				    cmark_node_get_start_line(n) +
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

/* ---- speaker labels --------------------------------------------------- */

static size_t colon_len(const char *s)
{
	if (*s == ':')
		return 1;
	if (strncmp(s, "：", 3) == 0)
		return 3;
	return 0;
}

static size_t trailing_colon(const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	if (n >= 1 && s[n - 1] == ':')
		return n - 1;
	if (n >= 3 && memcmp(s + n - 3, "：", 3) == 0)
		return n - 3;
	return (size_t)-1;
}

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

/* Checks a candidate name; copies it, trimmed, to the arena. */
static tr_label_result accept_name(struct tr_arena *a, const char *s,
    size_t n, const char **name)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || memchr(s, '\n', n) || memchr(s, '*', n))
		return TR_LABEL_NONE;
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	if (chars > TR_MAX_LABEL_CHARS)
		return TR_LABEL_TOO_LONG;
	*name = tr_arena_strndup(a, s, n);
	return TR_LABEL_OK;
}

/* What follows a label: the rest of a text node (or the next node). */
static tr_inline *rest_after(struct tr_arena *a, const tr_inline *node,
    const char *from, const tr_inline *next)
{
	from = skip_blank(from);
	if (!*from)
		return tr_own_inline(next);
	tr_inline *t = tr_arena_alloc(a, sizeof(*t));
	t->kind = TR_INL_TEXT;
	t->text = from;
	t->next = next;
	(void)node;
	return t;
}

static tr_inline *trim_leading(const tr_inline *node)
{
	tr_inline *in = tr_own_inline(node);
	if (in && in->kind == TR_INL_TEXT) {
		in->text = skip_blank(in->text);
		if (!*in->text)
			return tr_own_inline(in->next);
	}
	return in;
}

tr_label_result tr_label_detect(struct tr_arena *a, const tr_inline *first,
    const char **name, tr_inline **rest, tr_time *time, bool *timed)
{
	*timed = false;
	if (!first)
		return TR_LABEL_NONE;
	if (first->kind == TR_INL_STRONG && first->child &&
	    first->child->kind == TR_INL_TEXT && !first->child->next) {
		/* **Name:** text   and   **Name**: text */
		const char *t = first->child->text;
		size_t end = trailing_colon(t, strlen(t));
		if (end != (size_t)-1) {
			tr_label_result r = accept_name(a, t, end, name);
			if (r == TR_LABEL_OK)
				*rest = trim_leading(first->next);
			return r;
		}
		const tr_inline *next = first->next;
		if (next && next->kind == TR_INL_TEXT) {
			const char *s = skip_blank(next->text);
			/* **Alice** [12:34]: Hi. */
			if (tr_time_at(s, strlen(s), false, time) &&
			    colon_len(skip_blank(s + time->len))) {
				*timed = true;
				s = skip_blank(s + time->len);
			}
			size_t c = colon_len(s);
			if (c) {
				tr_label_result r = accept_name(a, t, strlen(t),
				    name);
				if (r == TR_LABEL_OK)
					*rest = rest_after(a, next, s + c,
					    next->next);
				return r;
			}
		}
		return TR_LABEL_NONE;
	}
	if (first->kind == TR_INL_TEXT && strncmp(first->text, "**", 2) == 0) {
		/* cmark leaves **张三：**你好 unparsed: a closing ** after CJK
		 * punctuation and before a letter is not right-flanking */
		const char *t = first->text + 2;
		const char *close = strstr(t, "**");
		if (!close)
			return TR_LABEL_NONE;
		size_t n = (size_t)(close - t);
		const char *after = close + 2;
		size_t end = trailing_colon(t, n);
		if (end == (size_t)-1) {
			const char *s = skip_blank(after);
			size_t c = colon_len(s);
			if (!c)
				return TR_LABEL_NONE;
			end = n;
			after = s + c;
		}
		tr_label_result r = accept_name(a, t, end, name);
		if (r == TR_LABEL_OK)
			*rest = rest_after(a, first, after, first->next);
		return r;
	}
	return TR_LABEL_NONE;
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
	b->seen_heading = true;
	tr_buf buf = { 0 };
	tr_inline_plain(h->inlines, &buf);
	const char *text = tr_buf_cstr(&buf);
	if (h->level == 1 && b->h1_chapters) {
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
	} else if (h->level == 2 && b->part != TR_PART_BACK) {
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
	for (const tr_block *item = blk->child; item; item = item->next) {
		const tr_block *p = item->child;
		if (!p || p->next || p->kind != TR_BLK_PARA || !p->inlines ||
		    p->inlines->kind != TR_INL_TEXT)
			return false;
		size_t kl, vs;
		if (!tr_meta_split(p->inlines->text, strlen(p->inlines->text),
		    &kl, &vs))
			return false;
	}
	const tr_meta_field **link = &b->doc->meta;
	for (const tr_block *item = blk->child; item; item = item->next) {
		const tr_inline *in = item->child->inlines;
		size_t kl, vs;
		tr_meta_split(in->text, strlen(in->text), &kl, &vs);
		tr_meta_field *f = tr_arena_alloc(b->A, sizeof(*f));
		f->line = item->line;
		f->key = tr_arena_strndup(b->A, in->text, kl);
		while (kl && f->key[kl - 1] == ' ')
			((char *)f->key)[--kl] = '\0';
		/* the value: the text after the colon plus what follows */
		tr_inline head = { .kind = TR_INL_TEXT, .text = in->text + vs,
			.next = in->next };
		tr_buf buf = { 0 };
		tr_inline_plain(&head, &buf);
		f->value = tr_arena_strndup(b->A, tr_buf_cstr(&buf), buf.len);
		tr_buf_free(&buf);
		for (const tr_inline *x = in->next; x; x = x->next) {
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
	return true;
}

/* ---- turns ------------------------------------------------------------ */

/* What opens a turn: the speaker (canonical, in the arena), the rest of
 * the paragraph, the time the label or the paragraph's first words
 * give. */
struct turn_start {
	const char *name;
	tr_inline *rest;
	bool has_time;
	tr_time time;
	bool too_long;          /* bold text too long to be a name */
	bool marker;            /* "**Break**: [31:38]": no speaker */
};

static const char *speaker_name(struct builder *b, const char *name, size_t n)
{
	size_t cn;
	const char *c = tr_names_canonical(b->names, name, n, &cn);
	return tr_arena_strndup(b->A, c, cn);
}

/* "Alice (laughing): Hi": the aside stays, as the turn's first words. */
static tr_inline *with_aside(struct builder *b, const tr_label *l,
    tr_inline *rest)
{
	if (!l->aside)
		return rest;
	tr_inline *t = new_inline(b, TR_INL_TEXT);
	t->text = tr_arena_strndup(b->A, l->aside, l->aside_len);
	if (rest) {
		tr_inline *space = new_inline(b, TR_INL_TEXT);
		space->text = " ";
		space->next = rest;
		t->next = space;
	}
	return t;
}

/* Nothing but times: "[31:38]", "[25:59] to [27:11]". */
static bool only_times(const tr_inline *in)
{
	tr_buf t = { 0 };
	tr_inline_plain(in, &t);
	const char *s = tr_buf_cstr(&t);
	bool any = false, ok = true;
	while (*s && ok) {
		tr_time time;
		s = skip_blank(s);
		if (!*s)
			break;
		if (tr_time_at(s, strlen(s), true, &time)) {
			s += time.len;
			any = true;
		} else if (strncmp(s, "to", 2) == 0 || *s == '-') {
			s += *s == '-' ? 1 : 2;
		} else {
			ok = false;
		}
	}
	tr_buf_free(&t);
	return ok && (any || !in);
}

static bool bold_label(struct builder *b, const tr_inline *in,
    struct turn_start *ts)
{
	const char *raw;
	tr_label_result r = tr_label_detect(b->A, in, &raw, &ts->rest,
	    &ts->time, &ts->has_time);
	if (r == TR_LABEL_TOO_LONG)
		ts->too_long = true;
	if (r != TR_LABEL_OK)
		return false;
	/* the name as written: "[00:00] SPEAKER_01", "Shaun Apps（SA）";
	 * a bold name keeps whatever shape it has */
	tr_label parts = { 0 };
	tr_label_name(raw, strlen(raw), &parts);
	if (!parts.name_len) {
		parts.name = raw;
		parts.name_len = strlen(raw);
	}
	if (parts.has_time && !ts->has_time) {
		ts->has_time = true;
		ts->time = parts.time;
	}
	/* an ad break or a music cue marked like a label: no one speaks */
	if (tr_label_is_intro_word(parts.name, parts.name_len) &&
	    only_times(ts->rest)) {
		ts->marker = true;
		return false;
	}
	if (parts.alias)
		tr_names_alias(b->names, parts.alias, parts.alias_len, parts.name,
		    parts.name_len);
	ts->name = speaker_name(b, parts.name, parts.name_len);
	ts->rest = with_aside(b, &parts, ts->rest);
	return true;
}

/* "0:00:36.2 **Adam Garrett-Harris** I'm Adam": a timestamp, then a
 * bold name, colon or not. */
static bool timed_bold_label(struct builder *b, const tr_inline *in,
    struct turn_start *ts)
{
	const tr_inline *strong = in ? in->next : NULL;
	if (!in || in->kind != TR_INL_TEXT || !strong ||
	    strong->kind != TR_INL_STRONG || !strong->child ||
	    strong->child->kind != TR_INL_TEXT || strong->child->next)
		return false;
	tr_time t;
	const char *s = in->text;
	if (!tr_time_at(s, strlen(s), true, &t) || *skip_blank(s + t.len))
		return false;
	const char *name = strong->child->text;
	size_t n = strlen(name), end = trailing_colon(name, n);
	tr_label parts = { 0 };
	if (!tr_label_name(name, end == (size_t)-1 ? n : end, &parts))
		return false;
	ts->name = speaker_name(b, parts.name, parts.name_len);
	ts->has_time = true;
	ts->time = t;
	const tr_inline *rest = strong->next;
	if (rest && rest->kind == TR_INL_TEXT) {
		const char *r = skip_blank(rest->text);
		r += colon_len(r);
		ts->rest = rest_after(b->A, rest, r, rest->next);
	} else {
		ts->rest = tr_own_inline(rest);
	}
	return true;
}

/* "Alice: Hi", "[00:12:34] Alice: Hi", "Albert Cheng (00:00:00):",
 * taken on the evidence (names.h); --labels bold takes only the timed
 * ones. */
static bool plain_label(struct builder *b, const tr_inline *in,
    struct turn_start *ts)
{
	if (!in || in->kind != TR_INL_TEXT)
		return false;
	tr_label l;
	if (!tr_label_plain(in->text, strlen(in->text), &l))
		return false;
	if (b->opt && b->opt->labels_bold && !l.has_time)
		return false;
	size_t cn;
	const char *c = tr_names_canonical(b->names, l.name, l.name_len, &cn);
	if (!tr_names_taken(b->names, c, cn))
		return false;
	ts->name = tr_arena_strndup(b->A, c, cn);
	ts->has_time = l.has_time;
	ts->time = l.time;
	ts->rest = with_aside(b, &l, rest_after(b->A, in, in->text + l.rest,
	    in->next));
	return true;
}

static bool detect_turn(struct builder *b, const tr_inline *in,
    struct turn_start *ts)
{
	memset(ts, 0, sizeof(*ts));
	if (!bold_label(b, in, ts) && !timed_bold_label(b, in, ts) &&
	    !plain_label(b, in, ts))
		return false;
	/* a timestamp that opens the words: "**Jerod:** \[04:32\] That's" */
	tr_time t;
	tr_inline *r = ts->rest;
	if (!ts->has_time && r && r->kind == TR_INL_TEXT &&
	    tr_time_at(r->text, strlen(r->text), false, &t)) {
		ts->has_time = true;
		ts->time = t;
		ts->rest = rest_after(b->A, r, r->text + t.len, r->next);
	}
	return true;
}

static void begin_turn(struct builder *b, const struct turn_start *ts,
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
	turn->speaker = speaker_index(b, ts->name, line);
	if (ts->has_time) {
		turn->time = ts->time.seconds;
		turn->time_text = tr_arena_strndup(b->A, ts->time.text,
		    ts->time.text_len);
	}
	b->speakers.list[turn->speaker].turns++;
	section_append(b, turn);
	b->cur->turns++;
	b->turn = turn;
	b->turn_name = b->speakers.list[turn->speaker].name;
	b->seen_turn = true;
}

/* A top-level paragraph cut where a line opens with a label: "**甲：**
 * 一。" and "**乙：** 二。" on two lines are two turns.  Each part is
 * normalised; returns the first of the chain. */
static tr_block *split_at_labels(struct builder *b, tr_block *blk)
{
	tr_inline **lines = NULL;
	int n = 0, cap = 0;
	tr_inline *head = tr_own_inline(blk->inlines), *prev = NULL;
	for (tr_inline *in = head; in;) {
		tr_inline *next = tr_own_inline(in->next);
		if (in->kind == TR_INL_TEXT && in->text == tr_softbreak_mark) {
			if (prev)
				prev->next = NULL;
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				lines = tr_xrealloc(lines, sizeof(*lines) * (size_t)cap);
			}
			lines[n++] = prev ? head : NULL;
			head = next;
			prev = NULL;
			in = next;
			continue;
		}
		prev = in;
		in = next;
	}
	if (!n) {
		blk->inlines = tr_inlines_normalize(b->A, blk->inlines);
		return blk;
	}
	if (n == cap)
		lines = tr_xrealloc(lines, sizeof(*lines) * (size_t)(cap + 1));
	lines[n++] = head;
	tr_block *first = blk, *cur = blk;
	const tr_inline **tail = &cur->inlines;
	*tail = NULL;
	bool after_alone = false;
	for (int k = 0; k < n; k++) {
		const tr_inline *line = tr_inlines_normalize(b->A, lines[k]);
		struct turn_start ts;
		bool label = line && detect_turn(b, line, &ts);
		/* a new paragraph at a label, and after a label alone on its
		 * line ("Walton: 00:00:01", then the words below) */
		bool cut = k > 0 && (label || after_alone);
		after_alone = label && !ts.rest;
		if (cut) {
			cur->inlines = tr_inlines_normalize(b->A, cur->inlines);
			tr_block *next = new_block(b, TR_BLK_PARA, NULL);
			next->line = blk->line + k;
			next->col = 1;
			cur->next = next;
			cur = next;
			tail = &cur->inlines;
		} else if (k > 0 && cur->inlines) {
			tr_inline *mark = new_inline(b, TR_INL_TEXT);
			mark->text = tr_softbreak_mark;
			*tail = mark;
			tail = &mark->next;
		}
		*tail = line;
		while (*tail)
			tail = &tr_own_inline(*tail)->next;
	}
	cur->inlines = tr_inlines_normalize(b->A, cur->inlines);
	free(lines);
	return first;
}

static void add_paragraph(struct builder *b, tr_block *blk)
{
	/* recap: a bold one-line paragraph is a sub-heading */
	if (b->part == TR_PART_BACK && blk->inlines && !blk->inlines->next &&
	    blk->inlines->kind == TR_INL_STRONG) {
		blk->kind = TR_BLK_HEADING;
		blk->level = 3;
		add_heading(b, blk);
		return;
	}
	struct turn_start ts;
	if (detect_turn(b, blk->inlines, &ts)) {
		begin_turn(b, &ts, blk->line, blk->col);
		if (ts.rest) {
			blk->inlines = ts.rest;
			turn_append(b, blk);
		}
		return;
	}
	if (ts.marker) {
		/* between turns: it ends the one before */
		end_turn(b);
		section_append(b, blk);
		return;
	}
	if (ts.too_long) {
		char arg[16];
		snprintf(arg, sizeof arg, "%d", TR_MAX_LABEL_CHARS);
		tr_diag_emit(b->diag, TR_W_LABEL_LONG, b->path, blk->line,
		    blk->col, arg);
	}
	if (b->turn)
		turn_append(b, blk);
	else
		section_append(b, blk);
}

static void add_block(struct builder *b, tr_block *blk)
{
	if (!blk)
		return;
	if (b->part == TR_PART_FRONT)
		b->front_content = true;
	if (blk->kind == TR_BLK_PARA) {
		for (tr_block *p = split_at_labels(b, blk); p;) {
			tr_block *next = tr_own_block(p->next);
			p->next = NULL;
			add_paragraph(b, p);
			p = next;
		}
		return;
	}
	if (b->turn && blk->kind != TR_BLK_HEADING)
		turn_append(b, blk);
	else
		section_append(b, blk);
	if (blk->kind == TR_BLK_OUTLINE) {
		if (!b->doc->outline)
			b->doc->outline = blk->outline;
		if (b->cur->kind == TR_SEC_FRONT)
			b->cur->kind = TR_SEC_OUTLINE;
	}
}

/* "### 唐鳳：" followed by the turn's paragraphs: a heading that holds
 * only a taken name and a colon is a turn, not a heading. */
static bool heading_label(struct builder *b, tr_block *h)
{
	const tr_inline *in = unwrap(h->inlines);
	if (!in || in->kind != TR_INL_TEXT || in->next)
		return false;
	tr_label l;
	if (!tr_label_plain(in->text, strlen(in->text), &l) ||
	    *skip_blank(in->text + l.rest))
		return false;
	size_t cn;
	const char *c = tr_names_canonical(b->names, l.name, l.name_len, &cn);
	if (!tr_names_taken(b->names, c, cn))
		return false;
	struct turn_start ts = { .name = tr_arena_strndup(b->A, c, cn),
		.has_time = l.has_time, .time = l.time };
	begin_turn(b, &ts, h->line, h->col);
	return true;
}

/* ---- the evidence for plain labels -------------------------------------- */

/* The text of a heading's source line: no #s, no wrapping **. */
static const char *heading_text(const char *s, size_t n, size_t *len)
{
	while (n && (*s == ' ' || *s == '#'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '#' || s[n - 1] == '\t'))
		n--;
	while (n >= 4 && strncmp(s, "**", 2) == 0 &&
	    strncmp(s + n - 2, "**", 2) == 0)
		s += 2, n -= 4;
	*len = n;
	return s;
}

static void count_candidate(struct builder *b, const char *s, size_t n,
    int line, int col, bool whole)
{
	tr_label l;
	if (!tr_label_plain(s, n, &l))
		return;
	if (whole && l.rest < n)
		return;
	if (l.alias)
		tr_names_alias(b->names, l.alias, l.alias_len, l.name, l.name_len);
	size_t cn;
	const char *c = tr_names_canonical(b->names, l.name, l.name_len, &cn);
	tr_names_count(b->names, c, cn, line, col);
}

/* One pass over the top-level blocks before building: which plain names
 * open paragraphs (and lines, and headings) how often, which are
 * declared by the metadata list, and how the headings are laid out. */
static void gather_evidence(struct builder *b, cmark_node *root)
{
	int h1 = 0, h2 = 0, headings = 0;
	bool list_seen = false;
	for (cmark_node *n = cmark_node_first_child(root); n;
	    n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		int start = cmark_node_get_start_line(n);
		size_t len;
		if (type == CMARK_NODE_LIST && !list_seen && !headings) {
			list_seen = true;
			for (cmark_node *item = cmark_node_first_child(n); item;
			    item = cmark_node_next(item)) {
				cmark_node *p = cmark_node_first_child(item);
				if (!p)
					continue;
				const char *s = source_line(b,
				    cmark_node_get_start_line(p), &len);
				size_t col = (size_t)cmark_node_get_start_column(p) - 1;
				if (col > len)
					continue;
				size_t kl, vs;
				if (!tr_meta_split(s + col, len - col, &kl, &vs))
					continue;
				tr_meta_key key = tr_meta_key_of(s + col, kl);
				if (key == TR_KEY_HOST || key == TR_KEY_GUEST) {
					char *value = tr_arena_strndup(b->A, s + col + vs,
					    len - col - vs);
					tr_names_declare_list(b->names, value);
				}
			}
		} else if (type == CMARK_NODE_PARAGRAPH) {
			int end = cmark_node_get_end_line(n);
			for (int line = start; line <= end; line++) {
				const char *s = source_line(b, line, &len);
				size_t i = line == start ?
				    (size_t)cmark_node_get_start_column(n) - 1 : 0;
				while (i < len && (s[i] == ' ' || s[i] == '\t'))
					i++;
				if (i >= len || strncmp(s + i, "**", 2) == 0)
					continue;
				count_candidate(b, s + i, len - i, line, (int)i + 1,
				    false);
			}
		} else if (type == CMARK_NODE_HEADING) {
			const char *s = source_line(b, start, &len);
			size_t tl;
			const char *t = heading_text(s, len, &tl);
			tr_label l;
			if (tr_label_plain(t, tl, &l) && l.rest >= tl) {
				count_candidate(b, t, tl, start, 1, true);
				continue;
			}
			headings++;
			int level = cmark_node_get_heading_level(n);
			h1 += level == 1;
			h2 += level == 2;
		}
	}
	tr_names_decide(b->names);
	b->h1_chapters = h1 >= 2 && h2 == 0;
	b->no_headings = headings == 0;
	if (b->no_headings)
		b->part = TR_PART_BODY;
}

static void build_one(struct builder *b, cmark_node *n);

static void build(struct builder *b, cmark_node *root)
{
	gather_evidence(b, root);
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
	{
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_LIST && !b->meta_done &&
		    !b->seen_heading && !b->front_content) {
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
	}
}

/* -v: each candidate not taken; a warning when there is no turn at all
 * but a prefix that opens paragraphs again and again. */
static void note_candidate(void *ctx, const char *name, int count, int line,
    int col)
{
	struct builder *b = ctx;
	(void)count;
	tr_diag_emit(b->diag, TR_N_CANDIDATE, b->path, line, col, name);
}

static void report_labels(struct builder *b)
{
	const char *name;
	size_t n;
	int count, line, col;
	if (b->speakers.n == 0) {
		if (tr_names_top_untaken(b->names, &name, &n, &count, &line,
		    &col) && count >= 2) {
			char arg[160];
			snprintf(arg, sizeof arg, "\"%.*s:\" opens %d paragraphs",
			    (int)(n > 100 ? 100 : n), name, count);
			tr_diag_emit(b->diag, TR_W_NO_TURNS, b->path, line, col,
			    arg);
			return;
		}
		tr_diag_emit(b->diag, TR_N_NO_TURNS, b->path, 1, 1, "");
	}
	tr_names_each_untaken(b->names, note_candidate, b);
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

tr_doc *tr_parse(const char *path, const char *data, size_t len,
    const tr_parse_options *opt, tr_diag *diag)
{
	if (len > TR_MAX_INPUT_BYTES) {
		char arg[32];
		snprintf(arg, sizeof arg, "%u", TR_MAX_INPUT_BYTES);
		tr_diag_emit(diag, TR_E_TOO_LARGE, path, 0, 0, arg);
		return NULL;
	}
	if (len == 0) {
		tr_diag_emit(diag, TR_E_EMPTY, path, 0, 0, "");
		return NULL;
	}
	if (!check_bytes(path, data, len, diag))
		return NULL;
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r' || data[i] == '\f'))
		i++;
	if (i == len) {
		tr_diag_emit(diag, TR_E_BLANK, path, 0, 0, "");
		return NULL;
	}
	size_t clean_len = len;
	char *clean = replace_controls(path, data, len, &clean_len, diag);
	if (clean) {
		data = clean;
		len = clean_len;
	}
	/* captions, by their content: a reader of their own */
	tr_captions_kind captions = tr_captions_kind_of(data, len);
	if (captions != TR_CAPTIONS_NONE) {
		tr_doc *doc = tr_parse_captions(captions, path, data, len, opt,
		    diag);
		free(clean);
		return doc;
	}

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
		if (!clean) {
			clean = tr_xmalloc(len + 1);
			memcpy(clean, data, len);
			clean[len] = '\0';
			data = clean;
		}
		for (size_t k = 0; k < fm_len; k++)
			if (clean[k] != '\n')
				clean[k] = ' ';
	}

	struct builder b = { .doc = doc, .A = A, .diag = diag, .path = path,
		.src = data, .part = TR_PART_FRONT, .opt = opt,
		.names = tr_names_new() };
	b.line_starts = index_lines(data, len, &b.nlines);
	tr_declare_speakers(b.names, fm, opt);

	/* cmark's own allocator aborts when memory runs out; ours says so
	 * and removes what is half-written, like every other allocation */
	cmark_mem mem = { cmark_calloc, cmark_realloc, free };
	/* typographic quotes, dashes and ellipses in English and the like;
	 * Chinese text keeps the marks it was written with */
	bool latin = opt && opt->lang ? tr_lang_type(opt->lang) ==
	    TR_TYPE_LATIN : tr_source_is_latin(data, len);
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT |
	    (latin ? CMARK_OPT_SMART : 0), &mem);
	cmark_parser_feed(parser, data, len);
	cmark_node *root = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	build(&b, root);
	cmark_node_free(root);
	report_labels(&b);
	tr_names_free(b.names);

	free(b.line_starts);
	free(clean);
	return tr_doc_finish(doc, &b.speakers, fm, opt, diag);
}

tr_doc *tr_doc_finish(tr_doc *doc, tr_speaker_table *table,
    const struct tr_fm_field *fm, const tr_parse_options *opt,
    tr_diag *diag)
{
	struct tr_arena *A = doc->arena;
	doc->nspeakers = table->n;
	tr_speaker *speakers = tr_speaker_table_finish(table, A);
	doc->speakers = speakers;
	tr_role_hint *hints;
	int nhints;
	const char *meta_lang = tr_apply_metadata(doc, fm, opt, diag, &hints,
	    &nhints);
	tr_validate(doc, speakers, hints, nhints, diag);
	doc->lang = opt && opt->lang ? tr_arena_strdup(A, opt->lang) :
	    meta_lang ? meta_lang : tr_detect_lang(doc);
	return doc;
}

void tr_doc_free(tr_doc *doc)
{
	if (doc)
		tr_arena_free(doc->arena);
}
