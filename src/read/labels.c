#include <string.h>
#include <strings.h>

#include "labels.h"
#include "utf8.h"

#define MAX_NAME_WORDS 4
#define MAX_NAME_COLUMNS 24

/* Words that introduce text rather than a person, in one place. */
static const char *const intro_words[] = {
	"Note", "Notes", "NB", "N.B.", "Update", "Updated", "Edit", "Edited",
	"Summary", "Example", "Examples", "Warning", "Caution", "Tip",
	"Important", "Disclaimer", "Transcript", "Duration", "Date", "Time",
	"Location", "Topic", "Title", "Source", "Link", "Links", "Website",
	"Episode", "Season", "Length", "Tags", "Keywords", "Description",
	"Question", "Answer", "Step", "Result", "Results", "Reference",
	"References", "See also", "PS", "P.S.", "TL;DR", "FYI", "Breaking",
	"Spoiler", "Quote", "Context", "Background", "Conclusion",
	"Break", "Ad break", "Ad", "Sponsor", "Sponsors", "Intermission",
	"Music", "Intro", "Outro", "Pause",
	/* a meeting's or an episode's record, not a person */
	"Attendees", "Attendance", "Participants", "Present", "Absent",
	"Apologies", "Regrets", "Agenda", "Minutes", "Decision", "Decisions",
	"Action", "Actions", "Action items", "Action item", "Next steps",
	"Resolved", "Motion", "Vote", "Status", "Owner", "Due", "Published",
	"Recorded", "Aired", "Released", "Posted", "Venue", "Place", "Event",
	"Meeting", "Series", "Show", "Podcast", "Runtime", "Audio", "Video",
	"Language", "Transcribed by", "Transcript by", "Edited by",
	"与会者", "與會者", "参会人员", "參會人員", "出席", "缺席", "议程",
	"議程", "决议", "決議", "会议", "會議", "时长", "時長", "发布时间",
	"發布時間", "录制时间", "錄製時間", "广告", "廣告", "休息", "中场休息",
	"中場休息", "音乐", "音樂",
	"注", "注意", "注释", "註", "備註", "备注", "说明", "說明", "提示",
	"比如", "例如", "例", "举例", "舉例", "比方说", "比方說",
	"第一", "第二", "第三", "第四", "第五", "第六", "第七", "第八",
	"第九", "第十", "首先", "其次", "然后", "然後", "最后", "最後",
	"主题", "主題", "话题", "話題", "位置", "时间", "時間", "地点", "地點",
	"日期", "幻灯片", "幻燈片", "总结", "總結", "结论", "結論", "更新",
	"链接", "連結", "来源", "來源", "原文", "标题", "標題", "问题", "問題",
	"答案", "关键词", "關鍵詞", "摘要", "简介", "簡介", "背景", "引言",
	NULL
};

bool tr_label_is_intro_word(const char *s, size_t n)
{
	if (!n)
		return false;
	/* the first byte first: this is asked of every line's start */
	unsigned char c0 = (unsigned char)s[0];
	c0 = c0 >= 'A' && c0 <= 'Z' ? (unsigned char)(c0 | 0x20) : c0;
	for (const char *const *w = intro_words; *w; w++) {
		unsigned char w0 = (unsigned char)(*w)[0];
		w0 = w0 >= 'A' && w0 <= 'Z' ? (unsigned char)(w0 | 0x20) : w0;
		if (w0 == c0 && strlen(*w) == n && strncasecmp(*w, s, n) == 0)
			return true;
	}
	return false;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s))
		(*s)++, (*n)--;
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
	/* the ideographic space */
	while (*n >= 3 && memcmp(*s + *n - 3, "\xE3\x80\x80", 3) == 0)
		*n -= 3;
}

static bool is_initials(const char *s, size_t n)
{
	if (n < 1 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

/* The bracketed part at the end of s, "(...)" or "（...）": its inside. */
static bool trailing_brackets(const char *s, size_t n, size_t *open,
    const char **in, size_t *in_len)
{
	size_t close_len;
	const char *opener;
	if (n >= 1 && s[n - 1] == ')') {
		close_len = 1, opener = "(";
	} else if (n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x89", 3) == 0) {
		close_len = 3, opener = "\xEF\xBC\x88";
	} else {
		return false;
	}
	size_t olen = strlen(opener);
	for (size_t i = n - close_len; i-- > 0;) {
		if (i + olen <= n - close_len && memcmp(s + i, opener, olen) == 0) {
			*open = i;
			*in = s + i + olen;
			*in_len = n - close_len - i - olen;
			return true;
		}
	}
	return false;
}

/* Sentence punctuation inside a name makes it no name; a period may end
 * a short word (Dr., Mr., J.). */
static bool name_shape_ok(const char *s, size_t n)
{
	int words = 0, columns = 0;
	size_t word_start = 0;
	bool in_word = false;
	size_t i = 0;
	bool letter = false;
	while (i < n) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		if (cp == ' ') {
			in_word = false;
		} else {
			if (!in_word) {
				words++;
				word_start = i;
			}
			in_word = true;
		}
		if (cp == '.') {
			/* only at the end of a word of at most three letters */
			bool word_end = i + 1 == n || s[i + 1] == ' ';
			if (!word_end || i - word_start > 3 || i == word_start)
				return false;
		} else if (cp < 0x80 && strchr(",;!?\"()[]{}<>*#/\\|=+@:`~$%^",
		    (int)cp)) {
			return false;
		} else if (cp == 0x3002 || cp == 0xFF0C || cp == 0xFF1B ||
		    cp == 0xFF01 || cp == 0xFF1F || cp == 0x3001 ||
		    cp == 0xFF1A || cp == 0x201C || cp == 0x201D ||
		    cp == 0x2026 || cp == 0x300C || cp == 0x300D ||
		    cp == 0xFF08 || cp == 0xFF09) {
			return false;
		}
		if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
		    cp >= 0x80)
			letter = true;
		columns += tr_cp_width(cp);
		i += len;
	}
	return letter && words >= 1 && words <= MAX_NAME_WORDS &&
	    columns <= MAX_NAME_COLUMNS;
}

bool tr_label_name(const char *s, size_t n, tr_label *out)
{
	trim(&s, &n);
	/* a leading timestamp: "[00:00] SPEAKER_01" */
	tr_time t;
	if (tr_time_at(s, n, true, &t) && t.len < n && is_space(s[t.len])) {
		out->has_time = true;
		out->time = t;
		s += t.len;
		n -= t.len;
		trim(&s, &n);
	}
	/* a trailing bracket: a time, initials, or an aside */
	size_t open;
	const char *in;
	size_t in_len;
	if (trailing_brackets(s, n, &open, &in, &in_len)) {
		const char *ins = in;
		size_t inn = in_len;
		trim(&ins, &inn);
		if (tr_time_bare(ins, inn, &t) && t.len == inn) {
			if (!out->has_time) {
				out->has_time = true;
				out->time = t;
			}
		} else if (is_initials(ins, inn)) {
			out->alias = ins;
			out->alias_len = inn;
		} else {
			out->aside = s + open;
			out->aside_len = n - open;
		}
		n = open;
		trim(&s, &n);
	}
	out->name = s;
	out->name_len = n;
	return n > 0 && name_shape_ok(s, n) && !tr_label_is_intro_word(s, n);
}

bool tr_label_plain(const char *s, size_t n, tr_label *out)
{
	memset(out, 0, sizeof(*out));
	tr_time t;
	/* a leading timestamp: "[00:12:34] Alice: Hi." */
	if (tr_time_at(s, n, true, &t) && t.len < n && is_space(s[t.len])) {
		size_t j = t.len;
		while (j < n && is_space(s[j]))
			j++;
		tr_label inner;
		if (!tr_label_plain(s + j, n - j, &inner) || inner.has_time)
			return false;
		*out = inner;
		out->has_time = true;
		out->time = t;
		out->rest += j;
		return true;
	}
	/* the colon that ends the name, within a name's reach */
	size_t colon = 0, clen = 0;
	for (size_t i = 0; i < n && i < 160 && s[i] != '\n'; i++) {
		if (s[i] == ':') {
			colon = i, clen = 1;
			break;
		}
		if (i + 2 < n && memcmp(s + i, "\xEF\xBC\x9A", 3) == 0) {
			colon = i, clen = 3;
			break;
		}
	}
	if (!clen)
		return false;
	/* a timestamp's own colons are not the label's: "Albert Cheng
	 * (00:00:00):" */
	const char *paren = memchr(s, '(', colon);
	if (paren && tr_time_at(paren, n - (size_t)(paren - s), false, &t)) {
		size_t end = (size_t)(paren - s) + t.len;
		if (end < n && s[end] == ':')
			colon = end, clen = 1;
		else if (end + 2 < n && memcmp(s + end, "\xEF\xBC\x9A", 3) == 0)
			colon = end, clen = 3;
	}
	size_t after = colon + clen;
	/* "12:30", "https://", "a:b" are no labels: an ASCII colon is
	 * followed by a space, the end, or text of another script */
	if (clen == 1 && after < n && !is_space(s[after]) &&
	    (unsigned char)s[after] < 0x80)
		return false;
	if (!tr_label_name(s, colon, out))
		return false;
	size_t j = after;
	while (j < n && is_space(s[j]))
		j++;
	/* a time after the colon: alone on its line ("Walton: 00:00:01"),
	 * or in brackets before the words ("Jerod: [04:32] That's") */
	if (!out->has_time && tr_time_at(s + j, n - j, true, &t)) {
		bool bracketed = s[j] == '[' || s[j] == '(';
		size_t m = j + t.len;
		while (m < n && is_space(s[m]))
			m++;
		if (bracketed || m == n || s[m] == '\n') {
			out->has_time = true;
			out->time = t;
			j = m;
		}
	}
	out->rest = j;
	return true;
}
