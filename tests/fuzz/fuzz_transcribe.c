/* libFuzzer harness: the parser and every backend.  The first byte picks
 * the options (text width, formats, language override), the rest is the
 * transcript.  Outputs go to /dev/null: what is checked is that nothing
 * crashes, hangs, leaks or trips a sanitizer. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backend.h"
#include "diag.h"
#include "pdf.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore_glyph(void *ctx, uint32_t cp, int line, int col)
{
	(void)ctx, (void)cp, (void)line, (void)col;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t flags = data[0];
	data++, size--;
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "wb");
	tr_diag diag;
	tr_diag_init(&diag, NULL);
	tr_parse_options popt = { (flags & 0x10) ? "zh-Hant" : NULL };
	tr_doc *doc = tr_parse("fuzz.md", (const char *)data, size, &popt,
	    &diag);
	if (!doc)
		return 0;
	static const int widths[] = { 72, 0, 1, 20, 40, 80, 2, 200 };
	/* vertical for half the inputs: it changes only Chinese books */
	tr_options opt = { .width = widths[flags & 7], .paper = TR_PAPER_A4,
		.no_cover = true, .epoch = 0, .vertical = (flags & 4) != 0 };
	char err[256];
	tr_text_render(doc, &opt, null, err, sizeof err);
	tr_json_render(doc, &opt, null, err, sizeof err);
	/* the PDF, a drawn cover and embedded fonts cost tens of
	 * milliseconds: one small input in eight takes the whole way, the
	 * PDF's page map handed to the EPUB as the command line does */
	if ((flags & 0xE0) == 0xE0 && size < 4096) {
		static const tr_paper papers[] = { TR_PAPER_A4, TR_PAPER_A5,
			TR_PAPER_LETTER, TR_PAPER_A4 };
		opt.paper = papers[(flags >> 3) & 3];
		opt.no_cover = false;
		opt.embed_fonts = (flags & 8) != 0;
		tr_missing_glyphs(doc, ignore_glyph, NULL);
		tr_page_map pages = { .source = "fuzz.pdf" };
		tr_pdf_render(doc, &opt, &pages, null, err, sizeof err);
		tr_epub_render(doc, &opt, &pages, null, err, sizeof err);
		tr_page_map_free(&pages);
	} else {
		tr_epub_render(doc, &opt, NULL, null, err, sizeof err);
	}
	tr_doc_free(doc);
	return 0;
}
