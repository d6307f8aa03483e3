/* JSON: the tree itself, for CI tools and tests.  The keys of DESIGN §5
 * come first; the full ordered content follows under "sections". */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "json.h"
#include "output.h"

struct json {
	tr_buf *out;
	int indent;
	bool first;     /* no comma before the next member */
	FILE *fp;       /* where full buffers go: the JSON of a large
	                 * transcript is several times its size, and is
	                 * never held whole */
	int failed;     /* the first write error (errno) */
};

#define FLUSH_AT (1u << 20)

static void flush(struct json *j)
{
	if (!j->fp || !j->out->len)
		return;
	if (!j->failed && fwrite(j->out->data, 1, j->out->len, j->fp) !=
	    j->out->len)
		j->failed = errno ? errno : EIO;
	tr_buf_clear(j->out);
}

void tr_json_string(tr_buf *out, const char *s)
{
	tr_buf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			tr_buf_puts(out, "\\\"");
			break;
		case '\\':
			tr_buf_puts(out, "\\\\");
			break;
		case '\n':
			tr_buf_puts(out, "\\n");
			break;
		case '\t':
			tr_buf_puts(out, "\\t");
			break;
		case '\r':
			tr_buf_puts(out, "\\r");
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				tr_buf_printf(out, "\\u%04x", *p);
			else if (p[0] == 0xE2 && p[1] == 0x80 &&
			    (p[2] == 0xA8 || p[2] == 0xA9)) {
				/* U+2028/9 break JavaScript string literals */
				tr_buf_printf(out, "\\u%04x", 0x2000 + p[2] - 0x80);
				p += 2;
			} else
				tr_buf_putc(out, (char)*p);
		}
	}
	tr_buf_putc(out, '"');
}

static void newline(struct json *j)
{
	if (j->out->len >= FLUSH_AT)
		flush(j);
	tr_buf_putc(j->out, '\n');
	tr_buf_repeat(j->out, "  ", j->indent);
}

static void key(struct json *j, const char *k)
{
	if (!j->first)
		tr_buf_putc(j->out, ',');
	j->first = false;
	newline(j);
	if (k) {
		tr_json_string(j->out, k);
		tr_buf_puts(j->out, ": ");
	}
}

static void open_(struct json *j, const char *k, char bracket)
{
	key(j, k);
	tr_buf_putc(j->out, bracket);
	j->indent++;
	j->first = true;
}

static void close_(struct json *j, char bracket)
{
	j->indent--;
	if (!j->first)
		newline(j);
	tr_buf_putc(j->out, bracket);
	j->first = false;
}

static void str_member(struct json *j, const char *k, const char *v)
{
	key(j, k);
	if (v)
		tr_json_string(j->out, v);
	else
		tr_buf_puts(j->out, "null");
}

static void int_member(struct json *j, const char *k, long v)
{
	key(j, k);
	tr_buf_printf(j->out, "%ld", v);
}

/* Seconds as a number, its fraction kept: 2.5, 272, 36.2. */
static void time_members(struct json *j, double t, const char *text)
{
	if (!text)
		return;
	key(j, "time");
	char num[32];
	snprintf(num, sizeof num, "%.3f", t);
	size_t n = strlen(num);
	while (n && num[n - 1] == '0')
		n--;
	if (n && num[n - 1] == '.')
		n--;
	tr_buf_put(j->out, num, n);
	str_member(j, "time_text", text);
}

static void bool_member(struct json *j, const char *k, bool v)
{
	key(j, k);
	tr_buf_puts(j->out, v ? "true" : "false");
}

static void inlines(struct json *j, const char *k, const tr_inline *in)
{
	open_(j, k, '[');
	for (; in; in = in->next) {
		open_(j, NULL, '{');
		str_member(j, "type", tr_inline_kind_name(in->kind));
		if (in->kind == TR_INL_TEXT || in->kind == TR_INL_CODE)
			str_member(j, "text", in->text);
		if (in->kind == TR_INL_RUBY) {
			str_member(j, "base", in->text);
			str_member(j, "text", in->ruby->text);
			if (in->ruby->rp_open) {
				open_(j, "rp", '[');
				str_member(j, NULL, in->ruby->rp_open);
				str_member(j, NULL, in->ruby->rp_close);
				close_(j, ']');
			}
		}
		if (in->url)
			str_member(j, "url", in->url);
		if (in->title)
			str_member(j, "title", in->title);
		if (in->child)
			inlines(j, "children", in->child);
		close_(j, '}');
	}
	close_(j, ']');
}

static void plain_member(struct json *j, const tr_inline *in)
{
	tr_buf text = { 0 };
	tr_inline_plain(in, &text);
	str_member(j, "text", tr_buf_cstr(&text));
	tr_buf_free(&text);
}

static void outline(struct json *j, const char *k, const tr_outline *o)
{
	open_(j, k, '{');
	str_member(j, "text", o->text);
	int_member(j, "line", o->line);
	open_(j, "children", '[');
	for (const tr_outline *c = o->child; c; c = c->next)
		outline(j, NULL, c);
	close_(j, ']');
	close_(j, '}');
}

static void blocks(struct json *j, const tr_doc *doc, const char *k,
    const tr_block *b)
{
	open_(j, k, '[');
	for (; b; b = b->next) {
		open_(j, NULL, '{');
		str_member(j, "type", tr_block_kind_name(b->kind));
		int_member(j, "line", b->line);
		switch (b->kind) {
		case TR_BLK_HEADING:
			int_member(j, "level", b->level);
			/* fall through */
		case TR_BLK_PARA:
			plain_member(j, b->inlines);
			inlines(j, "inlines", b->inlines);
			break;
		case TR_BLK_TURN:
			str_member(j, "speaker", doc->speakers[b->speaker].name);
			time_members(j, b->time, b->time_text);
			break;
		case TR_BLK_LIST:
			bool_member(j, "ordered", b->ordered);
			if (b->ordered)
				int_member(j, "start", b->start);
			bool_member(j, "tight", b->tight);
			break;
		case TR_BLK_CODE:
			str_member(j, "info", b->info);
			str_member(j, "text", b->text);
			break;
		case TR_BLK_OUTLINE:
			outline(j, "outline", b->outline);
			break;
		default:
			break;
		}
		if (b->kind == TR_BLK_TURN || b->kind == TR_BLK_QUOTE ||
		    b->kind == TR_BLK_LIST || b->kind == TR_BLK_ITEM)
			blocks(j, doc, "blocks", b->child);
		close_(j, '}');
	}
	close_(j, ']');
}

static int write_doc(const tr_doc *doc, tr_buf *out, FILE *fp)
{
	struct json j = { out, 0, true, fp, 0 };
	tr_buf_putc(out, '{');
	j.indent = 1;
	str_member(&j, "title", doc->title);
	str_member(&j, "lang", doc->lang);
	str_member(&j, "date", doc->date);
	str_member(&j, "date_text", doc->date_text);
	str_member(&j, "source_url", doc->source_url);
	str_member(&j, "source_title", doc->source_title);
	str_member(&j, "channel", doc->channel);
	str_member(&j, "channel_url", doc->channel_url);
	if (doc->description)
		str_member(&j, "description", doc->description);
	if (doc->nsubjects) {
		open_(&j, "subjects", '[');
		for (int i = 0; i < doc->nsubjects; i++) {
			key(&j, NULL);
			tr_json_string(j.out, doc->subjects[i]);
		}
		close_(&j, ']');
	}
	open_(&j, "meta", '[');
	for (const tr_meta_field *f = doc->meta; f; f = f->next) {
		open_(&j, NULL, '{');
		str_member(&j, "key", f->key);
		str_member(&j, "value", f->value);
		if (f->url)
			str_member(&j, "url", f->url);
		int_member(&j, "line", f->line);
		close_(&j, '}');
	}
	close_(&j, ']');
	open_(&j, "speakers", '[');
	for (int i = 0; i < doc->nspeakers; i++) {
		const tr_speaker *s = &doc->speakers[i];
		open_(&j, NULL, '{');
		str_member(&j, "name", s->name);
		int_member(&j, "turns", s->turns);
		int_member(&j, "first_line", s->first_line);
		str_member(&j, "role", s->role);
		close_(&j, '}');
	}
	close_(&j, ']');
	open_(&j, "chapters", '[');
	for (const tr_section *s = doc->sections; s; s = s->next) {
		if (s->kind != TR_SEC_CHAPTER)
			continue;
		open_(&j, NULL, '{');
		str_member(&j, "title", s->title_text);
		int_member(&j, "turns", s->turns);
		int_member(&j, "line", s->line);
		time_members(&j, s->time, s->time_text);
		close_(&j, '}');
	}
	close_(&j, ']');
	if (doc->outline)
		outline(&j, "outline", doc->outline);
	else
		str_member(&j, "outline", NULL);
	open_(&j, "sections", '[');
	for (const tr_section *s = doc->sections; s; s = s->next) {
		open_(&j, NULL, '{');
		str_member(&j, "kind", tr_section_kind_name(s->kind));
		str_member(&j, "part", tr_part_name(s->part));
		str_member(&j, "title", s->title_text);
		int_member(&j, "line", s->line);
		int_member(&j, "turns", s->turns);
		time_members(&j, s->time, s->time_text);
		blocks(&j, doc, "blocks", s->blocks);
		close_(&j, '}');
	}
	close_(&j, ']');
	j.indent = 0;
	tr_buf_puts(out, "\n}\n");
	flush(&j);
	return j.failed;
}

int tr_json_render(const tr_doc *doc, const tr_options *opt, FILE *out,
    char *err, size_t errlen)
{
	(void)opt;
	tr_buf buf = { 0 };
	int e = write_doc(doc, &buf, out);
	tr_buf_free(&buf);
	if (e) {
		snprintf(err, errlen, "%s", strerror(e));
		return -1;
	}
	return 0;
}
