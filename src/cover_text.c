/* Shaping and line breaking for the cover, on HarfBuzz alone: its own
 * OpenType code reads the Noto file, so no FreeType face (whose CFF
 * set-up was a third of the cover's time) and no Pango are needed for
 * a few lines of display type. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "buf.h"
#include "cover_text.h"
#include "fonts.h"
#include "utf8.h"

int tr_cover_face_open(tr_cover_face *f, const char *pattern, char *err,
    size_t errlen)
{
	char file[4096];
	int index;
	if (tr_fonts_find(pattern, file, sizeof file, &index) != 0) {
		snprintf(err, errlen, "cover: no font for %s", pattern);
		return -1;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
	if (!blob) {
		snprintf(err, errlen, "cover: no font for %s in %s", pattern,
		    file);
		return -1;
	}
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	f->font = hb_font_create(face);
	f->upem = hb_face_get_upem(face);
	hb_face_destroy(face);
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->font, &ext);
	f->ascender = ext.ascender;
	f->descender = ext.descender;
	f->line_gap = ext.line_gap;
	return 0;
}

/* More than a cover shows in any face and size: a title of megabytes is
 * shaped only as far as it can be seen. */
#define MAX_PARAGRAPH 4096

/* A cluster: what may not be split, the unit lines are made of. */
struct unit {
	unsigned g0, g1;        /* its glyphs */
	double advance;         /* pixels */
	uint32_t first, last;   /* its first and last characters */
};

struct setter {
	tr_cover_block *b;
	double width;
	int max_lines;
	size_t cap;             /* of b->glyphs */
	unsigned dots;          /* the ellipsis glyph; 0 when there is none */
	double dots_advance;    /* pixels */
};

static uint32_t char_at(const char *s, size_t n)
{
	uint32_t cp = 0;
	tr_utf8_decode(s, n, &cp);
	return cp;
}

static uint32_t char_before(const char *s, size_t end)
{
	size_t i = end;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	return i > 0 ? char_at(s + i - 1, end - i + 1) : 0;
}

static void put_glyph(struct setter *s, unsigned id, double x, double y)
{
	tr_cover_block *b = s->b;
	if ((size_t)b->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		b->glyphs = tr_xrealloc(b->glyphs, s->cap * sizeof *b->glyphs);
	}
	b->glyphs[b->n++] = (tr_cover_glyph){ id, x, y };
}

static double line_height(const tr_cover_block *b)
{
	const tr_cover_face *f = b->face;
	return (f->ascender - f->descender + f->line_gap) * b->scale;
}

/* Sets units u0 .. u1 as the next line, dropping the spaces that end
 * it; with ellipsis, follows them with "…". */
static void put_line(struct setter *s, const struct unit *u, int u0, int u1,
    const hb_glyph_info_t *info, const hb_glyph_position_t *pos,
    bool ellipsis)
{
	tr_cover_block *b = s->b;
	while (u1 > u0 && tr_cp_is_space(u[u1 - 1].first))
		u1--;
	double base = b->lines * line_height(b) + b->face->ascender * b->scale;
	double x = 0;
	for (int k = u0; k < u1; k++)
		for (unsigned g = u[k].g0; g < u[k].g1; g++) {
			put_glyph(s, info[g].codepoint,
			    x + pos[g].x_offset * b->scale,
			    base - pos[g].y_offset * b->scale);
			x += pos[g].x_advance * b->scale;
		}
	if (ellipsis && s->dots) {
		put_glyph(s, s->dots, x, base);
		x += s->dots_advance;
	}
	if (x > b->width)
		b->width = x;
	b->lines++;
}

static hb_buffer_t *shape(const tr_cover_face *f, const char *text,
    size_t off, size_t len, const char *lang)
{
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, text, (int)strlen(text), (unsigned)off,
	    (int)len);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
	hb_buffer_guess_segment_properties(buf);
	hb_shape(f->font, buf, NULL, 0);
	return buf;
}

/* Lines no wider than s->width, broken where clreq allows (a word
 * longer than a line is broken where it must); when the lines run out
 * with text left (here, or more after it), the last is cut to leave
 * room for an ellipsis. */
static void set_paragraph(struct setter *s, const char *text, size_t off,
    size_t len, const char *lang, bool more)
{
	tr_cover_block *b = s->b;
	hb_buffer_t *buf = shape(b->face, text, off, len, lang);
	unsigned n;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf,
	    NULL);

	struct unit *u = tr_xcalloc(n + 1, sizeof *u);
	int nu = 0;
	for (unsigned g = 0; g < n; g++) {
		if (g == 0 || info[g].cluster != info[g - 1].cluster) {
			size_t at = info[g].cluster;
			u[nu++] = (struct unit){ .g0 = g,
				.first = char_at(text + at, off + len - at) };
		}
		u[nu - 1].g1 = g + 1;
		u[nu - 1].advance += pos[g].x_advance * b->scale;
	}
	for (int k = 0; k < nu; k++)
		u[k].last = char_before(text,
		    k + 1 < nu ? info[u[k + 1].g0].cluster : off + len);

	double ellipsis = s->dots_advance;
	int start = 0;
	while (b->lines < s->max_lines) {
		bool last_line = b->lines + 1 == s->max_lines;
		double room = s->width, x = 0;
		int end = start, brk = -1;
		for (; end < nu; end++) {
			if (end > start && tr_can_break_between(u[end - 1].last,
			    u[end].first))
				brk = end;
			if (end > start && x + u[end].advance > room &&
			    !tr_cp_is_space(u[end].first))
				break;
			x += u[end].advance;
		}
		if (end == nu && !(last_line && more)) { /* the rest fits */
			put_line(s, u, start, end, info, pos, false);
			break;
		}
		if (last_line) {        /* cut for the ellipsis */
			for (x = 0, end = start; end < nu &&
			    x + u[end].advance <= room - ellipsis; end++)
				x += u[end].advance;
			put_line(s, u, start, end, info, pos, true);
			break;
		}
		if (brk > start)
			end = brk;
		put_line(s, u, start, end, info, pos, false);
		start = end;
	}
	free(u);
	hb_buffer_destroy(buf);
}

void tr_cover_set(tr_cover_block *b, const tr_cover_face *f, double px,
    const char *text, const char *lang, double width, int max_lines)
{
	*b = (tr_cover_block){ .face = f, .scale = px / f->upem };
	struct setter s = { b, width, max_lines, 0, 0, 0 };
	/* "…" shaped as the language has it: Chinese centres the dots */
	hb_buffer_t *dots = shape(f, "\u2026", 0, 3, lang);
	if (hb_buffer_get_length(dots) == 1) {
		s.dots = hb_buffer_get_glyph_infos(dots, NULL)[0].codepoint;
		s.dots_advance = hb_buffer_get_glyph_positions(dots,
		    NULL)[0].x_advance * b->scale;
	}
	hb_buffer_destroy(dots);
	size_t off = 0, len = strlen(text);
	while (off <= len && b->lines < max_lines) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - off;
		bool cut = n > MAX_PARAGRAPH;
		if (cut) { /* a few lines' worth, at a character's start */
			n = MAX_PARAGRAPH;
			while (n > 0 && ((unsigned char)text[off + n] & 0xC0) == 0x80)
				n--;
		}
		if (n == 0) /* an empty line */
			b->lines++;
		else
			set_paragraph(&s, text, off, n, lang, cut || nl != NULL);
		if (!nl)
			break;
		off = end + 1;
	}
	b->height = b->lines * line_height(b);
}

void tr_cover_block_free(tr_cover_block *b)
{
	free(b->glyphs);
	b->glyphs = NULL;
}

/* HarfBuzz's outline callbacks, into the rasterizer: font units, y up,
 * become pixels, y down, at the glyph's place. */
struct pen {
	tr_raster *r;
	double x, y, scale;
};

#define PX(p, fx) ((p)->x + (fx) * (p)->scale)
#define PY(p, fy) ((p)->y - (fy) * (p)->scale)

static void move_to(hb_draw_funcs_t *d, void *data, hb_draw_state_t *st,
    float x, float y, void *user)
{
	(void)d, (void)st, (void)user;
	struct pen *p = data;
	tr_raster_move_to(p->r, PX(p, x), PY(p, y));
}

static void line_to(hb_draw_funcs_t *d, void *data, hb_draw_state_t *st,
    float x, float y, void *user)
{
	(void)d, (void)st, (void)user;
	struct pen *p = data;
	tr_raster_line_to(p->r, PX(p, x), PY(p, y));
}

static void quad_to(hb_draw_funcs_t *d, void *data, hb_draw_state_t *st,
    float cx, float cy, float x, float y, void *user)
{
	(void)d, (void)st, (void)user;
	struct pen *p = data;
	tr_raster_quad_to(p->r, PX(p, cx), PY(p, cy), PX(p, x), PY(p, y));
}

static void cubic_to(hb_draw_funcs_t *d, void *data, hb_draw_state_t *st,
    float c1x, float c1y, float c2x, float c2y, float x, float y,
    void *user)
{
	(void)d, (void)st, (void)user;
	struct pen *p = data;
	tr_raster_cubic_to(p->r, PX(p, c1x), PY(p, c1y), PX(p, c2x),
	    PY(p, c2y), PX(p, x), PY(p, y));
}

static void close_path(hb_draw_funcs_t *d, void *data, hb_draw_state_t *st,
    void *user)
{
	(void)d, (void)st, (void)user;
	struct pen *p = data;
	tr_raster_close(p->r);
}

static hb_draw_funcs_t *draw_funcs(void)
{
	static hb_draw_funcs_t *funcs;
	if (!funcs) {
		funcs = hb_draw_funcs_create();
		hb_draw_funcs_set_move_to_func(funcs, move_to, NULL, NULL);
		hb_draw_funcs_set_line_to_func(funcs, line_to, NULL, NULL);
		hb_draw_funcs_set_quadratic_to_func(funcs, quad_to, NULL, NULL);
		hb_draw_funcs_set_cubic_to_func(funcs, cubic_to, NULL, NULL);
		hb_draw_funcs_set_close_path_func(funcs, close_path, NULL,
		    NULL);
		hb_draw_funcs_make_immutable(funcs);
	}
	return funcs;
}

void tr_cover_draw_block(tr_raster *r, const tr_cover_block *b, double x,
    double y)
{
	for (int i = 0; i < b->n; i++) {
		struct pen p = { r, x + b->glyphs[i].x, y + b->glyphs[i].y,
			b->scale };
#if HB_VERSION_ATLEAST(7, 0, 0)
		hb_font_draw_glyph(b->face->font, b->glyphs[i].id, draw_funcs(),
		    &p);
#else
		hb_font_get_glyph_shape(b->face->font, b->glyphs[i].id,
		    draw_funcs(), &p);
#endif
		tr_raster_close(r);
	}
}
