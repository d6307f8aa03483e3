/* An 8-bit indexed PNG through libpng, with the settings that suit a
 * flat image such as the cover: no row filter, zlib's run-length
 * strategy, so that blank rows cost almost nothing. */
#ifndef TR_PNG_WRITE_H
#define TR_PNG_WRITE_H

#include <stddef.h>

#include "buf.h"

/* Fills row y (w palette indexes). */
typedef void tr_png_row_fn(void *ctx, int y, unsigned char *row);

/* Writes a w x h image of ncolours palette entries (RGB triples) to
 * out, asking row() for each row in turn.  Returns 0, or -1 with
 * libpng's reason in err. */
int tr_png_write_indexed(tr_buf *out, int w, int h,
    const unsigned char *palette, int ncolours, tr_png_row_fn *row,
    void *ctx, char *err, size_t errlen);

#endif
