/* The typesetter of the PDF: one paragraph at a time, shaped once by
 * Pango, broken into lines by our own rules (clreq: no closing mark at a
 * line start, no opening mark at a line end, —— and …… whole, Latin
 * words whole), with punctuation compression, a quarter em between Han
 * and Latin, and justification spread over every gap between characters
 * rather than only over spaces. */
#ifndef TR_PDF_LAYOUT_H
#define TR_PDF_LAYOUT_H

#include <stdbool.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "buf.h"

typedef enum {
	PL_SERIF,
	PL_SERIF_BOLD,
	PL_SANS,
	PL_SANS_BOLD,
	PL_MONO,
	PL_EMPH         /* emphasis: Latin in italic, Han with dots below */
} pl_face;

struct pl_para;

/* A range of a paragraph: a link, a time, or a ruby base. */
typedef struct pl_link {
	int start, end;         /* byte range in the paragraph's text */
	char *url;              /* external, or NULL */
	bool quiet;             /* set in grey: a time, not a link to read */
	/* ruby: the annotation, set at half size over the base (to its
	 * right in vertical text), and the base's width in points */
	char *ruby;
	struct pl_para *ruby_para;
	float base_width;
} pl_link;

/* A stretch of a paragraph's text in one face, up to byte end; link is
 * an index into the links plus one, or 0. */
typedef struct pl_seg {
	int end;
	unsigned char face;
	int link;
} pl_seg;

/* A paragraph being built: text with its faces and links. */
typedef struct pl_builder {
	tr_buf text;
	pl_seg *segs;
	int nsegs, segcap;
	pl_link *links;
	int nlinks;
	size_t glue_end;        /* no line break at or before this byte */
} pl_builder;

void pl_builder_init(pl_builder *b);
/* Appends s in face; a non-NULL url makes it a link. */
void pl_add(pl_builder *b, const char *s, pl_face face, const char *url);
/* Appends s quietly, in grey text (a time of the recording), linked to
 * url when it is not NULL. */
void pl_add_quiet(pl_builder *b, const char *s, const char *url);
/* Appends base with a ruby annotation: the base is not broken, and is
 * spaced out when the annotation is wider. */
void pl_add_ruby(pl_builder *b, const char *base, pl_face face,
    const char *url, const char *annotation);

typedef struct pl_line {
	PangoGlyphItem **runs;  /* in order, glyph widths already adjusted */
	int nruns;
	int start, end;         /* bytes of the paragraph's text */
	float width;            /* as set, in points */
	float x;                /* indent from the measure's left edge */
	bool hyphen;            /* ends in a hyphen (width includes it) */
} pl_line;

/* Floats: a page is under 1,000 points, and a million paragraphs keep
 * their style (pl_para_restore). */
typedef struct pl_style {
	float size;             /* points */
	float leading;          /* line height, points */
	float width;            /* measure, points */
	float indent;           /* first line */
	float hang;             /* other lines */
	bool justify;
	const char *lang;
	/* a title: lines of even length (the last one too), broken at
	 * spaces and after punctuation rather than between ideographs */
	bool balance;
	/* set in columns, top to bottom (from the context, at layout):
	 * Han upright with the fonts' vertical forms, Latin on its side,
	 * short numbers upright; drawn in a frame turned a quarter
	 * clockwise, so that a line's "above" is its column's right */
	bool vertical;
} pl_style;

typedef struct pl_para {
	char *text;
	pl_line *lines;
	int nlines;
	pl_link *links;
	int nlinks;
	float size;             /* font size, points */
	float leading;          /* line height, points */
	/* what it was set from, to set it again after pl_para_drop */
	pl_seg *segs;
	int nsegs;
	int glue_end;
	pl_style style;
	bool dropped;           /* lines measured, glyphs let go */
	bool has_ruby;          /* some links are ruby annotations */
} pl_para;

typedef struct pl_context pl_context;

/* config: the fontconfig configuration to take fonts from (the
 * document's own subsets), or NULL for the current one. */
pl_context *pl_context_new(FcConfig *config);
void pl_context_free(pl_context *c);
/* Whether what is laid out from now on is set in columns (pl_style's
 * vertical): a vertical book's body, not its running heads. */
void pl_context_set_vertical(pl_context *c, bool vertical);

/* Shapes and breaks; consumes the builder.  Never fails: an unbreakable
 * run wider than the measure is broken where it must be. */
void pl_layout(pl_context *c, pl_builder *b, const pl_style *st,
    pl_para *out);
void pl_para_free(pl_para *p);
/* Lets go of the shaped glyphs and keeps the measures (the lines' count,
 * widths and byte ranges): a book of a million paragraphs cannot keep
 * them all.  pl_para_restore sets the paragraph again, to the same
 * lines, before it is drawn. */
void pl_para_drop(pl_para *p);
void pl_para_restore(pl_context *c, pl_para *p);
/* A short text in one face, in max_lines lines at most: a longer one
 * is cut after what fits and ends in an ellipsis (running heads, the
 * cover). */
void pl_layout_lines(pl_context *c, const char *text, pl_face face,
    const pl_style *st, int max_lines, pl_para *out);

/* Draws one line with its left edge at x and baseline at y; links get
 * PDF link annotations. */
void pl_draw_line(cairo_t *cr, const pl_para *p, const pl_line *line,
    double x, double y);

/* The baseline's distance below the top of a line box. */
double pl_baseline(const pl_para *p);

#endif
