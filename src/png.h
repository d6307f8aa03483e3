/* An 8-bit indexed PNG, written row by row, fast for images that are
 * mostly one flat colour (index 0), like the cover. */
#ifndef TR_PNG_H
#define TR_PNG_H

#include <zlib.h>

#include "buf.h"

typedef struct tr_png {
	tr_buf *out;
	int w, h, rows;
	unsigned char *row;     /* the filter byte, then w indexes */
	tr_buf idat;
	z_stream zs;
	uLong adler;            /* of every row written so far */
	tr_buf blank;           /* BLANK_UNIT blank rows, deflated */
	uLong blank_adler;
	int blank_rows;         /* blank rows held back, not yet written */
	int failed;
} tr_png;

/* Starts a w x h image with ncolours palette entries (RGB triples). */
int tr_png_begin(tr_png *p, tr_buf *out, int w, int h,
    const unsigned char *palette, int ncolours);
/* The next row: w palette indexes. */
void tr_png_row(tr_png *p, const unsigned char *indexes);
/* Ends the image; -1 when encoding failed (out is then incomplete). */
int tr_png_end(tr_png *p);

#endif
