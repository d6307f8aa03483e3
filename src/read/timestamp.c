#include <stdlib.h>
#include <string.h>

#include "timestamp.h"

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Up to max digits at s; their value in *v. */
static size_t digits(const char *s, size_t n, size_t max, long *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && i < max && digit(s[i]))
		*v = *v * 10 + (s[i++] - '0');
	return i;
}

bool tr_time_bare(const char *s, size_t n, tr_time *t)
{
	long f[3];
	size_t i = 0, nf = 0;
	for (;;) {
		/* the first field may have one to three digits (75:12 is
		 * minutes and seconds), the later ones exactly two */
		size_t k = digits(s + i, n - i, nf == 0 ? 3 : 2, &f[nf]);
		if (k == 0 || (nf > 0 && k != 2))
			return false;
		i += k;
		nf++;
		if (nf < 3 && i + 1 < n && s[i] == ':' && digit(s[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	if (nf < 2)
		return false;
	double frac = 0;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && digit(s[i + 1])) {
		size_t j = i + 1;
		double scale = 0.1;
		while (j < n && digit(s[j]) && j - i <= 3) {
			frac += (s[j] - '0') * scale;
			scale /= 10;
			j++;
		}
		i = j;
	}
	/* not part of a longer number: 12:30:45:10, 1:23pm, 3:330 */
	if (i < n && (digit(s[i]) || s[i] == ':' ||
	    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
		return false;
	long h = nf == 3 ? f[0] : 0, m = nf == 3 ? f[1] : f[0];
	long sec = nf == 3 ? f[2] : f[1];
	if (m > 59 && nf == 3)
		return false;
	if (sec > 59)
		return false;
	t->seconds = (double)(h * 3600 + m * 60 + sec) + frac;
	t->text = s;
	t->text_len = i;
	t->len = i;
	return true;
}

bool tr_time_at(const char *s, size_t n, bool bare_ok, tr_time *t)
{
	if (n > 2 && (s[0] == '[' || s[0] == '(')) {
		char close = s[0] == '[' ? ']' : ')';
		if (!tr_time_bare(s + 1, n - 1, t))
			return false;
		size_t end = 1 + t->len;
		if (end >= n || s[end] != close)
			return false;
		t->len = end + 1;
		return true;
	}
	return bare_ok && tr_time_bare(s, n, t);
}

bool tr_time_chapter(const char *s, size_t n, tr_time *t, size_t *title)
{
	if (!tr_time_at(s, n, true, t))
		return false;
	size_t i = t->len;
	bool bracketed = s[0] == '[' || s[0] == '(';
	while (i < n && s[i] == ' ')
		i++;
	/* bare: a dash (or colon) must follow, "3:33 - Title" */
	if (i < n && (s[i] == '-' || s[i] == ':' || s[i] == '|')) {
		i++;
	} else if (i + 2 < n && (memcmp(s + i, "\xE2\x80\x93", 3) == 0 ||
	    memcmp(s + i, "\xE2\x80\x94", 3) == 0)) {
		i += 3;
	} else if (!bracketed) {
		return false;
	}
	while (i < n && s[i] == ' ')
		i++;
	if (i >= n)
		return false; /* a time and nothing else is no chapter title */
	*title = i;
	return true;
}
