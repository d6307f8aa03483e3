/* For the fuzzing build, which links every backend into one program:
 * the module entries call the backends directly. */
#include "gfx.h"
#include "module.h"
#include "pdf.h"

static const tr_gfx direct = {
	.font_subsets = tr_font_subsets,
	.cover_draw = tr_cover_draw,
	.missing_glyphs = tr_missing_glyphs,
	.pdf_render = tr_pdf_render,
};

const tr_gfx *tr_gfx_load(char *err, size_t errlen)
{
	(void)err, (void)errlen;
	return &direct;
}

int tr_epub_render_lazy(const tr_doc *doc, const tr_options *opt,
    const tr_page_map *pages, FILE *out, char *err, size_t errlen)
{
	return tr_epub_render(doc, opt, pages, out, err, errlen);
}

int tr_pdf_render_lazy(const tr_doc *doc, const tr_options *opt,
    tr_page_map *pages, FILE *out, char *err, size_t errlen)
{
	return tr_pdf_render(doc, opt, pages, out, err, errlen);
}
