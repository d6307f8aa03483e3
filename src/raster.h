/* Antialiased coverage of filled outlines (glyphs, rectangles) on a
 * small 8-bit mask: the cover's text needs no more than this, and doing
 * it here spares the cover Cairo's and FreeType's start-up. */
#ifndef TR_RASTER_H
#define TR_RASTER_H

typedef struct tr_raster {
	int w, h;
	float *acc;             /* signed area, (w + 2) a row */
	double x, y;            /* the pen */
	double start_x, start_y;        /* where the contour began */
} tr_raster;

/* A w x h mask, all clear; -1 when out of memory. */
int tr_raster_init(tr_raster *r, int w, int h);
void tr_raster_free(tr_raster *r);

/* Outlines, in pixels with y down; contours close themselves.  Filled
 * by the nonzero rule for outlines that do not overlap themselves. */
void tr_raster_move_to(tr_raster *r, double x, double y);
void tr_raster_line_to(tr_raster *r, double x, double y);
void tr_raster_quad_to(tr_raster *r, double cx, double cy, double x,
    double y);
void tr_raster_cubic_to(tr_raster *r, double c1x, double c1y, double c2x,
    double c2y, double x, double y);
void tr_raster_close(tr_raster *r);

/* The coverage (0 clear .. 255 covered) of row y, into out[0 .. w). */
void tr_raster_row(const tr_raster *r, int y, unsigned char *out);

#endif
