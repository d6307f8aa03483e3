/* --opencc CONFIG: the tree's text converted between Simplified and
 * Traditional Chinese by OpenCC (Debian's libopencc and its shipped
 * configurations), once, between the reader and the backends, so that
 * every format gets the same words: body, headings, labels, metadata
 * values, outline and recap; never addresses or code.  A module of its
 * own (transcribe-opencc.so): OpenCC brings the C++ runtime and its
 * dictionaries, which a conversion without --opencc should not map. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <opencc.h>

#include "buf.h"
#include "opencc_pass.h"
#include "tree.h"
#include "utf8.h"

#define OPENCC_DIR "/usr/share/opencc"

struct conv {
	opencc_t cc;
	struct tr_arena *A;
	int quotes;             /* to corner brackets (1), to curly (-1) */
	bool failed;
	char err[256];
};

/* Quotation marks as the edition's readers write them: Taiwan and Hong
 * Kong quote with corner brackets 「」 and 『』 (Taiwan's Ministry of
 * Education), the mainland with curly quotes.  Each pair is the same
 * number of bytes, so s changes in place. */
#define LDQ "\xE2\x80\x9C"   /* “ */
#define RDQ "\xE2\x80\x9D"   /* ” */
#define LSQ "\xE2\x80\x98"   /* ‘ */
#define RSQ "\xE2\x80\x99"   /* ’ */
#define LCB "\xE3\x80\x8C"   /* 「 */
#define RCB "\xE3\x80\x8D"   /* 」 */
#define LWCB "\xE3\x80\x8E"  /* 『 */
#define RWCB "\xE3\x80\x8F"  /* 』 */

static bool ascii_letter(char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Whether s[from, to) holds a Han character. */
static bool has_han(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to;) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, to - i, &cp);
		if (!len)
			return false;
		if (tr_cp_is_han(cp))
			return true;
		i += len;
	}
	return false;
}

/* A pair open ... close round Chinese text becomes corner brackets; an
 * apostrophe (a ’ between two letters) closes nothing.  Quotes round
 * English stay as they are. */
static void pair_to_corners(char *s, const char *open, const char *close,
    const char *lcb, const char *rcb, bool single)
{
	for (char *p = strstr(s, open); p; p = strstr(p + 3, open)) {
		if (single && p > s && ascii_letter(p[-1]))
			continue;
		char *q = p + 3;
		for (;;) {
			q = strstr(q, close);
			if (!q || !single || !(q > s && ascii_letter(q[-1]) &&
			    ascii_letter(q[3])))
				break;
			q += 3;
		}
		char *next = strstr(p + 3, open);
		if (!q || (next && next < q) ||
		    !has_han(s, (size_t)(p - s), (size_t)(q - s)))
			continue;
		memcpy(p, lcb, 3);
		memcpy(q, rcb, 3);
	}
}

static void replace_all(char *s, const char *from, const char *to)
{
	for (char *p = strstr(s, from); p; p = strstr(p + 3, from))
		memcpy(p, to, 3);
}

static void edition_quotes(char *s, int quotes)
{
	if (quotes > 0) {
		pair_to_corners(s, LDQ, RDQ, LCB, RCB, false);
		pair_to_corners(s, LSQ, RSQ, LWCB, RWCB, true);
	} else if (quotes < 0) {
		replace_all(s, LCB, LDQ);
		replace_all(s, RCB, RDQ);
		replace_all(s, LWCB, LSQ);
		replace_all(s, RWCB, RSQ);
	}
}

/* s converted, in the document's arena; s itself when it has no byte
 * over ASCII (OpenCC changes only Han) or on failure. */
static const char *convert(struct conv *c, const char *s)
{
	if (!s || c->failed)
		return s;
	bool ascii = true;
	for (const char *p = s; *p && ascii; p++)
		ascii = (unsigned char)*p < 0x80;
	if (ascii)
		return s;
	char *out = opencc_convert_utf8(c->cc, s, strlen(s));
	if (!out || out == (char *)-1) {
		c->failed = true;
		snprintf(c->err, sizeof c->err, "OpenCC: %s", opencc_error());
		return s;
	}
	char *kept = tr_arena_strdup(c->A, out);
	opencc_convert_utf8_free(out);
	edition_quotes(kept, c->quotes);
	return kept;
}

/* The readers' right to change their own tree, here for the pass. */
#define OWN(T, p) ((T *)(uintptr_t)(p))

static void inlines(struct conv *c, const tr_inline *in)
{
	for (; in; in = in->next) {
		tr_inline *m = OWN(tr_inline, in);
		if (in->kind == TR_INL_TEXT || in->kind == TR_INL_RUBY)
			m->text = convert(c, in->text);
		if (in->kind == TR_INL_RUBY) /* a gloss may be Chinese */
			OWN(tr_ruby, in->ruby)->text = convert(c,
			    in->ruby->text);
		if (in->title)
			m->title = convert(c, in->title);
		inlines(c, in->child);
	}
}

static void outline(struct conv *c, const tr_outline *o)
{
	for (; o; o = o->next) {
		OWN(tr_outline, o)->text = convert(c, o->text);
		outline(c, o->child);
	}
}

static void blocks(struct conv *c, const tr_block *b)
{
	for (; b; b = b->next) {
		inlines(c, b->inlines);
		if (b->outline)
			outline(c, b->outline);
		blocks(c, b->child);
	}
}

int tr_opencc_convert(tr_doc *doc, const char *config, char *err,
    size_t errlen)
{
	static opencc_t cc = (opencc_t)-1;
	static char open_config[32];
	if (cc == (opencc_t)-1 || strcmp(open_config, config) != 0) {
		if (cc != (opencc_t)-1)
			opencc_close(cc);
		char path[128];
		snprintf(path, sizeof path, OPENCC_DIR "/%s.json", config);
		cc = opencc_open(path);
		if (cc == (opencc_t)-1) {
			snprintf(err, errlen, "OpenCC cannot open %s: %s", path,
			    opencc_error());
			return -1;
		}
		snprintf(open_config, sizeof open_config, "%s", config);
	}
	/* s2t, s2tw, s2twp, s2hk, t2tw, t2hk: a Traditional edition;
	 * t2s, tw2s, tw2sp, hk2s: a Simplified one */
	int quotes = strstr(config, "2s") ? -1 : 1;
	struct conv c = { cc, doc->arena, quotes, false, "" };
	doc->title = convert(&c, doc->title);
	inlines(&c, doc->title_inlines);
	doc->source_title = convert(&c, doc->source_title);
	doc->channel = convert(&c, doc->channel);
	doc->description = convert(&c, doc->description);
	doc->date_text = convert(&c, doc->date_text);
	for (int i = 0; i < doc->nsubjects; i++)
		OWN(const char *, doc->subjects)[i] = convert(&c,
		    doc->subjects[i]);
	for (const tr_meta_field *f = doc->meta; f; f = f->next)
		OWN(tr_meta_field, f)->value = convert(&c, f->value);
	for (int i = 0; i < doc->nspeakers; i++)
		OWN(tr_speaker, doc->speakers)[i].name = convert(&c,
		    doc->speakers[i].name);
	for (const tr_section *s = doc->sections; s; s = s->next) {
		tr_section *m = OWN(tr_section, s);
		m->title_text = convert(&c, s->title_text);
		inlines(&c, s->title);
		blocks(&c, s->blocks);
	}
	for (int i = 0; i < doc->nheadings; i++)
		OWN(tr_heading, doc->headings)[i].text = convert(&c,
		    doc->headings[i].text);
	/* the document's outline is one of the blocks' (converted above)
	 * unless the reader kept it apart */
	if (c.failed) {
		snprintf(err, errlen, "%s", c.err);
		return -1;
	}
	return 0;
}
