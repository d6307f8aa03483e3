/* The EPUB backend's helpers: the cover it draws and the fonts it
 * embeds (each in its own module). */
#ifndef TR_EPUB_H
#define TR_EPUB_H

#include <stddef.h>

#include "backend.h"
#include "buf.h"

/* A 1600x2400 PNG cover drawn from the title, speakers and date. */
int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen);
/* A cover given by the user: PNG or JPEG, told by its signature; sets
 * the media type and the file suffix. */
int tr_epub_read_cover(const char *path, tr_buf *img, const char **type,
    const char **suffix, char *err, size_t errlen);

#define TR_MAX_FONT_SUBSETS 2

typedef struct tr_font_subset {
	char file[32];          /* under EPUB/fonts/ */
	const char *family;     /* the name epub.css uses first */
	int weight;
	tr_buf data;            /* OpenType (CFF) subset */
} tr_font_subset;

/* The text face and the bold face, cut down to the characters the book
 * uses, with HarfBuzz's subsetter. */
int tr_font_subsets(const tr_doc *doc, tr_font_subset *out, int *n,
    char *err, size_t errlen);

/* The face fontconfig gives for pattern, cut down to the characters of
 * the document, extra strings and printable ASCII, written to path. */
int tr_font_subset_to(const tr_doc *doc, const char *pattern,
    const char *const *extra, const char *path, char *err, size_t errlen);

#endif
