/* The cover: drawn with Cairo and Pango from the title, the speakers,
 * the channel and the date, in the book's own fonts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "datadir.h"
#include "epub.h"

#define COVER_W 1600
#define COVER_H 2400
#define MARGIN 160

static PangoLayout *text_block(cairo_t *cr, const char *text,
    const char *font, int width, PangoAlignment align, const char *lang)
{
	PangoLayout *layout = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(layout, width * PANGO_SCALE);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(layout, align);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs,
	    pango_attr_language_new(pango_language_from_string(lang)));
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_text(layout, text, -1);
	return layout;
}

/* What the cover shows, laid out once and then drawn band by band.  It
 * has four colours: the paper, an accent and two inks.  Each ink is drawn
 * alone as coverage into an 8-bit band, and a pixel becomes an index
 * into a palette of blends between the paper and that ink: an indexed
 * PNG holds the antialiased text exactly (to 1/80 of a step) in a third
 * of the bytes of RGB, which is most of what encoding costs. */
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

struct item {
	enum ink ink;
	double x, y, w, h;      /* a rectangle, or where a layout starts */
	PangoLayout *layout;    /* NULL for a rectangle */
};

#define MAX_ITEMS 8
#define BAND 120

struct scene {
	struct item items[MAX_ITEMS];
	int n;
};

static void add_rect(struct scene *sc, double x, double y, double w,
    double h, enum ink ink)
{
	sc->items[sc->n++] = (struct item){ ink, x, y, w, h, NULL };
}

static double add_layout(struct scene *sc, PangoLayout *l, double x,
    double y, enum ink ink)
{
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	sc->items[sc->n++] = (struct item){ ink, x, y, w, h, l };
	return y + h;
}

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

/* Paints the rows top .. top+rows of the cover as palette indexes into
 * idx (one byte a pixel, COVER_W a row), ink by ink. */
static void draw_band(cairo_t *cr, cairo_surface_t *band,
    const struct scene *sc, int top, int rows, unsigned char *idx)
{
	memset(idx, 0, (size_t)COVER_W * (size_t)rows);
	for (int k = 0; k < NINKS; k++) {
		int lo = rows, hi = 0; /* the band's rows this ink touches */
		for (int i = 0; i < sc->n; i++) {
			const struct item *it = &sc->items[i];
			if (it->ink != (enum ink)k || it->y >= top + rows ||
			    it->y + it->h <= top)
				continue;
			int a = (int)it->y - top - 1, b = (int)(it->y + it->h) - top + 2;
			lo = a < lo ? (a < 0 ? 0 : a) : lo;
			hi = b > hi ? (b > rows ? rows : b) : hi;
		}
		if (lo >= hi)
			continue;
		cairo_save(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
		cairo_paint(cr);
		cairo_restore(cr);
		cairo_save(cr);
		cairo_translate(cr, 0, -top);
		cairo_set_source_rgba(cr, 0, 0, 0, 1);
		for (int i = 0; i < sc->n; i++) {
			const struct item *it = &sc->items[i];
			if (it->ink != (enum ink)k || it->y >= top + rows + 1 ||
			    it->y + it->h <= top - 1)
				continue;
			if (it->layout) {
				cairo_move_to(cr, it->x, it->y);
				pango_cairo_show_layout(cr, it->layout);
			} else {
				cairo_rectangle(cr, it->x, it->y, it->w, it->h);
				cairo_fill(cr);
			}
		}
		cairo_restore(cr);
		cairo_surface_flush(band);
		const unsigned char *px = cairo_image_surface_get_data(band);
		int stride = cairo_image_surface_get_stride(band);
		int base = inks[k].base, levels = inks[k].levels;
		for (int r = lo; r < hi; r++) {
			const unsigned char *a = px + (size_t)r * (size_t)stride;
			unsigned char *out = idx + (size_t)r * COVER_W;
			for (int x = 0; x < COVER_W; x++)
				if (a[x] && (!out[x] || a[x] >= 128))
					out[x] = (unsigned char)(base - 1 +
					    (a[x] * levels + 254) / 255);
		}
	}
}

static void chunk(tr_buf *png, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char head[8] = { (unsigned char)(len >> 24),
		(unsigned char)(len >> 16), (unsigned char)(len >> 8),
		(unsigned char)len };
	memcpy(head + 4, type, 4);
	tr_buf_put(png, (const char *)head, 8);
	tr_buf_put(png, (const char *)data, len);
	uLong crc = crc32(0L, (const Bytef *)type, 4);
	if (len) /* crc32() of a null pointer is the initial value, not crc */
		crc = crc32(crc, data, (uInt)len);
	unsigned char tail[4] = { (unsigned char)(crc >> 24),
		(unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
		(unsigned char)crc };
	tr_buf_put(png, (const char *)tail, 4);
}

/* The IDAT data: one zlib stream, written as raw deflate segments.
 * zlib compresses the rows with ink.  Most of the cover is blank paper,
 * and a run of BLANK_UNIT blank rows compresses to the same bytes every
 * time, so that is done once and the bytes repeated: deflating 3 MB of
 * zeros was most of the cover's encoding time.  Every segment ends on a
 * byte (a sync flush) and the next starts afresh (deflateReset), so no
 * match reaches back across a join. */
#define ROW_BYTES (COVER_W + 1)  /* the filter byte, then the indexes */
#define BLANK_UNIT 32

struct idat {
	tr_buf out;
	z_stream zs;
	uLong adler;            /* of every row written so far */
	tr_buf blank;           /* BLANK_UNIT blank rows, deflated */
	uLong blank_adler;
	int blank_rows;         /* blank rows held back, not yet written */
	int failed;
};

/* Deflates len bytes with flush, appending the output to out. */
static int deflate_into(z_stream *zs, tr_buf *out, const unsigned char *in,
    size_t len, int flush)
{
	zs->next_in = (Bytef *)in;
	zs->avail_in = (uInt)len;
	do {
		tr_buf_grow(out, 65536);
		zs->next_out = (Bytef *)out->data + out->len;
		zs->avail_out = 65536;
		if (deflate(zs, flush) == Z_STREAM_ERROR)
			return -1;
		out->len += 65536 - zs->avail_out;
	} while (zs->avail_out == 0);
	return 0;
}

static int idat_init(struct idat *d)
{
	static const unsigned char zero_row[ROW_BYTES];
	static const unsigned char zlib_header[2] = { 0x78, 0x01 };
	*d = (struct idat){ .adler = adler32(0L, NULL, 0) };
	tr_buf_put(&d->out, (const char *)zlib_header, 2);
	/* raw deflate (no zlib wrapper); run-length matches only */
	if (deflateInit2(&d->zs, 6, Z_DEFLATED, -15, 9, Z_RLE) != Z_OK)
		return d->failed = -1;
	d->blank_adler = adler32(0L, NULL, 0);
	for (int r = 0; r < BLANK_UNIT && !d->failed; r++) {
		d->blank_adler = adler32(d->blank_adler, zero_row, ROW_BYTES);
		d->failed = deflate_into(&d->zs, &d->blank, zero_row,
		    ROW_BYTES, r + 1 == BLANK_UNIT ? Z_SYNC_FLUSH : Z_NO_FLUSH);
	}
	deflateReset(&d->zs);
	return d->failed;
}

/* Ends zlib's segment on a byte, ready for bytes of our own. */
static void idat_end_segment(struct idat *d)
{
	if (d->zs.total_in == 0 || d->failed)
		return;
	d->failed = deflate_into(&d->zs, &d->out, NULL, 0, Z_SYNC_FLUSH);
	deflateReset(&d->zs);
}

static void idat_zlib_row(struct idat *d, const unsigned char *row)
{
	if (d->failed)
		return;
	d->adler = adler32(d->adler, row, ROW_BYTES);
	d->failed = deflate_into(&d->zs, &d->out, row, ROW_BYTES, Z_NO_FLUSH);
}

/* Blank rows that do not fill a unit go to zlib like any other. */
static void idat_release_blank(struct idat *d)
{
	static const unsigned char zero_row[ROW_BYTES];
	for (; d->blank_rows > 0; d->blank_rows--)
		idat_zlib_row(d, zero_row);
}

/* Adds one row of palette indexes (COVER_W bytes) to the image. */
static void idat_row(struct idat *d, const unsigned char *idx)
{
	if (idx[0] == 0 && memcmp(idx, idx + 1, COVER_W - 1) == 0) {
		if (++d->blank_rows == BLANK_UNIT) {
			idat_end_segment(d);
			tr_buf_put(&d->out, d->blank.data, d->blank.len);
			d->adler = adler32_combine(d->adler, d->blank_adler,
			    (z_off_t)BLANK_UNIT * ROW_BYTES);
			d->blank_rows = 0;
		}
		return;
	}
	idat_release_blank(d);
	unsigned char row[ROW_BYTES];
	row[0] = 0; /* no filter: the paper stays zeros */
	memcpy(row + 1, idx, COVER_W);
	idat_zlib_row(d, row);
}

/* Closes the stream: a last, empty block, then the checksum. */
static int idat_finish(struct idat *d)
{
	idat_release_blank(d);
	idat_end_segment(d);
	const unsigned char tail[6] = { 0x03, 0x00, /* final fixed block: EOB */
		(unsigned char)(d->adler >> 24), (unsigned char)(d->adler >> 16),
		(unsigned char)(d->adler >> 8), (unsigned char)d->adler };
	tr_buf_put(&d->out, (const char *)tail, sizeof tail);
	deflateEnd(&d->zs);
	tr_buf_free(&d->blank);
	return d->failed;
}

/* The PNG is written by hand rather than by cairo's libpng path, which
 * spent most of a conversion in its filters and zlib's default effort:
 * the flat paper is index 0, so most rows are zeros (see struct idat). */
int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen)
{
	tr_fonts_init();

	cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_A8,
	    COVER_W, BAND);
	cairo_t *cr = cairo_create(band);
	const int text_w = COVER_W - 2 * MARGIN;
	struct scene sc = { .n = 0 };

	add_rect(&sc, 0, 0, COVER_W, 120, ACCENT);
	PangoLayout *title = text_block(cr, doc->title,
	    "Noto Serif CJK SC Bold 88px", text_w, PANGO_ALIGN_LEFT, doc->lang);
	/* a title of any length: six lines at most */
	pango_layout_set_height(title, -6);
	pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
	double y = add_layout(&sc, title, MARGIN, 520, TITLE_INK) + 80;
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
		PangoLayout *l = text_block(cr, text.data,
		    "Noto Sans CJK SC 56px", text_w, PANGO_ALIGN_LEFT, doc->lang);
		pango_layout_set_height(l, -3);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		add_layout(&sc, l, MARGIN, y, TEXT_INK);
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
		PangoLayout *l = text_block(cr, text.data, "Noto Sans CJK SC 48px",
		    text_w, PANGO_ALIGN_LEFT, doc->lang);
		pango_layout_set_height(l, -3);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		int w, h;
		pango_layout_get_pixel_size(l, &w, &h);
		add_layout(&sc, l, MARGIN, COVER_H - MARGIN - h, TEXT_INK);
	}
	tr_buf_free(&text);

	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1a, '\n' };
	const unsigned char ihdr[13] = { 0, 0, COVER_W >> 8, COVER_W & 0xFF, 0,
		0, COVER_H >> 8, COVER_H & 0xFF, 8, 3, 0, 0, 0 };
	unsigned char plte[256 * 3];
	palette(plte);
	tr_buf_put(png, (const char *)sig, 8);
	chunk(png, "IHDR", ihdr, 13);
	chunk(png, "PLTE", plte, sizeof plte);

	unsigned char *idx = malloc((size_t)COVER_W * BAND);
	struct idat idat;
	int rc = idat_init(&idat) == 0 && idx ? 0 : -1;
	for (int top = 0; rc == 0 && top < COVER_H; top += BAND) {
		int n = COVER_H - top < BAND ? COVER_H - top : BAND;
		draw_band(cr, band, &sc, top, n, idx);
		for (int r = 0; r < n; r++)
			idat_row(&idat, idx + (size_t)COVER_W * r);
	}
	if (idat_finish(&idat) == 0 && rc == 0) {
		chunk(png, "IDAT", (const unsigned char *)tr_buf_cstr(&idat.out),
		    idat.out.len);
		chunk(png, "IEND", NULL, 0);
	} else {
		rc = -1;
		snprintf(err, errlen, "cover: cannot encode the PNG");
	}
	tr_buf_free(&idat.out);
	free(idx);
	for (int i = 0; i < sc.n; i++)
		if (sc.items[i].layout)
			g_object_unref(sc.items[i].layout);
	cairo_destroy(cr);
	cairo_surface_destroy(band);
	return rc;
}
