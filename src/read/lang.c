/* The language of a transcript from its text: mostly Han is Chinese
 * (Simplified or Traditional by the characters only one script uses),
 * kana Japanese, Hangul Korean, else English. */
#include <string.h>

#include "parse.h"
#include "utf8.h"

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

static void count_bytes(const char *s, size_t n, struct counts *c)
{
	size_t i = 0;
	while (i < n) {
		unsigned char byte = (unsigned char)s[i];
		if (byte < 0x80) {      /* most bytes: no decoding */
			c->latin += (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z';
			i++;
			continue;
		}
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

static void count_text(const char *s, struct counts *c)
{
	count_bytes(s, strlen(s), c);
}

static void count_inlines(const tr_inline *in, struct counts *c)
{
	for (; in; in = in->next) {
		if (in->kind == TR_INL_TEXT || in->kind == TR_INL_RUBY)
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

bool tr_source_is_latin(const char *data, size_t len)
{
	struct counts c = { 0 };
	count_bytes(data, len, &c);
	return (c.han + c.kana + c.hangul) * 3 < c.latin;
}
