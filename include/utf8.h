/* UTF-8 decoding, display width and the character classes that the line
 * breakers of every backend share (W3C clreq, UAX #14 in small). */
#ifndef TR_UTF8_H
#define TR_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (n bytes left).  Returns its length, or 0
 * for an invalid sequence (overlong, surrogate, out of range, cut off). */
size_t tr_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Appends the encoding of cp to out (at least 4 bytes); returns length. */
size_t tr_utf8_encode(uint32_t cp, char *out);
/* Checks a whole buffer; on failure sets *bad to the offset of the first
 * bad byte and returns false. */
bool tr_utf8_valid(const char *s, size_t n, size_t *bad);

/* Text every output may hold: no C0 control but tab and newline, no
 * DEL, no noncharacter (U+FDD0..FDEF, U+xFFFE, U+xFFFF). */
bool tr_cp_is_text(uint32_t cp);
/* Appends s to out with every invalid sequence and every character
 * that is not text as U+FFFD.  Returns the offset of the first byte
 * replaced, or n when none was; with out NULL, only looks. */
struct tr_buf;
size_t tr_utf8_clean(const char *s, size_t n, struct tr_buf *out);
/* Whether s (n bytes) holds only spaces and tabs: a blank line. */
bool tr_is_blank(const char *s, size_t n);

/* Display columns in a terminal: 2 for wide (Han, kana, Hangul,
 * full-width forms), 0 for combining marks, 1 otherwise. */
int tr_cp_width(uint32_t cp);
int tr_str_width(const char *s, size_t n);

bool tr_cp_is_han(uint32_t cp);     /* ideographs */
bool tr_cp_is_cjk(uint32_t cp);     /* ideographs, kana, CJK punctuation */
bool tr_cp_is_space(uint32_t cp);

typedef enum {
	TR_LB_OTHER,    /* Latin letters, digits: no break inside a run */
	TR_LB_IDEO,     /* break before and after */
	TR_LB_SPACE,    /* break after */
	TR_LB_CLOSE,    /* never starts a line: ，。、）」” … */
	TR_LB_OPEN,     /* never ends a line: （「“ … */
	TR_LB_INSEP     /* —— and ……: never split from its twin */
} tr_lb_class;

tr_lb_class tr_cp_lb_class(uint32_t cp);
/* May a line end between a and b (no spaces between them)? */
bool tr_can_break_between(uint32_t a, uint32_t b);

/* Whether the digits s[from, to) stand upright in vertical text: a
 * number of one or two digits, not part of a Latin word, a time or a
 * decimal (12:30, 3.5, v2), which lie on their side with the Latin. */
bool tr_upright_number(const char *s, size_t from, size_t to);
/* The next such number in s[*at, end): its bytes [*from, *to), and *at
 * moved past it; false (and *at at end) when there is none. */
bool tr_next_upright_number(const char *s, size_t end, size_t *at,
    size_t *from, size_t *to);

#endif
