/* WebVTT and SRT into the tree.  A cue is a time range and a few lines
 * of text, perhaps with a speaker (<v Name>, "Name:", "[SPEAKER_00]");
 * consecutive cues of one speaker make one turn, whose time is its
 * first cue's start, and a pause longer than --pause seconds starts a
 * new paragraph.  Caption line breaks are soft; the rolling captions of
 * YouTube (each cue repeating the last line of the one before) are read
 * once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "buf.h"
#include "captions.h"
#include "frontmatter.h"
#include "parse.h"
#include "sha1.h"
#include "speakers.h"
#include "timestamp.h"
#include "utf8.h"

/* ---- lines ------------------------------------------------------------- */

struct lines {
	const char *data;
	size_t len, pos;
	int no;                 /* the current line's number, from 1 */
};

/* The next line without its end (LF or CRLF); false at the end. */
static bool next_line(struct lines *l, const char **s, size_t *n)
{
	if (l->pos >= l->len)
		return false;
	const char *start = l->data + l->pos;
	const char *nl = memchr(start, '\n', l->len - l->pos);
	size_t len = nl ? (size_t)(nl - start) : l->len - l->pos;
	l->pos += len + (nl ? 1 : 0);
	if (len && start[len - 1] == '\r')
		len--;
	*s = start;
	*n = len;
	l->no++;
	return true;
}


static size_t skip_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* ---- timings ----------------------------------------------------------- */

/* "00:01:02.500 --> 00:01:05.000 align:start" (VTT) or "00:01:02,500 -->
 * 00:01:05,000" (SRT): the two times, in seconds. */
static bool timing_line(const char *s, size_t n, double *start, double *end)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	tr_time a, b;
	if (!tr_time_bare(s + i, n - i, &a))
		return false;
	i += a.len;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 3 || memcmp(s + i, "-->", 3) != 0)
		return false;
	i += 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (!tr_time_bare(s + i, n - i, &b))
		return false;
	*start = a.seconds;
	*end = b.seconds;
	return true;
}

static bool has_arrow(const char *s, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, "-->", 3) == 0)
			return true;
	return false;
}

/* "# original line", "#NOTE": a comment line of SRT as some tools
 * write it, before the first cue or inside one. */
static bool srt_comment(const char *s, size_t n)
{
	return n >= 1 && s[0] == '#' && (n == 1 || s[1] == ' ' || s[1] == '#' ||
	    (s[1] >= 'A' && s[1] <= 'Z'));
}

static bool digits_only(const char *s, size_t n)
{
	if (!n || n > 9)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

tr_captions_kind tr_captions_kind_of(const char *data, size_t len)
{
	size_t b = skip_bom(data, len);
	size_t j = b;
	while (j < len && strchr(" \t\r\n", data[j]))
		j++;
	if (j < len && data[j] == '{') {
		/* an object: "{" then a key or "}" ("{{< shortcode >}}" is
		 * Markdown) */
		size_t k = j + 1;
		while (k < len && strchr(" \t\r\n", data[k]))
			k++;
		if (k < len && (data[k] == '"' || data[k] == '}'))
			return TR_CAPTIONS_JSON;
	}
	if (j < len && data[j] == '[') {
		/* an array of segment objects: "[" then "{" */
		size_t k = j + 1;
		while (k < len && strchr(" \t\r\n", data[k]))
			k++;
		if (k < len && data[k] == '{')
			return TR_CAPTIONS_JSON;
	}
	if (len - b >= 6 && memcmp(data + b, "WEBVTT", 6) == 0 &&
	    (len - b == 6 || strchr(" \t\r\n", data[b + 6])))
		return TR_CAPTIONS_VTT;
	/* SRT: blank lines, a cue number, a timing line */
	struct lines l = { data + b, len - b, 0, 0 };
	const char *s;
	size_t n;
	/* blank lines and "# " comment lines (a header some tools write) */
	while (next_line(&l, &s, &n) && (tr_is_blank(s, n) || srt_comment(s, n)))
		;
	if (l.pos == 0 || n == 0 || n > 9)
		return TR_CAPTIONS_NONE;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return TR_CAPTIONS_NONE;
	double x, y;
	if (next_line(&l, &s, &n) && timing_line(s, n, &x, &y))
		return TR_CAPTIONS_SRT;
	return TR_CAPTIONS_NONE;
}

/* ---- the text of a cue ------------------------------------------------- */

struct cue {
	double start, end;
	int line;               /* of its timing line */
	char *speaker;          /* NULL: none said */
	char **lines;           /* its text lines, markup gone, trimmed,
	                         * blank ones left out */
	int nlines;
	bool untimed;           /* a JSON segment with no time at all */
	char *next_speaker;     /* "(Name)" inside the cue: from line */
	int split;              /* lines[split] on, or 0 */
};

struct reader {
	const char *path;
	tr_diag *diag;
	const tr_parse_options *opt;
	bool vtt;
};

/* Appends one character reference or entity at s (after '&'); returns
 * the bytes taken, 0 when it is none. */
static size_t entity(const char *s, size_t n, tr_buf *out)
{
	static const struct {
		const char *name, *text;
	} names[] = { { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" },
		{ "quot;", "\"" }, { "apos;", "'" }, { "nbsp;", " " },
		{ "lrm;", "" }, { "rlm;", "" } };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t k = strlen(names[i].name);
		if (n >= k && memcmp(s, names[i].name, k) == 0) {
			tr_buf_puts(out, names[i].text);
			return k;
		}
	}
	if (n >= 3 && s[0] == '#') {
		bool hex = s[1] == 'x' || s[1] == 'X';
		size_t i = hex ? 2 : 1;
		unsigned long cp = 0;
		size_t digits = 0;
		for (; i < n && digits < 8; i++, digits++) {
			char c = s[i];
			int v = c >= '0' && c <= '9' ? c - '0' :
			    hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ?
			    (c | 0x20) - 'a' + 10 : -1;
			if (v < 0)
				break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
		}
		if (digits && i < n && s[i] == ';') {
			char utf8[8];
			if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) ||
			    cp > 0x10FFFF || (cp < 0x20 && cp != '\t'))
				cp = 0xFFFD;
			size_t k = tr_utf8_encode((uint32_t)cp, utf8);
			tr_buf_put(out, utf8, k);
			return i + 1;
		}
	}
	return 0;
}

/* One payload line without its markup: tags (<i>, <b>, <c.x>, <v Name>,
 * <00:00:01.000>, <font ...>) dropped, entities decoded.  A voice span's
 * name goes to *voice. */
static void clean_line(struct reader *r, const char *s, size_t n, int line,
    tr_buf *out, char **voice)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == '<') {
			const char *close = memchr(s + i, '>', n - i);
			if (!close) {
				/* not a tag: kept as text */
				if (r->vtt && n - i > 2 && s[i + 1] == 'v' &&
				    (s[i + 2] == ' ' || s[i + 2] == '.'))
					tr_diag_emit(r->diag, TR_W_CUE_MARKUP, r->path,
					    line, (int)i + 1, "a voice span <v"
					    " has no closing >");
				tr_buf_putc(out, s[i++]);
				continue;
			}
			size_t len = (size_t)(close - (s + i)) + 1;
			if (r->vtt && len > 3 && s[i + 1] == 'v' &&
			    (s[i + 2] == ' ' || s[i + 2] == '.') && voice) {
				/* <v Name> or <v.loud Name> */
				const char *name = memchr(s + i, ' ', len);
				if (name) {
					name++;
					size_t k = (size_t)(close - name);
					while (k && name[k - 1] == ' ')
						k--;
					if (k && !*voice) {
						*voice = tr_xmalloc(k + 1);
						memcpy(*voice, name, k);
						(*voice)[k] = '\0';
					}
				}
			}
			i += len;
			continue;
		}
		if (s[i] == '&') {
			size_t k = entity(s + i + 1, n - i - 1, out);
			if (k) {
				i += k + 1;
				continue;
			}
		}
		tr_buf_putc(out, s[i++]);
	}
}

static bool cjk_edge(const char *s, size_t n, bool at_end)
{
	if (!n)
		return false;
	uint32_t cp = 0;
	if (at_end) {
		size_t k = n;
		while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
			k--;
		if (k > 0)
			k--;
		tr_utf8_decode(s + k, n - k, &cp);
	} else {
		tr_utf8_decode(s, n, &cp);
	}
	return tr_cp_is_cjk(cp) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Joins text to out: nothing between where either side is CJK, one
 * space otherwise. */
static void join(tr_buf *out, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (!n)
		return;
	if (out->len && !cjk_edge(out->data, out->len, true) &&
	    !cjk_edge(s, n, false))
		tr_buf_putc(out, ' ');
	tr_buf_put(out, s, n);
}

/* "[Music]", "[laughter]", "[inaudible]": what is heard, not who. */
static bool sound_note(const char *s, size_t n)
{
	static const char *const words[] = { "music", "applause",
		"laughter", "laughs", "laughing", "laugh", "chuckles",
		"chuckle", "inaudible", "crosstalk", "silence", "noise",
		"background noise", "cheering", "cheers", "sighs", "sigh",
		"coughs", "cough", "pause", "unintelligible", "foreign",
		"no audio", "音乐", "音樂", "掌声", "掌聲", "笑声", "笑聲", NULL };
	for (const char *const *w = words; *w; w++)
		if (strlen(*w) == n && strncasecmp(*w, s, n) == 0)
			return true;
	return false;
}

/* A speaker prefix at a cue's start: "Name:", "- Name:", "[Name]",
 * "[SPEAKER_00]:", ">> Name:".  The name is short: four words and 32
 * bytes at most, no sentence punctuation. */
static size_t speaker_prefix(const char *s, size_t n, char **name)
{
	size_t i = 0;
	if (n >= 2 && s[0] == '-' && s[1] == ' ')
		i = 2;
	else if (n >= 3 && s[0] == '>' && s[1] == '>' && s[2] == ' ')
		i = 3;
	size_t from = i, to;
	bool bracket = i < n && s[i] == '[';
	size_t affiliation = 0;
	if (bracket) {
		const char *close = memchr(s + i, ']', n - i);
		if (!close)
			return 0;
		from = i + 1;
		to = (size_t)(close - s);
		i = to + 1;
		bool colon = i < n && s[i] == ':';
		if (colon)
			i++;
		/* "[chuckles] less fun.", "[Music]": a sound, not a name */
		if (!colon && (sound_note(s + from, to - from) ||
		    (s[from] >= 'a' && s[from] <= 'z')))
			return 0;
	} else {
		const char *colon = NULL;
		for (size_t k = i; k < n && k < i + 40; k++) {
			if (s[k] == ':') {
				colon = s + k;
				break;
			}
			if (k + 3 <= n && memcmp(s + k, "：", 3) == 0) {
				colon = s + k;
				break;
			}
		}
		if (!colon)
			return 0;
		to = (size_t)(colon - s);
		i = to + (*colon == ':' ? 1 : 3);
		/* "https://...", "10:30": no name */
		if (i < n && (s[i] == '/' || (s[i] >= '0' && s[i] <= '9')))
			return 0;
		/* "Rina Sato (Acme):": a name with its affiliation */
		size_t e = to;
		while (e > from && s[e - 1] == ' ')
			e--;
		if (e > from + 2 && s[e - 1] == ')') {
			const char *open = memchr(s + from, '(', e - from);
			if (open && open > s + from && open[1] >= 'A' &&
			    open[1] <= 'Z' && !memchr(open + 1, '(', (size_t)(s + e -
			    open - 1)))
				affiliation = (size_t)(s + e - open);
		}
	}
	if (to <= from || to - from > 32)
		return 0;
	int words = 1;
	for (size_t k = from; k < to - affiliation; k++) {
		char c = s[k];
		if (c == ' ')
			words++;
		if (strchr(".,;!?\"()", c) && !(c == '.' && k > from &&
		    k + 1 < to && s[k + 1] == ' '))
			return 0;
	}
	/* "12:30" is a time, not a name */
	if (words > 4 || (s[from] >= '0' && s[from] <= '9'))
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	*name = tr_xmalloc(to - from + 1);
	memcpy(*name, s + from, to - from);
	(*name)[to - from] = '\0';
	return i;
}

/* "(Danyel Fisher)" alone on a cue's first line: who speaks next. */
static size_t bracketed_speaker(const char *s, size_t n, char **name)
{
	while (n && s[n - 1] == ' ')
		n--;
	if (n < 3 || s[0] != '(' || s[n - 1] != ')' ||
	    memchr(s + 1, '(', n - 2) || sound_note(s + 1, n - 2) ||
	    !(s[1] >= 'A' && s[1] <= 'Z'))
		return 0;
	int words = 1;
	for (size_t k = 1; k + 1 < n; k++) {
		words += s[k] == ' ';
		if (strchr(".,;!?\":[]", s[k]) && !(s[k] == '.' && k + 2 < n &&
		    s[k + 1] == ' '))
			return 0;
	}
	if (words > 4)
		return 0;
	*name = tr_xmalloc(n - 1);
	memcpy(*name, s + 1, n - 2);
	(*name)[n - 2] = '\0';
	return n;
}

static void cue_free(struct cue *c)
{
	free(c->speaker);
	free(c->next_speaker);
	for (int i = 0; i < c->nlines; i++)
		free(c->lines[i]);
	free(c->lines);
	memset(c, 0, sizeof(*c));
}

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *t = tr_xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	return t;
}

/* Reads a cue's payload lines, to an empty line, into c.  A line of
 * spaces belongs to the cue (YouTube writes them). */
static void read_payload(struct reader *r, struct lines *l, struct cue *c)
{
	const char *s;
	size_t n;
	size_t mark = l->pos;
	int mark_no = l->no;
	while (next_line(l, &s, &n) && n > 0) {
		/* a timing line with no empty line before it starts the
		 * next cue: step back */
		double a, b;
		if (has_arrow(s, n) && timing_line(s, n, &a, &b)) {
			l->pos = mark;
			l->no = mark_no;
			break;
		}
		/* "2" and its timing line with no empty line before: the
		 * next cue */
		if (digits_only(s, n)) {
			struct lines peek = *l;
			const char *ps;
			size_t pn;
			if (next_line(&peek, &ps, &pn) && has_arrow(ps, pn) &&
			    timing_line(ps, pn, &a, &b)) {
				l->pos = mark;
				l->no = mark_no;
				break;
			}
		}
		mark = l->pos;
		mark_no = l->no;
		if (!r->vtt && srt_comment(s, n))
			continue;       /* a comment: the original line */
		tr_buf clean = { 0 };
		char *voice = NULL;
		clean_line(r, s, n, l->no, &clean, &voice);
		const char *t = tr_buf_cstr(&clean);
		size_t skip = 0;
		if (voice && !c->speaker)
			c->speaker = voice, voice = NULL;
		else if (c->nlines == 0 && !c->speaker) {
			char *name = NULL;
			skip = speaker_prefix(t, clean.len, &name);
			if (!name)
				skip = bracketed_speaker(t, clean.len, &name);
			c->speaker = name;
		} else if (c->nlines > 0 && !c->split) {
			/* "-", then "(Ben Hale)": another speaker, same cue */
			char *name = NULL;
			size_t k = bracketed_speaker(t, clean.len, &name);
			if (k) {
				c->next_speaker = name;
				c->split = c->nlines;
				skip = k;
			}
		}
		/* "-" alone: a change of speaker drawn as a line */
		if (clean.len == 1 && t[0] == '-')
			skip = 1;
		free(voice);
		if (!tr_is_blank(t + skip, clean.len - skip)) {
			c->lines = tr_xgrow(c->lines, (size_t)c->nlines,
			    sizeof(char *));
			c->lines[c->nlines++] = trimmed(t + skip, clean.len - skip);
		}
		tr_buf_free(&clean);
	}
}

/* ---- building the tree ------------------------------------------------- */

struct build {
	tr_doc *doc;
	struct tr_arena *A;
	struct reader *r;
	tr_section *sec;
	tr_block *last_block;   /* in the section */
	tr_block *turn;         /* the open turn */
	tr_block *turn_last;
	int speaker;            /* of the open turn; -1 none */
	tr_buf para;            /* the paragraph being gathered */
	int para_line;
	double last_end;
	char *prev_last;        /* the previous cue's last line */
	tr_speaker_table speakers;
	bool any_speaker;
	double pause;
};

/* The speaker called name, added when new. */
static int speaker_of(struct build *b, const char *name, int line)
{
	return tr_speaker_table_find(&b->speakers, b->r->opt, b->A, name,
	    line);
}

static tr_block *new_block(struct build *b, tr_block_kind kind, int line)
{
	tr_block *blk = tr_arena_alloc(b->A, sizeof(*blk));
	blk->kind = kind;
	blk->line = line;
	blk->col = 1;
	return blk;
}

static void append_block(struct build *b, tr_block *blk)
{
	if (b->last_block)
		b->last_block->next = blk;
	else
		b->sec->blocks = blk;
	b->last_block = blk;
}

static void flush_para(struct build *b)
{
	if (!b->para.len)
		return;
	tr_inline *in = tr_arena_alloc(b->A, sizeof(*in));
	in->kind = TR_INL_TEXT;
	in->text = tr_arena_strndup(b->A, b->para.data, b->para.len);
	tr_block *p = new_block(b, TR_BLK_PARA, b->para_line);
	p->inlines = in;
	if (b->turn) {
		if (b->turn_last)
			b->turn_last->next = p;
		else
			b->turn->child = p;
		b->turn_last = p;
	} else {
		append_block(b, p);
	}
	tr_buf_clear(&b->para);
}

static void format_time(double t, char *out, size_t n)
{
	/* a time no clock shows (NaN, 1e308): said as what it is */
	if (!isfinite(t) || fabs(t) > TR_MAX_SECONDS) {
		snprintf(out, n, "%g s", t);
		return;
	}
	const char *sign = t < 0 ? "-" : "";
	long s = (long)fabs(t);
	if (s >= 3600)
		snprintf(out, n, "%s%ld:%02ld:%02ld", sign, s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(out, n, "%s%02ld:%02ld", sign, s / 60, s % 60);
}

static bool sentence_end(const tr_buf *t)
{
	if (!t->len)
		return false;
	const char *s = t->data;
	size_t n = t->len;
	static const char *const ends[] = { ".", "!", "?", "。", "！", "？",
		"…" };
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && memcmp(s + n - k, ends[i], k) == 0)
			return true;
	}
	return false;
}

/* A paragraph this long is closed at the next sentence end. */
#define LONG_PARAGRAPH 1200

static void add_cue(struct build *b, struct cue *c)
{
	/* rolling captions (YouTube's): a cue of the same voice that begins
	 * with the line the one before ended with, and goes on past it or
	 * only bridges to the next (a hundredth of a second); a cue that
	 * just says the same again ("Yes." "Yes.") is kept */
	bool same_voice = !c->speaker || (b->speaker >= 0 &&
	    strcmp(c->speaker, b->speakers.list[b->speaker].name) == 0);
	int from = same_voice && b->prev_last && c->nlines &&
	    strcmp(c->lines[0], b->prev_last) == 0 &&
	    (c->nlines > 1 || c->end - c->start < 0.1) ? 1 : 0;
	tr_buf joined = { 0 };
	for (int i = from; i < c->nlines; i++)
		join(&joined, c->lines[i], strlen(c->lines[i]));
	if (c->nlines) {
		free(b->prev_last);
		b->prev_last = tr_xstrdup(c->lines[c->nlines - 1]);
	}
	const char *text = tr_buf_cstr(&joined);
	size_t len = joined.len;
	if (c->start < b->last_end - 0.001 && b->last_end > 0) {
		char arg[64];
		format_time(c->start, arg, sizeof arg);
		tr_diag_emit(b->r->diag, TR_W_CUE_ORDER, b->r->path, c->line, 1,
		    arg);
	}
	if (!len) {
		if (c->end > b->last_end)
			b->last_end = c->end;
		tr_buf_free(&joined);
		return;
	}
	int who = c->speaker ? speaker_of(b, c->speaker, c->line) : b->speaker;
	if (c->speaker)
		b->any_speaker = true;
	bool new_turn = who >= 0 && (who != b->speaker || !b->turn);
	if (new_turn) {
		flush_para(b);
		b->turn = new_block(b, TR_BLK_TURN, c->line);
		b->turn_last = NULL;
		b->turn->speaker = who;
		b->turn->time = c->start;
		if (!c->untimed) {
			char t[32];
			format_time(c->start, t, sizeof t);
			b->turn->time_text = tr_arena_strdup(b->A, t);
		}
		b->speakers.list[who].turns++;
		append_block(b, b->turn);
		b->speaker = who;
	} else if (c->start - b->last_end > b->pause ||
	    (b->para.len > LONG_PARAGRAPH && sentence_end(&b->para))) {
		flush_para(b);
	}
	if (!b->para.len)
		b->para_line = c->line;
	join(&b->para, text, len);
	tr_buf_free(&joined);
	if (c->end > b->last_end)
		b->last_end = c->end;
}

/* The "key: value" lines of a NOTE block at the top of a WebVTT file:
 * metadata, as front matter would give it. */
/* One metadata field, after the last of *fm. */
static void add_field(struct build *b, tr_fm_field **fm, const char *key,
    size_t kn, const char *value, size_t vn, int line)
{
	tr_fm_field *last = *fm;
	while (last && last->next)
		last = last->next;
	tr_fm_field *f = tr_arena_alloc(b->A, sizeof(*f));
	f->key = tr_arena_strndup(b->A, key, kn);
	f->value = tr_arena_strndup(b->A, value, vn);
	const char **items = tr_arena_alloc(b->A, sizeof(char *));
	items[0] = f->value;
	f->items = items;
	f->roles = tr_arena_alloc(b->A, sizeof(char *));
	f->nitems = 1;
	f->line = line;
	if (last)
		last->next = f;
	else
		*fm = f;
}

static tr_fm_field *note_metadata(struct build *b, struct lines *l,
    tr_fm_field *fm)
{
	const char *s;
	size_t n;
	while (next_line(l, &s, &n) && !tr_is_blank(s, n)) {
		const char *colon = memchr(s, ':', n);
		if (!colon || colon == s)
			continue;
		size_t kn = (size_t)(colon - s), vi = kn + 1;
		while (vi < n && s[vi] == ' ')
			vi++;
		add_field(b, &fm, s, kn, s + vi, n - vi, l->no);
	}
	return fm;
}

/* The title and date a JSON transcript gives itself, at the top or in
 * a "meeting" object: {"meeting": {"title": …, "date": …}, "lines": …} */
static void json_metadata(struct build *b, json_object *root,
    tr_fm_field **fm)
{
	json_object *meeting;
	if (json_object_object_get_ex(root, "meeting", &meeting) &&
	    json_object_is_type(meeting, json_type_object))
		root = meeting;
	/* not Whisper's "language": "zh" says less than the text does */
	static const char *const keys[] = { "title", "date", "meeting_date",
		NULL };
	for (const char *const *k = keys; *k; k++) {
		json_object *v;
		if (json_object_object_get_ex(root, *k, &v) &&
		    json_object_is_type(v, json_type_string) &&
		    json_object_get_string_len(v) > 0) {
			tr_buf clean = { 0 };
			tr_utf8_clean(json_object_get_string(v),
			    (size_t)json_object_get_string_len(v), &clean);
			add_field(b, fm, *k, strlen(*k), tr_buf_cstr(&clean),
			    clean.len, 1);
			tr_buf_free(&clean);
		}
	}
}

/* ---- WhisperX and Whisper JSON ------------------------------------------ */

static void position_at(const char *data, size_t off, int *line, int *col)
{
	*line = 1, *col = 1;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n')
			(*line)++, *col = 1;
		else if (((unsigned char)data[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

static bool number_of(json_object *o, const char *key, double *v)
{
	json_object *x;
	if (!json_object_object_get_ex(o, key, &x) ||
	    !(json_object_is_type(x, json_type_double) ||
	    json_object_is_type(x, json_type_int)))
		return false;
	*v = json_object_get_double(x);
	return true;
}

/* A segment's start: "start" (Whisper) or "startTime" (Podcast Index). */
static bool segment_start(json_object *seg, double *t)
{
	return json_object_is_type(seg, json_type_object) &&
	    (number_of(seg, "start", t) || number_of(seg, "startTime", t));
}

/* {"segments": [{"start", "end", "text", "speaker"?, "words"?}]}, read
 * with json-c; returns false (an error said) when it is no transcript. */
static bool read_json(struct build *b, const char *data, size_t len,
    tr_fm_field **fm)
{
	struct reader *r = b->r;
	json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
	json_object *root = json_tokener_parse_ex(tok, data, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	if (!root || e != json_tokener_success) {
		int line, col;
		size_t off = json_tokener_get_parse_end(tok);
		position_at(data, off < len ? off : len, &line, &col);
		/* "continue": json-c wants more, the file has ended */
		tr_diag_emit(r->diag, TR_E_JSON, r->path, line, col,
		    e == json_tokener_continue ? "the file ends inside a "
		    "value" : e == json_tokener_success ? "nothing to read" :
		    json_tokener_error_desc(e));
		json_tokener_free(tok);
		json_object_put(root);
		return false;
	}
	json_tokener_free(tok);
	json_object *segs = root;
	/* {"segments": [...]} (Whisper, WhisperX, Podcast Index),
	 * {"transcript": [...]}, or the array of segments alone */
	if (!json_object_is_type(root, json_type_array) &&
	    (!json_object_is_type(root, json_type_object) ||
	    !((json_object_object_get_ex(root, "segments", &segs) ||
	    json_object_object_get_ex(root, "transcript", &segs) ||
	    json_object_object_get_ex(root, "lines", &segs)) &&
	    json_object_is_type(segs, json_type_array)))) {
		tr_diag_emit(r->diag, TR_E_JSON, r->path, 1, 1,
		    "no \"segments\" array: not a WhisperX or Whisper "
		    "transcript");
		json_object_put(root);
		return false;
	}
	if (json_object_is_type(root, json_type_object))
		json_metadata(b, root, fm);
	size_t n = json_object_array_length(segs);
	/* segments without times are read when none has one (a text
	 * transcript in JSON, orbit.fm's); otherwise a missing time is a
	 * fault of that segment */
	bool untimed_ok = true;
	for (size_t i = 0; i < n && untimed_ok; i++) {
		double t;
		if (segment_start(json_object_array_get_idx(segs, i), &t))
			untimed_ok = false;
	}
	for (size_t i = 0; i < n; i++) {
		json_object *seg = json_object_array_get_idx(segs, i), *text = NULL,
		    *who = NULL;
		struct cue c = { .line = 1 };
		bool timed = segment_start(seg, &c.start);
		c.untimed = !timed && untimed_ok;
		if (!json_object_is_type(seg, json_type_object) ||
		    !((json_object_object_get_ex(seg, "text", &text) ||
		    json_object_object_get_ex(seg, "body", &text)) &&
		    json_object_is_type(text, json_type_string)) ||
		    (!timed && !untimed_ok)) {
			char arg[64];
			snprintf(arg, sizeof arg, "segment %zu has no start or "
			    "text", i + 1);
			tr_diag_emit(r->diag, TR_W_CUE_TIMING, r->path, 0, 0, arg);
			continue;
		}
		if (!number_of(seg, "end", &c.end) &&
		    !number_of(seg, "endTime", &c.end))
			c.end = c.start;
		/* a diarised line's name when a person gave it one:
		 * {"speaker": "SPEAKER_00", "speakerName": "Elizabeth Yang"} */
		if (json_object_object_get_ex(seg, "speakerName", &who) &&
		    json_object_is_type(who, json_type_string) &&
		    json_object_get_string_len(who) > 0)
			c.speaker = tr_xstrdup(json_object_get_string(who));
		else if (json_object_object_get_ex(seg, "speaker", &who) &&
		    json_object_is_type(who, json_type_string) &&
		    json_object_get_string_len(who) > 0)
			c.speaker = tr_xstrdup(json_object_get_string(who));
		else if (who && json_object_is_type(who, json_type_int)) {
			/* diarisation's numbers: "Speaker 0", unless
			 * --rename-speaker 0=Lena names them */
			char num[32], name[48];
			snprintf(num, sizeof num, "%lld",
			    (long long)json_object_get_int64(who));
			snprintf(name, sizeof name, "Speaker %s", num);
			bool renamed = false;
			for (int k = 0; r->opt && k < r->opt->nrenames; k++)
				renamed |= strcmp(r->opt->renames[k].key, num) == 0;
			c.speaker = tr_xstrdup(renamed ? num : name);
		}
		/* the segment's text through the same cleaning: a tag or an
		 * entity in it is text here too, but clean UTF-8 */
		const char *t = json_object_get_string(text);
		tr_buf clean = { 0 };
		tr_utf8_clean(t, (size_t)json_object_get_string_len(text),
		    &clean);
		if (!tr_is_blank(tr_buf_cstr(&clean), clean.len)) {
			c.lines = tr_xmalloc(sizeof(char *));
			c.lines[c.nlines++] = trimmed(clean.data, clean.len);
		}
		tr_buf_free(&clean);
		if (c.end < c.start || c.start < 0) {
			char arg[64];
			format_time(c.start, arg, sizeof arg);
			tr_diag_emit(r->diag, TR_W_CUE_ORDER, r->path, 0, 0, arg);
			if (c.end < c.start)
				c.end = c.start;
		}
		add_cue(b, &c);
		cue_free(&c);
	}
	json_object_put(root);
	return true;
}

static void skip_block(struct lines *l)
{
	const char *s;
	size_t n;
	while (next_line(l, &s, &n) && !tr_is_blank(s, n))
		;
}

tr_doc *tr_read_captions(tr_captions_kind kind, const char *path,
    const char *data, size_t len, const tr_parse_options *opt,
    tr_diag *diag)
{
	struct tr_arena *A = tr_arena_new();
	tr_doc *doc = tr_arena_alloc(A, sizeof(*doc));
	doc->arena = A;
	doc->path = tr_arena_strdup(A, path);
	tr_sha1(data, len, doc->digest);
	struct reader r = { path, diag, opt, kind == TR_CAPTIONS_VTT };
	struct build b = { .doc = doc, .A = A, .r = &r, .speaker = -1,
		.pause = opt && opt->pause > 0 ? opt->pause : 3.0 };
	tr_section *sec = tr_arena_alloc(A, sizeof(*sec));
	sec->kind = TR_SEC_BODY;
	sec->part = TR_PART_BODY;
	sec->title_text = "";
	sec->line = 1;
	doc->sections = sec;
	doc->nsections = 1;
	b.sec = sec;

	size_t bom = skip_bom(data, len);
	struct lines l = { data + bom, len - bom, 0, 0 };
	const char *s;
	size_t n;
	tr_fm_field *fm = NULL;
	if (kind == TR_CAPTIONS_JSON) {
		if (!read_json(&b, data + bom, len - bom, &fm)) {
			free(b.prev_last);
			tr_buf_free(&b.para);
			tr_speaker_table_free(&b.speakers);
			tr_arena_free(A);
			return NULL;
		}
		l.pos = l.len; /* no lines to read */
	}
	if (r.vtt) {
		/* the WEBVTT line, then "Kind: captions", "Language: en"
		 * and the like: metadata */
		next_line(&l, &s, &n);
		fm = note_metadata(&b, &l, fm);
	}
	bool any_cue = false;
	while (next_line(&l, &s, &n)) {
		if (tr_is_blank(s, n) || (!r.vtt && srt_comment(s, n)))
			continue;
		if (r.vtt && n >= 4 && memcmp(s, "NOTE", 4) == 0 &&
		    (n == 4 || s[4] == ' ' || s[4] == '\t')) {
			if (!any_cue)
				fm = note_metadata(&b, &l, fm);
			else
				skip_block(&l);
			continue;
		}
		if (r.vtt && ((n >= 5 && memcmp(s, "STYLE", 5) == 0) ||
		    (n >= 6 && memcmp(s, "REGION", 6) == 0))) {
			skip_block(&l);
			continue;
		}
		/* an identifier (a cue number in SRT) before the timing */
		int id_line = l.no;
		if (!has_arrow(s, n) && !next_line(&l, &s, &n))
			break;
		struct cue c = { .line = l.no };
		if (!timing_line(s, n, &c.start, &c.end)) {
			char arg[96];
			snprintf(arg, sizeof arg, "%.*s", (int)(n > 60 ? 60 : n), s);
			tr_diag_emit(diag, TR_W_CUE_TIMING, path, l.no == id_line ?
			    id_line : l.no, 1, arg);
			if (!tr_is_blank(s, n))
				skip_block(&l);
			continue;
		}
		if (c.end < c.start) {
			char arg[64];
			format_time(c.start, arg, sizeof arg);
			tr_diag_emit(diag, TR_W_CUE_ORDER, path, c.line, 1, arg);
			c.end = c.start;
		}
		any_cue = true;
		read_payload(&r, &l, &c);
		if (c.split && c.split < c.nlines) {
			/* the part after "(Name)" as a cue of its own */
			struct cue rest = { .start = c.start, .end = c.end,
				.line = c.line, .speaker = c.next_speaker,
				.lines = c.lines + c.split,
				.nlines = c.nlines - c.split };
			int all = c.nlines;
			double end = c.end;
			c.nlines = c.split;
			c.end = c.start; /* where the first voice stops is not said */
			add_cue(&b, &c);
			c.end = end;
			add_cue(&b, &rest);
			c.nlines = all;
		} else {
			add_cue(&b, &c);
		}
		cue_free(&c);
	}
	flush_para(&b);
	free(b.prev_last);
	tr_buf_free(&b.para);
	if (!b.any_speaker)
		tr_diag_emit(diag, TR_W_NO_SPEAKERS, path, 1, 1, "");

	return tr_doc_finish(doc, &b.speakers, fm, opt, diag);
}
