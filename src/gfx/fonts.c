/* Fonts come from fonts/fonts.conf, not from whatever the machine has:
 * every machine then draws the same glyphs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "fonts.h"
#include "langtag.h"
#include "pdf.h"
#include "utf8.h"

#define CJK_FACES(R, pairs, latin) { "Noto Serif CJK " R, \
	"Noto Sans CJK " R, "Noto Sans Mono CJK " R, "Noto Serif", "Noto Sans", \
	"Noto Serif CJK " R ":weight=80", "Noto Sans CJK " R ":weight=200", \
	"Noto Sans Mono CJK " R ":weight=80", "Noto Serif:weight=80:slant=0", \
	"Noto Serif:weight=80:slant=100", "Noto Sans:weight=200:slant=0", \
	pairs, latin }

static const tr_faces sc = CJK_FACES("SC", true, false);
static const tr_faces tc = CJK_FACES("TC", false, false);
static const tr_faces hk = CJK_FACES("HK", false, false);
static const tr_faces jp = CJK_FACES("JP", true, false);
static const tr_faces kr = CJK_FACES("KR", true, false);
/* English and the like: Han in it is most often Simplified */
static const tr_faces latin = CJK_FACES("SC", true, true);

const tr_faces *tr_faces_for(const char *lang)
{
	switch (tr_lang_type(lang)) {
	case TR_TYPE_HANS:
		return &sc;
	case TR_TYPE_HANT:
		return &tc;
	case TR_TYPE_HANT_HK:
		return &hk;
	case TR_TYPE_JA:
		return &jp;
	case TR_TYPE_KO:
		return &kr;
	default:
		return &latin;
	}
}

FcConfig *tr_fonts_config(void)
{
	static bool done;
	static FcConfig *config;
	if (done)
		return config;
	done = true;
	char *conf = tr_data_path("fonts/fonts.conf");
	if (!conf)
		return NULL;
	config = FcConfigCreate();
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue) ||
	    !FcConfigBuildFonts(config)) {
		FcConfigDestroy(config);
		config = NULL;
	}
	free(conf);
	return config;
}

int tr_fonts_find(const char *pattern, char *path, size_t pathlen,
    int *index)
{
	FcConfig *config = tr_fonts_config();
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
	if (!pat)
		return -1;
	FcConfigSubstitute(config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(config, pat, &res);
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

void tr_fonts_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	FcConfig *config = tr_fonts_config();
	if (config)
		FcConfigSetCurrent(config);
}

/* ---- coverage --------------------------------------------------------- */

/* The faces of the pinned configuration: what Pango can fall back to.
 * A character is checked against their charsets in turn, the first
 * face (Noto Serif CJK) having almost every one: no merged set of
 * forty faces' characters need be made. */
static FcFontSet *faces(void)
{
	FcConfig *config = tr_fonts_config();
	return FcConfigGetFonts(config, FcSetSystem);
}

static bool some_face_has(FcFontSet *set, uint32_t cp)
{
	for (int i = 0; set && i < set->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) ==
		    FcResultMatch && FcCharSetHasChar(cs, cp))
			return true;
	}
	return false;
}

struct seen {
	uint32_t *cps;
	int n, cap;
};

static bool seen_before(struct seen *s, uint32_t cp)
{
	for (int i = 0; i < s->n; i++)
		if (s->cps[i] == cp)
			return true;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->cps = tr_xrealloc(s->cps, sizeof(uint32_t) * (size_t)s->cap);
	}
	s->cps[s->n++] = cp;
	return false;
}

struct walk {
	FcFontSet *fonts;
	struct seen seen;
	void (*report)(void *ctx, uint32_t cp, int line, int col);
	void *ctx;
};

/* Marks and joiners that no face needs to draw on their own. */
static bool needs_glyph(uint32_t cp)
{
	return cp >= 0x20 && !tr_cp_is_space(cp) && tr_cp_width(cp) > 0 &&
	    cp != 0xFFFD && !(cp >= 0xFE00 && cp <= 0xFE0F) &&
	    !(cp >= 0xE0100 && cp <= 0xE01EF);
}

static void check_text(struct walk *w, const char *s, int line, int col)
{
	size_t n = strlen(s), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = tr_utf8_decode(s + i, n - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		i += k;
		/* a run of 1,000 unknown characters is one report each of
		 * the distinct ones, never a quadratic search: the list of
		 * reports is capped */
		if (needs_glyph(cp) && !some_face_has(w->fonts, cp) &&
		    w->seen.n < 256 && !seen_before(&w->seen, cp))
			w->report(w->ctx, cp, line, col);
	}
}

static void check_inlines(struct walk *w, const tr_inline *in, int line,
    int col)
{
	for (; in; in = in->next) {
		if (in->text)
			check_text(w, in->text, line, col);
		check_inlines(w, in->child, line, col);
	}
}

static void check_outline(struct walk *w, const tr_outline *o)
{
	for (; o; o = o->next) {
		check_text(w, o->text, o->line, 1);
		check_outline(w, o->child);
	}
}

static void check_blocks(struct walk *w, const tr_block *b)
{
	for (; b; b = b->next) {
		check_inlines(w, b->inlines, b->line, b->col);
		if (b->text)
			check_text(w, b->text, b->line, b->col);
		if (b->outline)
			check_outline(w, b->outline);
		check_blocks(w, b->child);
	}
}

void tr_missing_glyphs(const tr_doc *doc,
    void (*report)(void *ctx, uint32_t cp, int line, int col), void *ctx)
{
	struct walk w = { faces(), { 0 }, report, ctx };
	check_text(&w, doc->title, doc->title_line, 1);
	for (int i = 0; i < doc->nspeakers; i++)
		check_text(&w, doc->speakers[i].name, doc->speakers[i].first_line,
		    1);
	for (const tr_section *s = doc->sections; s; s = s->next) {
		check_text(&w, s->title_text, s->line, 1);
		check_blocks(&w, s->blocks);
	}
	free(w.seen.cps);
}
