#include <string.h>

#include "buf.h"
#include "utf8.h"

bool tr_cp_is_text(uint32_t cp)
{
	return !((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	    (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE);
}

size_t tr_utf8_clean(const char *s, size_t n, tr_buf *out)
{
	size_t i = 0, first = n;
	while (i < n) {
		uint32_t cp;
		size_t k = tr_utf8_decode(s + i, n - i, &cp);
		if (!k || !tr_cp_is_text(cp)) {
			if (!out)
				return i;
			if (first == n)
				first = i;
			tr_buf_puts(out, "\xEF\xBF\xBD");
			i += k ? k : 1;
		} else {
			if (out)
				tr_buf_put(out, s + i, k);
			i += k;
		}
	}
	return first;
}

size_t tr_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, v = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, v = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

size_t tr_utf8_encode(uint32_t cp, char *o)
{
	unsigned char *out = (unsigned char *)o;
	if (cp < 0x80) {
		out[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (unsigned char)(0xC0 | (cp >> 6));
		out[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (unsigned char)(0xE0 | (cp >> 12));
		out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (unsigned char)(0xF0 | (cp >> 18));
	out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

bool tr_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			*bad = i;
			return false;
		}
		i += len;
	}
	return true;
}

struct tr_ucd_range {
	uint32_t lo, hi;
};

struct tr_ucd_class {
	struct tr_ucd_range range;
	tr_lb_class cls;
};

/* tr_ucd_zero, tr_ucd_wide and tr_ucd_lb, from the UCD */
#include "unicode_tables.h"

/* The index of the entry whose range holds cp, in a sorted table of n
 * entries of stride bytes, each beginning with its range; n for none. */
static size_t find_range(uint32_t cp, const void *table, size_t n,
    size_t stride)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct tr_ucd_range *r = (const struct tr_ucd_range *)
		    ((const char *)table + mid * stride);
		if (cp < r->lo)
			hi = mid;
		else if (cp > r->hi)
			lo = mid + 1;
		else
			return mid;
	}
	return n;
}

static bool in_ranges(uint32_t cp, const struct tr_ucd_range *r, size_t n)
{
	return find_range(cp, r, n, sizeof *r) < n;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int tr_cp_width(uint32_t cp)
{
	if (cp < 0x300)
		return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? 0 : 1;
	if (in_ranges(cp, tr_ucd_zero, COUNT(tr_ucd_zero)))
		return 0;
	if (in_ranges(cp, tr_ucd_wide, COUNT(tr_ucd_wide)))
		return 2;
	return 1;
}

int tr_str_width(const char *s, size_t n)
{
	int w = 0;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			len = 1;
			cp = 0xFFFD;
		}
		w += tr_cp_width(cp);
		i += len;
	}
	return w;
}

static const struct tr_ucd_range han[] = {
	{ 0x2E80, 0x2FDF }, { 0x3005, 0x3007 }, { 0x3021, 0x3029 },
	{ 0x3038, 0x303B }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xF900, 0xFAFF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

bool tr_cp_is_han(uint32_t cp)
{
	return cp >= 0x2E80 && in_ranges(cp, han, COUNT(han));
}

bool tr_cp_is_cjk(uint32_t cp)
{
	return tr_cp_is_han(cp) || (cp >= 0x3000 && cp <= 0x30FF) ||
	    (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0x31F0 && cp <= 0x31FF);
}

bool tr_cp_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == 0x3000;
}

static tr_lb_class ucd_class(uint32_t cp)
{
	size_t i = find_range(cp, tr_ucd_lb, COUNT(tr_ucd_lb),
	    sizeof tr_ucd_lb[0]);
	return i < COUNT(tr_ucd_lb) ? tr_ucd_lb[i].cls : TR_LB_OTHER;
}

tr_lb_class tr_cp_lb_class(uint32_t cp)
{
	/* the common cases first: the PDF's line breaker asks of every
	 * character several times */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return TR_LB_IDEO;
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9'))
		return TR_LB_OTHER;
	/* clreq on top of UAX #14: the ideographic space and a tab are
	 * spaces; the middle dot of 海伦·凯勒 binds like —— and …… */
	if (cp == ' ' || cp == '\t' || cp == 0x3000)
		return TR_LB_SPACE;
	if (cp == 0x00B7)
		return TR_LB_INSEP;
	tr_lb_class c = ucd_class(cp);
	/* what UAX #14 leaves to context (AI, AL, ...) but is set on the
	 * em grid breaks like an ideograph */
	if (c == TR_LB_OTHER && (tr_cp_is_cjk(cp) || tr_cp_width(cp) == 2))
		return TR_LB_IDEO;
	return c;
}

bool tr_can_break_between(uint32_t a, uint32_t b)
{
	tr_lb_class ca = tr_cp_lb_class(a), cb = tr_cp_lb_class(b);
	if (cb == TR_LB_CLOSE || ca == TR_LB_OPEN || cb == TR_LB_SPACE)
		return false;
	/* the middle dot of 海伦·凯勒 binds both names (clreq: 间隔号);
	 * Unicode classes it as ambiguous, not as inseparable */
	if (a == 0x00B7 || b == 0x00B7 || a == 0x30FB || b == 0x30FB ||
	    a == 0x2027 || b == 0x2027)
		return false;
	if (ca == TR_LB_SPACE)
		return true;
	if (ca == TR_LB_INSEP || cb == TR_LB_INSEP) {
		/* —— and …… stay whole; an ellipsis trails its words
		 * (UAX #14: no break before) */
		if (a == b || b == 0x2026 || b == 0x2025)
			return false;
		return ca == TR_LB_IDEO || cb == TR_LB_IDEO ||
		    ca == TR_LB_CLOSE || ca == TR_LB_INSEP;
	}
	/* UAX #14 LB21 and LB25: no break before a hyphen ("播客-94"), nor
	 * between a hyphen and the number it signs */
	if (b == '-' || b == 0x2010 || (a == '-' && b >= '0' && b <= '9'))
		return false;
	if (ca == TR_LB_IDEO || cb == TR_LB_IDEO)
		return true;
	/* after CJK closing punctuation a line may end before anything */
	if (ca == TR_LB_CLOSE && a >= 0x3000)
		return true;
	if (cb == TR_LB_OPEN && b >= 0x3000)
		return true;
	return false;
}

static bool joins_number(unsigned char c)
{
	return c && c < 0x80 && ((c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || strchr(":./,-_%", c));
}

bool tr_upright_number(const char *s, size_t from, size_t to)
{
	return to > from && to - from <= 2 && !(from &&
	    joins_number((unsigned char)s[from - 1])) &&
	    !joins_number((unsigned char)s[to]);
}

bool tr_next_upright_number(const char *s, size_t end, size_t *at,
    size_t *from, size_t *to)
{
	for (size_t i = *at; i < end && s[i];) {
		if (s[i] < '0' || s[i] > '9') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < end && s[j] >= '0' && s[j] <= '9')
			j++;
		if (tr_upright_number(s, i, j)) {
			*from = i, *to = j, *at = j;
			return true;
		}
		i = j;
	}
	*at = end;
	return false;
}

bool tr_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}
