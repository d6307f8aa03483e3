/* The document-level pass after building: fills what the backends may
 * rely on (a title, speaker roles, the language) so that none of them
 * has to guess. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "parse.h"
#include "speakers.h"
#include "utf8.h"

/* ---- validation --------------------------------------------------------- */

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* ---- the list of headings ---------------------------------------------- */

struct heading_list {
	tr_heading *list;
	int n, cap;
};

/* Depth is bounded by TR_MAX_BLOCK_DEPTH: the builder flattened deeper
 * structure. */
static void collect_headings(tr_doc *doc, struct heading_list *h,
    const tr_block *blk, int section, int *number)
{
	for (; blk; blk = blk->next) {
		if (blk->kind == TR_BLK_HEADING) {
			if (h->n == h->cap) {
				h->cap = h->cap ? 2 * h->cap : 16;
				h->list = tr_xrealloc(h->list, sizeof(tr_heading) *
				    (size_t)h->cap);
			}
			tr_buf t = { 0 };
			tr_inline_plain(blk->inlines, &t);
			tr_own_block(blk)->number = ++*number;
			h->list[h->n++] = (tr_heading){ blk, section, *number,
				tr_arena_strndup(doc->arena, tr_buf_cstr(&t), t.len) };
			tr_buf_free(&t);
		}
		collect_headings(doc, h, blk->child, section, number);
	}
}

static void list_headings(tr_doc *doc)
{
	struct heading_list h = { 0 };
	int i = 0;
	for (const tr_section *s = doc->sections; s; s = s->next, i++) {
		tr_section *own = (tr_section *)s; /* the reader's own */
		own->first_heading = h.n;
		int number = 0;
		collect_headings(doc, &h, s->blocks, i, &number);
		own->nheadings = h.n - own->first_heading;
	}
	tr_heading *list = tr_arena_alloc(doc->arena, sizeof(tr_heading) *
	    (size_t)(h.n ? h.n : 1));
	if (h.n)
		memcpy(list, h.list, sizeof(tr_heading) * (size_t)h.n);
	free(h.list);
	doc->headings = list;
	doc->nheadings = h.n;
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!tr_cp_is_space((unsigned char)*s))
			return false;
	return true;
}

/* ---- times --------------------------------------------------------------- */

/* A time the backends can show and link: finite, not before the start,
 * within TR_MAX_SECONDS.  A reader's other time (a JSON "start" of
 * 1e308) is dropped, with its text, rather than printed as nonsense. */
static void bound_time(double *t, const char **text)
{
	if (!isfinite(*t) || *t < 0 || *t > TR_MAX_SECONDS) {
		*t = 0;
		*text = NULL;
	}
}

static void bound_block_times(tr_block *b, int depth)
{
	for (; b && depth <= TR_MAX_BLOCK_DEPTH; b = tr_own_block(b->next)) {
		if (b->kind == TR_BLK_TURN)
			bound_time(&b->time, &b->time_text);
		bound_block_times(tr_own_block(b->child), depth + 1);
	}
}

/* ---- names --------------------------------------------------------------- */

/* A speaker's name as every backend may print it: valid UTF-8 (a JSON
 * "\\udc00" decodes to none), no controls, single spaces, trimmed, at
 * most TR_MAX_LABEL_CHARS characters; an empty one is "?". */
static const char *clean_name(struct tr_arena *A, const char *name)
{
	tr_buf valid = { 0 }, out = { 0 };
	tr_utf8_clean(name, strlen(name), &valid);
	const char *s = tr_buf_cstr(&valid);
	int chars = 0;
	bool space = false;
	for (size_t i = 0; i < valid.len && chars < TR_MAX_LABEL_CHARS;) {
		uint32_t cp;
		size_t l = tr_utf8_decode(s + i, valid.len - i, &cp);
		if (!l)
			l = 1, cp = 0xFFFD;
		if (cp < 0x20 || cp == 0x7F || cp == ' ' || cp == 0xA0 ||
		    cp == 0x3000) {
			space = out.len > 0;
		} else {
			if (space)
				tr_buf_putc(&out, ' '), chars++;
			space = false;
			tr_buf_put(&out, s + i, l);
			chars++;
		}
		i += l;
	}
	const char *r = out.len ? tr_arena_strndup(A, out.data, out.len) : "?";
	bool same = strcmp(r, name) == 0;
	tr_buf_free(&valid);
	tr_buf_free(&out);
	return same ? name : r;
}

static void clean_names(tr_doc *doc, tr_speaker *speakers)
{
	for (int i = 0; i < doc->nspeakers; i++)
		speakers[i].name = clean_name(doc->arena, speakers[i].name);
}

static void bound_times(tr_doc *doc)
{
	for (const tr_section *s = doc->sections; s; s = s->next) {
		tr_section *own = (tr_section *)s;
		bound_time(&own->time, &own->time_text);
		bound_block_times(tr_own_block(s->blocks), 0);
	}
}

void tr_validate(tr_doc *doc, tr_speaker *speakers,
    const tr_role_hint *hints, int nhints, tr_diag *diag)
{
	if (doc->title && is_blank(doc->title))
		doc->title = NULL; /* '#' alone is no title */
	if (!doc->title) {
		const char *from = NULL;
		for (const tr_meta_field *f = doc->meta; f && !doc->title;
		    f = f->next) {
			if (tr_meta_key_of(f->key, strlen(f->key)) ==
			    TR_KEY_TITLE && *f->value)
				doc->title = f->value, from = "the metadata";
		}
		if (!doc->title && doc->outline && *doc->outline->text)
			doc->title = doc->outline->text, from = "the outline";
		if (!doc->title && doc->source_title && *doc->source_title)
			doc->title = doc->source_title, from = "the video link";
		if (!doc->title) {
			const char *base = basename_of(doc->path);
			size_t n = strlen(base);
			/* the name without the extension of a transcript */
			static const char *const exts[] = { ".md", ".markdown",
				".vtt", ".srt", ".json", ".txt" };
			for (size_t e = 0; e < sizeof exts / sizeof *exts; e++) {
				size_t k = strlen(exts[e]);
				if (n > k && strcmp(base + n - k, exts[e]) == 0) {
					n -= k;
					break;
				}
			}
			/* a name is bytes: shown as text, what is none replaced */
			tr_buf t = { 0 };
			tr_utf8_clean(base, n, &t);
			doc->title = tr_arena_strndup(doc->arena, tr_buf_cstr(&t),
			    t.len);
			tr_buf_free(&t);
			from = "the file name";
		}
		/* a file with no heading at all is titled by its metadata or
		 * its name as a matter of course: -v says so; a file with
		 * headings but none that can be the title is worth a word */
		bool headed = false;
		for (const tr_section *s = doc->sections; s && !headed;
		    s = s->next)
			headed = s->title != NULL;
		tr_diag_emit(diag, headed ? TR_W_NO_TITLE : TR_N_NO_TITLE,
		    doc->path, 1, 1, from);
	}
	clean_names(doc, speakers);
	tr_assign_roles(doc, speakers, hints, nhints);
	list_headings(doc);
	bound_times(doc);
}

tr_doc *tr_doc_finish(tr_doc *doc, tr_speaker_table *table,
    const struct tr_fm_field *fm, const tr_parse_options *opt,
    tr_diag *diag)
{
	struct tr_arena *A = doc->arena;
	doc->nspeakers = table->n;
	tr_speaker *speakers = tr_speaker_table_finish(table, A);
	doc->speakers = speakers;
	tr_role_hint *hints;
	int nhints;
	const char *meta_lang = tr_apply_metadata(doc, fm, opt, diag, &hints,
	    &nhints);
	tr_validate(doc, speakers, hints, nhints, diag);
	doc->lang = opt && opt->lang ? tr_arena_strdup(A, opt->lang) :
	    meta_lang ? meta_lang : tr_detect_lang(doc);
	return doc;
}

