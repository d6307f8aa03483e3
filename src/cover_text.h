/* The cover's text: a face from the pinned fonts, shaped by HarfBuzz,
 * broken into lines by the same rules as the PDF (clreq: no closing
 * mark at a line start, no opening mark at a line end, words whole). */
#ifndef TR_COVER_TEXT_H
#define TR_COVER_TEXT_H

#include <stddef.h>

#include <hb.h>

#include "raster.h"

/* A face, kept at its own units: each block scales it to its size. */
typedef struct tr_cover_face {
	hb_font_t *font;
	double upem, ascender, descender, line_gap;     /* font units */
} tr_cover_face;

/* Opens the face fontconfig gives for pattern ("Noto Serif CJK
 * SC:bold"); -1 and err when there is none. */
int tr_cover_face_open(tr_cover_face *f, const char *pattern, char *err,
    size_t errlen);

typedef struct tr_cover_glyph {
	unsigned id;
	double x, y;            /* its origin, pixels from the block's top left */
} tr_cover_glyph;

/* Text set in lines no wider than width, max_lines at most (the last
 * cut short with an ellipsis); a newline in the text ends a line. */
typedef struct tr_cover_block {
	const tr_cover_face *face;
	double scale;           /* pixels a font unit */
	tr_cover_glyph *glyphs;
	int n;
	int lines;
	double width, height;   /* the widest line; lines times line height */
} tr_cover_block;

void tr_cover_set(tr_cover_block *b, const tr_cover_face *f, double px,
    const char *text, const char *lang, double width, int max_lines);
void tr_cover_block_free(tr_cover_block *b);

/* Adds the block's outlines to r, its top left at (x, y) in r. */
void tr_cover_draw_block(tr_raster *r, const tr_cover_block *b, double x,
    double y);

#endif
