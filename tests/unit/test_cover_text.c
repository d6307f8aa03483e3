/* The cover's lines: within the width, clreq's rules at the breaks,
 * words whole, an ellipsis when the lines run out.  Uses the pinned
 * Noto faces (fonts/fonts.conf), as the cover does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cover_text.h"

static tr_cover_face face;

static int setup(void **state)
{
	(void)state;
	char err[256];
	if (tr_cover_face_open(&face, "Noto Serif CJK SC:bold", err,
	    sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

static unsigned glyph(uint32_t cp)
{
	hb_codepoint_t g = 0;
	assert_true(hb_font_get_nominal_glyph(face.font, cp, &g));
	return g;
}

/* The width of ten ideographs at px, and half a pixel to spare. */
static double ten_ideographs(double px)
{
	return 10 * hb_font_get_glyph_h_advance(face.font, glyph(0x4E00)) *
	    px / face.upem + 0.5;
}

/* The index of the first glyph of each line (by baseline), up to max. */
static int line_starts(const tr_cover_block *b, int *starts, int max)
{
	int n = 0;
	for (int i = 0; i < b->n && n < max; i++)
		if (i == 0 || b->glyphs[i].y != b->glyphs[i - 1].y)
			starts[n++] = i;
	return n;
}

/* No glyph's advance reaches past the width. */
static void assert_within(const tr_cover_block *b, double width)
{
	for (int i = 0; i < b->n; i++)
		assert_true(b->glyphs[i].x + hb_font_get_glyph_h_advance(
		    face.font, b->glyphs[i].id) * b->scale <= width + 0.01);
	assert_true(b->width <= width + 0.01);
}

static void test_one_line(void **state)
{
	(void)state;
	tr_cover_block b;
	tr_cover_set(&b, &face, 88, "对话", "zh-Hans", 1280, 6);
	assert_int_equal(b.lines, 1);
	assert_int_equal(b.n, 2);
	assert_true(b.height > 88 && b.height < 2 * 88);
	assert_true(b.glyphs[1].x > b.glyphs[0].x);
	tr_cover_block_free(&b);
}

/* Ten ideographs fit; the eleventh character is a comma, which may
 * not start a line, so the tenth goes down with it. */
static void test_no_comma_at_line_start(void **state)
{
	(void)state;
	tr_cover_block b;
	double width = ten_ideographs(88);
	tr_cover_set(&b, &face, 88, "一二三四五六七八九十，一二三", "zh-Hans",
	    width, 6);
	int starts[8];
	assert_int_equal(line_starts(&b, starts, 8), 2);
	assert_int_equal(b.lines, 2);
	assert_int_equal(starts[1], 9);
	assert_int_equal(b.glyphs[9].id, glyph(0x5341)); /* 十 */
	assert_int_equal(b.glyphs[10].id, glyph(0xFF0C)); /* ， */
	assert_within(&b, width);
	tr_cover_block_free(&b);
}

/* An opening bracket does not end a line: it goes down with what it
 * opens. */
static void test_no_bracket_at_line_end(void **state)
{
	(void)state;
	tr_cover_block b;
	double width = ten_ideographs(88);
	tr_cover_set(&b, &face, 88, "一二三四五六七八九「十」", "zh-Hans",
	    width, 6);
	int starts[8];
	assert_int_equal(line_starts(&b, starts, 8), 2);
	assert_int_equal(b.glyphs[starts[1]].id, glyph(0x300C)); /* 「 */
	tr_cover_block_free(&b);
}

/* Latin words stay whole; the space at a break is dropped. */
static void test_words_whole(void **state)
{
	(void)state;
	tr_cover_block b;
	tr_cover_set(&b, &face, 88, "Ilya Sutskever", "en", 1e6, 1);
	double whole = b.width;
	tr_cover_block_free(&b);
	tr_cover_set(&b, &face, 88, "Ilya Sutskever", "en", whole - 1, 6);
	int starts[4];
	assert_int_equal(line_starts(&b, starts, 4), 2);
	assert_int_equal(starts[1], 4);         /* "Ilya" then "Sutskever" */
	assert_int_equal(b.glyphs[4].id, glyph('S'));
	assert_true(b.glyphs[4].x < 1);
	assert_within(&b, whole - 1);
	tr_cover_block_free(&b);
}

/* A word wider than the line is broken where it must be, and the
 * setting ends. */
static void test_long_word(void **state)
{
	(void)state;
	char word[301];
	memset(word, 'm', 300);
	word[300] = '\0';
	tr_cover_block b;
	tr_cover_set(&b, &face, 48, word, "en", 400, 100);
	assert_true(b.lines > 10);
	assert_int_equal(b.n, 300);
	assert_within(&b, 400);
	tr_cover_block_free(&b);
}

/* Six lines at most, the last ending in an ellipsis within the width. */
static void test_ellipsis(void **state)
{
	(void)state;
	char text[4000] = "";
	for (int i = 0; i < 60; i++)
		strcat(text, "深度学习与通用人工智能");
	tr_cover_block b;
	tr_cover_set(&b, &face, 88, text, "zh-Hans", 1280, 6);
	assert_int_equal(b.lines, 6);
	assert_int_equal(b.glyphs[b.n - 1].id, glyph(0x2026));
	assert_within(&b, 1280);
	tr_cover_block_free(&b);
	/* a title of megabytes: the same, shaped only as far as it shows */
	size_t big = 3 << 20;
	char *huge = malloc(big + 1);
	for (size_t i = 0; i + 3 <= big; i += 3)
		memcpy(huge + i, "长", 3);
	huge[big - big % 3] = '\0';
	tr_cover_set(&b, &face, 88, huge, "zh-Hans", 1280, 6);
	assert_int_equal(b.lines, 6);
	assert_int_equal(b.glyphs[b.n - 1].id, glyph(0x2026));
	assert_true(b.n < 200);
	tr_cover_block_free(&b);
	free(huge);
	/* text left in a later line: the ellipsis too */
	tr_cover_set(&b, &face, 48, "频道\n2020-05-09", "zh-Hans", 1280, 1);
	assert_int_equal(b.lines, 1);
	assert_int_equal(b.glyphs[b.n - 1].id, glyph(0x2026));
	tr_cover_block_free(&b);
}

/* A newline ends a line; an empty one still takes its height. */
static void test_newlines(void **state)
{
	(void)state;
	tr_cover_block b;
	tr_cover_set(&b, &face, 48, "频道\n\n2020", "zh-Hans", 1280, 3);
	assert_int_equal(b.lines, 3);
	int starts[4];
	assert_int_equal(line_starts(&b, starts, 4), 2);
	assert_true(b.glyphs[starts[1]].y - b.glyphs[0].y > 1.5 * 48);
	tr_cover_block_free(&b);
}

/* Drawn, the block's ink falls inside its box. */
static void test_drawn_inside(void **state)
{
	(void)state;
	tr_cover_block b;
	tr_cover_set(&b, &face, 88, "播客-94：对话", "zh-Hans", 1280, 6);
	int pad = 22, w = (int)b.width + 2 * pad, h = (int)b.height + 2 * pad;
	tr_raster r;
	assert_int_equal(tr_raster_init(&r, w, h), 0);
	tr_cover_draw_block(&r, &b, pad, pad);
	unsigned char *row = malloc((size_t)w);
	long inked = 0, edge = 0;
	for (int y = 0; y < h; y++) {
		tr_raster_row(&r, y, row);
		for (int x = 0; x < w; x++) {
			inked += row[x] > 0;
			if (row[x] && (x < pad / 2 || x >= w - pad / 2 ||
			    y < pad / 2 || y >= h - pad / 2))
				edge++;
		}
	}
	assert_true(inked > 5000);
	assert_int_equal(edge, 0);
	free(row);
	tr_raster_free(&r);
	tr_cover_block_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_line),
		cmocka_unit_test(test_no_comma_at_line_start),
		cmocka_unit_test(test_no_bracket_at_line_end),
		cmocka_unit_test(test_words_whole),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_ellipsis),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_drawn_inside),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
