/* The transcript tree: the one contract between the parser and the
 * backends.  Built once by tr_parse(), read (never mutated) by every
 * backend through a const pointer, freed at once with tr_doc_free().
 * Strings are UTF-8, unescaped and NUL-terminated; all memory belongs to
 * the document's arena. */
#ifndef TR_TREE_H
#define TR_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Named limits that rule out runaway recursion and quadratic work.
 * Deeper structure is flattened into the deepest allowed level (with a
 * warning), so every backend may recurse at most this deep. */
#define TR_MAX_BLOCK_DEPTH 32   /* nested quotes and lists */
#define TR_MAX_INLINE_DEPTH 16  /* nested emphasis, links */
#define TR_MAX_OUTLINE_DEPTH 32 /* outline tree levels */
#define TR_MAX_LABEL_CHARS 64   /* characters in a speaker name */
#define TR_MAX_INPUT_BYTES (32u << 20)  /* the PDF needs ~20 bytes a byte */
#define TR_MAX_SECONDS (100.0 * 3600) /* a time past this is no time */

typedef enum {
	TR_INL_TEXT,
	TR_INL_CODE,
	TR_INL_EMPH,
	TR_INL_STRONG,
	TR_INL_LINK,
	TR_INL_IMAGE,   /* children are the alt text */
	TR_INL_BREAK,   /* hard line break */
	TR_INL_RUBY     /* text is the base, ruby its annotation */
} tr_inline_kind;

/* A ruby annotation (<rt>) and the parentheses (<rp>) the source puts
 * around it for readers without ruby, or NULL. */
typedef struct tr_ruby {
	const char *text;
	const char *rp_open, *rp_close;
} tr_ruby;

typedef struct tr_inline {
	tr_inline_kind kind;
	const char *text;       /* TEXT, CODE; RUBY: the base */
	const char *url;        /* LINK, IMAGE */
	const char *title;      /* LINK, IMAGE: may be NULL */
	const tr_ruby *ruby;    /* RUBY */
	const struct tr_inline *child;
	const struct tr_inline *next;
} tr_inline;

typedef struct tr_outline {
	const char *text;
	int line;
	const struct tr_outline *child;
	const struct tr_outline *next;
} tr_outline;

typedef enum {
	TR_BLK_PARA,
	TR_BLK_HEADING,  /* a sub-heading inside a section */
	TR_BLK_TURN,     /* a speaker turn: children are its blocks */
	TR_BLK_QUOTE,
	TR_BLK_LIST,     /* children are TR_BLK_ITEM */
	TR_BLK_ITEM,
	TR_BLK_CODE,
	TR_BLK_OUTLINE
} tr_block_kind;

typedef struct tr_block {
	tr_block_kind kind;
	int line, col;
	const tr_inline *inlines; /* PARA, HEADING */
	int level;              /* HEADING: 1..6 */
	int number;             /* HEADING: its number in its section, from
	                         * 1 (doc->headings; ids h1, h2 ...) */
	int speaker;            /* TURN: index into doc->speakers */
	double time;            /* TURN: seconds from the start, when */
	const char *time_text;  /* ... the turn has a time: as written;
	                         * NULL when it has none */
	bool ordered;           /* LIST */
	int start;              /* LIST: first number when ordered */
	bool tight;             /* LIST */
	const char *text;       /* CODE: literal; */
	const char *info;       /* CODE: info string */
	const tr_outline *outline; /* OUTLINE: the root */
	const struct tr_block *child;
	const struct tr_block *next;
} tr_block;

typedef enum {
	TR_PART_FRONT,
	TR_PART_BODY,
	TR_PART_BACK
} tr_part;

typedef enum {
	TR_SEC_FRONT,     /* front matter not otherwise recognised */
	TR_SEC_INTRO,
	TR_SEC_OUTLINE,
	TR_SEC_BODY,      /* body text outside any chapter */
	TR_SEC_CHAPTER,
	TR_SEC_RECAP,
	TR_SEC_BACK
} tr_section_kind;

typedef struct tr_section {
	tr_section_kind kind;
	tr_part part;
	const tr_inline *title; /* NULL for untitled sections */
	const char *title_text; /* plain text of title, "" when untitled */
	int line;
	double time;            /* CHAPTER: seconds from the start, when */
	const char *time_text;  /* ... the title had a time; else NULL */
	int turns;              /* number of speaker turns */
	int first_heading;      /* its headings: doc->headings[first_heading
	                         * ... first_heading + nheadings - 1] */
	int nheadings;
	const tr_block *blocks;
	const struct tr_section *next;
} tr_section;

/* A heading inside a section (not the section's own title), at any
 * depth: computed once, so that every backend numbers, lists and links
 * the same headings. */
typedef struct tr_heading {
	const tr_block *block;  /* the TR_BLK_HEADING */
	int section;            /* index of its section in doc->sections */
	int number;             /* == block->number */
	const char *text;       /* plain text */
} tr_heading;

typedef struct tr_speaker {
	const char *name;
	int turns;
	int first_line;
	const char *role;       /* "host", "guest" or NULL */
} tr_speaker;

typedef struct tr_meta_field {
	const char *key;        /* as written */
	const char *value;      /* plain text */
	const char *url;        /* when the value is a link, else NULL */
	int line;
	const struct tr_meta_field *next;
} tr_meta_field;

typedef struct tr_doc {
	const char *path;       /* for diagnostics */
	const char *title;      /* plain text, never NULL */
	const tr_inline *title_inlines;
	int title_line;
	const char *lang;       /* BCP 47 tag */
	const char *date;       /* ISO 8601 (YYYY-MM-DD) or NULL */
	const char *date_text;  /* the date as written, or NULL */
	const char *source_url;
	const char *source_title;
	const char *channel;
	const char *channel_url;
	const char *description; /* front matter description/summary */
	const char *const *subjects; /* tags/keywords */
	int nsubjects;
	const tr_meta_field *meta; /* every metadata item, in order */
	const tr_speaker *speakers; /* in order of first appearance */
	int nspeakers;
	const tr_section *sections;
	int nsections;
	int nchapters;
	const tr_heading *headings; /* in document order */
	int nheadings;
	const tr_outline *outline; /* the first outline in the document */
	unsigned char digest[20];  /* SHA-1 of the input: a stable identity */
	struct tr_arena *arena;
} tr_doc;

/* KEY=VALUE of -M, and OLD=NEW of --rename-speaker. */
typedef struct tr_pair {
	const char *key, *value;
} tr_pair;

typedef struct tr_parse_options {
	const char *lang;       /* override of the detected language */
	bool labels_bold;       /* --labels bold: no plain-label guessing */
	const tr_pair *meta;    /* -M: wins over the file's own metadata */
	int nmeta;
	const tr_pair *renames; /* --rename-speaker */
	int nrenames;
	const char *label_pattern; /* --label-pattern: PCRE2, checked */
	double pause;           /* captions: a pause this long (seconds)
	                         * starts a paragraph; 0: 3 */
} tr_parse_options;

struct tr_diag;

/* Checks a --label-pattern (PCRE2, named group "name", optional
 * "time"); false with a message and the 1-based column of the fault. */
bool tr_label_pattern_check(const char *pattern, char *why, size_t len,
    int *col);

/* Parses a transcript held in memory.  Returns NULL when the input is
 * unusable; diagnostics go to diag either way. */
tr_doc *tr_parse(const char *path, const char *data, size_t len,
    const tr_parse_options *opt, struct tr_diag *diag);
void tr_doc_free(tr_doc *doc);

/* Helpers shared by the backends. */
void tr_inline_plain(const tr_inline *in, struct tr_buf *out);
/* Whether a speaker's name is a part's word, not a person's: "主持人",
 * "Host", "嘉宾A", "SPEAKER_01".  Such names are not listed as people
 * (the book's contributors, the title page's speakers). */
bool tr_name_is_role(const char *name);
/* The names of the speakers who are people, joined by sep, the first
 * max of them (0: all). */
void tr_speaker_names(const tr_doc *doc, const char *sep, int max,
    struct tr_buf *out);
const char *tr_section_kind_name(tr_section_kind kind);
const char *tr_part_name(tr_part part);
const char *tr_block_kind_name(tr_block_kind kind);
const char *tr_inline_kind_name(tr_inline_kind kind);

#endif
