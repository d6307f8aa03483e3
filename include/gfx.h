/* The graphics half of transcribe (Cairo, Pango, HarfBuzz, fontconfig)
 * lives in a module loaded on first use: a text or JSON conversion then
 * never pays for mapping some forty libraries at start-up.  The PDF, the
 * EPUB's drawn cover and its embedded fonts all come from it, so they
 * share one set of faces and one text engine. */
#ifndef TR_GFX_H
#define TR_GFX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "backend.h"
#include "buf.h"

#define TR_MAX_FONT_SUBSETS 2

typedef struct tr_font_subset {
	char file[32];          /* under EPUB/fonts/ */
	const char *family;     /* the name epub.css uses first */
	int weight;
	tr_buf data;            /* OpenType (CFF) subset */
} tr_font_subset;

typedef struct tr_gfx {
	/* The text face and the bold face, cut down to the characters the
	 * book uses, with HarfBuzz's subsetter. */
	int (*font_subsets)(const tr_doc *doc, tr_font_subset *out, int *n,
	    char *err, size_t errlen);
	/* A 1600x2400 PNG cover drawn from the title, speakers and date. */
	int (*cover_draw)(const tr_doc *doc, tr_buf *png, char *err,
	    size_t errlen);
	/* Calls report once for each character of the document that no
	 * installed face has (it would print as a box), with the line and
	 * column of the block that holds it. */
	void (*missing_glyphs)(const tr_doc *doc,
	    void (*report)(void *ctx, uint32_t cp, int line, int col),
	    void *ctx);
	/* The PDF handout; fills pages (when not NULL) with where each
	 * page begins, for the EPUB's page-list. */
	int (*pdf_render)(const tr_doc *doc, const tr_options *opt,
	    tr_page_map *pages, FILE *out, char *err, size_t errlen);
} tr_gfx;

/* The module's table, exported by transcribe-gfx.so. */
extern const tr_gfx tr_gfx_api;

/* Loads the module once; NULL (and err) when it cannot be found. */
const tr_gfx *tr_gfx_load(char *err, size_t errlen);

#endif
