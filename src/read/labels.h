/* Speaker labels as transcripts write them, apart from the bold ones
 * (parse.c): "Alice: Hi.", "问：你好吗？", "Dr. Chen: …", timed labels
 * "Albert Cheng (00:00:00):", "[00:12:34] Alice: …", "Walton: 00:00:01",
 * and the parts of a name as written: "Shaun Apps（SA）" declares the
 * initials SA, "Alice (laughing)" keeps its aside as text. */
#ifndef TR_LABELS_H
#define TR_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "timestamp.h"

typedef struct tr_label {
	const char *name;       /* the name proper, trimmed */
	size_t name_len;
	const char *alias;      /* initials declared in brackets, or NULL */
	size_t alias_len;
	const char *aside;      /* "(laughing)": text of the turn, or NULL */
	size_t aside_len;
	bool has_time;
	tr_time time;
	size_t rest;            /* offset of the text after the label */
} tr_label;

/* The parts of a name as written ("[00:00] SPEAKER_01", "Albert Cheng
 * (00:00:00)", "Shaun Apps（SA）", "Alice (laughing)").  Fills name,
 * alias, aside and time; false when what is left is no name: at most
 * 4 words and 24 columns, no sentence punctuation (an abbreviation's
 * period is fine), not a word that introduces text. */
bool tr_label_name(const char *s, size_t n, tr_label *out);

/* A plain label at the start of s (one line, n bytes): an optional
 * timestamp, a name, a colon (ASCII ':' followed by a space or the end;
 * the full-width '：'), then an optional timestamp.  Fills out, rest
 * included; false when s does not open with one. */
bool tr_label_plain(const char *s, size_t n, tr_label *out);

/* Words that introduce text rather than a person: Note, Update, 注,
 * 比如, 主题, 第一 … (one list, here). */
bool tr_label_is_intro_word(const char *s, size_t n);

#endif
