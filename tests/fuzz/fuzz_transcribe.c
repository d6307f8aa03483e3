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
	tr_options opt = { .width = widths[flags & 7], .paper = TR_PAPER_A4,
		.no_cover = true, .epoch = 0 };
	char err[256];
	tr_text_render(doc, &opt, null, err, sizeof err);
	tr_json_render(doc, &opt, null, err, sizeof err);
	tr_epub_render(doc, &opt, null, err, sizeof err);
	/* the PDF costs tens of milliseconds: one input in eight */
	if ((flags & 0xE0) == 0xE0 && size < 4096) {
		opt.paper = (flags & 8) ? TR_PAPER_A5 : TR_PAPER_LETTER;
		tr_pdf_render(doc, &opt, null, err, sizeof err);
	}
	tr_doc_free(doc);
	return 0;
}
