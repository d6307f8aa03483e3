/* The metadata of a transcript from its three sources: the command line
 * (-M) wins over the front matter, which wins over the metadata list
 * that the builder has read already.  Every item, whatever its source,
 * is kept in doc->meta for JSON. */
#include <stdlib.h>
#include <string.h>

#include "frontmatter.h"
#include "langtag.h"
#include "meta.h"
#include "names.h"
#include "parse.h"

static tr_meta_field *field(tr_doc *doc, const char *key, const char *value,
    int line)
{
	tr_meta_field *f = tr_arena_alloc(doc->arena, sizeof(*f));
	f->key = key;
	f->value = value;
	f->line = line;
	return f;
}

/* A comma-separated -M value as items ("tags=a, b"). */
static int split_items(tr_doc *doc, const char *value, const char ***out)
{
	int n = 1;
	for (const char *p = value; *p; p++)
		n += *p == ',';
	const char **items = tr_arena_alloc(doc->arena, sizeof(char *) *
	    (size_t)n);
	int k = 0;
	for (const char *p = value;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len)
			items[k++] = tr_arena_strndup(doc->arena, p, len);
		if (!comma)
			break;
		p = comma + 1;
	}
	*out = items;
	return k;
}

static void apply(tr_doc *doc, const char *key, const char *value,
    const char **items, int nitems, int line, const char **lang,
    const char *path, tr_diag *diag)
{
	switch (tr_meta_key_of(key, strlen(key))) {
	case TR_KEY_TITLE:
		if (*value) {
			doc->title = value;
			doc->title_inlines = NULL;
			doc->title_line = line;
		}
		break;
	case TR_KEY_DATE: {
		char iso[11];
		doc->date_text = value;
		doc->date = NULL;
		if (tr_date_iso(value, iso))
			doc->date = tr_arena_strdup(doc->arena, iso);
		else
			tr_diag_emit(diag, TR_W_DATE, path, line, line ? 1 : 0,
			    value);
		break;
	}
	case TR_KEY_SOURCE:
		/* a bare address: shown as itself (every backend expects a
		 * title beside a source) */
		doc->source_url = value;
		doc->source_title = value;
		break;
	case TR_KEY_CHANNEL:
		doc->channel = value;
		doc->channel_url = NULL;
		break;
	case TR_KEY_LANG:
		if (tr_lang_tag_valid(value))
			*lang = value;
		else
			tr_diag_emit(diag, TR_W_FM_LANG, path, line, line ? 1 : 0,
			    value);
		break;
	case TR_KEY_TAGS:
		if (!items)
			nitems = split_items(doc, value, &items);
		doc->subjects = items;
		doc->nsubjects = nitems;
		break;
	case TR_KEY_DESCRIPTION:
		doc->description = value;
		break;
	default:
		break;
	}
}

void tr_declare_speakers(tr_names *names, const tr_fm_field *fm,
    const tr_parse_options *opt)
{
	for (const tr_fm_field *f = fm; f; f = f->next) {
		tr_meta_key key = tr_meta_key_of(f->key, strlen(f->key));
		if (key != TR_KEY_SPEAKERS && key != TR_KEY_HOST &&
		    key != TR_KEY_GUEST)
			continue;
		for (int i = 0; i < f->nitems; i++)
			tr_names_declare(names, f->items[i], strlen(f->items[i]));
	}
	for (int i = 0; opt && i < opt->nmeta; i++) {
		tr_meta_key key = tr_meta_key_of(opt->meta[i].key,
		    strlen(opt->meta[i].key));
		if (key == TR_KEY_SPEAKERS || key == TR_KEY_HOST ||
		    key == TR_KEY_GUEST)
			tr_names_declare_list(names, opt->meta[i].value);
	}
}

const char *tr_apply_metadata(tr_doc *doc, const tr_fm_field *fm,
    const tr_parse_options *opt, tr_diag *diag, tr_role_hint **hints,
    int *nhints)
{
	const char *lang = NULL;
	*hints = NULL;
	*nhints = 0;
	/* the front matter's items first, then the list's, then -M's */
	const tr_meta_field *list = doc->meta;
	const tr_meta_field **link = &doc->meta;
	int roles = 0;
	for (const tr_fm_field *f = fm; f; f = f->next)
		for (int i = 0; i < f->nitems; i++)
			roles += f->roles && f->roles[i] != NULL;
	if (roles)
		*hints = tr_arena_alloc(doc->arena, sizeof(tr_role_hint) *
		    (size_t)roles);
	for (const tr_fm_field *f = fm; f; f = f->next) {
		tr_meta_field *m = field(doc, f->key, f->value, f->line);
		*link = m;
		link = &m->next;
		apply(doc, f->key, f->value, f->items, f->nitems, f->line, &lang,
		    doc->path, diag);
		for (int i = 0; i < f->nitems; i++)
			if (f->roles && f->roles[i])
				(*hints)[(*nhints)++] = (tr_role_hint){ f->items[i],
					f->roles[i] };
	}
	*link = list;
	while (*link)
		link = (const tr_meta_field **)&(*link)->next; /* ours */
	for (int i = 0; opt && i < opt->nmeta; i++) {
		const char *key = tr_arena_strdup(doc->arena, opt->meta[i].key);
		const char *value = tr_arena_strdup(doc->arena,
		    opt->meta[i].value);
		tr_meta_field *m = field(doc, key, value, 0);
		*link = m;
		link = &m->next;
		apply(doc, key, value, NULL, 0, 0, &lang, doc->path, diag);
	}
	return lang;
}
