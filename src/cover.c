/* The cover: drawn with Cairo and Pango from the title, the speakers,
 * the channel and the date, in the book's own fonts. */
#include <stdio.h>
#include <string.h>

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

static double draw(cairo_t *cr, PangoLayout *layout, double x, double y)
{
	int w, h;
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_layout_get_pixel_size(layout, &w, &h);
	g_object_unref(layout);
	return y + h;
}

static cairo_status_t append_png(void *closure, const unsigned char *data,
    unsigned int length)
{
	tr_buf_put(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

int tr_cover_draw(const tr_doc *doc, tr_buf *png, char *err, size_t errlen)
{
	tr_fonts_init();
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    COVER_W, COVER_H);
	cairo_t *cr = cairo_create(surface);
	const int text_w = COVER_W - 2 * MARGIN;

	/* paper, a band of colour at the top and a rule under the title */
	cairo_set_source_rgb(cr, 0.97, 0.95, 0.91);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
	cairo_rectangle(cr, 0, 0, COVER_W, 120);
	cairo_fill(cr);

	double y = 520;
	cairo_set_source_rgb(cr, 0.10, 0.10, 0.12);
	y = draw(cr, text_block(cr, doc->title, "Noto Serif CJK SC Bold 88px",
	    text_w, PANGO_ALIGN_LEFT, doc->lang), MARGIN, y);
	y += 80;
	cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
	cairo_rectangle(cr, MARGIN, y, 240, 10);
	cairo_fill(cr);
	y += 100;

	tr_buf names = { 0 };
	const tr_words *words = tr_words_for(doc->lang);
	for (int i = 0; i < doc->nspeakers && i < 6; i++) {
		if (i)
			tr_buf_puts(&names, words->list_sep);
		tr_buf_puts(&names, doc->speakers[i].name);
	}
	cairo_set_source_rgb(cr, 0.20, 0.20, 0.22);
	if (names.len)
		y = draw(cr, text_block(cr, names.data, "Noto Sans CJK SC 56px",
		    text_w, PANGO_ALIGN_LEFT, doc->lang), MARGIN, y);
	tr_buf_free(&names);

	tr_buf foot = { 0 };
	if (doc->channel)
		tr_buf_puts(&foot, doc->channel);
	if (doc->date) {
		if (foot.len)
			tr_buf_puts(&foot, "\n");
		tr_buf_puts(&foot, doc->date);
	}
	if (foot.len) {
		PangoLayout *l = text_block(cr, foot.data, "Noto Sans CJK SC 48px",
		    text_w, PANGO_ALIGN_LEFT, doc->lang);
		int w, h;
		pango_layout_get_pixel_size(l, &w, &h);
		draw(cr, l, MARGIN, COVER_H - MARGIN - h);
	}
	tr_buf_free(&foot);
	(void)y;

	cairo_destroy(cr);
	cairo_status_t st = cairo_surface_write_to_png_stream(surface,
	    append_png, png);
	cairo_surface_destroy(surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errlen, "cover: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int tr_epub_read_cover(const char *path, tr_buf *png, char *err,
    size_t errlen)
{
	if (tr_read_file(path, png) != 0) {
		snprintf(err, errlen, "cannot read the cover %s", path);
		return -1;
	}
	if (png->len < 8 || memcmp(png->data, "\x89PNG\r\n\x1a\n", 8) != 0) {
		snprintf(err, errlen, "the cover %s is not a PNG image", path);
		return -1;
	}
	return 0;
}
