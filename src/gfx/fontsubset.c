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

/* The two faces the EPUB embeds, by the language's families; the
 * names are those styles/epub.css asks for first. */
static const struct {
	const char *family;     /* the name in epub.css */
	const char *file;
	int weight;
} faces[TR_MAX_FONT_SUBSETS] = {
	{ "Transcribe Serif", "serif.otf", 400 },
	{ "Transcribe Sans", "sans-bold.otf", 700 },
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
		if (in->kind == TR_INL_RUBY)
			add_text(set, in->ruby->text);
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

static FcCharSet *charset_of(const char *pattern)
{
	FcConfig *config = tr_fonts_config();
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
	if (!pat)
		return NULL;
	FcConfigSubstitute(config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(config, pat, &res);
	FcPatternDestroy(pat);
	FcCharSet *cs = NULL, *copy = NULL;
	if (match && FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) ==
	    FcResultMatch)
		copy = FcCharSetCopy(cs);
	if (match)
		FcPatternDestroy(match);
	return copy;
}

/* How well a family suits running text beside Noto Serif: a Noto Serif
 * face first, then Noto Sans, then the rest (display styles such as
 * Kufi, Rashi or Looped last among equals by being longer names). */
static int family_rank(const char *family)
{
	if (strncmp(family, "Noto Serif ", 11) == 0)
		return 0;
	if (strncmp(family, "Noto Sans ", 10) == 0)
		return strstr(family, " UI") ? 2 : 1;
	return 3;
}

static bool better_family(const char *a, const char *b)
{
	int ra = family_rank(a), rb = family_rank(b);
	if (ra != rb)
		return ra < rb;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb;
	return strcmp(a, b) < 0;
}

/* Of the upright regular faces that have cp, the one that suits text
 * best: the same choice on every machine. */
static const FcChar8 *fallback_family(FcFontSet *set, uint32_t cp)
{
	const FcChar8 *best = NULL;
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		FcChar8 *family;
		int weight, slant;
		FcPattern *f = set->fonts[i];
		if (FcPatternGetCharSet(f, FC_CHARSET, 0, &cs) != FcResultMatch ||
		    !FcCharSetHasChar(cs, cp) ||
		    FcPatternGetString(f, FC_FAMILY, 0, &family) != FcResultMatch ||
		    FcPatternGetInteger(f, FC_WEIGHT, 0, &weight) != FcResultMatch ||
		    FcPatternGetInteger(f, FC_SLANT, 0, &slant) != FcResultMatch ||
		    weight != FC_WEIGHT_REGULAR || slant != FC_SLANT_ROMAN)
			continue;
		if (!best || better_family((const char *)family,
		    (const char *)best))
			best = family;
	}
	return best;
}

int tr_fallback_patterns(const tr_doc *doc, const char *const *main,
    int nmain, char (*out)[TR_FALLBACK_PATTERN_MAX], int max)
{
	FcCharSet *covered = FcCharSetCreate();
	for (int i = 0; i < nmain; i++) {
		FcCharSet *cs = charset_of(main[i]);
		if (cs) {
			FcCharSetMerge(covered, cs, NULL);
			FcCharSetDestroy(cs);
		}
	}
	hb_set_t *chars = hb_set_create();
	book_characters(doc, chars);
	FcFontSet *set = FcConfigGetFonts(tr_fonts_config(), FcSetSystem);
	int n = 0;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (n < max && hb_set_next(chars, &cp)) {
		if (cp < 0x80 || tr_cp_is_space(cp) ||
		    FcCharSetHasChar(covered, cp))
			continue;
		const FcChar8 *family = fallback_family(set, cp);
		if (!family)
			continue; /* no face: the glyph warning says so */
		snprintf(out[n], TR_FALLBACK_PATTERN_MAX,
		    "%s:weight=80:slant=0", (const char *)family);
		/* the family's other characters are covered now too */
		FcCharSet *cs = charset_of(out[n]);
		if (cs) {
			FcCharSetMerge(covered, cs, NULL);
			FcCharSetDestroy(cs);
		}
		FcCharSetAddChar(covered, cp);
		n++;
	}
	hb_set_destroy(chars);
	FcCharSetDestroy(covered);
	return n;
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
		const tr_faces *fx = tr_faces_for(doc->lang);
		rc = subset_face(i == 0 ? fx->pattern_text : fx->pattern_bold,
		    faces[i].weight >= 700 ? bold : chars, &f->data, err, errlen);
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
