/* The entry points of the graphics module. */
#ifndef TR_PDF_H
#define TR_PDF_H

#include <stdio.h>

#include "backend.h"
#include "gfx.h"

/* pages, when not NULL, receives where each page begins (free it with
 * tr_page_map_free). */
int tr_pdf_render(const tr_doc *doc, const tr_options *opt,
    tr_page_map *pages, FILE *out, char *err, size_t errlen);

/* Characters no face has (fonts.c). */
void tr_missing_glyphs(const tr_doc *doc,
    void (*report)(void *ctx, uint32_t cp, int line, int col), void *ctx);

/* The drawn cover (cover.c). */
int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen);
/* The embedded fonts (fontsubset.c). */
int tr_font_subsets(const tr_doc *doc, tr_font_subset *out, int *n,
    char *err, size_t errlen);
/* The face fontconfig gives for pattern, cut down to the characters of
 * the document, extra strings and printable ASCII, written to path. */
/* The faces of the pinned configuration that draw what the document
 * has and none of the given faces do (Hebrew, Arabic, Thai...): up to
 * max fontconfig patterns, one a family, written to out.  Returns how
 * many. */
#define TR_FALLBACK_PATTERN_MAX 256
int tr_fallback_patterns(const tr_doc *doc, const char *const *main,
    int nmain, char (*out)[TR_FALLBACK_PATTERN_MAX], int max);
int tr_font_subset_to(const tr_doc *doc, const char *pattern,
    const char *const *extra, const char *path, char *err, size_t errlen);

#endif
