/* What the backends share: their options, the page map one hands
 * another, and the entry points of the text-like backends (the EPUB and
 * the PDF live in modules: module.h, gfx.h). */
#ifndef TR_BACKEND_H
#define TR_BACKEND_H

#include <stdbool.h>
#include <stdio.h>

#include "tree.h"

typedef enum {
	TR_PAPER_A4,
	TR_PAPER_A5,
	TR_PAPER_LETTER
} tr_paper;

/* Where each page of the PDF begins, for the EPUB's page-list when both
 * are written in one run: the PDF's result, which the command line
 * passes to the EPUB.  Pages are numbered from 1. */
#define TR_PAGE_TITLE (-2)      /* the title page */
#define TR_PAGE_CONTENTS (-3)   /* a page of the table of contents */

typedef struct tr_page_map {
	const char *source;     /* names the PDF: the EPUB's pagination source */
	int npages;
	int *section;           /* [page]: its first line's section, or one
	                         * of the TR_PAGE_ values above */
	const tr_block **block; /* [page]: the block (a top-level one, or one
	                         * inside a turn) where it begins; NULL when
	                         * it begins at the section's heading */
} tr_page_map;

void tr_page_map_free(tr_page_map *map);

typedef struct tr_options {
	int width;              /* text: wrap columns, 0 = none */
	tr_paper paper;
	const char *style;      /* stylesheet path or NULL */
	bool embed_fonts;
	const char *cover;      /* cover image path or NULL */
	bool no_cover;
	long long epoch;        /* SOURCE_DATE_EPOCH, or -1 */
	bool vertical;          /* --vertical: Chinese set in columns */
} tr_options;

/* Whether a book is set vertically: asked for, and in Chinese (other
 * languages are set horizontally, with a warning at the command line). */
bool tr_doc_vertical(const tr_doc *doc, const tr_options *opt);

/* Each returns 0, or -1 after describing the failure in err. */
int tr_text_render(const tr_doc *doc, const tr_options *opt, FILE *out,
    char *err, size_t errlen);
int tr_json_render(const tr_doc *doc, const tr_options *opt, FILE *out,
    char *err, size_t errlen);
/* pages: the PDF's page map when it was written in the same run, for
 * the page-list; NULL otherwise. */
int tr_epub_render(const tr_doc *doc, const tr_options *opt,
    const tr_page_map *pages, FILE *out, char *err, size_t errlen);

/* The moment every output records: SOURCE_DATE_EPOCH, else the
 * transcript's own date, else 1980-01-01; never the clock, so that two
 * runs give the same bytes. */
long long tr_doc_epoch(const tr_doc *doc, const tr_options *opt);

/* Text export into a buffer (the unit tests' way in). */
void tr_text_write(const tr_doc *doc, const tr_options *opt, tr_buf *out);

/* Localised words the outputs print around the content. */
typedef struct tr_words {
	const char *source, *channel, *date, *speakers, *outline, *contents,
	    *colon, *cover, *titlepage, *landmarks, *start, *pages, *front,
	    *back, *list_sep;
	/* the EPUB's accessibility summary, and its sentence on the cover */
	const char *a11y_summary, *a11y_cover;
} tr_words;
const tr_words *tr_words_for(const char *lang);

#endif
