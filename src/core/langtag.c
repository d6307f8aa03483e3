#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "langtag.h"
#include "tree.h"
#include "utf8.h"

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all(const char *s, size_t n, bool (*is)(char))
{
	for (size_t i = 0; i < n; i++)
		if (!is(s[i]))
			return false;
	return true;
}

static bool alnum(char c)
{
	return alpha(c) || digit(c);
}

/* langtag = language ["-" script] ["-" region] *("-" variant)
 *           *("-" extension) ["-" privateuse], or privateuse alone */
bool tr_lang_tag_valid(const char *tag)
{
	size_t len = strlen(tag);
	if (len == 0 || len > 64)
		return false;
	const char *sub[32];
	size_t sublen[32];
	int n = 0;
	for (const char *p = tag;;) {
		const char *dash = strchr(p, '-');
		size_t l = dash ? (size_t)(dash - p) : strlen(p);
		if (l == 0 || l > 8 || n == 32 || !all(p, l, alnum))
			return false;
		sub[n] = p;
		sublen[n++] = l;
		if (!dash)
			break;
		p = dash + 1;
	}
	int i = 0;
	if (sublen[0] == 1 && (sub[0][0] == 'x' || sub[0][0] == 'X'))
		return n > 1; /* x-private */
	/* language: 2-3 letters (with up to three extlangs), or 4-8 */
	if (!all(sub[0], sublen[0], alpha) || sublen[0] < 2)
		return false;
	i = 1;
	if (sublen[0] <= 3)
		for (int k = 0; k < 3 && i < n && sublen[i] == 3 &&
		    all(sub[i], 3, alpha); k++)
			i++;
	if (i < n && sublen[i] == 4 && all(sub[i], 4, alpha))
		i++; /* script */
	if (i < n && ((sublen[i] == 2 && all(sub[i], 2, alpha)) ||
	    (sublen[i] == 3 && all(sub[i], 3, digit))))
		i++; /* region */
	while (i < n && ((sublen[i] >= 5) || (sublen[i] == 4 &&
	    digit(sub[i][0]))))
		i++; /* variants */
	while (i < n && sublen[i] == 1 && sub[i][0] != 'x' &&
	    sub[i][0] != 'X') {
		/* an extension: a singleton and at least one 2-8 subtag */
		i++;
		int k = 0;
		while (i < n && sublen[i] >= 2)
			i++, k++;
		if (!k)
			return false;
	}
	if (i < n && sublen[i] == 1 && (sub[i][0] == 'x' || sub[i][0] == 'X'))
		return i + 1 < n;
	return i == n;
}

static bool subtag(const char *lang, const char *tag)
{
	size_t n = strlen(tag);
	for (const char *p = strchr(lang, '-'); p; p = strchr(p + 1, '-'))
		if (strncasecmp(p + 1, tag, n) == 0 &&
		    (p[1 + n] == '\0' || p[1 + n] == '-'))
			return true;
	return false;
}

static bool primary(const char *lang, const char *code)
{
	size_t n = strlen(code);
	return strncasecmp(lang, code, n) == 0 &&
	    (lang[n] == '\0' || lang[n] == '-');
}

tr_type_kind tr_lang_type(const char *lang)
{
	if (!lang)
		return TR_TYPE_LATIN;
	if (subtag(lang, "Latn"))
		return TR_TYPE_LATIN; /* pinyin, jyutping */
	if (primary(lang, "zh") || primary(lang, "cmn") ||
	    primary(lang, "yue")) {
		if (subtag(lang, "HK") || subtag(lang, "MO") ||
		    primary(lang, "yue"))
			return subtag(lang, "Hans") ? TR_TYPE_HANS :
			    TR_TYPE_HANT_HK;
		if (subtag(lang, "Hant") || subtag(lang, "TW"))
			return TR_TYPE_HANT;
		return TR_TYPE_HANS;
	}
	if (primary(lang, "ja"))
		return TR_TYPE_JA;
	if (primary(lang, "ko"))
		return TR_TYPE_KO;
	return TR_TYPE_LATIN;
}

struct letters {
	long latin, cjk;
};

static void count_letters(const tr_inline *in, struct letters *n)
{
	for (; in; in = in->next) {
		if ((in->kind == TR_INL_TEXT || in->kind == TR_INL_RUBY) && in->text) {
			const char *s = in->text;
			size_t len = strlen(s), i = 0;
			while (i < len) {
				uint32_t cp;
				size_t k = tr_utf8_decode(s + i, len - i, &cp);
				i += k ? k : 1;
				if (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
				    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 &&
				    cp != 0xF7))
					n->latin++;
				else if (tr_cp_is_cjk(cp))
					n->cjk++;
			}
		}
		if (in->child)
			count_letters(in->child, n);
	}
}

/* Fewer letters than this say too little to mark a language. */
#define LANG_MIN_LETTERS 12

const char *tr_paragraph_lang(const tr_inline *in, const char *doc_lang)
{
	struct letters n = { 0, 0 };
	count_letters(in, &n);
	bool cjk_book = tr_lang_type(doc_lang) != TR_TYPE_LATIN;
	if (cjk_book && n.cjk == 0 && n.latin >= LANG_MIN_LETTERS)
		return "en";
	if (!cjk_book && n.cjk * 4 >= LANG_MIN_LETTERS &&
	    n.cjk * 2 > n.latin)
		return "zh";
	return NULL;
}

bool tr_doc_vertical(const tr_doc *doc, const tr_options *opt)
{
	tr_type_kind t = tr_lang_type(doc->lang);
	return opt->vertical && (t == TR_TYPE_HANS || t == TR_TYPE_HANT ||
	    t == TR_TYPE_HANT_HK);
}
