/* YAML front matter: a "---" ... "---" (or "...") block at the very top
 * of a transcript (after a byte-order mark), parsed with libyaml.  It is
 * front matter when it parses as a mapping; a block that starts like
 * YAML ("key:" on its first line) but does not parse is a warning at
 * libyaml's position and is kept out of the body all the same.  A file
 * that opens with a "---" rule followed by ordinary text has none. */
#ifndef TR_FRONTMATTER_H
#define TR_FRONTMATTER_H

#include <stddef.h>

#include "diag.h"
#include "tree.h"

#define TR_MAX_FRONT_MATTER (256u << 10)

typedef struct tr_fm_field {
	const char *key;        /* as written */
	const char *value;      /* plain text; a list's items joined by ", " */
	const char **items;     /* a list's items (a {name, role} item: its
	                         * name), or the value alone */
	const char **roles;     /* per item: its role, or NULL */
	int nitems;
	int line;
	struct tr_fm_field *next;
} tr_fm_field;

/* Reads the front matter at the top of data.  Returns how many bytes
 * the block spans (0 when there is none); its fields, in order, in
 * *fields (arena memory). */
size_t tr_front_matter(struct tr_arena *a, const char *path,
    const char *data, size_t len, tr_fm_field **fields, tr_diag *diag);

#endif
