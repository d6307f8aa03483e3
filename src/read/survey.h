/* The survey: one pass over a Markdown file's lines, before any turn is
 * made, that finds the file's own label convention.  Each line's start
 * is abstracted into a shape (decoration, NAME, TIME, separators:
 * "**N**:", "[N] [T]", "N  T" alone, "### [T] N" ...); a shape that
 * opens many lines with names that recur (or a declared one) is a label
 * template, and from then on every line of that shape opens a turn,
 * even one whose name appears once.  --label-pattern replaces the
 * inference with the user's own regular expression. */
#ifndef TR_SURVEY_H
#define TR_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "names.h"
#include "timestamp.h"
#include "tree.h"

typedef struct tr_survey tr_survey;

/* A line that opens a turn. */
typedef struct tr_survey_label {
	const char *name;       /* the speaker as the file names it, NUL-
	                         * terminated (the survey's); NULL: marker */
	bool has_time;
	tr_time time;           /* its text points into the source */
	const char *label;      /* the label as written, from after a list
	                         * or heading marker up to the words */
	size_t label_len;
	const char *aside;      /* "(laughing)": the turn's first words */
	size_t aside_len;
	bool alone;             /* the line holds only the label: the words
	                         * are the blocks that follow */
	bool marker;            /* "**Break**: [31:38]": nobody speaks; it
	                         * ends the turn before */
	bool chevrons;          /* written ">> Name:": the copy cmark reads
	                         * has blanks for the ">> " */
} tr_survey_label;

/* Surveys the lines of src (front matter already blanked).  names holds
 * the declared speakers; the survey adds what the file declares
 * ("Presenter: Ana Lima (AL)"), the aliases it finds and the counts.
 * title (the front matter's, or NULL: the first level-1 heading) is
 * never a speaker: "Drivechain: a layer 2" under it is a subtitle. */
tr_survey *tr_survey_run(const char *path, const char *src, size_t len,
    tr_names *names, const tr_parse_options *opt, const char *title,
    tr_diag *diag);
void tr_survey_free(tr_survey *s);

/* The label that opens the 1-based line, or NULL. */
const tr_survey_label *tr_survey_at(const tr_survey *s, int line);

/* The date a line near the top gives the file, before its first turn:
 * its ISO form and the text as written. */
bool tr_survey_date(const tr_survey *s, char iso[11], const char **text,
    size_t *len);

/* The source as cmark must read it: a blank line before every label
 * that would continue a paragraph or a list item, and after a label
 * alone on its line, so that each starts a block of its own.  NULL when
 * none is needed; otherwise *map[k] is the source line of the k-th line
 * (1-based) of the copy, and *nlines the copy's line count. */
char *tr_survey_source(const tr_survey *s, size_t *out_len, int **map,
    int *nlines);

/* After building: -v shows the template and its evidence; a file that
 * has no turns but a recurring label-like shape gets a warning. */
void tr_survey_report(const tr_survey *s, int nspeakers);

#endif
