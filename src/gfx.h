/* The graphics half of transcribe (Cairo, Pango, HarfBuzz, fontconfig)
 * lives in a module loaded on first use: a text or JSON conversion then
 * never pays for mapping some forty libraries at start-up. */
#ifndef TR_GFX_H
#define TR_GFX_H

#include <stddef.h>

#include "backend.h"
#include "epub.h"

typedef struct tr_gfx {
	int (*font_subsets)(const tr_doc *doc, tr_font_subset *out, int *n,
	    char *err, size_t errlen);
	int (*pdf_render)(const tr_doc *doc, const tr_options *opt, FILE *out,
	    char *err, size_t errlen);
} tr_gfx;

/* The module's table, exported by transcribe-gfx.so. */
extern const tr_gfx tr_gfx_api;

/* Loads the module once; NULL (and err) when it cannot be found. */
const tr_gfx *tr_gfx_load(char *err, size_t errlen);

#endif
