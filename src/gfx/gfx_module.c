/* The entry table of transcribe-gfx.so. */
#include "gfx.h"
#include "pdf.h"

const tr_gfx tr_gfx_api = {
	.font_subsets = tr_font_subsets,
	.cover_draw = tr_cover_draw,
	.missing_glyphs = tr_missing_glyphs,
	.pdf_render = tr_pdf_render,
};
