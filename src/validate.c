/* The document-level pass after building: fills what the backends may
 * rely on (a title, speaker roles, the language) so that none of them
 * has to guess. */
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "parse.h"
#include "utf8.h"

void tr_inline_plain(const tr_inline *in, tr_buf *out)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
		case TR_INL_CODE:
			tr_buf_puts(out, in->text);
			break;
		case TR_INL_BREAK:
			tr_buf_putc(out, ' ');
			break;
		default:
			tr_inline_plain(in->child, out);
			break;
		}
	}
}

const char *tr_section_kind_name(tr_section_kind kind)
{
	static const char *names[] = { "front", "intro", "outline", "body",
		"chapter", "recap", "back" };
	return names[kind];
}

const char *tr_part_name(tr_part part)
{
	static const char *names[] = { "front", "body", "back" };
	return names[part];
}

const char *tr_block_kind_name(tr_block_kind kind)
{
	static const char *names[] = { "paragraph", "heading", "turn",
		"quote", "list", "item", "code", "outline" };
	return names[kind];
}

const char *tr_inline_kind_name(tr_inline_kind kind)
{
	static const char *names[] = { "text", "code", "emph", "strong",
		"link", "image", "break" };
	return names[kind];
}

/* ---- language --------------------------------------------------------- */

struct counts {
	long han, kana, hangul, latin, simp, trad;
};

/* Characters that only one of the two Chinese scripts uses, common
 * enough to decide a transcript of any length. */
static const char simplified_only[] =
    "这们说个来时为会国对学么过还经发现让网络习种题问关开实长动"
    "样进么东车门见马头语话该应从没给两难运记认识钱术体当业";
static const char traditional_only[] =
    "這們說個來時為會國對學麼過還經發現讓網絡習種題問關開實長動"
    "樣進麼東車門見馬頭語話該應從沒給兩難運記認識錢術體當業";

/* The two lists above as a table over the CJK Unified Ideographs block,
 * made on first use: a look-up per Han character, not a search. */
enum { SCRIPT_SIMP = 1, SCRIPT_TRAD = 2 };
#define HAN_FIRST 0x4E00
#define HAN_LAST 0x9FFF
static unsigned char script_of[HAN_LAST - HAN_FIRST + 1];

static void mark_script(const char *s, unsigned char script)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (!len)
			break;
		i += len;
		if (cp >= HAN_FIRST && cp <= HAN_LAST)
			script_of[cp - HAN_FIRST] = script;
	}
}

static int script_of_cp(uint32_t cp)
{
	return cp >= HAN_FIRST && cp <= HAN_LAST ? script_of[cp - HAN_FIRST] : 0;
}

static void count_text(const char *s, struct counts *c)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			i++;
			continue;
		}
		i += len;
		if (cp < 0x80) {
			if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
				c->latin++;
		} else if (tr_cp_is_han(cp)) {
			c->han++;
			int script = script_of_cp(cp);
			c->simp += script == SCRIPT_SIMP;
			c->trad += script == SCRIPT_TRAD;
		} else if (cp >= 0x3040 && cp <= 0x30FF) {
			c->kana++;
		} else if (cp >= 0xAC00 && cp <= 0xD7A3) {
			c->hangul++;
		}
	}
}

static void count_inlines(const tr_inline *in, struct counts *c)
{
	for (; in; in = in->next) {
		if (in->kind == TR_INL_TEXT)
			count_text(in->text, c);
		else if (in->kind != TR_INL_CODE && in->kind != TR_INL_LINK)
			count_inlines(in->child, c);
	}
}

static void count_blocks(const tr_block *b, struct counts *c)
{
	for (; b; b = b->next) {
		count_inlines(b->inlines, c);
		count_blocks(b->child, c);
	}
}

const char *tr_detect_lang(const tr_doc *doc)
{
	struct counts c = { 0 };
	static bool marked;
	if (!marked) {
		mark_script(simplified_only, SCRIPT_SIMP);
		mark_script(traditional_only, SCRIPT_TRAD);
		marked = true;
	}
	count_text(doc->title, &c);
	for (const tr_section *s = doc->sections; s; s = s->next)
		count_blocks(s->blocks, &c);
	/* a Latin letter carries about a third of what a Han character
	 * does: weigh them so that English names in Chinese text and
	 * Chinese names in English text decide nothing */
	long cjk = c.han + c.kana + c.hangul;
	if (cjk * 3 < c.latin)
		return "en";
	if (c.kana * 5 > c.han)
		return "ja";
	if (c.hangul > c.han)
		return "ko";
	return c.trad > c.simp ? "zh-Hant" : "zh-Hans";
}

/* ---- validation --------------------------------------------------------- */

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static void assign_roles(tr_doc *doc)
{
	for (const tr_meta_field *f = doc->meta; f; f = f->next) {
		tr_meta_key key = tr_meta_key_of(f->key, strlen(f->key));
		if (key != TR_KEY_GUEST && key != TR_KEY_HOST)
			continue;
		for (int i = 0; i < doc->nspeakers; i++) {
			if (strstr(f->value, doc->speakers[i].name))
				doc->speakers[i].role = key == TR_KEY_HOST ?
				    "host" : "guest";
		}
	}
	/* the channel's owner hosts it: "Lex Fridman" on Lex Fridman */
	int hosts = 0, host = -1;
	for (int i = 0; i < doc->nspeakers; i++) {
		tr_speaker *s = &doc->speakers[i];
		if (!s->role && doc->channel && strcmp(doc->channel, s->name) == 0)
			s->role = "host";
		if (s->role && strcmp(s->role, "host") == 0)
			hosts++, host = i;
	}
	if (hosts == 1 && doc->nspeakers == 2 && !doc->speakers[1 - host].role)
		doc->speakers[1 - host].role = "guest";
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!tr_cp_is_space((unsigned char)*s))
			return false;
	return true;
}

void tr_validate(tr_doc *doc, tr_diag *diag)
{
	if (doc->title && is_blank(doc->title))
		doc->title = NULL; /* '#' alone is no title */
	if (!doc->title) {
		const char *from = NULL;
		for (const tr_meta_field *f = doc->meta; f && !doc->title;
		    f = f->next) {
			if (tr_meta_key_of(f->key, strlen(f->key)) ==
			    TR_KEY_TITLE && *f->value)
				doc->title = f->value, from = "the metadata";
		}
		if (!doc->title && doc->outline && *doc->outline->text)
			doc->title = doc->outline->text, from = "the outline";
		if (!doc->title && doc->source_title && *doc->source_title)
			doc->title = doc->source_title, from = "the video link";
		if (!doc->title) {
			const char *base = basename_of(doc->path);
			size_t n = strlen(base);
			if (n > 3 && strcmp(base + n - 3, ".md") == 0)
				n -= 3;
			doc->title = tr_arena_strndup(doc->arena, base, n);
			from = "the file name";
		}
		tr_diag_emit(diag, TR_W_NO_TITLE, doc->path, 0, 0, from);
	}
	assign_roles(doc);
}
