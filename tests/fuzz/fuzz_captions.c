/* libFuzzer harness for the caption readers: the first byte picks the
 * reader (WebVTT, SRT, WhisperX JSON) by the header it puts before the
 * rest, so that every input reaches the reader it is meant for; the
 * tree then goes through the text, JSON and EPUB backends.  What is
 * checked is that nothing crashes, hangs, leaks or trips a sanitizer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "diag.h"
#include "tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char *const heads[] = { "WEBVTT\n\n",
		"1\n00:00:01,000 --> 00:00:02,000\n", "{\"segments\": [", "" };
	uint8_t sel = data[0];
	const char *head = heads[sel & 3];
	data++, size--;
	size_t hn = strlen(head);
	char *buf = malloc(hn + size + 1);
	if (!buf)
		return 0;
	memcpy(buf, head, hn);
	memcpy(buf + hn, data, size);
	static FILE *null;
	if (!null)
		null = fopen("/dev/null", "wb");
	tr_diag diag;
	tr_diag_init(&diag, NULL);
	tr_parse_options popt = { .pause = (sel & 4) ? 0.5 : 0 };
	tr_doc *doc = tr_parse("fuzz.vtt", buf, hn + size, &popt, &diag);
	free(buf);
	if (!doc)
		return 0;
	tr_options opt = { .width = 40, .paper = TR_PAPER_A4, .no_cover = true,
		.epoch = 0 };
	char err[256];
	tr_text_render(doc, &opt, null, err, sizeof err);
	tr_json_render(doc, &opt, null, err, sizeof err);
	tr_epub_render(doc, &opt, NULL, null, err, sizeof err);
	tr_doc_free(doc);
	return 0;
}
