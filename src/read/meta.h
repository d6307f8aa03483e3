/* Metadata keys and dates of the transcript's opening list. */
#ifndef TR_META_H
#define TR_META_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	TR_KEY_OTHER,
	TR_KEY_SOURCE,   /* video link */
	TR_KEY_CHANNEL,
	TR_KEY_DATE,
	TR_KEY_GUEST,
	TR_KEY_HOST,
	TR_KEY_TITLE,
	TR_KEY_SPEAKERS,
	TR_KEY_LANG,
	TR_KEY_TAGS,
	TR_KEY_DESCRIPTION
} tr_meta_key;

/* Maps a key as written (Simplified, Traditional Chinese or English, any
 * case, surrounding white space ignored) to its meaning. */
tr_meta_key tr_meta_key_of(const char *key, size_t len);

/* Splits "key：value" / "key: value" at the first colon.  Returns false
 * when the text has no key of a sensible length before a colon. */
bool tr_meta_split(const char *s, size_t len, size_t *key_len,
    size_t *value_start);

/* Normalises 2020年5月9日, March 3, 2021, 3 March 2021, 2021-03-03,
 * 2021/3/3 and 2021.3.3 to "YYYY-MM-DD" (11 bytes with the NUL).
 * Returns false when the text is no date it knows or no real day. */
bool tr_date_iso(const char *s, char out[11]);

/* The first date of those forms inside a line ("Day Two—12 March 2024",
 * "2024年03月08日 09:30"): its ISO form and where it is written. */
bool tr_date_in_line(const char *s, size_t n, char out[11], size_t *start,
    size_t *len);

#endif
