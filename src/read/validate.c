/* The document-level pass after building: fills what the backends may
 * rely on (a title, speaker roles, the language) so that none of them
 * has to guess. */
#include <stdlib.h>
#include <string.h>

#include "meta.h"
#include "parse.h"
#include "utf8.h"

/* ---- validation --------------------------------------------------------- */

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!tr_cp_is_space((unsigned char)*s))
			return false;
	return true;
}

void tr_validate(tr_doc *doc, tr_speaker *speakers, tr_diag *diag)
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
			if (n > 3 && strcmp(base + n - 3, ".md") == 0)
				n -= 3;
			doc->title = tr_arena_strndup(doc->arena, base, n);
			from = "the file name";
		}
		tr_diag_emit(diag, TR_W_NO_TITLE, doc->path, 0, 0, from);
	}
	tr_assign_roles(doc, speakers);
}
