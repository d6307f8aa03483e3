#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangofc-fontmap.h>

#include "fonts.h"
#include "hyphenate.h"
#include "langtag.h"
#include "pdf_layout.h"
#include "utf8.h"

struct pl_context {
	PangoFontMap *fontmap;
	PangoContext *pango;
	PangoFontDescription *face;     /* the default; runs set their own */
	bool vertical;
};

void pl_context_set_vertical(pl_context *c, bool vertical)
{
	c->vertical = vertical;
}

pl_context *pl_context_new(FcConfig *config)
{
	pl_context *c = tr_xcalloc(1, sizeof(*c));
	c->fontmap = pango_cairo_font_map_new();
	if (config && PANGO_IS_FC_FONT_MAP(c->fontmap))
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(c->fontmap),
		    config);
	c->pango = pango_font_map_create_context(c->fontmap);
	/* lines run left to right even when the text begins in Hebrew or
	 * Arabic: those runs are set right to left inside them */
	pango_context_set_base_dir(c->pango, PANGO_DIRECTION_LTR);
	/* points as units, and no hinting: PDF is scaled, not a grid */
	pango_cairo_context_set_resolution(c->pango, 72);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(c->pango, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c->pango, FALSE);
	c->face = pango_font_description_from_string(tr_faces_for(NULL)->serif);
	return c;
}

void pl_context_free(pl_context *c)
{
	if (!c)
		return;
	pango_font_description_free(c->face);
	g_object_unref(c->pango);
	g_object_unref(c->fontmap);
	free(c);
}

void pl_builder_init(pl_builder *b)
{
	memset(b, 0, sizeof(*b));
}

static void add_seg(pl_builder *b, pl_face face, int link)
{
	int end = (int)b->text.len;
	pl_seg *last = b->nsegs ? &b->segs[b->nsegs - 1] : NULL;
	if (last && last->face == face && last->link == link) {
		last->end = end;
		return;
	}
	if (b->nsegs == b->segcap) {
		b->segcap = b->segcap ? b->segcap * 2 : 2;
		b->segs = tr_xrealloc(b->segs, sizeof(pl_seg) * (size_t)b->segcap);
	}
	b->segs[b->nsegs++] = (pl_seg){ end, (unsigned char)face, link };
}

static void add_link(pl_builder *b, size_t start, const char *url,
    bool quiet)
{
	b->links = tr_xgrow(b->links, (size_t)b->nlinks, sizeof(pl_link));
	b->links[b->nlinks++] = (pl_link){ (int)start, (int)b->text.len,
		url ? tr_xstrdup(url) : NULL, quiet, NULL, NULL, 0 };
}

void pl_add(pl_builder *b, const char *s, pl_face face, const char *url)
{
	size_t start = b->text.len;
	tr_buf_puts(&b->text, s);
	if (b->text.len == start)
		return;
	if (url)
		add_link(b, start, url, false);
	add_seg(b, face, url ? b->nlinks : 0);
}

void pl_add_quiet(pl_builder *b, const char *s, const char *url)
{
	size_t start = b->text.len;
	tr_buf_puts(&b->text, s);
	if (b->text.len == start)
		return;
	add_link(b, start, url, true);
	add_seg(b, PL_SERIF, b->nlinks);
}

void pl_add_ruby(pl_builder *b, const char *base, pl_face face,
    const char *url, const char *annotation)
{
	size_t start = b->text.len;
	pl_add(b, base, face, url);
	if (b->text.len == start || !*annotation)
		return;
	add_link(b, start, NULL, false);
	b->links[b->nlinks - 1].ruby = tr_xstrdup(annotation);
}

/* ---- Latin in a Latin face ---------------------------------------------- */

enum script_class { NEUTRAL, LATIN, CJK };

static enum script_class class_of(uint32_t cp)
{
	if ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
	    (cp | 0x20) <= 'z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 &&
	    cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F) ||
	    /* list bullets, drawn from the Latin face: the CJK one's are
	     * small */
	    cp == 0x2022 || cp == 0x25E6 || cp == 0x2013)
		return LATIN;
	if (tr_cp_is_cjk(cp) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	    (cp >= 0xAC00 && cp <= 0xD7AF))
		return CJK;
	return NEUTRAL;
}

/* Calls add(start, end) for each stretch of the text that is set in the
 * Latin face: its letters and digits, and the punctuation and spaces
 * between them.  Punctuation beside a Han character (“ ” ’ — … · and
 * the like) stays with the Han face, which draws it full width, as
 * Chinese text wants; beside Latin only it takes the Latin glyph. */
static void latin_runs(const char *text, void (*add)(void *, int, int),
    void *ctx)
{
	size_t n = strlen(text), i = 0;
	int first = -1, last = -1;  /* the run's first and last Latin letter */
	int run_start = 0;          /* after the last CJK character */
	bool after_cjk = false;
	while (i <= n) {
		uint32_t cp = 0;
		size_t k = i < n ? tr_utf8_decode(text + i, n - i, &cp) : 0;
		enum script_class c = i < n ? class_of(cp) : CJK;
		if (c == LATIN) {
			if (first < 0)
				first = (int)i;
			last = (int)(i + k);
		} else if (c == CJK) {
			if (first >= 0) {
				/* neutrals at the text's edges go with the
				 * Latin; beside a Han character, with the Han */
				int a = after_cjk ? first : run_start;
				int z = i < n ? last : (int)n;
				add(ctx, a, z);
			}
			first = last = -1;
			after_cjk = i < n;
			run_start = (int)(i + k);
		}
		if (i == n)
			break;
		i += k ? k : 1;
	}
}

/* The segments as Pango attributes: a family, a weight and a style
 * each, the Latin face over the Latin in them, and the colour of a
 * link or a time, which also keeps their glyphs in runs of their
 * own. */
struct latin_ctx {
	PangoAttrList *attrs;
	const pl_para *p;
	const tr_faces *fx;
};

static const pl_seg *seg_at(const pl_para *p, int off)
{
	for (int i = 0; i < p->nsegs; i++)
		if (off < p->segs[i].end)
			return &p->segs[i];
	return NULL;
}

static void insert(PangoAttrList *attrs, PangoAttribute *a, int start,
    int end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

/* A Latin run, cut where the segments change face. */
static void add_latin(void *ctx, int start, int end)
{
	struct latin_ctx *l = ctx;
	const pl_para *p = l->p;
	int at = start;
	while (at < end) {
		const pl_seg *sg = seg_at(p, at);
		if (!sg)
			break;
		int to = sg->end < end ? sg->end : end;
		pl_face face = (pl_face)sg->face;
		if (face != PL_MONO) {
			bool sans = face == PL_SANS || face == PL_SANS_BOLD;
			insert(l->attrs, pango_attr_family_new(sans ?
			    l->fx->latin_sans : l->fx->latin_serif), at, to);
			/* Noto Serif's x-height is 4% over the CJK face's
			 * Latin, made to sit with Han */
			if (!l->fx->latin_first && !sans)
				insert(l->attrs, pango_attr_size_new_absolute(
				    (int)lround(p->style.size * 0.96 *
				    PANGO_SCALE)), at, to);
			if (face == PL_EMPH)
				insert(l->attrs, pango_attr_style_new(
				    PANGO_STYLE_ITALIC), at, to);
		}
		at = to;
	}
}

/* A digit alone among Han stands upright in a column; two are set
 * across, both in one em (tate-chu-yoko: set_para gives the pair an em,
 * pl_draw_line turns it upright). */
static void upright_numbers(PangoAttrList *attrs, const char *text)
{
	size_t at = 0, from, to, len = strlen(text);
	while (tr_next_upright_number(text, len, &at, &from, &to))
		if (to - from == 1)
			insert(attrs, pango_attr_gravity_new(PANGO_GRAVITY_EAST),
			    (int)from, (int)to);
}

static PangoAttrList *seg_attrs(const pl_para *p)
{
	const tr_faces *fx = tr_faces_for(p->style.lang);
	PangoAttrList *attrs = pango_attr_list_new();
	pango_attr_list_insert(attrs, pango_attr_language_new(
	    pango_language_from_string(p->style.lang)));
	int start = 0;
	for (int i = 0; i < p->nsegs; i++) {
		const pl_seg *sg = &p->segs[i];
		pl_face face = (pl_face)sg->face;
		insert(attrs, pango_attr_weight_new(face == PL_SERIF_BOLD ||
		    face == PL_SANS_BOLD ? PANGO_WEIGHT_BOLD :
		    PANGO_WEIGHT_NORMAL), start, sg->end);
		insert(attrs, pango_attr_family_new(face == PL_MONO ? fx->mono :
		    face == PL_SANS || face == PL_SANS_BOLD ? fx->sans :
		    fx->serif), start, sg->end);
		if (sg->link)
			insert(attrs, p->links[sg->link - 1].quiet ?
			    pango_attr_foreground_new(0x5959, 0x5959, 0x5959) :
			    pango_attr_foreground_new(0x1d1d, 0x3f3f, 0x7373),
			    start, sg->end);
		start = sg->end;
	}
	struct latin_ctx l = { attrs, p, fx };
	latin_runs(p->text, add_latin, &l);
	if (p->style.vertical)
		upright_numbers(attrs, p->text);
	return attrs;
}

/* ---- per-cluster measures --------------------------------------------- */

struct cluster {
	int off;            /* byte offset of its first character */
	uint32_t cp;        /* its first character */
	int width;          /* advance, Pango units, as shaped */
	int extra;          /* added after it (Han-Latin space, justify) */
	int trim_left;      /* removed from its left (opening punctuation) */
	int trim_right;     /* removed from its right (closing punctuation) */
	bool forced;        /* a hard line break comes before it */
	bool centred;       /* a centred mark (Taiwan): no empty half */
	bool hyphen;        /* a word may break before it, with a hyphen */
	bool joined;        /* the next is of the same ruby base: no break,
	                     * no stretch */
	int shrink;         /* a word space: what it may give up */
};

static bool is_han_like(uint32_t cp)
{
	return tr_cp_lb_class(cp) == TR_LB_IDEO;
}

static bool is_latin_like(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' &&
	    (cp | 0x20) <= 'z') || (cp >= 0xC0 && cp < 0x250);
}

/* Full-width punctuation whose glyph fills half its em box. */
static bool is_cjk_close(uint32_t cp)
{
	return tr_cp_lb_class(cp) == TR_LB_CLOSE &&
	    (cp >= 0x3000 || cp == 0x201D || cp == 0x2019);
}

static bool is_cjk_open(uint32_t cp)
{
	return tr_cp_lb_class(cp) == TR_LB_OPEN &&
	    (cp >= 0x3000 || cp == 0x201C || cp == 0x2018);
}

/* Part of a word in a Western script: a letter, a digit, or a mark
 * inside or around one (hyphen, apostrophe, period). */
static bool in_word(uint32_t cp)
{
	return cp > ' ' && cp < 0x2000 && !tr_cp_is_space(cp);
}

/* The share of a line's slack the gap after cluster k takes, in the
 * order clreq and jlreq adjust a line: word spaces and the space where
 * Han meets Latin first, then beside full-width punctuation, last
 * between ideographs.  None inside a word: letter-spaced Latin reads
 * badly.  Spread between ideographs reads as letter-spacing, and text
 * extraction reads it as spaces between words. */
#define WIDE_STRETCH 4

static int stretch_after(const struct cluster *cl, int k, size_t glue)
{
	uint32_t a = cl[k].cp, b = cl[k + 1].cp;
	if ((size_t)cl[k + 1].off <= glue || cl[k].joined) /* a speaker's
	                                      * name, a ruby base */
		return 0;
	if (tr_cp_is_space(b) || (in_word(a) && in_word(b)))
		return 0;
	if (tr_cp_is_space(a) && cl[k].width && cl[k].trim_right == cl[k].width)
		return 1; /* a space dropped between Han: as between Han */
	if (tr_cp_is_space(a) || (is_han_like(a) && is_latin_like(b)) ||
	    (is_latin_like(a) && is_han_like(b)))
		return WIDE_STRETCH;
	if (is_cjk_close(a) || is_cjk_open(b))
		return 2;
	return 1;
}

/* A share of stretch: a sixteenth of an em for an even line (from a
 * tenth, pdftotext reads the gap as a space), a quarter em at most: a
 * line that needs more stays unjustified. */
#define EVEN_STRETCH(em) ((em) / 16)
#define MAX_STRETCH(em) ((em) / 4)

static int em_units(const pl_style *st)
{
	return (int)lround(st->size * PANGO_SCALE);
}

/* Set full width, not a proportional glyph: full-width punctuation has
 * an empty half to give up. */
/* Marks Taiwan's and Hong Kong's faces centre in the em box: nothing to
 * take from either side. */
static bool centred_mark(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B ||
	    cp == 0xFF1A || cp == 0xFF01 || cp == 0xFF1F;
}

static bool wide(const struct cluster *c, int em)
{
	if (c->centred)
		return false;
	return c->width >= em * 3 / 4;
}

/* Compression where two marks meet (clreq 3.1.6): a closing mark before
 * another mark loses its empty right half; an opening mark after an
 * opening mark loses its empty left half. */
/* A full-width character: Han, kana, CJK punctuation, or a quote or
 * dash the CJK face draws a full em wide. */
static bool cjk_cluster(const struct cluster *c, int em)
{
	return tr_cp_is_cjk(c->cp) || (c->cp >= 0xFF00 && c->cp <= 0xFFEF) ||
	    (c->width >= em * 3 / 4 && c->cp >= 0x2010 && c->cp <= 0x2026);
}

/* Spaces the source puts beside Han, as xeCJK treats them: none between
 * two full-width characters, and where Han meets Latin the same quarter
 * em as where the source has no space.  The space stays in the text:
 * copied text keeps the source's characters. */
static void cjk_spaces(struct cluster *cl, int n, int em)
{
	for (int k = 1; k + 1 < n; k++) {
		struct cluster *c = &cl[k];
		if (c->cp != ' ' || cl[k + 1].forced)
			continue;
		bool a = cjk_cluster(&cl[k - 1], em), b = cjk_cluster(&cl[k + 1], em);
		bool la = is_latin_like(cl[k - 1].cp), lb = is_latin_like(cl[k + 1].cp);
		if (a && b) {
			c->trim_right = c->width;
		} else if ((a && lb) || (la && b)) {
			int quarter = em / 4;
			if (c->width > quarter)
				c->trim_right = c->width - quarter;
			else
				c->extra += quarter - c->width;
		}
	}
}

static void compress_pairs(struct cluster *cl, int n, int em)
{
	for (int k = 0; k + 1 < n; k++) {
		uint32_t a = cl[k].cp, b = cl[k + 1].cp;
		if (!wide(&cl[k], em))
			continue; /* already narrow: a proportional glyph */
		if (is_cjk_close(a) && (is_cjk_close(b) || is_cjk_open(b)))
			cl[k].trim_right = cl[k].width / 2;
		else if (is_cjk_open(a) && is_cjk_open(b) && wide(&cl[k + 1], em))
			cl[k + 1].trim_left = cl[k + 1].width / 2;
	}
}

static int set_width(const struct cluster *c)
{
	return c->width + c->extra - c->trim_left - c->trim_right;
}

/* ---- the line breaker ------------------------------------------------- */

static bool can_break_before(const struct cluster *cl, int k, size_t glue)
{
	if (k == 0 || (size_t)cl[k].off <= glue || cl[k - 1].joined)
		return false;
	return tr_can_break_between(cl[k - 1].cp, cl[k].cp);
}

struct span {
	int first, last;    /* clusters [first, last) */
	bool justify;
	bool hyphen;        /* ends inside a word, with a hyphen */
};

/* Full-width punctuation may give up its empty half inside a line when
 * that is what lets the line fit (clreq 3.1.6, compression). */
static bool squeezable(const struct cluster *c, int em)
{
	return (is_cjk_close(c->cp) || is_cjk_open(c->cp)) && wide(c, em) &&
	    !c->trim_left && !c->trim_right;
}

/* What a cluster can give up to let its line fit: the empty half of
 * full-width punctuation, or a word space's shrink in Latin text. */
static int squeeze_room(const struct cluster *c, int em)
{
	return squeezable(c, em) ? c->width / 2 : c->shrink;
}
/* The measure less the first line's indent or the others' hang. */
static int line_room(const pl_style *st, bool first_line)
{
	return (int)lround((st->width - (first_line ? st->indent :
	    st->hang)) * PANGO_SCALE);
}

/* What the breaker fills: at least four ems, so that every line takes
 * something however narrow the measure. */
static int room_for(const pl_style *st, bool first_line, int em)
{
	int room = line_room(st, first_line);
	return room < 4 * em ? 4 * em : room;
}

/* A line [first, last) measured as it will be set: no trailing spaces,
 * an opening mark at its start and a closing mark at its end lose their
 * empty halves, nothing is added after its last character. */
struct measure {
	long long natural, gaps, squeeze; /* squeeze: what compression frees */
	int chars;                      /* letters and ideographs */
};

/* What the breaker asks of the clusters, worked out once (the classes
 * are table searches, and a cluster is asked about for every line it
 * might end): running totals, so that sums[k] covers clusters [0, k)
 * and any line measures in constant time, and what cluster k is. */
enum { IS_SPACE = 1, OPENS = 2, CLOSES = 4, BREAK_BEFORE = 8,
	HYPHEN_BEFORE = 16 };

struct sums {
	long long width, gaps, squeeze; /* a paragraph may be megabytes */
	int chars;
	unsigned char is;       /* of cluster k: IS_SPACE ... */
};

static struct sums *running_sums(const struct cluster *cl, int n, int em,
    size_t glue)
{
	struct sums *t = tr_xmalloc(sizeof(*t) * (size_t)(n + 1));
	t[0] = (struct sums){ 0, 0, 0, 0, 0 };
	for (int k = 0; k < n; k++) {
		tr_lb_class c = tr_cp_lb_class(cl[k].cp);
		t[k].is = (tr_cp_is_space(cl[k].cp) ? IS_SPACE : 0) |
		    (is_cjk_open(cl[k].cp) && wide(&cl[k], em) ? OPENS : 0) |
		    (is_cjk_close(cl[k].cp) && wide(&cl[k], em) ? CLOSES : 0) |
		    (can_break_before(cl, k, glue) ? BREAK_BEFORE :
		    cl[k].hyphen && (size_t)cl[k].off > glue &&
		    !(k > 0 && cl[k - 1].joined) ?
		    BREAK_BEFORE | HYPHEN_BEFORE : 0);
		t[k + 1] = (struct sums){
			t[k].width + set_width(&cl[k]),
			t[k].gaps + (k + 1 < n ? stretch_after(cl, k, glue) : 0),
			t[k].squeeze + squeeze_room(&cl[k], em),
			t[k].chars + (c == TR_LB_IDEO || c == TR_LB_OTHER),
			0,
		};
	}
	return t;
}

/* The first cluster of a line after a break before k: the spaces that
 * ended the line before do not begin this one. */
static int line_start(const struct cluster *cl, const struct sums *t, int n,
    int k)
{
	while (k < n && (t[k].is & IS_SPACE) && !cl[k].forced)
		k++;
	return k;
}

static struct measure measure_line(const struct cluster *cl,
    const struct sums *t, int first, int last)
{
	while (last > first && (t[last - 1].is & IS_SPACE))
		last--;
	if (last == first)
		return (struct measure){ 0, 0, 0, 0 };
	struct measure m = {
		t[last].width - t[first].width,
		t[last - 1].gaps - t[first].gaps,
		/* not the first or last: their halves go anyway */
		last - first > 2 ? t[last - 1].squeeze - t[first + 1].squeeze : 0,
		t[last].chars - t[first].chars,
	};
	const struct cluster *a = &cl[first], *z = &cl[last - 1];
	if ((t[first].is & OPENS) && !a->trim_left)
		m.natural -= a->width / 2;
	if (last - 1 > first && (t[last - 1].is & CLOSES) && !z->trim_right)
		m.natural -= z->width / 2;
	m.natural -= z->extra;
	return m;
}

/* Demerits of a line, TeX's way: badness 100 r^3, where r is the
 * stretch used over the even stretch, or twice the compression used
 * over the compression there is.  A line looser than the most stretch stays
 * unjustified and costs far more than any; a paragraph's last line is
 * free unless it holds one character alone. */
#define TOO_LOOSE 1e7
/* Han spread past a sixteenth of an em: avoided, though less than a
 * lone last character */
#define SOFTLY_LOOSE 3e4
#define LONE_CHARACTER 1e5
#define SPLIT_RUN 1e9

static double demerits(const struct measure *m, int room, int em,
    int max_share, int soft_share, bool ends_paragraph, bool ends_segment)
{
	double r = 0, most = 1, soft = 1e30;
	if (m->natural > room) {
		/* compression counts double: a mark set half width beside
		 * full-width ones shows more than a little more space */
		most = 2;
		r = 2.0 * (m->natural - room) / m->squeeze;
	} else if (!ends_segment && m->natural < room) {
		most = (double)max_share / EVEN_STRETCH(em);
		soft = (double)soft_share / EVEN_STRETCH(em);
		/* no gap to spread: as loose as its emptiness, so that a
		 * label and half a word are no line */
		r = (double)(room - m->natural) /
		    ((m->gaps ? m->gaps : 1) * EVEN_STRETCH(em));
	}
	double d = 10 + 100 * (r > most ? most * most * most : r * r * r);
	d *= d;
	if (r > most)
		d += TOO_LOOSE * r;
	else if (r > soft)
		d += SOFTLY_LOOSE * (r - soft);
	if (ends_paragraph && m->chars < 2)
		d += LONE_CHARACTER;
	return d;
}

/* TeX's \hyphenpenalty 50 and \doublehyphendemerits 10000; a third
 * hyphenated line in a row only where nothing else can be done. */
#define HYPHEN_DEMERITS (50.0 * 50.0)
#define DOUBLE_HYPHEN_DEMERITS 10000.0
#define TRIPLE_HYPHEN_DEMERITS 1e8

/* A title's lines, the last too, cost the square of what they leave
 * empty, and each line a constant: the fewest lines, of even length. */
static double balance_demerits(const struct measure *m, int room, int em,
    bool ends_paragraph)
{
	double empty = (double)(room - m->natural) / em;
	double d = 1e5 + 100 * empty * empty;
	if (ends_paragraph && m->chars < 2)
		d += LONE_CHARACTER;
	return d;
}

/* A title broken between two ideographs ("对｜话") where a space or a
 * punctuation mark would do. */
#define BETWEEN_IDEOGRAPHS 1e6

struct path {
	double *best;
	int *from;
	unsigned char *hyphens; /* hyphenated lines in a row ending there */
};

static void relax(struct path *pt, int i, int k, double d, bool hyphen)
{
	if (hyphen) {
		d += HYPHEN_DEMERITS;
		if (pt->hyphens[i] >= 2)
			d += TRIPLE_HYPHEN_DEMERITS;
		else if (pt->hyphens[i] == 1)
			d += DOUBLE_HYPHEN_DEMERITS;
	}
	if (pt->best[k] < 0 || pt->best[i] + d < pt->best[k]) {
		pt->best[k] = pt->best[i] + d;
		pt->from[k] = i;
		pt->hyphens[k] = hyphen ? (unsigned char)(pt->hyphens[i] + 1) : 0;
	}
}

/* Total fit (Knuth and Plass, as TeX breaks paragraphs): of all the ways
 * to break the paragraph at its opportunities, the one whose lines are
 * evenest.  A long Latin word then costs the lines before it a little
 * spacing instead of leaving one unjustified, and a last line of one
 * character is pulled up by compressing punctuation.  Each line is
 * tried from every break that starts one, as far as the measure:
 * linear in the clusters times the characters of a line. */
static struct span *break_lines(struct cluster *cl, int n, const pl_style *st,
    size_t glue, int hyphen_width, int max_share, int *nspans)
{
	int em = em_units(st);
	/* Han text: a line that needs more than a sixteenth of an em
	 * between ideographs is one the breaker avoids if it can (not at
	 * the price of a lone last character), though it is still
	 * justified when it cannot */
	int breaker_share = tr_lang_type(st->lang) == TR_TYPE_LATIN ?
	    max_share : EVEN_STRETCH(em);
	struct sums *sums = running_sums(cl, n, em, glue);
	double *best = tr_xmalloc(sizeof(double) * (size_t)(n + 1));
	int *from = tr_xmalloc(sizeof(int) * (size_t)(n + 1));
	unsigned char *hyphens = tr_xcalloc((size_t)n + 1, 1);
	struct path pt = { best, from, hyphens };
	for (int k = 0; k <= n; k++)
		best[k] = -1; /* not reached */
	best[0] = 0;
	from[0] = -1;
	for (int i = 0; i < n; i++) {
		if (best[i] < 0)
			continue;
		int first = i == 0 ? 0 : line_start(cl, sums, n, i);
		int room = room_for(st, i == 0, em);
		int width = 0;
		if (first == n) { /* only spaces left */
			relax(&pt, i, n, 0, false);
			continue;
		}
		bool reached = false;   /* a break within the measure */
		for (int k = first; k <= n; k++) {
			bool forced = k > first && k < n && cl[k].forced;
			bool end = k == n || forced;
			if (k > first && (end || (sums[k].is & BREAK_BEFORE))) {
				struct measure m = measure_line(cl, sums, first, k);
				bool hyphen = !end && (sums[k].is & HYPHEN_BEFORE);
				if (hyphen)
					m.natural += hyphen_width;
				bool fits = m.natural - m.squeeze <= room;
				if (!fits && reached)
					break; /* past the measure */
				/* an overfull line only when nothing else is left */
				double d = !fits ? SPLIT_RUN : st->balance ?
				    balance_demerits(&m, room, em, k == n) :
				    demerits(&m, room, em, max_share, breaker_share,
				    k == n, end);
				if (st->balance && k < n && is_han_like(cl[k - 1].cp) &&
				    is_han_like(cl[k].cp))
					d += BETWEEN_IDEOGRAPHS;
				relax(&pt, i, k, d, hyphen);
				reached = true;
				if (end || !fits)
					break;
			}
			if (k == n)
				break;
			if (!reached && k > first && !(sums[k].is & IS_SPACE) &&
			    width + set_width(&cl[k]) > room) {
				/* no break in reach: split the run where it
				 * overflows, as a last resort */
				relax(&pt, i, k, SPLIT_RUN, false);
				break;
			}
			width += set_width(&cl[k]);
		}
	}
	/* the chosen breaks, from the end back */
	int count = 0;
	for (int k = n; k > 0; k = from[k])
		count++;
	struct span *spans = tr_xmalloc(sizeof(*spans) * (size_t)(count ? count : 1));
	for (int k = n, j = count; k > 0; k = from[k]) {
		int i = from[k];
		spans[--j] = (struct span){ i == 0 ? 0 :
			line_start(cl, sums, n, i), k, k < n && !cl[k].forced,
			k < n && !cl[k].forced && (sums[k].is & HYPHEN_BEFORE) };
	}
	/* an opening mark at a line start loses its left half */
	for (int j = 0; j < count; j++) {
		struct cluster *a = &cl[spans[j].first];
		if (spans[j].first < n && is_cjk_open(a->cp) && wide(a, em))
			a->trim_left = a->width / 2;
	}
	free(sums);
	free(best);
	free(from);
	free(hyphens);
	*nspans = count;
	return spans;
}

/* A line too wide by need (the breaker chose it knowing it could be
 * compressed): the full-width punctuation inside it gives up its empty
 * halves, each in proportion, together exactly need.  Returns what was
 * taken. */
static int squeeze_line(struct cluster *cl, int first, int last, int need,
    int em)
{
	long long avail = 0, seen = 0;
	for (int k = first + 1; k < last - 1; k++)
		avail += squeeze_room(&cl[k], em);
	if (avail == 0)
		return 0;
	if (need > avail)
		need = (int)avail;
	for (int k = first + 1; k < last - 1; k++) {
		int room = squeeze_room(&cl[k], em);
		if (!room)
			continue;
		long long before = need * seen / avail;
		seen += room;
		int cut = (int)(need * seen / avail - before);
		if (is_cjk_open(cl[k].cp))
			cl[k].trim_left = cut;
		else
			cl[k].trim_right = cut;
	}
	return need;
}

/* ---- glyph adjustment ------------------------------------------------- */

/* Cluster index of each byte, for mapping glyphs back to clusters. */
static int *cluster_of_bytes(const struct cluster *cl, int n, int len)
{
	int *map = tr_xmalloc(sizeof(int) * (size_t)(len + 1));
	int k = 0;
	for (int i = 0; i <= len; i++) {
		while (k + 1 < n && cl[k + 1].off <= i)
			k++;
		map[i] = k;
	}
	return map;
}

static void adjust_glyphs(PangoGlyphItem *gi, const struct cluster *cl,
    const int *map)
{
	PangoGlyphString *gs = gi->glyphs;
	for (int g = 0; g < gs->num_glyphs; g++) {
		int k = map[gi->item->offset + gs->log_clusters[g]];
		bool first_of_cluster = g == 0 ||
		    gs->log_clusters[g - 1] != gs->log_clusters[g];
		bool last_of_cluster = g + 1 == gs->num_glyphs ||
		    gs->log_clusters[g + 1] != gs->log_clusters[g];
		if (first_of_cluster && cl[k].trim_left) {
			gs->glyphs[g].geometry.x_offset -= cl[k].trim_left;
			gs->glyphs[g].geometry.width -= cl[k].trim_left;
		}
		if (last_of_cluster)
			gs->glyphs[g].geometry.width += cl[k].extra -
			    cl[k].trim_right;
	}
}

/* A new glyph item for the bytes [from, to) of gi.  Lines take their
 * runs in order, so *cursor (the first glyph not yet taken) makes the
 * slicing of a whole paragraph linear, where pango_glyph_item_split
 * moves the rest of the run each time. */
/* A run of Hebrew or Arabic: its glyphs run right to left. */
static bool rtl(const PangoGlyphItem *gi)
{
	return gi->item->analysis.level & 1;
}

static int compare_items(const void *a, const void *b)
{
	const PangoGlyphItem *x = *(PangoGlyphItem *const *)a;
	const PangoGlyphItem *y = *(PangoGlyphItem *const *)b;
	return (x->item->offset > y->item->offset) -
	    (x->item->offset < y->item->offset);
}

/* A line's runs, cut in logical order, into the order they are drawn:
 * each stretch of right-to-left runs reversed (the lines themselves run
 * left to right). */
static void visual_order(PangoGlyphItem **runs, int n)
{
	for (int a = 0; a < n;) {
		if (!rtl(runs[a])) {
			a++;
			continue;
		}
		int b = a;
		while (b < n && rtl(runs[b]))
			b++;
		for (int i = a, j = b - 1; i < j; i++, j--) {
			PangoGlyphItem *t = runs[i];
			runs[i] = runs[j];
			runs[j] = t;
		}
		a = b;
	}
}

static PangoGlyphItem *slice(const PangoGlyphItem *gi, const char *text,
    int from, int to, int *cursor)
{
	const PangoGlyphString *gs = gi->glyphs;
	int off = gi->item->offset;
	int g0, g1;
	if (rtl(gi)) {
		/* glyphs in visual order: the logical end comes first */
		g0 = 0;
		while (g0 < gs->num_glyphs && off + gs->log_clusters[g0] >= to)
			g0++;
		g1 = g0;
		while (g1 < gs->num_glyphs && off + gs->log_clusters[g1] >= from)
			g1++;
	} else {
		g0 = *cursor;
		while (g0 < gs->num_glyphs && off + gs->log_clusters[g0] < from)
			g0++;
		g1 = g0;
		while (g1 < gs->num_glyphs && off + gs->log_clusters[g1] < to)
			g1++;
		*cursor = g1;
	}
	PangoGlyphItem *r = g_slice_new0(PangoGlyphItem);
	r->item = pango_item_copy(gi->item);
	r->item->offset = from;
	r->item->length = to - from;
	r->item->num_chars = (int)g_utf8_strlen(text + from, to - from);
	r->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(r->glyphs, g1 - g0);
	for (int g = g0; g < g1; g++) {
		r->glyphs->glyphs[g - g0] = gs->glyphs[g];
		r->glyphs->log_clusters[g - g0] = gs->log_clusters[g] -
		    (from - off);
	}
	r->y_offset = gi->y_offset;
	return r;
}

/* ---- hyphenation ------------------------------------------------------- */

static bool word_letter(uint32_t cp)
{
	return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
	    (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

/* The hyphen as the face of item draws it. */
static PangoGlyphString *shape_hyphen(const PangoItem *item)
{
	PangoGlyphString *g = pango_glyph_string_new();
	pango_shape("-", 1, &item->analysis, g);
	return g;
}

/* Marks where the words of a paragraph in a Latin-script language may
 * break with a hyphen, by the language's patterns; returns the width of
 * the hyphen (0 when nothing is hyphenated).  Words in capitals
 * (acronyms) and words beside digits stay whole. */
/* A word inside an address, a path or a file name ("example.com",
 * "a/b", "x@y") stays whole: its token holds one of / @ or a period
 * between letters. */
static bool in_address(const char *text, int from, int to)
{
	int a = from, z = to, len = (int)strlen(text);
	while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n')
		a--;
	while (z < len && text[z] != ' ' && text[z] != '\n')
		z++;
	for (int i = a; i < z; i++)
		if (text[i] == '/' || text[i] == '@' || text[i] == '_' ||
		    (text[i] == '.' && i + 1 < z &&
		    word_letter((unsigned char)text[i + 1])))
			return true;
	return false;
}

static int mark_hyphens(struct cluster *cl, int n, const pl_para *p,
    PangoGlyphItem **items, int nitems)
{
	const char *text = p->text, *lang = p->style.lang;
	if (tr_lang_type(lang) != TR_TYPE_LATIN)
		return 0;
	const hy_dict *hy = hy_for(lang);
	if (!hy)
		return 0;
	bool any = false;
	for (int a = 0; a < n;) {
		if (!word_letter(cl[a].cp)) {
			a++;
			continue;
		}
		int b = a, upper = 0;
		while (b < n && word_letter(cl[b].cp))
			upper += cl[b].cp < 0x80 && cl[b].cp >= 'A' &&
			    cl[b].cp <= 'Z', b++;
		bool digits = (a > 0 && cl[a - 1].cp >= '0' && cl[a - 1].cp <= '9') ||
		    (b < n && cl[b].cp >= '0' && cl[b].cp <= '9');
		/* a part of a compound breaks at its own hyphen only, as in
		 * TeX: member-supported, never member-sup-ported */
		bool compound = (a > 0 && (cl[a - 1].cp == '-' ||
		    cl[a - 1].cp == 0x2010)) || (b < n && (cl[b].cp == '-' ||
		    cl[b].cp == 0x2010));
		int from = cl[a].off, to = b < n ? cl[b].off : (int)strlen(text);
		const pl_seg *sg = seg_at(p, from);
		if (b - a >= 5 && upper < 2 && !digits && !compound &&
		    to - from <= 100 &&
		    !(sg && sg->face == PL_MONO) && !in_address(text, from, to)) {
			bool before[101] = { false };
			hy_points(hy, text + from, (size_t)(to - from), before);
			for (int k = a + 1; k < b; k++)
				if (before[cl[k].off - from])
					cl[k].hyphen = any = true;
		}
		a = b;
	}
	if (!any)
		return 0;
	for (int i = 0; i < nitems; i++) {
		uint32_t cp = 0;
		const PangoItem *it = items[i]->item;
		tr_utf8_decode(text + it->offset, (size_t)it->length, &cp);
		if (word_letter(cp)) {
			PangoGlyphString *g = shape_hyphen(it);
			int w = pango_glyph_string_get_width(g);
			pango_glyph_string_free(g);
			return w;
		}
	}
	return 0;
}

/* The most one share of stretch may take.  In a Latin-script language
 * a word space stays under 0.45 em (its natural width is about 0.26):
 * a line that needs more is avoided, hyphenated or left unjustified. */
#define MAX_WORD_SPACE(em) ((em) * 45 / 100)

static int max_stretch_share(const struct cluster *cl, int n,
    const char *lang, int em)
{
	if (tr_lang_type(lang) != TR_TYPE_LATIN)
		return MAX_STRETCH(em);
	int space = em * 26 / 100;
	for (int k = 0; k < n; k++)
		if (cl[k].cp == ' ') {
			space = cl[k].width;
			break;
		}
	int share = (MAX_WORD_SPACE(em) - space) / WIDE_STRETCH;
	return share > 1 ? share : 1;
}

/* Word spaces in Latin text shrink to a fifth of an em at most, as
 * TeX's do (a third less its shrink of a ninth). */
static void shrink_spaces(struct cluster *cl, int n, const char *lang,
    int em)
{
	if (tr_lang_type(lang) != TR_TYPE_LATIN)
		return;
	for (int k = 1; k + 1 < n; k++)
		if (cl[k].cp == ' ' && !cl[k].trim_right && !cl[k].extra &&
		    cl[k].width > em / 5)
			cl[k].shrink = cl[k].width - em / 5;
}

/* ---- layout ------------------------------------------------------------ */

/* In a column an upright number sits among Han as Han does: no quarter
 * em beside it, and the source's spaces round it set nothing; a pair of
 * digits takes one em, whole. */
static void upright_cells(struct cluster *cl, int n, const char *text, int em)
{
	size_t at = 0, from, to, len = strlen(text);
	int k = 0;
	while (tr_next_upright_number(text, len, &at, &from, &to)) {
		while (k < n && (size_t)cl[k].off < from)
			k++;
		int last = k;
		while (last + 1 < n && (size_t)cl[last + 1].off < to)
			last++;
		if (k >= n)
			break;
		if (k > 0) {
			struct cluster *b = &cl[k - 1];
			if (b->cp == ' ' && !b->forced)
				b->trim_right = b->width, b->extra = 0;
			else if (is_han_like(b->cp))
				b->extra = 0;
		}
		if (last + 1 < n) {
			struct cluster *a = &cl[last + 1];
			if (a->cp == ' ' && !a->forced)
				a->trim_right = a->width, a->extra = 0;
		}
		cl[last].extra = 0;
		if (last == k + 1) {
			cl[k].joined = true;
			cl[last].extra = em - cl[k].width - cl[last].width;
		}
		k = last + 1;
	}
}

/* A ruby base is set whole, without stretch; an annotation wider than
 * its base spaces the base out, half on each side. */
static void ruby_bases(pl_context *c, pl_para *p, struct cluster *cl, int n,
    const int *map, int len)
{
	if (!p->has_ruby)
		return;
	for (int i = 0; i < p->nlinks; i++) {
		pl_link *l = &p->links[i];
		if (!l->ruby || n == 0)
			continue;
		int ka = map[l->start], kb = map[l->end];
		if (l->end >= len)
			kb = n;
		if (kb <= ka)
			continue;
		int bw = 0;
		for (int k = ka; k < kb; k++) {
			bw += cl[k].width;
			cl[k].joined = k + 1 < kb;
		}
		if (!l->ruby_para) {
			pl_style st = p->style;
			st.size = p->style.size / 2;
			st.leading = st.size;
			st.width = 1e5;
			st.indent = st.hang = 0;
			st.justify = st.balance = false;
			l->ruby_para = tr_xcalloc(1, sizeof(pl_para));
			pl_layout_lines(c, l->ruby, PL_SERIF, &st, 1,
			    l->ruby_para);
		}
		int aw = l->ruby_para->nlines ? (int)lround(
		    l->ruby_para->lines[0].width * PANGO_SCALE) : 0;
		l->base_width = (float)bw / PANGO_SCALE;
		if (aw <= bw)
			continue;
		int pad = aw - bw;
		if (ka > 0) {
			cl[ka - 1].extra += pad / 2;
			cl[kb - 1].extra += pad - pad / 2;
		} else {
			cl[kb - 1].extra += pad;
		}
	}
}

/* Shapes p's text and breaks it into p->lines. */
static void set_para(pl_context *c, pl_para *p)
{
	const pl_style *st = &p->style;
	int len = (int)strlen(p->text);
	const char *text = p->text;
	/* vertical: Pango shapes wide characters top to bottom (HarfBuzz's
	 * vertical direction, with the fonts' vert forms) and sets narrow
	 * ones on their side */
	pango_context_set_base_gravity(c->pango, st->vertical ?
	    PANGO_GRAVITY_EAST : PANGO_GRAVITY_SOUTH);
	PangoLayout *layout = pango_layout_new(c->pango);
	PangoFontDescription *fd = pango_font_description_copy(c->face);
	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
	PangoAttrList *attrs = seg_attrs(p);
	bool centred = !tr_faces_for(st->lang)->compress_pairs;
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_set_width(layout, -1);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_text(layout, text, len);

	/* clusters, in logical order: the runs sorted by their text, the
	 * glyphs of right-to-left runs read backwards */
	int cap = 256, n = 0;
	struct cluster *cl = tr_xmalloc(sizeof(*cl) * (size_t)cap);
	PangoGlyphItem **items = NULL;
	int nitems = 0;
	for (GSList *l = pango_layout_get_lines_readonly(layout); l;
	    l = l->next) {
		PangoLayoutLine *line = l->data;
		int first_item = nitems;
		for (GSList *r = line->runs; r; r = r->next) {
			items = tr_xgrow(items, (size_t)nitems, sizeof(*items));
			items[nitems++] = pango_glyph_item_copy(r->data);
		}
		if (nitems - first_item > 1)
			qsort(items + first_item, (size_t)(nitems - first_item),
			    sizeof(*items), compare_items);
		/* a hard break (a line of Pango's own) forces ours */
		bool line_start = l != pango_layout_get_lines_readonly(layout);
		for (int it = first_item; it < nitems; it++) {
			PangoGlyphItem *gi = items[it];
			PangoGlyphString *gs = gi->glyphs;
			for (int i = 0; i < gs->num_glyphs; i++) {
				int g = rtl(gi) ? gs->num_glyphs - 1 - i : i;
				int off = gi->item->offset + gs->log_clusters[g];
				if (n == 0 || off != cl[n - 1].off) {
					if (n == cap) {
						cap *= 2;
						cl = tr_xrealloc(cl, sizeof(*cl) *
						    (size_t)cap);
					}
					uint32_t cp = 0;
					tr_utf8_decode(text + off, (size_t)(len - off),
					    &cp);
					cl[n] = (struct cluster){ off, cp, 0, 0, 0, 0,
						line_start, centred && centred_mark(cp) };
					n++;
				}
				cl[n - 1].width += gs->glyphs[g].geometry.width;
				line_start = false;
			}
		}
	}
	g_object_unref(layout);

	int em = em_units(st);
	int *map = cluster_of_bytes(cl, n, len);
	ruby_bases(c, p, cl, n, map, len);
	/* a quarter em where Han meets Latin with no space between */
	for (int k = 0; k + 1 < n; k++) {
		uint32_t a = cl[k].cp, bb = cl[k + 1].cp;
		if ((is_han_like(a) && is_latin_like(bb)) ||
		    (is_latin_like(a) && is_han_like(bb)))
			cl[k].extra += em / 4;
	}
	cjk_spaces(cl, n, em);
	compress_pairs(cl, n, em);
	if (st->vertical)
		upright_cells(cl, n, text, em);

	shrink_spaces(cl, n, st->lang, em);
	int hyphen_width = mark_hyphens(cl, n, p, items, nitems);
	int max_share = max_stretch_share(cl, n, st->lang, em);
	int nspans;
	struct span *spans = break_lines(cl, n, st, (size_t)p->glue_end,
	    hyphen_width, max_share, &nspans);
	int *cursor = tr_xcalloc((size_t)(nitems ? nitems : 1), sizeof(int));
	p->lines = tr_xcalloc((size_t)(nspans ? nspans : 1), sizeof(pl_line));
	int item = 0;
	for (int s = 0; s < nspans; s++) {
		struct span *sp = &spans[s];
		/* trailing spaces do not count, and a closing mark at the
		 * end loses its right half */
		int last = sp->last;
		while (last > sp->first && tr_cp_is_space(cl[last - 1].cp))
			last--;
		if (last > sp->first && is_cjk_close(cl[last - 1].cp) &&
		    wide(&cl[last - 1], em) && !cl[last - 1].trim_right)
			cl[last - 1].trim_right = cl[last - 1].width / 2;
		if (last > sp->first)
			cl[last - 1].extra = 0; /* nothing after the last */
		int natural = sp->hyphen ? hyphen_width : 0;
		for (int k = sp->first; k < last; k++)
			natural += set_width(&cl[k]);
		double x0 = s == 0 ? st->indent : st->hang;
		int room = line_room(st, s == 0);
		if (natural > room)
			natural -= squeeze_line(cl, sp->first, last,
			    natural - room, em);
		/* the slack goes to the gaps by their shares, exactly */
		long long shares = 0, seen = 0;
		for (int k = sp->first; k < last - 1; k++)
			shares += stretch_after(cl, k, (size_t)p->glue_end);
		long long slack = room - natural;
		if (st->justify && sp->justify && shares > 0 && slack > 0 &&
		    slack <= shares * max_share) {
			/* past a sixteenth of an em between ideographs, the
			 * rest goes to the wider gaps (word spaces, Han beside
			 * Latin or punctuation) if the line has any */
			long long han = 0;
			for (int k = sp->first; k < last - 1; k++)
				han += stretch_after(cl, k,
				    (size_t)p->glue_end) == 1;
			int han_cap = -1;
			if (han && shares > han &&
			    slack > shares * EVEN_STRETCH(em)) {
				han_cap = EVEN_STRETCH(em);
				slack -= han * han_cap;
				shares -= han;
			}
			for (int k = sp->first; k < last - 1; k++) {
				int share = stretch_after(cl, k,
				    (size_t)p->glue_end);
				if (han_cap >= 0 && share == 1) {
					cl[k].extra += han_cap;
					continue;
				}
				long long before = slack * seen / shares;
				seen += share;
				cl[k].extra += (int)(slack * seen / shares - before);
			}
			natural = room;
		}
		pl_line *line = &p->lines[p->nlines++];
		line->start = sp->first < n ? cl[sp->first].off : len;
		line->end = sp->last < n ? cl[sp->last].off : len;
		line->width = (double)natural / PANGO_SCALE;
		line->x = x0;
		line->hyphen = sp->hyphen;
		int end_byte = last < n ? cl[last].off : len;
		/* copy this line's glyphs out of the shaped runs */
		while (item < nitems && items[item]->item->offset +
		    items[item]->item->length <= line->start)
			item++;
		for (int it = item; it < nitems; it++) {
			PangoGlyphItem *gi = items[it];
			int istart = gi->item->offset;
			int iend = istart + gi->item->length;
			if (istart >= line->end)
				break;
			int from = istart > line->start ? istart : line->start;
			int to = iend < line->end ? iend : line->end;
			if (from >= end_byte || to <= from)
				continue; /* trailing spaces: not drawn */
			PangoGlyphItem *piece = slice(gi, p->text, from, to,
			    &cursor[it]);
			adjust_glyphs(piece, cl, map);
			line->runs = tr_xgrow(line->runs, (size_t)line->nruns,
			    sizeof(PangoGlyphItem *));
			line->runs[line->nruns++] = piece;
		}
		visual_order(line->runs, line->nruns);
	}
	for (int it = 0; it < nitems; it++)
		pango_glyph_item_free(items[it]);
	free(cursor);
	free(items);
	free(map);
	free(spans);
	free(cl);
}

void pl_layout(pl_context *c, pl_builder *b, const pl_style *st,
    pl_para *out)
{
	memset(out, 0, sizeof(*out));
	/* the builder's buffer, without its spare room */
	out->text = b->text.data ? tr_xrealloc(b->text.data, b->text.len + 1) :
	    tr_xstrdup("");
	out->links = b->links;
	out->nlinks = b->nlinks;
	out->segs = b->segs;
	out->nsegs = b->nsegs;
	out->glue_end = (int)b->glue_end;
	for (int i = 0; i < b->nlinks; i++)
		out->has_ruby |= b->links[i].ruby != NULL;
	out->style = *st;
	out->style.vertical = c->vertical;
	out->size = st->size;
	out->leading = st->leading;
	memset(b, 0, sizeof(*b));
	set_para(c, out);
}

static void free_runs(pl_para *p)
{
	for (int i = 0; i < p->nlines; i++) {
		for (int r = 0; r < p->lines[i].nruns; r++)
			pango_glyph_item_free(p->lines[i].runs[r]);
		free(p->lines[i].runs);
		p->lines[i].runs = NULL;
		p->lines[i].nruns = 0;
	}
}

static void free_rubies(pl_para *p)
{
	for (int i = 0; i < p->nlinks; i++) {
		if (p->links[i].ruby_para) {
			pl_para_free(p->links[i].ruby_para);
			free(p->links[i].ruby_para);
			p->links[i].ruby_para = NULL;
		}
	}
}

void pl_para_drop(pl_para *p)
{
	free_runs(p);
	free_rubies(p);
	p->dropped = true;
}

void pl_para_restore(pl_context *c, pl_para *p)
{
	if (!p->dropped)
		return;
	/* the same text, segments and style give the same lines */
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	set_para(c, p);
	p->dropped = false;
}

/* Shaping a title of megabytes to show six lines of it is waste: what
 * more than this many bytes a line could hold never shows. */
#define MAX_BYTES_A_LINE 512

void pl_layout_lines(pl_context *c, const char *text, pl_face face,
    const pl_style *st, int max_lines, pl_para *out)
{
	tr_buf cut = { 0 };
	size_t n = strlen(text), cap = (size_t)max_lines * MAX_BYTES_A_LINE;
	bool cut_short = n > cap;
	if (cut_short) {
		n = cap;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	tr_buf_put(&cut, text, n);
	if (cut_short)
		tr_buf_puts(&cut, "…");
	for (;;) {
		pl_builder b;
		pl_builder_init(&b);
		pl_add(&b, tr_buf_cstr(&cut), face, NULL);
		pl_layout(c, &b, st, out);
		if (out->nlines <= max_lines || cut.len == 0)
			break;
		/* keep what fit on the last line shown, less room for "…" */
		size_t keep = (size_t)out->lines[max_lines - 1].end;
		pl_para_free(out);
		while (keep > 0 && ((unsigned char)cut.data[keep - 1] & 0xC0) ==
		    0x80)
			keep--;
		if (keep > 0)
			keep--;
		while (keep > 0 && ((unsigned char)cut.data[keep] & 0xC0) == 0x80)
			keep--;
		/* no space before the ellipsis */
		while (keep > 0 && cut.data[keep - 1] == ' ')
			keep--;
		cut.len = keep;
		cut.data[keep] = '\0';
		tr_buf_puts(&cut, "…");
		if (keep == 0)
			break;
	}
	tr_buf_free(&cut);
}

void pl_para_free(pl_para *p)
{
	free_runs(p);
	free_rubies(p);
	free(p->lines);
	for (int i = 0; i < p->nlinks; i++) {
		free(p->links[i].url);
		free(p->links[i].ruby);
	}
	free(p->links);
	free(p->segs);
	free(p->text);
	memset(p, 0, sizeof(*p));
}

double pl_baseline(const pl_para *p)
{
	/* a column's glyphs are centred on its baseline */
	if (p->style.vertical)
		return p->leading / 2;
	/* Noto CJK: ascender 0.88 em, descender 0.12 em; centre the em box
	 * in the line */
	return (p->leading - p->size) / 2 + 0.88 * p->size;
}

static const pl_link *link_at(const pl_para *p, int off)
{
	for (int i = 0; i < p->nlinks; i++)
		if (!p->links[i].ruby && off >= p->links[i].start &&
		    off < p->links[i].end)
			return &p->links[i];
	return NULL;
}

/* Where a glyph's em begins along its line, from the pen at x: Pango
 * offsets a column's glyphs across it, which moves nothing along. */
static double cell_start(const pl_para *p, const PangoGlyphInfo *g, double x)
{
	return p->style.vertical ? x :
	    x + (double)g->geometry.x_offset / PANGO_SCALE;
}

/* The annotations of the ruby bases that begin in gi, centred over
 * each base, at half size, in the space between lines: the line grid
 * stays. */
static void annotations(cairo_t *cr, const pl_para *p,
    const PangoGlyphItem *gi, double x, double y)
{
	const PangoGlyphString *gs = gi->glyphs;
	double gx = x;
	for (int g = 0; g < gs->num_glyphs; g++) {
		int off = gi->item->offset + gs->log_clusters[g];
		for (int i = 0; i < p->nlinks; i++) {
			const pl_link *l = &p->links[i];
			if (!l->ruby || l->start != off || !l->ruby_para ||
			    !l->ruby_para->nlines)
				continue;
			const pl_para *a = l->ruby_para;
			double w = a->lines[0].width;
			double cx = cell_start(p, &gs->glyphs[g], gx) +
			    l->base_width / 2;
			/* in the face's em box above the base's (its right in
			 * vertical text, where the baseline is the centre) */
			double ay = p->style.vertical ? y - p->size * 0.78 :
			    y - p->size * 0.98;
			cairo_set_source_rgb(cr, 0, 0, 0);
			pl_draw_line(cr, a, &a->lines[0], cx - w / 2, ay);
		}
		gx += (double)gs->glyphs[g].geometry.width / PANGO_SCALE;
	}
}

/* Emphasis on Han text, clreq's way: a dot under each character (着重号),
 * drawn, not set, so that copied text is the characters alone. */
static void emphasis_dots(cairo_t *cr, const pl_para *p,
    const PangoGlyphItem *gi, double x, double y)
{
	const PangoGlyphString *gs = gi->glyphs;
	double gx = x;
	for (int g = 0; g < gs->num_glyphs; g++) {
		const PangoGlyphInfo *info = &gs->glyphs[g];
		int off = gi->item->offset + gs->log_clusters[g];
		uint32_t cp = 0;
		tr_utf8_decode(p->text + off, strlen(p->text + off), &cp);
		bool first = g == 0 || gs->log_clusters[g] !=
		    gs->log_clusters[g - 1];
		if (first && tr_cp_is_han(cp)) {
			double cx = cell_start(p, info, gx) + p->size / 2;
			/* below the character; in a column, on its right */
			double dy = p->style.vertical ? -p->size * 0.65 :
			    p->size * 0.3;
			cairo_new_sub_path(cr);
			cairo_arc(cr, cx, y + dy, p->size * 0.065, 0, 2 * G_PI);
			cairo_fill(cr);
		}
		gx += (double)info->geometry.width / PANGO_SCALE;
	}
}

/* A run on its side in a column, its pairs of digits turned upright,
 * each centred in the em set_para gave it. */
static void show_with_cells(cairo_t *cr, const pl_para *p,
    const PangoGlyphItem *gi, double x, double y, double dy)
{
	size_t end = (size_t)(gi->item->offset + gi->item->length);
	size_t at = (size_t)gi->item->offset, from, to, done = at;
	int cursor = 0;
	double size = p->size;
	for (;;) {
		bool pair = tr_next_upright_number(p->text, end, &at, &from, &to);
		if (pair && to - from != 2)
			continue;
		size_t upto = pair ? from : end;
		if (upto > done) {
			PangoGlyphItem *part = slice(gi, p->text, (int)done,
			    (int)upto, &cursor);
			cairo_move_to(cr, x, y + dy);
			pango_cairo_show_glyph_item(cr, p->text, part);
			x += (double)pango_glyph_string_get_width(part->glyphs) /
			    PANGO_SCALE;
			pango_glyph_item_free(part);
		}
		if (!pair)
			break;
		PangoGlyphItem *digits = slice(gi, p->text, (int)from, (int)to,
		    &cursor);
		PangoRectangle ink;
		pango_glyph_string_extents(digits->glyphs, digits->item->analysis.font,
		    &ink, NULL);
		double w = (double)ink.width / PANGO_SCALE;
		double s = w > size * 0.9 ? size * 0.9 / w : 1;
		cairo_save(cr);
		cairo_translate(cr, x + size / 2, y);
		cairo_rotate(cr, -G_PI / 2);
		cairo_scale(cr, s, s);
		cairo_move_to(cr, -(ink.x + ink.width / 2.0) / PANGO_SCALE,
		    -(ink.y + ink.height / 2.0) / PANGO_SCALE);
		pango_cairo_show_glyph_item(cr, p->text, digits);
		cairo_restore(cr);
		x += (double)pango_glyph_string_get_width(digits->glyphs) /
		    PANGO_SCALE;
		pango_glyph_item_free(digits);
		done = to;
	}
}

void pl_draw_line(cairo_t *cr, const pl_para *p, const pl_line *line,
    double x, double y)
{
	x += line->x;
	for (int r = 0; r < line->nruns; r++) {
		PangoGlyphItem *gi = line->runs[r];
		const pl_link *link = link_at(p, gi->item->offset);
		double w = (double)pango_glyph_string_get_width(gi->glyphs) /
		    PANGO_SCALE;
		if (link && link->quiet)
			cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
		else if (link)
			cairo_set_source_rgb(cr, 0.11, 0.25, 0.45);
		else
			cairo_set_source_rgb(cr, 0, 0, 0);
		if (link && link->url) {
			tr_buf attr = { 0 };
			tr_buf_puts(&attr, "uri='");
			for (const char *u = link->url; *u; u++) {
				if (*u == '\'' || *u == '\\')
					tr_buf_putc(&attr, '\\');
				tr_buf_putc(&attr, *u);
			}
			tr_buf_puts(&attr, "'");
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attr.data);
			tr_buf_free(&attr);
		}
		/* in a column, what lies on its side (Latin) is centred on
		 * it as Han is: its baseline left of the column's middle */
		double dy = p->style.vertical &&
		    !PANGO_GRAVITY_IS_VERTICAL(gi->item->analysis.gravity) ?
		    p->size * 0.36 : 0;
		if (dy)
			show_with_cells(cr, p, gi, x, y, dy);
		else {
			cairo_move_to(cr, x, y + dy);
			pango_cairo_show_glyph_item(cr, p->text, gi);
		}
		const pl_seg *sg = seg_at(p, gi->item->offset);
		if (sg && sg->face == PL_EMPH)
			emphasis_dots(cr, p, gi, x, y);
		if (p->has_ruby)
			annotations(cr, p, gi, x, y);
		if (link && link->url)
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		x += w;
	}
	if (line->hyphen && line->nruns) {
		/* the hyphen of a broken word, in its face; its text is a soft
		 * hyphen, so that copied text has the word whole */
		PangoGlyphItem *last = line->runs[line->nruns - 1];
		PangoGlyphItem hy = { pango_item_copy(last->item),
			shape_hyphen(last->item), 0, 0, 0 };
		hy.item->offset = 0;
		hy.item->length = 2;
		hy.item->num_chars = 1;
		cairo_move_to(cr, x, y);
		pango_cairo_show_glyph_item(cr, "\xC2\xAD", &hy);
		pango_item_free(hy.item);
		pango_glyph_string_free(hy.glyphs);
	}
}
