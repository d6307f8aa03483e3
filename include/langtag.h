/* BCP 47 language tags, by their syntax (RFC 5646 section 2.1). */
#ifndef TR_LANGTAG_H
#define TR_LANGTAG_H

#include <stdbool.h>

/* "zh-Hans", "zh-Hant-TW", "en-GB-oxendict", "x-private": true;
 * "zh--Hans", "12345", "": false. */
bool tr_lang_tag_valid(const char *tag);

#endif
