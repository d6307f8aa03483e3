/* BCP 47 language tags, by their syntax (RFC 5646 section 2.1). */
#ifndef TR_LANGTAG_H
#define TR_LANGTAG_H

#include <stdbool.h>

/* "zh-Hans", "zh-Hant-TW", "en-GB-oxendict", "x-private": true;
 * "zh--Hans", "12345", "": false. */
bool tr_lang_tag_valid(const char *tag);

/* The kind of type a language is set in: its faces, its punctuation,
 * its stylesheet. */
typedef enum {
	TR_TYPE_LATIN,          /* English and other languages in Latin */
	TR_TYPE_HANS,           /* zh, zh-Hans, zh-CN, zh-SG */
	TR_TYPE_HANT,           /* zh-Hant, zh-TW: Taiwan's forms */
	TR_TYPE_HANT_HK,        /* zh-Hant-HK, zh-HK, zh-MO */
	TR_TYPE_JA,
	TR_TYPE_KO
} tr_type_kind;

tr_type_kind tr_lang_type(const char *lang);

struct tr_inline;
/* The language of one paragraph when it differs from the document's
 * (WCAG 3.1.2), judged by its letters: a paragraph of Latin letters
 * only, in a Chinese, Japanese or Korean book, is "en"; a paragraph
 * mostly of Han characters in a Latin-script book is "zh".  NULL when
 * it is the document's language or too short to tell. */
const char *tr_paragraph_lang(const struct tr_inline *in,
    const char *doc_lang);

#endif
