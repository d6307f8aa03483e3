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

/* What the cover shows, laid out once and then drawn band by band: a
 * whole 1600x2400 surface is 15 MB to paint, fault in and read back,
 * while a band of 120 rows stays in the cache. */
struct item {
	double r, g, b;
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
    double h, double r, double g, double b)
{
	sc->items[sc->n++] = (struct item){ r, g, b, x, y, w, h, NULL };
}

static double add_layout(struct scene *sc, PangoLayout *l, double x,
    double y, double r, double g, double b)
{
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	sc->items[sc->n++] = (struct item){ r, g, b, x, y, w, h, l };
	return y + h;
}

static void draw_band(cairo_t *cr, const struct scene *sc, int top)
{
	cairo_save(cr);
	cairo_translate(cr, 0, -top);
	cairo_set_source_rgb(cr, 0.97, 0.95, 0.91); /* paper */
	cairo_paint(cr);
	for (int i = 0; i < sc->n; i++) {
		const struct item *it = &sc->items[i];
		if (it->y > top + BAND || it->y + it->h < top)
			continue;
		cairo_set_source_rgb(cr, it->r, it->g, it->b);
		if (it->layout) {
			cairo_move_to(cr, it->x, it->y);
			pango_cairo_show_layout(cr, it->layout);
		} else {
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
		}
	}
	cairo_restore(cr);
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
	crc = crc32(crc, data, (uInt)len);
	unsigned char tail[4] = { (unsigned char)(crc >> 24),
		(unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
		(unsigned char)crc };
	tr_buf_put(png, (const char *)tail, 4);
}

/* Feeds rows into zlib, collecting its output for the IDAT chunk. */
static int deflate_rows(z_stream *zs, tr_buf *idat, const unsigned char *in,
    size_t len, int flush)
{
	zs->next_in = (Bytef *)in;
	zs->avail_in = (uInt)len;
	int rc;
	do {
		tr_buf_grow(idat, 65536);
		zs->next_out = (Bytef *)idat->data + idat->len;
		zs->avail_out = 65536;
		rc = deflate(zs, flush);
		idat->len += 65536 - zs->avail_out;
		if (rc == Z_STREAM_ERROR)
			return -1;
	} while (zs->avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	return 0;
}

/* The PNG is written by hand rather than by cairo's libpng path, which
 * spent most of a conversion in its filters and zlib's default effort:
 * the "up" filter turns the flat paper into rows of zeros, and zlib's
 * run-length strategy packs those at memory speed. */
int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen)
{
	tr_fonts_init();
	cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    COVER_W, BAND);
	cairo_t *cr = cairo_create(band);
	const int text_w = COVER_W - 2 * MARGIN;
	struct scene sc = { .n = 0 };

	add_rect(&sc, 0, 0, COVER_W, 120, 0.55, 0.12, 0.10);
	PangoLayout *title = text_block(cr, doc->title,
	    "Noto Serif CJK SC Bold 88px", text_w, PANGO_ALIGN_LEFT, doc->lang);
	/* a title of any length: six lines at most */
	pango_layout_set_height(title, -6);
	pango_layout_set_ellipsize(title, PANGO_ELLIPSIZE_END);
	double y = add_layout(&sc, title, MARGIN, 520, 0.10, 0.10, 0.12) + 80;
	add_rect(&sc, MARGIN, y, 240, 10, 0.55, 0.12, 0.10);
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
		add_layout(&sc, l, MARGIN, y, 0.20, 0.20, 0.22);
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
		add_layout(&sc, l, MARGIN, COVER_H - MARGIN - h, 0.20, 0.20, 0.22);
	}
	tr_buf_free(&text);

	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1a, '\n' };
	const unsigned char ihdr[13] = { 0, 0, COVER_W >> 8, COVER_W & 0xFF, 0,
		0, COVER_H >> 8, COVER_H & 0xFF, 8, 2, 0, 0, 0 };
	tr_buf_put(png, (const char *)sig, 8);
	chunk(png, "IHDR", ihdr, 13);

	size_t row = (size_t)COVER_W * 3;
	unsigned char *prev = calloc(row, 1), *cur = malloc(row);
	unsigned char *filtered = malloc((row + 1) * BAND);
	tr_buf idat = { 0 };
	z_stream zs = { 0 };
	int rc = prev && cur && filtered &&
	    deflateInit2(&zs, 6, Z_DEFLATED, 15, 9, Z_RLE) == Z_OK ? 0 : -1;
	for (int top = 0; rc == 0 && top < COVER_H; top += BAND) {
		draw_band(cr, &sc, top);
		cairo_surface_flush(band);
		const unsigned char *px = cairo_image_surface_get_data(band);
		int stride = cairo_image_surface_get_stride(band);
		int rows = COVER_H - top < BAND ? COVER_H - top : BAND;
		for (int r = 0; r < rows; r++) {
			const uint32_t *src = (const uint32_t *)(px +
			    (size_t)r * (size_t)stride);
			unsigned char *out = filtered + (row + 1) * (size_t)r;
			for (int x = 0; x < COVER_W; x++) {
				cur[3 * x] = (unsigned char)(src[x] >> 16);
				cur[3 * x + 1] = (unsigned char)(src[x] >> 8);
				cur[3 * x + 2] = (unsigned char)src[x];
			}
			out[0] = 2; /* up */
			for (size_t i = 0; i < row; i++)
				out[1 + i] = (unsigned char)(cur[i] - prev[i]);
			unsigned char *t = prev;
			prev = cur, cur = t;
		}
		rc = deflate_rows(&zs, &idat, filtered, (row + 1) * (size_t)rows,
		    top + BAND >= COVER_H ? Z_FINISH : Z_NO_FLUSH);
	}
	deflateEnd(&zs);
	if (rc == 0) {
		chunk(png, "IDAT", (const unsigned char *)tr_buf_cstr(&idat),
		    idat.len);
		chunk(png, "IEND", NULL, 0);
	} else {
		snprintf(err, errlen, "cover: cannot encode the PNG");
	}
	tr_buf_free(&idat);
	free(prev), free(cur), free(filtered);
	for (int i = 0; i < sc.n; i++)
		if (sc.items[i].layout)
			g_object_unref(sc.items[i].layout);
	cairo_destroy(cr);
	cairo_surface_destroy(band);
	return rc;
}
