#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "meta.h"

static const struct {
	const char *name;
	tr_meta_key key;
} keys[] = {
	{ "视频链接", TR_KEY_SOURCE }, { "視頻鏈接", TR_KEY_SOURCE },
	{ "影片連結", TR_KEY_SOURCE }, { "視訊連結", TR_KEY_SOURCE },
	{ "视频", TR_KEY_SOURCE }, { "視頻", TR_KEY_SOURCE },
	{ "影片", TR_KEY_SOURCE }, { "链接", TR_KEY_SOURCE },
	{ "鏈接", TR_KEY_SOURCE }, { "連結", TR_KEY_SOURCE },
	{ "原视频", TR_KEY_SOURCE }, { "原視頻", TR_KEY_SOURCE },
	{ "来源", TR_KEY_SOURCE }, { "來源", TR_KEY_SOURCE },
	{ "video", TR_KEY_SOURCE }, { "video link", TR_KEY_SOURCE },
	{ "link", TR_KEY_SOURCE }, { "url", TR_KEY_SOURCE },
	{ "source", TR_KEY_SOURCE }, { "media", TR_KEY_SOURCE },
	{ "youtube_url", TR_KEY_SOURCE }, { "youtube", TR_KEY_SOURCE },
	{ "video_url", TR_KEY_SOURCE },
	{ "官方频道", TR_KEY_CHANNEL }, { "官方頻道", TR_KEY_CHANNEL },
	{ "频道", TR_KEY_CHANNEL }, { "頻道", TR_KEY_CHANNEL },
	{ "channel", TR_KEY_CHANNEL }, { "podcast", TR_KEY_CHANNEL },
	{ "播客", TR_KEY_CHANNEL }, { "show", TR_KEY_CHANNEL },
	{ "日期", TR_KEY_DATE }, { "发布日期", TR_KEY_DATE },
	{ "發布日期", TR_KEY_DATE }, { "時間", TR_KEY_DATE },
	{ "时间", TR_KEY_DATE }, { "date", TR_KEY_DATE },
	{ "published", TR_KEY_DATE }, { "publish_date", TR_KEY_DATE },
	{ "pub_date", TR_KEY_DATE }, { "pubdate", TR_KEY_DATE },
	{ "published_at", TR_KEY_DATE }, { "release_date", TR_KEY_DATE },
	{ "air_date", TR_KEY_DATE }, { "recorded", TR_KEY_DATE },
	{ "recorded_at", TR_KEY_DATE }, { "episode_date", TR_KEY_DATE },
	{ "meeting_date", TR_KEY_DATE },
	{ "嘉宾", TR_KEY_GUEST }, { "嘉賓", TR_KEY_GUEST },
	{ "guest", TR_KEY_GUEST }, { "guests", TR_KEY_GUEST },
	{ "主持人", TR_KEY_HOST }, { "主持", TR_KEY_HOST },
	{ "host", TR_KEY_HOST }, { "hosts", TR_KEY_HOST },
	{ "interviewer", TR_KEY_HOST },
	{ "标题", TR_KEY_TITLE }, { "標題", TR_KEY_TITLE },
	{ "title", TR_KEY_TITLE },
	{ "speakers", TR_KEY_SPEAKERS }, { "发言人", TR_KEY_SPEAKERS },
	{ "發言人", TR_KEY_SPEAKERS },
	{ "lang", TR_KEY_LANG }, { "language", TR_KEY_LANG },
	{ "tags", TR_KEY_TAGS }, { "keywords", TR_KEY_TAGS },
	{ "标签", TR_KEY_TAGS }, { "標籤", TR_KEY_TAGS },
	{ "关键词", TR_KEY_TAGS }, { "關鍵詞", TR_KEY_TAGS },
	{ "description", TR_KEY_DESCRIPTION }, { "summary", TR_KEY_DESCRIPTION },
};

tr_meta_key tr_meta_key_of(const char *key, size_t len)
{
	while (len && isspace((unsigned char)*key))
		key++, len--;
	while (len && isspace((unsigned char)key[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strlen(keys[i].name) == len &&
		    strncasecmp(keys[i].name, key, len) == 0)
			return keys[i].key;
	}
	return TR_KEY_OTHER;
}

#define MAX_KEY_BYTES 48

bool tr_meta_split(const char *s, size_t len, size_t *key_len,
    size_t *value_start)
{
	for (size_t i = 0; i < len && i <= MAX_KEY_BYTES; i++) {
		if (s[i] == ':') {
			*key_len = i;
			*value_start = i + 1;
		} else if (i + 2 < len && memcmp(s + i, "：", 3) == 0) {
			*key_len = i;
			*value_start = i + 3;
		} else {
			continue;
		}
		/* "https://..." as a whole item is a value, not a key */
		if (i == 0 || (s[i] == ':' && i + 1 < len && s[i + 1] == '/'))
			return false;
		while (*value_start < len && s[*value_start] == ' ')
			(*value_start)++;
		return true;
	}
	return false;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool real_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

static int month_of(const char *word, size_t len)
{
	static const char *names[] = { "january", "february", "march",
		"april", "may", "june", "july", "august", "september",
		"october", "november", "december" };
	if (len >= 4 && word[len - 1] == '.')
		len--;
	if (len < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		size_t n = strlen(names[m]);
		if (len <= n && strncasecmp(names[m], word, len) == 0 &&
		    (len == 3 || len == n || (m == 8 && len == 4)))
			return m + 1;
	}
	return 0;
}

/* Reads an unsigned number of 1..4 digits; -1 when there is none. */
static int number(const char **p)
{
	int v = 0, n = 0;
	while (isdigit((unsigned char)**p) && n < 5) {
		v = v * 10 + (**p - '0');
		(*p)++, n++;
	}
	return n == 0 || n > 4 ? -1 : v;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static bool finish(const char *p, int y, int m, int d, char out[11],
    const char **end)
{
	*end = p;
	if (!real_day(y, m, d))
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return true;
}

static bool date_at(const char *s, char out[11], const char **end)
{
	const char *p = skip_spaces(s);
	if (isdigit((unsigned char)*p)) {
		const char *q = p;
		int a = number(&q);
		if (a >= 1000) {
			/* 2020年5月9日, 2021-03-03, 2021/3/3, 2021.3.3 */
			if (strncmp(skip_spaces(q), "年", 3) == 0) {
				q = skip_spaces(skip_spaces(q) + 3);
				int m = number(&q);
				q = skip_spaces(q);
				if (strncmp(q, "月", 3) != 0)
					return false;
				q = skip_spaces(q + 3);
				int d = number(&q);
				q = skip_spaces(q);
				if (strncmp(q, "日", 3) == 0 ||
				    strncmp(q, "号", 3) == 0 ||
				    strncmp(q, "號", 3) == 0)
					q += 3;
				return finish(q, a, m, d, out, end);
			}
			char sep = *q;
			if (sep != '-' && sep != '/' && sep != '.')
				return false;
			q++;
			int m = number(&q);
			if (*q != sep)
				return false;
			q++;
			int d = number(&q);
			return finish(q, a, m, d, out, end);
		}
		/* 3 March 2021 */
		q = skip_spaces(q);
		const char *w = q;
		while (isalpha((unsigned char)*q) || *q == '.')
			q++;
		int m = month_of(w, (size_t)(q - w));
		if (!m)
			return false;
		q = skip_spaces(q);
		if (*q == ',')
			q = skip_spaces(q + 1);
		int y = number(&q);
		return finish(q, y, m, a, out, end);
	}
	/* March 3, 2021 */
	const char *w = p;
	while (isalpha((unsigned char)*p) || *p == '.')
		p++;
	int m = month_of(w, (size_t)(p - w));
	if (!m)
		return false;
	p = skip_spaces(p);
	int d = number(&p);
	if (p[0] == 's' && p[1] == 't')
		p += 2;
	else if ((p[0] == 'n' || p[0] == 'r') && p[1] == 'd')
		p += 2;
	else if (p[0] == 't' && p[1] == 'h')
		p += 2;
	p = skip_spaces(p);
	if (*p == ',')
		p = skip_spaces(p + 1);
	int y = number(&p);
	return finish(p, y, m, d, out, end);
}

bool tr_date_iso(const char *s, char out[11])
{
	const char *end;
	return date_at(s, out, &end) && !*skip_spaces(end);
}

static bool word_char(char c)
{
	return isalnum((unsigned char)c);
}

bool tr_date_in_line(const char *s, size_t n, char out[11], size_t *start,
    size_t *len)
{
	char *copy = tr_xmalloc(n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		if (!word_char(copy[i]) || (i > 0 && word_char(copy[i - 1])))
			continue;
		const char *end;
		if (date_at(copy + i, out, &end) && (!*end ||
		    !word_char(*end))) {
			*start = i;
			*len = (size_t)(end - copy) - i;
			while (*len && copy[i + *len - 1] == ' ')
				(*len)--;
			found = true;
		}
	}
	free(copy);
	return found;
}
