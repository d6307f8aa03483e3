/* The survey of a file's label convention (survey.h). */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "labels.h"
#include "meta.h"
#include "survey.h"
#include "utf8.h"

#define MAX_SHAPES 64
#define KEY_MAX 15
#define NAME_REACH 256   /* bytes: 64 characters of four bytes */

/* What a line's start holds, when it could be a label. */
struct cand {
	int line;
	int shape;
	const char *name;       /* into the source, or a literal */
	size_t name_len;
	const char *alias, *aside;
	size_t alias_len, aside_len;
	bool has_time;
	tr_time time;
	const char *label;      /* from after the container marker */
	size_t label_len;
	bool alone, marker, unknown, turn;
	bool meta_block;        /* in a block of "Key: value" lines */
	bool chevrons;          /* ">> Name:" */
	char *canonical;        /* the speaker, once decided */
};

struct shape {
	char key[KEY_MAX + 1];
	int lines, distinct, recurring;
	int roles;              /* distinct names that are a part's word:
	                         * "发言人1", "Speaker 2", "Interviewer" */
	int first;              /* its first candidate */
	bool declared, accepted;
};

struct tr_survey {
	const char *path, *src;
	size_t len;
	size_t *starts;         /* line k begins at starts[k - 1] */
	int nlines;
	tr_names *names;
	const tr_parse_options *opt;
	tr_diag *diag;
	struct cand *cands;
	int ncands, cap;
	struct shape shapes[MAX_SHAPES];
	int nshapes;
	int *at;                /* line -> label index + 1, 0: none */
	tr_survey_label *labels;
	int nlabels;
	bool forced;            /* --label-pattern */
	bool quiet;             /* the fences' look: no warnings */
	char *unfence;          /* per line: a fence around a transcript,
	                         * read as the text it holds */
	int unfenced;
	const char *title;      /* the front matter's, or the first "# " */
	char *own_title;
	int date_line;          /* the line that dates the file, or 0 */
	char date_iso[11];
	size_t date_start, date_len;
};

static size_t chars_in(const char *p, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)p[i] & 0xC0) != 0x80;
	return c;
}

/* ---- lines ------------------------------------------------------------ */

static const char *line_of(const tr_survey *s, int line, size_t *n)
{
	size_t a = s->starts[line - 1], b = s->starts[line] - 1;
	if (b > s->len)
		b = s->len;
	*n = b > a ? b - a : 0;
	const char *p = s->src + a;
	if (*n && p[*n - 1] == '\r')
		(*n)--;
	return p;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool wide_space(const char *p, size_t i, size_t n)
{
	return i + 2 < n + 0 && memcmp(p + i, "\xE3\x80\x80", 3) == 0;
}

static size_t skip_spaces(const char *p, size_t i, size_t n)
{
	while (i < n && (is_blank(p[i]) || wide_space(p, i, n)))
		i += p[i] == ' ' || p[i] == '\t' ? 1 : 3;
	return i;
}

/* A list marker at p[i]: its length with the space after, or 0. */
static size_t list_marker(const char *p, size_t i, size_t n)
{
	if (i + 1 < n && (p[i] == '*' || p[i] == '-' || p[i] == '+') &&
	    is_blank(p[i + 1]))
		return 2;
	size_t j = i;
	while (j < n && j - i < 9 && p[j] >= '0' && p[j] <= '9')
		j++;
	if (j > i && j + 1 < n && (p[j] == '.' || p[j] == ')') &&
	    is_blank(p[j + 1]))
		return j + 2 - i;
	return 0;
}

static bool starts_with(const char *p, size_t n, const char *w)
{
	size_t wl = strlen(w);
	return n >= wl && memcmp(p, w, wl) == 0;
}

static size_t colon_at(const char *p, size_t i, size_t n)
{
	if (i < n && p[i] == ':')
		return 1;
	if (i + 2 < n + 0 && memcmp(p + i, "\xEF\xBC\x9A", 3) == 0)
		return 3;
	return 0;
}

static bool bold_at(const char *p, size_t i, size_t n)
{
	return i + 1 < n && ((p[i] == '*' && p[i + 1] == '*') ||
	    (p[i] == '_' && p[i + 1] == '_'));
}

/* A timestamp at p[i] as tr_time_at reads it, and "\\[04:32\\]" too:
 * Markdown's escaped brackets, which cmark hands over as "[04:32]". */
static bool time_at(const char *p, size_t i, size_t n, tr_time *t)
{
	if (!(i + 1 < n && p[i] == '\\' && p[i + 1] == '['))
		return tr_time_at(p + i, n - i, true, t);
	char copy[48];
	size_t o = 0, j = i;
	while (j < n && o + 1 < sizeof copy) {
		if (p[j] == '\\' && j + 1 < n && (p[j + 1] == '[' || p[j + 1] == ']'))
			j++;
		copy[o++] = p[j++];
		if (copy[o - 1] == ']')
			break;
	}
	if (!tr_time_at(copy, o, true, t) || copy[t->len - 1] != ']')
		return false;
	t->text = p + i + 1 + (size_t)(t->text - copy);
	t->len = j - i;
	return true;
}

/* ---- the shape of a line's start ----------------------------------------- */

static void key_add(char *key, int *k, char c)
{
	if (*k < KEY_MAX)
		key[(*k)++] = c;
}

/* The name run: up to a colon, a bold mark, a bracket, a tab or two
 * spaces, or the end; a time in brackets inside it is kept ("Albert
 * Cheng (00:00:00):"). */
static size_t name_run(const char *p, size_t i, size_t n)
{
	size_t j = i;
	/* past this no run is a name (64 characters at most): a line of
	 * prose is not read to its end */
	while (j < n && j - i <= NAME_REACH) {
		tr_time t;
		if (p[j] == '(' && tr_time_at(p + j, n - j, false, &t)) {
			j += t.len;
			continue;
		}
		if (colon_at(p, j, n) || bold_at(p, j, n) || p[j] == '[' ||
		    p[j] == '\t' || (p[j] == ' ' && j + 1 < n && p[j + 1] == ' ') ||
		    wide_space(p, j, n))
			break;
		j++;
	}
	while (j > i && p[j - 1] == ' ')
		j--;
	return j;
}

static bool only_times(const char *p, size_t n)
{
	size_t i = skip_spaces(p, 0, n);
	bool any = false;
	while (i < n) {
		tr_time t;
		if (tr_time_at(p + i, n - i, true, &t)) {
			i += t.len;
			any = true;
		} else if (p[i] == '-') {
			i++;
		} else if (i + 1 < n && p[i] == 't' && p[i + 1] == 'o') {
			i += 2;
		} else {
			return false;
		}
		i = skip_spaces(p, i, n);
	}
	return any || n == 0;
}

/* "(AL)" or "Ana Lima, Ben Ode": a value that is only names, each with a
 * capital (or in Han), the way a metadata line lists people. */
static bool names_value(const char *p, size_t n)
{
	size_t i = skip_spaces(p, 0, n);
	if (i >= n || n > 200)
		return false;
	int items = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && p[j] != ',' && p[j] != ';' && p[j] != '&' &&
		    !(j + 2 < n && memcmp(p + j, "\xE3\x80\x81", 3) == 0) &&
		    !(j + 2 < n && memcmp(p + j, "\xEF\xBC\x8C", 3) == 0))
			j++;
		tr_label l;
		memset(&l, 0, sizeof l);
		if (!tr_label_name(p + i, j - i, &l) || l.aside)
			return false;
		/* every Latin word capitalised: "Tell me" is no name */
		for (size_t k = 0; k < l.name_len; k++) {
			bool start = k == 0 || l.name[k - 1] == ' ';
			char c = l.name[k];
			if (start && c >= 'a' && c <= 'z' &&
			    strncmp(l.name + k, "and ", 4) != 0)
				return false;
		}
		items++;
		i = j < n ? j + ((unsigned char)p[j] >= 0x80 ? 3 : 1) : n;
		i = skip_spaces(p, i, n);
	}
	return items > 0;
}

/* A key that lists the people of the file rather than a speaker who
 * says something: "Presenter: Ana Lima (AL)", "主持人：张三". */
static bool people_key(const char *p, size_t n)
{
	static const char *const keys[] = { "Presenter", "Presenters",
		"Moderator", "Moderators", "Interviewer", "Interviewers",
		"Interviewee", "Interviewees", "Narrator", "Facilitator",
		"Chair", "Panel", "Hosts", "Guests", "Cast", "Featuring",
		"With", "Reporter", "Recorder", "Note taker", "Scribe",
		"采访者", "採訪者", "受访者", "受訪者", "访谈人", "訪談人",
		"记录", "記錄", "整理", NULL };
	switch (tr_meta_key_of(p, n)) {
	case TR_KEY_HOST:
	case TR_KEY_GUEST:
	case TR_KEY_SPEAKERS:
		return true;
	default:
		break;
	}
	for (const char *const *k = keys; *k; k++)
		if (strlen(*k) == n && strncasecmp(*k, p, n) == 0)
			return true;
	return false;
}

/* Declares the people a metadata value names, with their initials. */
static void declare_people(tr_names *names, const char *p, size_t n)
{
	char *v = tr_xmalloc(n + 1);
	memcpy(v, p, n);
	v[n] = '\0';
	tr_names_declare_list(names, v);
	/* "Ana Lima (AL)": AL stands for Ana Lima */
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && v[j] != ',' && v[j] != ';' && v[j] != '&')
			j++;
		tr_label l;
		memset(&l, 0, sizeof l);
		if (tr_label_name(v + i, j - i, &l) && l.alias)
			tr_names_alias(names, l.alias, l.alias_len, l.name,
			    l.name_len);
		i = j + 1;
	}
	free(v);
}

/* Reads the start of one line into c and its shape's key; false when it
 * is no label of any shape. */
static bool scan_line(tr_survey *s, const char *p, size_t n, struct cand *c,
    char *key, int *next_kind)
{
	size_t i = 0;
	int k = 0, indent = 0;
	*next_kind = 0;
	while (i < n && p[i] == ' ')
		i++, indent++;
	/* ">> Name: text": the caption mark of a change of speaker, kept
	 * by note-takers; Markdown would make it a nested quote */
	bool chevrons = i + 2 < n && p[i] == '>' && p[i + 1] == '>' &&
	    p[i + 2] == ' ' && indent <= 3;
	if (chevrons) {
		key_add(key, &k, '>');
		i = skip_spaces(p, i + 2, n);
	}
	if (i >= n || p[i] == '\t' || p[i] == '>' || p[i] == '|' ||
	    p[i] == '<')
		return false;
	size_t m;
	if (chevrons) {
		/* no other container inside */
	} else if (p[i] == '#') {
		size_t j = i;
		while (j < n && p[j] == '#')
			j++;
		if (j - i > 6 || (j < n && !is_blank(p[j])) || indent > 3)
			return false;
		key_add(key, &k, '#');
		i = j;
	} else if ((m = list_marker(p, i, n))) {
		key_add(key, &k, '*');
		i += m;
	} else if (indent > 3) {
		return false;
	}
	i = skip_spaces(p, i, n);
	c->label = p + i;
	c->chevrons = chevrons;
	const char *run = NULL;
	size_t run_len = 0;
	bool bold = false, colon = false, wide = false;
	for (int tok = 0; tok < 8 && i < n; tok++) {
		tr_time t;
		if (bold_at(p, i, n)) {
			key_add(key, &k, 'B');
			bold = !bold;
			i += 2;
			if (!bold)
				i = skip_spaces(p, i, n);
			continue;
		}
		if (!c->has_time && time_at(p, i, n, &t)) {
			key_add(key, &k, p[i] == '[' || p[i] == '(' ||
			    p[i] == '\\' ? 't' : 'T');
			c->has_time = true;
			c->time = t;
			i = skip_spaces(p, i + t.len, n);
			continue;
		}
		if (!run && p[i] == '(' && i + 2 < n && p[i + 1] == '?' &&
		    p[i + 2] == ')') {
			/* the unknown speaker */
			c->unknown = true;
			run = "(?)";
			run_len = 3;
			key_add(key, &k, 'N');
			i = skip_spaces(p, i + 3, n);
			continue;
		}
		if (!run && p[i] == '[') {
			/* "[Speaker 1]" */
			const char *close = memchr(p + i, ']', n - i < 64 ? n - i : 64);
			if (!close)
				return false;
			run = p + i + 1;
			run_len = (size_t)(close - run);
			key_add(key, &k, 'n');
			i = (size_t)(close - p) + 1;
			if (i < n && p[i] == ':')
				continue;
			i = skip_spaces(p, i, n);
			continue;
		}
		if (!run) {
			size_t j = name_run(p, i, n);
			if (j == i || j - i > NAME_REACH)
				return false;
			run = p + i;
			run_len = j - i;
			key_add(key, &k, 'N');
			i = j;
			continue;
		}
		size_t cl = colon_at(p, i, n);
		if (cl) {
			/* "12:30", "https://" are no labels */
			size_t after = i + cl;
			if (bold && bold_at(p, after, n))
				after += 2;
			key[k] = '\0';
			if (cl == 1 && after < n && !is_blank(p[after]) &&
			    (unsigned char)p[after] < 0x80 && !strchr(key, 'B'))
				return false;
			key_add(key, &k, ':');
			colon = true;
			i += cl;
			if (bold && bold_at(p, i, n)) {
				key_add(key, &k, 'B');
				bold = false;
				i += 2;
			}
			break;
		}
		if (p[i] == '\t' || (p[i] == ' ' && i + 1 < n && p[i + 1] == ' ') ||
		    wide_space(p, i, n)) {
			/* "发言人1   00:06", "Speaker 1<TAB>Hello" */
			i = skip_spaces(p, i, n);
			key_add(key, &k, '_');
			wide = true;
			if (!c->has_time && tr_time_at(p + i, n - i, true, &t)) {
				key_add(key, &k, 'T');
				c->has_time = true;
				c->time = t;
				i += t.len;
			}
			break;
		}
		break;
	}
	if (!run || !run_len || bold)
		return false;
	if (!c->has_time && !c->unknown && run[run_len - 1] == ')') {
		/* "Danyel Fisher (00:00:08.000)": the time in the name's
		 * bracket */
		tr_label pt;
		memset(&pt, 0, sizeof pt);
		if (tr_label_name(run, run_len, &pt) && pt.has_time) {
			key_add(key, &k, 'T');
			c->has_time = true;
			c->time = pt.time;
		}
	}
	size_t label_end = i;
	size_t j = skip_spaces(p, i, n);
	/* a time after the colon: bracketed, or alone on the line */
	tr_time t;
	if (colon && !c->has_time && time_at(p, j, n, &t)) {
		bool bracketed = p[j] == '[' || p[j] == '(' || p[j] == '\\';
		size_t e = skip_spaces(p, j + t.len, n);
		if (bracketed || e >= n) {
			key_add(key, &k, 'T');
			c->has_time = true;
			c->time = t;
			label_end = j + t.len;
			j = e;
		}
	}
	c->alone = j >= n;
	if (c->alone)
		key_add(key, &k, '$');
	key[k] = '\0';
	c->label_len = (size_t)(p + label_end - c->label);
	bool has_bold = strchr(key, 'B') != NULL;
	bool explicit_bold = has_bold && (colon || (c->has_time && !c->alone));
	if (c->unknown) {
		c->name = run;
		c->name_len = run_len;
		return true;
	}
	/* a shape, not just words: a colon, bold, a time, a bracketed name
	 * or a wide separator */
	if (!colon && !has_bold && !c->has_time && !strchr(key, 'n') && !wide)
		return false;
	if (key[0] == '#' && !colon && !c->has_time)
		return false;
	tr_label parts;
	memset(&parts, 0, sizeof parts);
	bool named = tr_label_name(run, run_len, &parts);
	if (parts.has_time && !c->has_time) {
		c->has_time = true;
		c->time = parts.time;
	}
	const char *rest = p + j;
	size_t rest_len = n - j;
	/* "Blog post on Greenlight: https://…": a reference, not a turn */
	if (!has_bold && (starts_with(rest, rest_len, "http://") ||
	    starts_with(rest, rest_len, "https://") ||
	    starts_with(rest, rest_len, "<http")))
		return false;
	if (explicit_bold && tr_label_is_intro_word(parts.name,
	    parts.name_len) && only_times(rest, rest_len)) {
		/* an ad break or a music cue marked like a label */
		c->marker = true;
		return true;
	}
	if (!named) {
		/* a bold label names whoever it names, up to a limit */
		if (!explicit_bold || !parts.name_len ||
		    tr_label_is_intro_word(parts.name, parts.name_len) ||
		    memchr(run, '*', run_len))
			return false;
		size_t chars = chars_in(parts.name, parts.name_len);
		if (chars > TR_MAX_LABEL_CHARS) {
			char arg[16];
			snprintf(arg, sizeof arg, "%d", TR_MAX_LABEL_CHARS);
			if (!s->quiet)
				tr_diag_emit(s->diag, TR_W_LABEL_LONG, s->path,
				    c->line, (int)(c->label - p) + 1, arg);
			return false;
		}
	}
	c->name = parts.name;
	c->name_len = parts.name_len;
	c->alias = parts.alias;
	c->alias_len = parts.alias_len;
	c->aside = parts.aside;
	c->aside_len = parts.aside_len;
	/* "Presenter: Ana Lima (AL)": people, not a turn */
	if (colon && people_key(c->name, c->name_len)) {
		if (c->alone)
			*next_kind = 1; /* decided by the line after */
		else if (names_value(rest, rest_len) && !c->has_time) {
			declare_people(s->names, rest, rest_len);
			return false;
		}
	}
	return true;
}

/* ---- the decision ------------------------------------------------------- */

static int shape_of(tr_survey *s, const char *key)
{
	for (int i = 0; i < s->nshapes; i++)
		if (strcmp(s->shapes[i].key, key) == 0)
			return i;
	if (s->nshapes == MAX_SHAPES)
		return -1;
	struct shape *sh = &s->shapes[s->nshapes];
	memset(sh, 0, sizeof *sh);
	memcpy(sh->key, key, strlen(key) + 1);
	sh->first = s->ncands;
	return s->nshapes++;
}

static char *canonical_of(const tr_survey *s, const struct cand *c)
{
	size_t cn;
	const char *n = tr_names_canonical(s->names, c->name, c->name_len, &cn);
	char *out = tr_xmalloc(cn + 1);
	memcpy(out, n, cn);
	out[cn] = '\0';
	return out;
}

static bool shape_timed(const char *key)
{
	return strchr(key, 'T') || strchr(key, 't');
}

static void decide(tr_survey *s)
{
	/* each name as the file writes it, counted per shape and overall */
	tr_names *pairs = tr_names_new();
	tr_buf key = { 0 };
	for (int i = 0; i < s->ncands; i++) {
		struct cand *c = &s->cands[i];
		if (c->marker || c->meta_block)
			continue;
		if (c->unknown) {
			c->canonical = tr_xstrdup("(?)");
			continue;
		}
		c->canonical = canonical_of(s, c);
		tr_buf_clear(&key);
		tr_buf_putc(&key, (char)('A' + c->shape));
		tr_buf_puts(&key, c->canonical);
		tr_names_count(pairs, key.data, key.len, c->line, 1);
		tr_names_count(s->names, c->canonical, strlen(c->canonical),
		    c->line, (int)(c->label - s->src - (ptrdiff_t)
		    s->starts[c->line - 1]) + 1);
	}
	tr_names_decide(s->names);
	for (int i = 0; i < s->ncands; i++) {
		struct cand *c = &s->cands[i];
		if (!c->canonical || c->unknown)
			continue;
		struct shape *sh = &s->shapes[c->shape];
		tr_buf_clear(&key);
		tr_buf_putc(&key, (char)('A' + c->shape));
		tr_buf_puts(&key, c->canonical);
		int first = 0;
		int count = tr_names_counted(pairs, key.data, key.len, &first);
		sh->lines++;
		if (first == c->line) {
			sh->distinct++;
			sh->recurring += count >= 2;
			sh->roles += tr_name_is_role(c->canonical);
		}
		if (tr_names_declared(s->names, c->canonical,
		    strlen(c->canonical)))
			sh->declared = true;
	}
	tr_buf_free(&key);
	tr_names_free(pairs);
	bool bold_only = s->opt && s->opt->labels_bold;
	bool any = false;
	for (int i = 0; i < s->nshapes; i++) {
		struct shape *sh = &s->shapes[i];
		const char *k = sh->key;
		bool has_bold = strchr(k, 'B') != NULL;
		bool explicit_bold = has_bold && (strchr(k, ':') ||
		    (shape_timed(k) && !strchr(k, '$')));
		bool marked = shape_timed(k) || strchr(k, 'n') || k[0] == '>';
		bool wide_only = strchr(k, '_') && !shape_timed(k);
		/* "**Mira Kovacs**" alone, over the turn's words */
		bool bold_alone = has_bold && strchr(k, '$');
		/* "* **Term**: what it means", a glossary: a list of bold
		 * labels is turns when a name comes back */
		if (explicit_bold && k[0] == '*' && !sh->recurring)
			explicit_bold = false;
		sh->accepted = explicit_bold || sh->declared ||
		    (sh->recurring >= 2 && (!wide_only || sh->lines >= 4)) ||
		    ((marked || bold_alone) && sh->recurring >= 1 &&
		    sh->distinct >= (marked ? 1 : 2) && sh->lines >= 3) ||
		    /* "发言人1   00:06", "Speaker 2:": numbered parts */
		    (sh->roles >= 2 && sh->roles * 2 >= sh->distinct) ||
		    (marked && sh->roles >= 1 && sh->lines >= 2);
		if (bold_only && !has_bold && !shape_timed(k))
			sh->accepted = false;
		any |= sh->accepted;
	}
	for (int i = 0; i < s->ncands; i++) {
		struct cand *c = &s->cands[i];
		const char *k = s->shapes[c->shape].key;
		bool plain_ok = !(bold_only && !strchr(k, 'B') &&
		    !shape_timed(k));
		if (c->meta_block)
			c->turn = false;
		else if (c->marker)
			c->turn = s->shapes[c->shape].accepted;
		else if (c->unknown)
			c->turn = any;
		else
			c->turn = s->shapes[c->shape].accepted || (plain_ok &&
			    tr_names_taken(s->names, c->canonical,
			    strlen(c->canonical)));
		/* "Drivechain: an interoperability layer" under the title
		 * Drivechain is its subtitle */
		if (c->turn && s->title && c->canonical &&
		    strcasecmp(c->canonical, s->title) == 0)
			c->turn = false;
	}
}

/* A turn's name that has more than one word, by its first word. */
struct long_name {
	const char *name;
	size_t word;            /* the first word's length */
	int first;              /* its first candidate */
};

static int by_word(const void *a, const void *b)
{
	const struct long_name *x = a, *y = b;
	size_t n = x->word < y->word ? x->word : y->word;
	int c = memcmp(x->name, y->name, n);
	if (c)
		return c;
	if (x->word != y->word)
		return x->word < y->word ? -1 : 1;
	return x->first - y->first;
}

/* "Lee Park:" first, then "Lee:": one person, when no other turn's name
 * starts with that word.  Said under -v.  Sorted, so that a file of a
 * hundred thousand names costs n log n. */
static void merge_short_names(tr_survey *s)
{
	tr_names *seen = tr_names_new();
	struct long_name *longs = NULL;
	int nlongs = 0;
	for (int i = 0; i < s->ncands; i++) {
		const struct cand *c = &s->cands[i];
		if (!c->turn || !c->canonical || c->unknown)
			continue;
		size_t n = strlen(c->canonical);
		int first;
		tr_names_count(seen, c->canonical, n, i + 1, 1);
		if (tr_names_counted(seen, c->canonical, n, &first) != 1)
			continue;
		const char *space = strchr(c->canonical, ' ');
		if (!space)
			continue;
		longs = tr_xgrow(longs, (size_t)nlongs, sizeof *longs);
		longs[nlongs++] = (struct long_name){ c->canonical,
			(size_t)(space - c->canonical), i };
	}
	if (nlongs)
		qsort(longs, (size_t)nlongs, sizeof *longs, by_word);
	tr_names *merged = tr_names_new();
	bool any = false;
	for (int i = 0; i < s->ncands; i++) {
		const struct cand *c = &s->cands[i];
		if (!c->turn || !c->canonical || c->unknown ||
		    strchr(c->canonical, ' '))
			continue;
		size_t wl = strlen(c->canonical);
		int first;
		if (tr_names_counted(seen, c->canonical, wl, &first) < 1 ||
		    first != i + 1)
			continue;       /* once a name */
		struct long_name key = { c->canonical, wl, -1 };
		int lo = 0, hi = nlongs;
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (by_word(&longs[mid], &key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* exactly one longer name with that word, written before */
		if (lo >= nlongs || longs[lo].word != wl ||
		    memcmp(longs[lo].name, c->canonical, wl) != 0 ||
		    longs[lo].first > i || (lo + 1 < nlongs &&
		    longs[lo + 1].word == wl &&
		    memcmp(longs[lo + 1].name, c->canonical, wl) == 0))
			continue;
		char arg[160];
		snprintf(arg, sizeof arg, "'%.60s' as '%.60s'", c->canonical,
		    longs[lo].name);
		tr_diag_emit(s->diag, TR_N_MERGED, s->path, c->line, 1, arg);
		tr_names_alias(merged, c->canonical, wl, longs[lo].name,
		    strlen(longs[lo].name));
		tr_names_alias(s->names, c->canonical, wl, longs[lo].name,
		    strlen(longs[lo].name));
		any = true;
	}
	for (int i = 0; any && i < s->ncands; i++) {
		struct cand *c = &s->cands[i];
		if (!c->canonical || strchr(c->canonical, ' '))
			continue;
		size_t cn;
		const char *to = tr_names_canonical(merged, c->canonical,
		    strlen(c->canonical), &cn);
		if (to != c->canonical) {
			char *copy = tr_xmalloc(cn + 1);
			memcpy(copy, to, cn);
			copy[cn] = '\0';
			free(c->canonical);
			c->canonical = copy;
		}
	}
	free(longs);
	tr_names_free(merged);
	tr_names_free(seen);
}

/* ---- --label-pattern ---------------------------------------------------- */

static pcre2_code *compile_pattern(const char *pattern, char *why,
    size_t len, int *col)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_ANCHORED, &err, &off,
	    NULL);
	if (!re) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(err, msg, sizeof msg);
		snprintf(why, len, "%s", (const char *)msg);
		*col = (int)chars_in(pattern, off) + 1;
		return NULL;
	}
	if (pcre2_substring_number_from_name(re, (PCRE2_SPTR)"name") < 0) {
		snprintf(why, len, "the pattern has no group (?<name>...)");
		*col = 1;
		pcre2_code_free(re);
		return NULL;
	}
	return re;
}

bool tr_label_pattern_check(const char *pattern, char *why, size_t len,
    int *col)
{
	pcre2_code *re = compile_pattern(pattern, why, len, col);
	pcre2_code_free(re);
	return re != NULL;
}

static void scan_pattern(tr_survey *s, pcre2_code *re)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int time_group = pcre2_substring_number_from_name(re,
	    (PCRE2_SPTR)"time");
	int name_group = pcre2_substring_number_from_name(re,
	    (PCRE2_SPTR)"name");
	for (int line = 1; line <= s->nlines; line++) {
		size_t n;
		const char *p = line_of(s, line, &n);
		if (pcre2_match(re, (PCRE2_SPTR)p, n, 0, 0, md, NULL) < 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ns = ov[2 * name_group], ne = ov[2 * name_group + 1];
		if (ns == PCRE2_UNSET || ne <= ns)
			continue;
		if (s->ncands == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			s->cands = tr_xrealloc(s->cands, sizeof(struct cand) *
			    (size_t)s->cap);
		}
		struct cand *c = &s->cands[s->ncands++];
		memset(c, 0, sizeof *c);
		c->line = line;
		c->name = p + ns;
		c->name_len = ne - ns;
		while (c->name_len && is_blank(c->name[c->name_len - 1]))
			c->name_len--;
		if (time_group > 0 && ov[2 * time_group] != PCRE2_UNSET) {
			size_t ts = ov[2 * time_group];
			tr_time t;
			if (tr_time_at(p + ts, n - ts, true, &t)) {
				c->has_time = true;
				c->time = t;
			}
		}
		/* the label is the match, after any list or heading marker */
		c->label = p + ov[0];
		c->label_len = ov[1] - ov[0];
		c->alone = skip_spaces(p, ov[1], n) >= n;
		c->turn = true;
		c->canonical = tr_xmalloc(c->name_len + 1);
		memcpy(c->canonical, c->name, c->name_len);
		c->canonical[c->name_len] = '\0';
	}
	pcre2_match_data_free(md);
}

/* ---- the survey --------------------------------------------------------- */

static void index_lines(tr_survey *s)
{
	size_t count = 1;
	for (size_t i = 0; i < s->len; i++)
		count += s->src[i] == '\n';
	s->starts = tr_xmalloc((count + 1) * sizeof(size_t));
	size_t k = 0;
	s->starts[k++] = 0;
	for (size_t i = 0; i < s->len; i++)
		if (s->src[i] == '\n')
			s->starts[k++] = i + 1;
	s->starts[k] = s->len + 1;
	s->nlines = (int)count;
}

/* A fence that opens or closes a code block: ``` or ~~~, indented at
 * most three spaces (or inside a list item). */
static bool fence_line(const char *p, size_t n, char *fc, size_t *flen)
{
	size_t i = 0;
	while (i < n && p[i] == ' ')
		i++;
	size_t m = list_marker(p, i, n);
	if (m)
		i = skip_spaces(p, i + m, n);
	if (i >= n || (p[i] != '`' && p[i] != '~'))
		return false;
	size_t j = i;
	while (j < n && p[j] == p[i])
		j++;
	if (j - i < 3)
		return false;
	*fc = p[i];
	*flen = j - i;
	return true;
}

/* The line's text without its Markdown marks: heading and list
 * markers, bold. */
static void plain_line(const char *p, size_t n, tr_buf *out)
{
	size_t i = skip_spaces(p, 0, n);
	while (i < n && p[i] == '#')
		i++;
	size_t m = list_marker(p, i, n);
	i = skip_spaces(p, i + m, n);
	tr_buf_clear(out);
	for (; i < n; i++) {
		if (bold_at(p, i, n)) {
			i++;
			continue;
		}
		tr_buf_putc(out, p[i]);
	}
}

static bool date_key(const char *k, size_t n)
{
	static const char *const words[] = { "date", "published", "recorded",
		"aired", "released", "posted", "when", "日期", "时间", "時間",
		"发布", "發布", "录制", "錄製", NULL };
	if (n > 40)
		return false;   /* no key is this long */
	if (tr_meta_key_of(k, n) == TR_KEY_DATE)
		return true;
	for (size_t i = 0; i < n; i++) {
		/* at a word's start: "Meeting Date/Time", "录制时间" */
		if (i && (unsigned char)k[i] < 0x80 && k[i - 1] != ' ' &&
		    k[i - 1] != '_' && k[i - 1] != '/')
			continue;
		for (const char *const *w = words; *w; w++) {
			size_t wl = strlen(*w);
			if (wl <= n - i && strncasecmp(k + i, *w, wl) == 0)
				return true;
		}
	}
	return false;
}

/* A line near the top that dates the file: "Date: …", "### Meeting
 * Date/Time: March 3, 2023", "Day Two—12 March 2024" as a heading, or
 * "2024年03月08日 09:30" alone. */
static void look_for_date(tr_survey *s, int line, const char *p, size_t n,
    tr_buf *tmp)
{
	if (s->date_line || line > 80 || n > 160)
		return;         /* a date line is near the top, and short */
	plain_line(p, n, tmp);
	const char *t = tr_buf_cstr(tmp);
	size_t tl = tmp->len, kl, vs, at, len;
	char iso[11];
	bool heading = skip_spaces(p, 0, n) < n && p[skip_spaces(p, 0, n)] == '#';
	bool keyed = tr_meta_split(t, tl, &kl, &vs) && date_key(t, kl);
	if (!tr_date_in_line(t, tl, iso, &at, &len))
		return;
	if (!keyed && !heading) {
		/* alone, but for a time of day */
		size_t e = skip_spaces(t, at + len, tl);
		tr_time tm;
		if (e < tl && tr_time_bare(t + e, tl - e, &tm))
			e = skip_spaces(t, e + tm.len, tl);
		if (skip_spaces(t, 0, tl) != at || e < tl)
			return;
	}
	s->date_line = line;
	memcpy(s->date_iso, iso, sizeof iso);
	/* where it is written in the source line: the same text */
	const char *w = n >= len ? memmem(p, n, t + at, len) : NULL;
	s->date_start = w ? (size_t)(w - p) : 0;
	s->date_len = w ? len : 0;
}

/* "**Date:** 2025-05-02", "Interviewer: Nightingale", "- **Setting:**
 * …": a line of a metadata block; *kv whether it is "key: value" at
 * all. */
static bool meta_line(const char *p, size_t n, tr_buf *tmp, bool *kv)
{
	/* a long line, or no colon near the start: no "key: value" (most
	 * lines) */
	size_t reach = n < 120 ? n : 120;
	if (n > 240 || (!memchr(p, ':', reach) &&
	    !memmem(p, reach, "\xEF\xBC\x9A", 3))) {
		*kv = false;
		return false;
	}
	plain_line(p, n, tmp);
	const char *t = tr_buf_cstr(tmp);
	size_t kl, vs;
	*kv = tr_meta_split(t, tmp->len, &kl, &vs);
	if (!*kv)
		return false;
	while (kl && t[kl - 1] == ' ')
		kl--;
	return tr_label_is_intro_word(t, kl) || date_key(t, kl) ||
	    tr_meta_key_of(t, kl) != TR_KEY_OTHER || (people_key(t, kl) &&
	    names_value(t + vs, tmp->len - vs));
}

/* A run of two or more "key: value" lines, half of them metadata, is a
 * metadata block: its bold keys ("**Persona:**") are no speakers. */
static void mark_meta_blocks(tr_survey *s, tr_buf *tmp)
{
	int ci = 0;
	for (int line = 1; line <= s->nlines;) {
		size_t n;
		const char *p = line_of(s, line, &n);
		if (tr_is_blank(p, n)) {
			line++;
			continue;
		}
		int first = line, meta = 0, all = 0;
		bool kv_all = true;
		while (ci < s->ncands && s->cands[ci].line < first)
			ci++;
		/* a paragraph of one line is no block: most of them */
		if (line + 1 > s->nlines || (p = line_of(s, line + 1, &n),
		    tr_is_blank(p, n))) {
			line++;
			continue;
		}
		/* only a run that holds a candidate matters */
		bool any = false;
		for (; line <= s->nlines; line++) {
			p = line_of(s, line, &n);
			if (tr_is_blank(p, n))
				break;
			any |= ci < s->ncands && s->cands[ci].line <= line;
			if (!any && all >= 1 && !kv_all)
				continue;
			bool kv;
			meta += meta_line(p, n, tmp, &kv);
			kv_all &= kv;
			all++;
		}
		if (!any || all < 2 || !kv_all || meta * 2 < all)
			continue;
		for (int j = ci; j < s->ncands && s->cands[j].line < line; j++)
			s->cands[j].meta_block = true;
	}
}

/* A fence with no info string, or "text": what it holds may be prose. */
static bool plain_fence(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == '`' || p[i] == '~'))
		i++;
	size_t e = n;
	while (e > i && is_blank(p[e - 1]))
		e--;
	static const char *const infos[] = { "text", "txt", "plaintext",
		"plain", "transcript", "markdown", "md", NULL };
	if (e == i)
		return true;
	for (const char *const *w = infos; *w; w++)
		if (strlen(*w) == e - i && strncasecmp(p + i, *w, e - i) == 0)
			return true;
	return false;
}

/* "This is what an Otter export looks like:" and the transcript in a
 * ``` block, to keep its lines: a plain fence whose lines are labels of
 * one shape (three or more, half its lines at least) holds the
 * transcript, and is read as the text it holds. */
static void find_transcript_fences(tr_survey *s)
{
	char fence = 0;
	size_t fence_len = 0;
	int open = 0, lines = 0, labels = 0, best = 0;
	char keys[8][KEY_MAX + 1];
	int counts[8], nkeys = 0;
	/* per shape its first name, and whether another came */
	char firsts[8][64];
	bool two[8], again[8];
	s->quiet = true;
	for (int line = 1; line <= s->nlines; line++) {
		size_t n;
		const char *p = line_of(s, line, &n);
		char fc;
		size_t fl;
		if (fence_line(p, n, &fc, &fl)) {
			if (!fence) {
				fence = fc, fence_len = fl;
				open = plain_fence(p, n) ? line : 0;
				lines = labels = best = nkeys = 0;
			} else if (fc == fence && fl >= fence_len) {
				fence = 0;
				if (open && best >= 3 && labels * 2 >= lines) {
					if (!s->unfence)
						s->unfence = tr_xcalloc((size_t)s->nlines + 2, 1);
					s->unfence[open] = s->unfence[line] = 1;
					s->unfenced++;
				}
			}
			continue;
		}
		if (!fence || !open || tr_is_blank(p, n))
			continue;
		lines++;
		struct cand c;
		memset(&c, 0, sizeof c);
		c.line = line;
		char key[KEY_MAX + 1];
		int next_kind;
		if (!scan_line(s, p, n, &c, key, &next_kind) || c.marker)
			continue;
		labels++;
		/* a shape that says it is a label: a colon, a time, brackets
		 * or bold, not a gap alone (an outline's "│   ├──") */
		if (!strpbrk(key, ":TtnB"))
			continue;
		int k = 0;
		while (k < nkeys && strcmp(keys[k], key) != 0)
			k++;
		size_t nl = c.name_len < 63 ? c.name_len : 63;
		if (k == nkeys && nkeys < 8) {
			memcpy(keys[k], key, sizeof keys[k]);
			counts[k] = 0;
			memcpy(firsts[k], c.name, nl);
			firsts[k][nl] = '\0';
			two[k] = again[k] = false;
			nkeys++;
			counts[k] = 1;
			continue;
		}
		if (k == nkeys)
			continue;
		if (strlen(firsts[k]) != nl || memcmp(firsts[k], c.name, nl) != 0)
			two[k] = true;
		else
			again[k] = true;
		/* two people at least, and the first speaks again: not a
		 * block of "name: foo", "port: 80" */
		if (++counts[k] > best && two[k] && again[k])
			best = counts[k];
	}
	s->quiet = false;
}

static void scan_lines(tr_survey *s)
{
	tr_buf tmp = { 0 };
	char fence = 0;
	size_t fence_len = 0;
	bool pending_people = false;
	for (int line = 1; line <= s->nlines; line++) {
		size_t n;
		const char *p = line_of(s, line, &n);
		char fc;
		size_t fl;
		if (s->unfence && s->unfence[line])
			continue;       /* its lines are read as text */
		if (fence_line(p, n, &fc, &fl)) {
			if (!fence) {
				fence = fc, fence_len = fl;
			} else if (fc == fence && fl >= fence_len) {
				fence = 0;
			}
			continue;
		}
		if (fence || tr_is_blank(p, n))
			continue;
		look_for_date(s, line, p, n, &tmp);
		if (pending_people) {
			/* "**Attendees:**" over a table or a list: no turn */
			size_t i = skip_spaces(p, 0, n);
			if (i < n && (p[i] == '|' || list_marker(p, i, n)))
				s->ncands--;
			pending_people = false;
		}
		if (s->ncands == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			s->cands = tr_xrealloc(s->cands, sizeof(struct cand) *
			    (size_t)s->cap);
		}
		struct cand *c = &s->cands[s->ncands];
		memset(c, 0, sizeof *c);
		c->line = line;
		char key[KEY_MAX + 1];
		int next_kind;
		if (!scan_line(s, p, n, c, key, &next_kind))
			continue;
		int sh = shape_of(s, key);
		if (sh < 0)
			continue;
		c->shape = sh;
		if (c->alias)
			tr_names_alias(s->names, c->alias, c->alias_len, c->name,
			    c->name_len);
		s->ncands++;
		pending_people = next_kind == 1;
	}
	mark_meta_blocks(s, &tmp);
	tr_buf_free(&tmp);
}

static void index_labels(tr_survey *s)
{
	s->at = tr_xcalloc((size_t)s->nlines + 2, sizeof(int));
	int turns = 0;
	for (int i = 0; i < s->ncands; i++)
		turns += s->cands[i].turn;
	s->labels = tr_xcalloc((size_t)(turns ? turns : 1),
	    sizeof(tr_survey_label));
	for (int i = 0; i < s->ncands; i++) {
		const struct cand *c = &s->cands[i];
		if (!c->turn)
			continue;
		tr_survey_label *l = &s->labels[s->nlabels];
		l->name = c->marker ? NULL : c->canonical;
		l->has_time = c->has_time;
		l->time = c->time;
		l->label = c->label;
		l->label_len = c->label_len;
		l->aside = c->aside;
		l->aside_len = c->aside_len;
		l->alone = c->alone;
		l->marker = c->marker;
		l->chevrons = c->chevrons;
		s->at[c->line] = ++s->nlabels;
	}
}

/* The first level-1 heading's text, when no title is given. */
static char *first_h1(const tr_survey *s)
{
	for (int line = 1; line <= s->nlines && line < 200; line++) {
		size_t n;
		const char *p = line_of(s, line, &n);
		if (n > 2 && p[0] == '#' && p[1] == ' ') {
			size_t i = skip_spaces(p, 2, n), e = n;
			while (e > i && (p[e - 1] == ' ' || p[e - 1] == '#'))
				e--;
			char *t = tr_xmalloc(e - i + 1);
			memcpy(t, p + i, e - i);
			t[e - i] = '\0';
			return t;
		}
	}
	return NULL;
}

tr_survey *tr_survey_run(const char *path, const char *src, size_t len,
    tr_names *names, const tr_parse_options *opt, const char *title,
    tr_diag *diag)
{
	tr_survey *s = tr_xcalloc(1, sizeof *s);
	s->path = path;
	s->src = src;
	s->len = len;
	s->names = names;
	s->opt = opt;
	s->diag = diag;
	index_lines(s);
	s->title = s->own_title = title ? NULL : first_h1(s);
	if (title)
		s->title = title;
	if (opt && opt->label_pattern) {
		char why[200];
		int col;
		pcre2_code *re = compile_pattern(opt->label_pattern, why,
		    sizeof why, &col);
		if (re) {
			s->forced = true;
			scan_pattern(s, re);
			pcre2_code_free(re);
		}
	} else {
		find_transcript_fences(s);
		scan_lines(s);
		decide(s);
		merge_short_names(s);
	}
	index_labels(s);
	return s;
}

void tr_survey_free(tr_survey *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->ncands; i++)
		free(s->cands[i].canonical);
	free(s->cands);
	free(s->own_title);
	free(s->unfence);
	free(s->starts);
	free(s->at);
	free(s->labels);
	free(s);
}

bool tr_survey_date(const tr_survey *s, char iso[11], const char **text,
    size_t *len)
{
	if (!s->date_line || !s->date_len)
		return false;
	/* only before the first turn: a date in the talk is no date of it */
	for (int i = 0; i < s->ncands; i++)
		if (s->cands[i].turn && s->cands[i].line < s->date_line)
			return false;
	memcpy(iso, s->date_iso, 11);
	*text = s->src + s->starts[s->date_line - 1] + s->date_start;
	*len = s->date_len;
	return true;
}

const tr_survey_label *tr_survey_at(const tr_survey *s, int line)
{
	if (!s || line < 1 || line > s->nlines || !s->at[line])
		return NULL;
	return &s->labels[s->at[line] - 1];
}

/* Whether the line holds a list item or a heading: a block of its own
 * already. */
static bool opens_block(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && p[i] == ' ')
		i++;
	return i < n && (p[i] == '#' || list_marker(p, i, n));
}

char *tr_survey_source(const tr_survey *s, size_t *out_len, int **map,
    int *nlines)
{
	int extra = 0;
	/* a blank before line k: before[k] */
	char *before = tr_xcalloc((size_t)s->nlines + 2, 1);
	for (int line = 1; line <= s->nlines; line++) {
		const tr_survey_label *l = tr_survey_at(s, line);
		if (!l)
			continue;
		size_t n;
		const char *p;
		if (line > 1) {
			p = line_of(s, line - 1, &n);
			if (!tr_is_blank(p, n) && !before[line])
				before[line] = 1, extra++;
		}
		if (l->alone && line < s->nlines) {
			p = line_of(s, line + 1, &n);
			if (!tr_is_blank(p, n) && !opens_block(p, n) &&
			    !before[line + 1])
				before[line + 1] = 1, extra++;
		}
	}
	bool chevrons = false;
	for (int i = 0; i < s->nlabels && !chevrons; i++)
		chevrons = s->labels[i].chevrons;
	if (!extra && !s->unfenced && !chevrons) {
		free(before);
		return NULL;
	}
	char *out = tr_xmalloc(s->len + (size_t)extra + 1);
	int *m = tr_xmalloc(sizeof(int) * ((size_t)s->nlines + (size_t)extra + 2));
	size_t o = 0;
	int k = 1;
	for (int line = 1; line <= s->nlines; line++) {
		if (before[line]) {
			out[o++] = '\n';
			m[k++] = line;
		}
		size_t a = s->starts[line - 1], b = s->starts[line];
		if (b > s->len)
			b = s->len;
		const tr_survey_label *l = tr_survey_at(s, line);
		if (s->unfence && s->unfence[line]) {
			/* the fence goes, its line stays (blank) */
			if (b > a && s->src[b - 1] == '\n')
				out[o++] = '\n';
		} else if (l && l->chevrons) {
			/* ">> " becomes blanks: a paragraph, not a quote */
			size_t from = (size_t)(l->label - (s->src + a));
			memset(out + o, ' ', 3);
			memcpy(out + o + 3, l->label, b - a - from);
			o += 3 + b - a - from;
		} else {
			memcpy(out + o, s->src + a, b - a);
			o += b - a;
		}
		m[k++] = line;
	}
	out[o] = '\0';
	m[0] = 0;
	m[k] = s->nlines;
	free(before);
	*out_len = o;
	*map = m;
	*nlines = k - 1;
	return out;
}

/* The shape's key as a reader would write it: "**NAME**:", "[NAME]
 * [TIME]", "NAME  TIME" (alone on its line). */
static void shape_text(const char *key, tr_buf *out)
{
	for (const char *k = key; *k; k++) {
		switch (*k) {
		case '#': tr_buf_puts(out, "### "); break;
		case '>': tr_buf_puts(out, ">> "); break;
		case '*': tr_buf_puts(out, "* "); break;
		case 'B': tr_buf_puts(out, "**"); break;
		case 'N': tr_buf_puts(out, "NAME"); break;
		case 'n': tr_buf_puts(out, "[NAME] "); break;
		case 'T': tr_buf_puts(out, "TIME "); break;
		case 't': tr_buf_puts(out, "[TIME] "); break;
		case ':': tr_buf_puts(out, ": "); break;
		case '_': tr_buf_puts(out, "  "); break;
		case '$': tr_buf_puts(out, "(alone on its line)"); break;
		default: break;
		}
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* The label of a shape's first line as written, for the warning. */
static void example_of(const tr_survey *s, const struct shape *sh,
    tr_buf *out)
{
	for (int i = sh->first; i < s->ncands; i++) {
		const struct cand *c = &s->cands[i];
		if (&s->shapes[c->shape] != sh)
			continue;
		size_t n = c->label_len > 80 ? 80 : c->label_len;
		while (n && c->label[n - 1] == ' ')
			n--;
		tr_buf_put(out, c->label, n);
		return;
	}
}

static const struct cand *first_of(const tr_survey *s, int shape)
{
	for (int i = s->shapes[shape].first; i < s->ncands; i++)
		if (s->cands[i].shape == shape)
			return &s->cands[i];
	return NULL;
}

void tr_survey_report(const tr_survey *s, int nspeakers)
{
	tr_buf b = { 0 };
	if (s->forced) {
		char arg[64];
		snprintf(arg, sizeof arg, "%d lines", s->nlabels);
		tr_diag_emit(s->diag, TR_N_TEMPLATE, s->path, 1, 1, arg);
	}
	for (int i = 0; i < s->nshapes && !s->forced; i++) {
		const struct shape *sh = &s->shapes[i];
		const struct cand *c = first_of(s, i);
		if (!c || !sh->lines)
			continue;
		tr_buf_clear(&b);
		tr_buf_putc(&b, '"');
		shape_text(sh->key, &b);
		tr_buf_printf(&b, "\" %s: %d lines, %d names", sh->accepted ?
		    "is a label template" : "was not taken", sh->lines,
		    sh->distinct);
		if (sh->recurring)
			tr_buf_printf(&b, ", %d recurring", sh->recurring);
		if (sh->declared)
			tr_buf_puts(&b, ", one declared");
		tr_diag_emit(s->diag, TR_N_TEMPLATE, s->path, c->line,
		    (int)(c->label - s->src - (ptrdiff_t)s->starts[c->line - 1]) +
		    1, tr_buf_cstr(&b));
	}
	if (nspeakers == 0 && !s->forced) {
		/* the shape that opens the most lines, none of them a turn */
		int best = -1;
		for (int i = 0; i < s->nshapes; i++)
			if (!s->shapes[i].accepted && s->shapes[i].lines >= 2 &&
			    (best < 0 || s->shapes[i].lines > s->shapes[best].lines))
				best = i;
		if (best >= 0) {
			const struct cand *c = first_of(s, best);
			tr_buf_clear(&b);
			tr_buf_putc(&b, '"');
			example_of(s, &s->shapes[best], &b);
			tr_buf_printf(&b, "\" opens %d lines", s->shapes[best].lines);
			tr_diag_emit(s->diag, TR_W_NO_TURNS, s->path, c->line,
			    (int)(c->label - s->src - (ptrdiff_t)
			    s->starts[c->line - 1]) + 1, tr_buf_cstr(&b));
		} else {
			tr_diag_emit(s->diag, TR_N_NO_TURNS, s->path, 1, 1, "");
		}
	}
	tr_buf_free(&b);
}
