/* The cover: the title, the speakers, the channel and the date, in the
 * book's own faces, drawn without Cairo or Pango (see cover_text.c and
 * raster.c): for one book, mapping their libraries and starting their
 * font machinery took longer than writing the rest of the EPUB. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cover_text.h"
#include "epub.h"
#include "png.h"
#include "raster.h"

#define COVER_W 1600
#define COVER_H 2400
#define MARGIN 160
#define TEXT_W (COVER_W - 2 * MARGIN)

/* The cover has four colours: the paper, an accent and two inks.  Each
 * ink's coverage becomes an index into a palette of blends between the
 * paper and that ink: an indexed PNG holds the antialiased text exactly
 * (to 1/80 of a step) in a third of the bytes of RGB, which is most of
 * what encoding costs. */
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

/* One thing on the cover: a solid rectangle, or a block of text as an
 * 8-bit coverage mask of its box. */
struct layer {
	enum ink ink;
	int x, y, w, h;
	unsigned char *mask;    /* w x h; NULL for a solid rectangle */
};

#define MAX_LAYERS 8

struct scene {
	struct layer layers[MAX_LAYERS];
	int n;
	bool failed;            /* out of memory */
};

static void add_rect(struct scene *sc, int x, int y, int w, int h,
    enum ink ink)
{
	sc->layers[sc->n++] = (struct layer){ ink, x, y, w, h, NULL };
}

/* Adds the block with its top left at (x, y); returns its bottom. */
static int add_text(struct scene *sc, const tr_cover_block *b, int x, int y,
    enum ink ink)
{
	/* room for ink beyond the advance widths and line heights */
	int pad = (int)ceil(b->scale * b->face->upem * 0.25);
	struct layer l = { ink, x - pad, y - pad,
		(int)ceil(b->width) + 2 * pad, (int)ceil(b->height) + 2 * pad,
		NULL };
	tr_raster r;
	l.mask = malloc((size_t)l.w * (size_t)l.h);
	if (!l.mask || tr_raster_init(&r, l.w, l.h) != 0) {
		free(l.mask);
		sc->failed = true;
		return y + (int)ceil(b->height);
	}
	tr_cover_draw_block(&r, b, pad, pad);
	for (int row = 0; row < l.h; row++)
		tr_raster_row(&r, row, l.mask + (size_t)row * (size_t)l.w);
	tr_raster_free(&r);
	sc->layers[sc->n++] = l;
	return y + (int)ceil(b->height);
}

/* Row y of the cover as palette indexes, ink over ink: a pixel takes a
 * later ink where that ink covers it at least half. */
static void compose_row(const struct scene *sc, int y, unsigned char *out)
{
	memset(out, 0, COVER_W);
	for (int k = 0; k < NINKS; k++)
		for (int i = 0; i < sc->n; i++) {
			const struct layer *l = &sc->layers[i];
			if (l->ink != (enum ink)k || y < l->y || y >= l->y + l->h)
				continue;
			int x0 = l->x < 0 ? 0 : l->x;
			int x1 = l->x + l->w > COVER_W ? COVER_W : l->x + l->w;
			const unsigned char *m = l->mask ? l->mask +
			    (size_t)(y - l->y) * (size_t)l->w : NULL;
			int base = inks[k].base, levels = inks[k].levels;
			for (int x = x0; x < x1; x++) {
				int a = m ? m[x - l->x] : 255;
				if (a && (!out[x] || a >= 128))
					out[x] = (unsigned char)(base - 1 +
					    (a * levels + 254) / 255);
			}
		}
}

/* The faces stay open for the life of the process: a batch opens them
 * once, and HarfBuzz keeps its shaping plans with them. */
static tr_cover_face title_face, text_face;

static int open_faces(char *err, size_t errlen)
{
	if (!title_face.font && tr_cover_face_open(&title_face,
	    "Noto Serif CJK SC:bold", err, errlen) != 0)
		return -1;
	if (!text_face.font && tr_cover_face_open(&text_face,
	    "Noto Sans CJK SC", err, errlen) != 0)
		return -1;
	return 0;
}

int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen)
{
	if (open_faces(err, errlen) != 0)
		return -1;
	struct scene sc = { .n = 0 };
	tr_cover_block title, names = { 0 }, details = { 0 };

	add_rect(&sc, 0, 0, COVER_W, 120, ACCENT);
	/* a title of any length: six lines at most */
	tr_cover_set(&title, &title_face, 88, doc->title, doc->lang, TEXT_W, 6);
	int y = add_text(&sc, &title, MARGIN, 520, TITLE_INK) + 80;
	add_rect(&sc, MARGIN, y, 240, 10, ACCENT);
	y += 100;

	tr_buf text = { 0 };
	const tr_words *words = tr_words_for(doc->lang);
	for (int i = 0; i < doc->nspeakers && i < 6; i++) {
		if (i)
			tr_buf_puts(&text, words->list_sep);
		tr_buf_puts(&text, doc->speakers[i].name);
	}
	if (text.len) {
		tr_cover_set(&names, &text_face, 56, text.data, doc->lang,
		    TEXT_W, 3);
		add_text(&sc, &names, MARGIN, y, TEXT_INK);
	}
	tr_buf_clear(&text);
	if (doc->channel)
		tr_buf_puts(&text, doc->channel);
	if (doc->date) {
		if (text.len)
			tr_buf_puts(&text, "\n");
		tr_buf_puts(&text, doc->date);
	}
	if (text.len) {
		tr_cover_set(&details, &text_face, 48, text.data, doc->lang,
		    TEXT_W, 3);
		add_text(&sc, &details, MARGIN,
		    COVER_H - MARGIN - (int)ceil(details.height), TEXT_INK);
	}
	tr_buf_free(&text);

	unsigned char plte[256 * 3];
	palette(plte);
	int rc = -1;
	if (!sc.failed) {
		tr_png enc;
		tr_png_begin(&enc, png, COVER_W, COVER_H, plte, 256);
		unsigned char row[COVER_W];
		for (int r = 0; r < COVER_H; r++) {
			compose_row(&sc, r, row);
			tr_png_row(&enc, row);
		}
		rc = tr_png_end(&enc);
	}
	if (rc != 0)
		snprintf(err, errlen, "cover: cannot draw or encode the PNG");
	for (int i = 0; i < sc.n; i++)
		free(sc.layers[i].mask);
	tr_cover_block_free(&title);
	tr_cover_block_free(&names);
	tr_cover_block_free(&details);
	return rc;
}
