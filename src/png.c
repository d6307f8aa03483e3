/* The PNG is written by hand rather than by cairo's libpng path, which
 * spent most of a conversion in its filters and zlib's default effort.
 *
 * The IDAT data is one zlib stream, written as raw deflate segments.
 * zlib compresses the rows with something on them.  A run of BLANK_UNIT
 * blank rows (all index 0) compresses to the same bytes every time, so
 * that is done once and the bytes repeated: deflating megabytes of
 * zeros was most of the cover's encoding time.  Every segment ends on a
 * byte (a sync flush) and the next starts afresh (deflateReset), so no
 * match reaches back across a join. */
#include <stdlib.h>
#include <string.h>

#include "png.h"

#define BLANK_UNIT 32

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

static size_t row_bytes(const tr_png *p)
{
	return (size_t)p->w + 1;
}

int tr_png_begin(tr_png *p, tr_buf *out, int w, int h,
    const unsigned char *palette, int ncolours)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1a, '\n' };
	static const unsigned char zlib_header[2] = { 0x78, 0x01 };
	*p = (tr_png){ .out = out, .w = w, .h = h,
		.adler = adler32(0L, NULL, 0), .blank_adler = adler32(0L, NULL, 0) };
	const unsigned char ihdr[13] = { (unsigned char)(w >> 24),
		(unsigned char)(w >> 16), (unsigned char)(w >> 8), (unsigned char)w,
		(unsigned char)(h >> 24), (unsigned char)(h >> 16),
		(unsigned char)(h >> 8), (unsigned char)h,
		8, 3, 0, 0, 0 };   /* 8-bit indexes, no interlace */
	tr_buf_put(out, (const char *)sig, 8);
	chunk(out, "IHDR", ihdr, 13);
	chunk(out, "PLTE", palette, (size_t)ncolours * 3);

	tr_buf_put(&p->idat, (const char *)zlib_header, 2);
	p->row = calloc(1, row_bytes(p)); /* filter 0: the paper stays zeros */
	/* raw deflate (no zlib wrapper); run-length matches only */
	if (!p->row || deflateInit2(&p->zs, 6, Z_DEFLATED, -15, 9, Z_RLE) !=
	    Z_OK)
		return p->failed = -1;
	for (int r = 0; r < BLANK_UNIT && !p->failed; r++) {
		p->blank_adler = adler32(p->blank_adler, p->row,
		    (uInt)row_bytes(p));
		p->failed = deflate_into(&p->zs, &p->blank, p->row, row_bytes(p),
		    r + 1 == BLANK_UNIT ? Z_SYNC_FLUSH : Z_NO_FLUSH);
	}
	deflateReset(&p->zs);
	return p->failed;
}

/* Ends zlib's segment on a byte, ready for bytes of our own. */
static void end_segment(tr_png *p)
{
	if (p->zs.total_in == 0 || p->failed)
		return;
	p->failed = deflate_into(&p->zs, &p->idat, NULL, 0, Z_SYNC_FLUSH);
	deflateReset(&p->zs);
}

static void deflate_row(tr_png *p)
{
	if (p->failed)
		return;
	p->adler = adler32(p->adler, p->row, (uInt)row_bytes(p));
	p->failed = deflate_into(&p->zs, &p->idat, p->row, row_bytes(p),
	    Z_NO_FLUSH);
}

/* Blank rows that do not fill a unit go to zlib like any other. */
static void release_blank(tr_png *p)
{
	if (p->blank_rows == 0)
		return;
	memset(p->row + 1, 0, (size_t)p->w);
	for (; p->blank_rows > 0; p->blank_rows--)
		deflate_row(p);
}

void tr_png_row(tr_png *p, const unsigned char *idx)
{
	if (p->failed || p->rows++ >= p->h)
		return;
	if (idx[0] == 0 && memcmp(idx, idx + 1, (size_t)p->w - 1) == 0) {
		if (++p->blank_rows == BLANK_UNIT) {
			end_segment(p);
			tr_buf_put(&p->idat, p->blank.data, p->blank.len);
			p->adler = adler32_combine(p->adler, p->blank_adler,
			    (z_off_t)(BLANK_UNIT * row_bytes(p)));
			p->blank_rows = 0;
		}
		return;
	}
	release_blank(p);
	memcpy(p->row + 1, idx, (size_t)p->w);
	deflate_row(p);
}

int tr_png_end(tr_png *p)
{
	release_blank(p);
	end_segment(p);
	if (p->rows != p->h)
		p->failed = -1;
	const unsigned char tail[6] = { 0x03, 0x00, /* final fixed block: EOB */
		(unsigned char)(p->adler >> 24), (unsigned char)(p->adler >> 16),
		(unsigned char)(p->adler >> 8), (unsigned char)p->adler };
	tr_buf_put(&p->idat, (const char *)tail, sizeof tail);
	if (!p->failed) {
		chunk(p->out, "IDAT", (const unsigned char *)tr_buf_cstr(&p->idat),
		    p->idat.len);
		chunk(p->out, "IEND", NULL, 0);
	}
	deflateEnd(&p->zs);
	tr_buf_free(&p->blank);
	tr_buf_free(&p->idat);
	free(p->row);
	return p->failed;
}
