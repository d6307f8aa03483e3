/* The cover: the title, the speakers, the channel and the date, set by
 * the PDF's own engine (Pango shaping and fallback, our clreq line
 * breaking, the same faces as the title page), drawn by Cairo into an
 * 8-bit coverage mask and written as an indexed PNG through libpng.
 * 1600x2400 px: the size Kindle recommends (2:3, 1600 px on the short
 * side), which every other reader scales down well. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>

#include "fonts.h"
#include "pdf.h"
#include "pdf_layout.h"
#include "png_write.h"

#define COVER_W 1600
#define COVER_H 2400
#define MARGIN 160
#define TEXT_W (COVER_W - 2 * MARGIN)

/* The cover has four colours: the paper, an accent and two inks.  Each
 * ink's coverage becomes an index into a palette of blends between the
 * paper and that ink: an indexed PNG holds the antialiased text to
 * 1/120 of a step in a third of the bytes of RGB. */
enum ink { ACCENT, TITLE_INK, TEXT_INK, NINKS };

static const double paper[3] = { 0.97, 0.95, 0.91 };
static const struct {
	double rgb[3];
	int base, levels;       /* palette indexes base .. base+levels-1 */
} inks[NINKS] = {
	[ACCENT] = { { 0.55, 0.12, 0.10 }, 1, 15 },
	[TITLE_INK] = { { 0.10, 0.10, 0.12 }, 16, 120 },
	[TEXT_INK] = { { 0.20, 0.20, 0.22 }, 136, 120 },
};

static void palette(unsigned char plte[256 * 3])
{
	memset(plte, 0, 256 * 3);
	for (int c = 0; c < 3; c++)
		plte[c] = (unsigned char)(paper[c] * 255 + 0.5);
	for (int k = 0; k < NINKS; k++)
		for (int j = 1; j <= inks[k].levels; j++) {
			double t = (double)j / inks[k].levels;
			unsigned char *e = plte + 3 * (inks[k].base + j - 1);
			for (int c = 0; c < 3; c++)
				e[c] = (unsigned char)((paper[c] * (1 - t) +
				    inks[k].rgb[c] * t) * 255 + 0.5);
		}
}

/* A band of the cover in one ink: a solid rectangle, or rows of the
 * coverage mask where a block of text was drawn.  Bands never overlap,
 * so each pixel knows its ink from its place. */
struct band {
	enum ink ink;
	int x0, x1, y0, y1;
	bool solid;
};

#define MAX_BANDS 8

struct cover {
	cairo_surface_t *mask;  /* A8: the coverage of all text */
	const unsigned char *data;
	int stride;
	struct band bands[MAX_BANDS];
	int nbands;
	unsigned char lut[NINKS][256]; /* coverage to palette index */
};

static void add_band(struct cover *c, enum ink ink, int x0, int y0, int x1,
    int y1, bool solid)
{
	if (c->nbands < MAX_BANDS)
		c->bands[c->nbands++] = (struct band){ ink, x0 < 0 ? 0 : x0,
			x1 > COVER_W ? COVER_W : x1, y0 < 0 ? 0 : y0,
			y1 > COVER_H ? COVER_H : y1, solid };
}

static void cover_row(void *ctx, int y, unsigned char *row)
{
	const struct cover *c = ctx;
	memset(row, 0, COVER_W);
	for (int i = 0; i < c->nbands; i++) {
		const struct band *b = &c->bands[i];
		if (y < b->y0 || y >= b->y1)
			continue;
		const unsigned char *lut = c->lut[b->ink];
		if (b->solid) {
			memset(row + b->x0, lut[255], (size_t)(b->x1 - b->x0));
			continue;
		}
		const unsigned char *m = c->data + (size_t)y * (size_t)c->stride;
		for (int x = b->x0; x < b->x1; x++)
			if (m[x])
				row[x] = lut[m[x]];
	}
}

/* The faces stay open for the life of the process: a batch lays out
 * every cover with warm fonts and shaping caches. */
static pl_context *cover_pl;

/* Sets text at (MARGIN, y) in max_lines lines at most, in ink; returns
 * the height it took. */
static double draw_block(struct cover *c, cairo_t *cr, const char *text,
    pl_face face, double size, double leading, int max_lines, double y,
    const char *lang, enum ink ink)
{
	pl_style st = { size, leading, TEXT_W, 0, 0, false, lang, true };
	pl_para p;
	pl_layout_lines(cover_pl, text, face, &st, max_lines, &p);
	double h = p.nlines * p.leading;
	for (int i = 0; i < p.nlines; i++)
		pl_draw_line(cr, &p, &p.lines[i], MARGIN,
		    y + i * p.leading + pl_baseline(&p));
	pl_para_free(&p);
	/* room for ink beyond the line boxes: accents, descenders */
	int pad = (int)ceil(size * 0.3);
	add_band(c, ink, 0, (int)floor(y) - pad, COVER_W, (int)ceil(y + h) + pad,
	    false);
	return h;
}

/* The height a block would take, without drawing it. */
static double block_height(const char *text, pl_face face, double size,
    double leading, int max_lines, const char *lang)
{
	pl_style st = { size, leading, TEXT_W, 0, 0, false, lang, true };
	pl_para p;
	pl_layout_lines(cover_pl, text, face, &st, max_lines, &p);
	double h = p.nlines * p.leading;
	pl_para_free(&p);
	return h;
}

int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen)
{
	if (!cover_pl) {
		tr_fonts_init();
		cover_pl = pl_context_new(NULL);
	}
	struct cover c = { .nbands = 0 };
	c.mask = cairo_image_surface_create(CAIRO_FORMAT_A8, COVER_W, COVER_H);
	cairo_t *cr = cairo_create(c.mask);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "cover: %s",
		    cairo_status_to_string(cairo_status(cr)));
		cairo_destroy(cr);
		cairo_surface_destroy(c.mask);
		return -1;
	}
	const char *lang = doc->lang;
	add_band(&c, ACCENT, 0, 0, COVER_W, 120, true);
	/* a title of any length: six lines at most */
	double y = 520;
	y += draw_block(&c, cr, doc->title, PL_SERIF_BOLD, 88, 128, 6, y, lang,
	    TITLE_INK) + 80;
	add_band(&c, ACCENT, MARGIN, (int)y, MARGIN + 240, (int)y + 10, true);
	y += 100;

	tr_buf text = { 0 };
	tr_speaker_names(doc, tr_words_for(lang)->list_sep, 6, &text);
	if (text.len)
		draw_block(&c, cr, text.data, PL_SANS, 56, 78, 3, y, lang,
		    TEXT_INK);
	tr_buf_clear(&text);
	if (doc->channel)
		tr_buf_puts(&text, doc->channel);
	/* the date as the transcript writes it */
	const char *date = doc->date_text ? doc->date_text : doc->date;
	if (date) {
		if (text.len)
			tr_buf_puts(&text, "\n");
		tr_buf_puts(&text, date);
	}
	if (text.len) {
		double h = block_height(text.data, PL_SANS, 48, 66, 3, lang);
		draw_block(&c, cr, text.data, PL_SANS, 48, 66, 3,
		    COVER_H - MARGIN - h, lang, TEXT_INK);
	}
	tr_buf_free(&text);
	cairo_destroy(cr);
	cairo_surface_flush(c.mask);
	c.data = cairo_image_surface_get_data(c.mask);
	c.stride = cairo_image_surface_get_stride(c.mask);

	for (int k = 0; k < NINKS; k++) {
		c.lut[k][0] = 0;
		for (int a = 1; a < 256; a++)
			c.lut[k][a] = (unsigned char)(inks[k].base - 1 +
			    (a * inks[k].levels + 254) / 255);
	}
	unsigned char plte[256 * 3];
	palette(plte);
	int rc = tr_png_write_indexed(png, COVER_W, COVER_H, plte, 256,
	    cover_row, &c, err, errlen);
	cairo_surface_destroy(c.mask);
	return rc;
}
