#include "utf8.h"

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

struct range {
	uint32_t lo, hi;
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* East Asian Wide and Fullwidth ranges (UAX #11), coarsened. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F251 }, { 0x1F300, 0x1F64F }, { 0x1F680, 0x1F6FF },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* Combining marks and other zero-width characters. */
static const struct range zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x064B, 0x065F }, { 0x0E31, 0x0E31 },
	{ 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E }, { 0x1AB0, 0x1AFF },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x2064 }, { 0x20D0, 0x20FF }, { 0x302A, 0x302D },
	{ 0x3099, 0x309A }, { 0xFE00, 0xFE0F }, { 0xFE20, 0xFE2F },
	{ 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

int tr_cp_width(uint32_t cp)
{
	if (cp < 0x300)
		return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? 0 : 1;
	if (in_ranges(cp, zero, COUNT(zero)))
		return 0;
	if (in_ranges(cp, wide, COUNT(wide)))
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

static const struct range han[] = {
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

/* Marks that may not start a line (clreq: 行首禁则). */
static const uint32_t closing[] = {
	'!', ')', ',', '.', ':', ';', '?', ']', '}',
	0x00BB, 0x2019, 0x201D, 0x203A, 0x203C, 0x2047, 0x2048, 0x2049,
	0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011, 0x3015,
	0x3017, 0x3019, 0x301B, 0x301E, 0x301F,
	0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
	0x3087, 0x308E, 0x309B, 0x309C, 0x309D, 0x309E,
	0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5,
	0x30E7, 0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE,
	0xFE50, 0xFE51, 0xFE52, 0xFE54, 0xFE55, 0xFE56, 0xFE57, 0xFE5A,
	0xFE5C, 0xFE5E, 0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B,
	0xFF1F, 0xFF3D, 0xFF5D, 0xFF60, 0xFF61, 0xFF63, 0xFF64,
};

/* Marks that may not end a line (clreq: 行尾禁则). */
static const uint32_t opening[] = {
	'(', '[', '{', 0x00AB, 0x2018, 0x201C, 0x2039, 0x3008, 0x300A,
	0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D,
	0xFE59, 0xFE5B, 0xFE5D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF5F, 0xFF62,
};

static bool in_list(uint32_t cp, const uint32_t *list, size_t n)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < list[mid])
			hi = mid;
		else if (cp > list[mid])
			lo = mid + 1;
		else
			return true;
	}
	return false;
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
	if (cp == ' ' || cp == '\t' || cp == 0x3000)
		return TR_LB_SPACE;
	if (cp == 0x2014 || cp == 0x2026 || cp == 0x2025 || cp == 0x2E3A ||
	    cp == 0x2E3B || cp == 0x00B7)
		return TR_LB_INSEP;
	if (in_list(cp, closing, COUNT(closing)))
		return TR_LB_CLOSE;
	if (in_list(cp, opening, COUNT(opening)))
		return TR_LB_OPEN;
	if (tr_cp_is_cjk(cp) || tr_cp_width(cp) == 2)
		return TR_LB_IDEO;
	return TR_LB_OTHER;
}

bool tr_can_break_between(uint32_t a, uint32_t b)
{
	tr_lb_class ca = tr_cp_lb_class(a), cb = tr_cp_lb_class(b);
	if (cb == TR_LB_CLOSE || ca == TR_LB_OPEN || cb == TR_LB_SPACE)
		return false;
	if (ca == TR_LB_SPACE)
		return true;
	if (ca == TR_LB_INSEP || cb == TR_LB_INSEP) {
		/* —— and …… stay whole; the middle dot of 海伦·凯勒 binds;
		 * an ellipsis trails its words (UAX #14: no break before) */
		if (a == b || a == 0x00B7 || b == 0x00B7 || b == 0x2026 ||
		    b == 0x2025)
			return false;
		return ca == TR_LB_IDEO || cb == TR_LB_IDEO ||
		    ca == TR_LB_CLOSE || ca == TR_LB_INSEP;
	}
	if (ca == TR_LB_IDEO || cb == TR_LB_IDEO)
		return true;
	/* after CJK closing punctuation a line may end before anything */
	if (ca == TR_LB_CLOSE && a >= 0x3000)
		return true;
	if (cb == TR_LB_OPEN && b >= 0x3000)
		return true;
	return false;
}
