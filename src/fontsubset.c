/* --embed-fonts: the book's two faces cut down to the characters it
 * uses.  A whole Noto CJK face is over 15 MB; the subset of a long
 * transcript is a small fraction of that. */
#include <stdio.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>

#include "epub.h"
#include "utf8.h"

static const struct {
	const char *pattern;    /* what fontconfig is asked for */
	const char *family;     /* the name in epub.css */
	const char *file;
	int weight;
} faces[TR_MAX_FONT_SUBSETS] = {
	{ "Noto Serif CJK SC:weight=80", "Transcribe Serif", "serif.otf", 400 },
	{ "Noto Sans CJK SC:weight=200", "Transcribe Sans", "sans-bold.otf",
	  700 },
};

static void add_text(hb_set_t *set, const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = tr_utf8_decode(s + i, n - i, &cp);
		if (!len) {
			i++;
			continue;
		}
		hb_set_add(set, cp);
		i += len;
	}
}

/* Every character the book can show: its text and the words it adds. */
static void book_characters(const tr_doc *doc, hb_set_t *set)
{
	tr_buf text = { 0 };
	tr_options plain = { .width = 0 };
	tr_text_write(doc, &plain, &text);
	add_text(set, tr_buf_cstr(&text));
	tr_buf_free(&text);
	const tr_words *w = tr_words_for(doc->lang);
	const char *words[] = { w->source, w->channel, w->date, w->speakers,
		w->outline, w->contents, w->colon, w->cover, w->titlepage,
		w->landmarks, w->start, w->pages, w->front, w->back,
		w->list_sep, "0123456789-" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		add_text(set, words[i]);
}

static int find_face(const char *pattern, char *path, size_t pathlen,
    int *index)
{
	tr_fonts_init();
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(NULL, pat, &res);
	FcPatternDestroy(pat);
	FcChar8 *file = NULL;
	int rc = -1;
	if (match && FcPatternGetString(match, FC_FILE, 0, &file) ==
	    FcResultMatch) {
		snprintf(path, pathlen, "%s", (const char *)file);
		if (FcPatternGetInteger(match, FC_INDEX, 0, index) !=
		    FcResultMatch)
			*index = 0;
		rc = 0;
	}
	if (match)
		FcPatternDestroy(match);
	return rc;
}

int tr_font_subsets(const tr_doc *doc, tr_font_subset *out, int *n,
    char *err, size_t errlen)
{
	hb_set_t *chars = hb_set_create();
	book_characters(doc, chars);
	*n = 0;
	int rc = 0;
	for (int i = 0; i < TR_MAX_FONT_SUBSETS && rc == 0; i++) {
		char path[4096];
		int index;
		if (find_face(faces[i].pattern, path, sizeof path, &index) != 0) {
			snprintf(err, errlen, "no font for %s", faces[i].pattern);
			rc = -1;
			break;
		}
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
		if (!blob) {
			snprintf(err, errlen, "cannot read font %s", path);
			rc = -1;
			break;
		}
		hb_face_t *face = hb_face_create(blob, (unsigned)index);
		hb_subset_input_t *input = hb_subset_input_create_or_fail();
		hb_set_union(hb_subset_input_unicode_set(input), chars);
		/* no hinting and no glyph names: smaller, and readers do not
		 * use them */
		hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
		hb_face_t *sub = input ? hb_subset_or_fail(face, input) : NULL;
		if (!sub) {
			snprintf(err, errlen, "cannot subset font %s", path);
			rc = -1;
		} else {
			hb_blob_t *data = hb_face_reference_blob(sub);
			unsigned len;
			const char *bytes = hb_blob_get_data(data, &len);
			tr_font_subset *f = &out[(*n)++];
			memset(f, 0, sizeof(*f));
			snprintf(f->file, sizeof f->file, "%s", faces[i].file);
			f->family = faces[i].family;
			f->weight = faces[i].weight;
			tr_buf_put(&f->data, bytes, len);
			hb_blob_destroy(data);
			hb_face_destroy(sub);
		}
		if (input)
			hb_subset_input_destroy(input);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
	}
	hb_set_destroy(chars);
	return rc;
}
