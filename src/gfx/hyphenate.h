/* Where Latin words may be hyphenated: Debian's hyphenation patterns
 * (hyphen-en-us and its kin, the dictionaries LibreOffice uses) through
 * libhyphen. */
#ifndef TR_HYPHENATE_H
#define TR_HYPHENATE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hy_dict hy_dict;

/* The patterns for a language tag ("en", "en-US", "de-CH": the tag, then
 * its language alone), loaded once; NULL when none is installed. */
const hy_dict *hy_for(const char *lang);

/* For the word's len bytes of UTF-8 (letters only), sets before[i] when
 * a hyphen may break the word before byte i; the rest stay as they
 * are.  Two letters at least stay before a break and three after. */
void hy_points(const hy_dict *d, const char *word, size_t len, bool *before);

#endif
