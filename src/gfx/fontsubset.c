/* --embed-fonts: the book's two faces cut down to the characters it
 * uses.  A whole Noto CJK face is over 15 MB; the subset of a long
 * transcript is a small fraction of that. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>

#include "pdf.h"
#include "fonts.h"
#include "utf8.h"

static const struct {
	const char *pattern;    /* what fontconfig is asked for */
	const char *family;     /* the name in epub.css */
	const char *file;
	int weight;
} faces[TR_MAX_FONT_SUBSETS] = {
	{ TR_PATTERN_TEXT, "Transcribe Serif", "serif.otf", 400 },
	{ TR_PATTERN_BOLD, "Transcribe Sans", "sans-bold.otf", 700 },
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

static void add_inlines(hb_set_t *set, const tr_inline *in)
{
	for (; in; in = in->next) {
		if (in->text)
			add_text(set, in->text);
		add_inlines(set, in->child);
	}
}

static void add_headings(hb_set_t *set, const tr_block *b)
{
	for (; b; b = b->next) {
		if (b->kind == TR_BLK_HEADING)
			add_inlines(set, b->inlines);
		add_headings(set, b->child);
	}
}

/* What the bold face shows: the title and the headings, the speakers'
 * labels and the words of the title page and the contents. */
static void bold_characters(const tr_doc *doc, hb_set_t *set)
{
	add_text(set, doc->title);
	for (const tr_section *s = doc->sections; s; s = s->next) {
		add_text(set, s->title_text);
		add_headings(set, s->blocks);
	}
	for (int i = 0; i < doc->nspeakers; i++)
		add_text(set, doc->speakers[i].name);
	const tr_words *w = tr_words_for(doc->lang);
	const char *words[] = { w->source, w->channel, w->date, w->speakers,
		w->outline, w->contents, w->colon, w->cover, w->titlepage,
		w->landmarks, w->start, w->pages, w->front, w->back,
		"0123456789-" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		add_text(set, words[i]);
}

/* Cuts the face fontconfig gives for pattern down to chars. */
static int subset_face(const char *pattern, hb_set_t *chars, tr_buf *out,
    char *err, size_t errlen)
{
	char path[4096];
	int index;
	if (tr_fonts_find(pattern, path, sizeof path, &index) != 0) {
		snprintf(err, errlen, "no font for %s", pattern);
		return -1;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob) {
		snprintf(err, errlen, "cannot read font %s", path);
		return -1;
	}
	hb_face_t *face = hb_face_create(blob, (unsigned)index);
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	int rc = -1;
	if (input) {
		hb_set_union(hb_subset_input_unicode_set(input), chars);
		/* keep the family names fontconfig matches on */
		hb_set_t *names = hb_subset_input_set(input,
		    HB_SUBSET_SETS_NAME_ID);
		for (unsigned id = 0; id <= 17; id++)
			hb_set_add(names, id);
		/* no hinting (readers do not use it) and no subroutines:
		 * smaller, and twice as fast to cut */
		hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING |
		    HB_SUBSET_FLAGS_DESUBROUTINIZE);
		hb_face_t *sub = hb_subset_or_fail(face, input);
		if (sub) {
			hb_blob_t *data = hb_face_reference_blob(sub);
			unsigned len;
			const char *bytes = hb_blob_get_data(data, &len);
			tr_buf_put(out, bytes, len);
			hb_blob_destroy(data);
			hb_face_destroy(sub);
			rc = 0;
		}
		hb_subset_input_destroy(input);
	}
	if (rc != 0)
		snprintf(err, errlen, "cannot subset font %s", path);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

int tr_font_subsets(const tr_doc *doc, tr_font_subset *out, int *n,
    char *err, size_t errlen)
{
	hb_set_t *chars = hb_set_create(), *bold = hb_set_create();
	book_characters(doc, chars);
	bold_characters(doc, bold);
	*n = 0;
	int rc = 0;
	for (int i = 0; i < TR_MAX_FONT_SUBSETS && rc == 0; i++) {
		tr_font_subset *f = &out[*n];
		memset(f, 0, sizeof(*f));
		rc = subset_face(faces[i].pattern, faces[i].weight >= 700 ? bold :
		    chars, &f->data, err, errlen);
		if (rc == 0) {
			snprintf(f->file, sizeof f->file, "%s", faces[i].file);
			f->family = faces[i].family;
			f->weight = faces[i].weight;
			(*n)++;
		} else {
			tr_buf_free(&f->data);
		}
	}
	hb_set_destroy(chars);
	hb_set_destroy(bold);
	return rc;
}

int tr_font_subset_to(const tr_doc *doc, const char *pattern,
    const char *const *extra, const char *path, char *err, size_t errlen)
{
	hb_set_t *chars = hb_set_create();
	book_characters(doc, chars);
	for (; extra && *extra; extra++)
		add_text(chars, *extra);
	for (uint32_t c = 0x20; c < 0x7F; c++)
		hb_set_add(chars, c);
	tr_buf data = { 0 };
	int rc = subset_face(pattern, chars, &data, err, errlen);
	hb_set_destroy(chars);
	if (rc == 0) {
		errno = 0;
		FILE *fp = fopen(path, "wb");
		int e = 0;
		if (!fp || fwrite(tr_buf_cstr(&data), 1, data.len, fp) != data.len)
			rc = -1, e = errno;
		if (fp && fclose(fp) != 0 && rc == 0)
			rc = -1, e = errno;
		if (rc != 0)
			snprintf(err, errlen, "cannot write font subset %s: %s", path,
			    strerror(e ? e : EIO));
	}
	tr_buf_free(&data);
	return rc;
}
