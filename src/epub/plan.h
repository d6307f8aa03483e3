/* The EPUB's plan: which documents the spine holds, in order, with
 * their files, titles and landmarks.  Made before anything is written,
 * so that nav, NCX and OPF agree. */
#ifndef TR_EPUB_PLAN_H
#define TR_EPUB_PLAN_H

#include <stdbool.h>

#include "backend.h"

/* A document of the spine. */
typedef struct tr_epub_page {
	char file[32];          /* under EPUB/text/ */
	char id[16];            /* manifest id */
	const char *title;      /* plain text, for <title> and the toc */
	const tr_section *sec;  /* NULL for generated pages */
	const char *epub_type;  /* of its section, or NULL */
	const char *role;       /* the matching ARIA role, or NULL */
	const char *matter;     /* frontmatter, bodymatter, backmatter */
	bool in_toc;
} tr_epub_page;

typedef struct tr_epub_plan {
	tr_epub_page *pages;
	int npages;
	int nav_page;           /* index of nav.xhtml */
	int first_body;         /* of the first body section, or -1 */
	int first_section_page; /* index of the first section's page */
} tr_epub_plan;

/* A cover page (when cover), the title page, the contents, then one
 * page per section of doc. */
void tr_epub_plan_make(const tr_doc *doc, const tr_words *words, bool cover,
    tr_epub_plan *out);
void tr_epub_plan_free(tr_epub_plan *plan);

#endif
