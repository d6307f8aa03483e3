#include <stddef.h>
#include <string.h>

#include "langtag.h"

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
