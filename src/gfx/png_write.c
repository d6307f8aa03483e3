#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <png.h>
#include <zlib.h>

#include "png_write.h"

struct sink {
	tr_buf *out;
	char *err;
	size_t errlen;
};

static void write_data(png_structp png, png_bytep data, size_t n)
{
	struct sink *s = png_get_io_ptr(png);
	tr_buf_put(s->out, (const char *)data, n);
}

static void flush_data(png_structp png)
{
	(void)png;
}

static void on_error(png_structp png, png_const_charp msg)
{
	struct sink *s = png_get_error_ptr(png);
	snprintf(s->err, s->errlen, "PNG: %s", msg);
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png, (void)msg; /* nothing a reader of the book would see */
}

int tr_png_write_indexed(tr_buf *out, int w, int h,
    const unsigned char *palette, int ncolours, tr_png_row_fn *row,
    void *ctx, char *err, size_t errlen)
{
	struct sink sink = { out, err, errlen };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink,
	    on_error, on_warning);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	/* volatile: it is freed after a longjmp back here */
	unsigned char *volatile buf = tr_xmalloc((size_t)w);
	if (!png || !info || !buf) {
		snprintf(err, errlen, "PNG: out of memory");
		png_destroy_write_struct(&png, &info);
		free(buf);
		return -1;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(buf);
		return -1;
	}
	png_set_write_fn(png, &sink, write_data, flush_data);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_color plte[256];
	for (int i = 0; i < ncolours && i < 256; i++)
		plte[i] = (png_color){ palette[3 * i], palette[3 * i + 1],
			palette[3 * i + 2] };
	png_set_PLTE(png, info, plte, ncolours);
	/* a flat image: no row filter, and zlib's run-length strategy,
	 * which deflates the blank rows almost for nothing */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_strategy(png, Z_RLE);
	png_set_compression_level(png, 6);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		row(ctx, y, buf);
		png_write_row(png, buf);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(buf);
	return 0;
}
