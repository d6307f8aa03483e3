#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

void tr_epub_plan_make(const tr_doc *d, const tr_words *words, bool cover,
    tr_epub_plan *b)
{
	memset(b, 0, sizeof(*b));
	int cap = d->nsections + 3;
	b->pages = tr_xcalloc((size_t)cap, sizeof(tr_epub_page));
	b->first_body = -1;
	tr_epub_page *p;
	if (cover) {
		p = &b->pages[b->npages++];
		snprintf(p->file, sizeof p->file, "cover.xhtml");
		snprintf(p->id, sizeof p->id, "cover");
		p->title = words->cover;
	}
	p = &b->pages[b->npages++];
	snprintf(p->file, sizeof p->file, "titlepage.xhtml");
	snprintf(p->id, sizeof p->id, "titlepage");
	p->title = d->title;
	p->matter = "frontmatter";
	b->nav_page = b->npages;
	p = &b->pages[b->npages++];
	snprintf(p->file, sizeof p->file, "nav.xhtml");
	snprintf(p->id, sizeof p->id, "nav");
	p->title = words->contents;
	p->matter = "frontmatter";
	int n = 0;
	b->first_section_page = b->npages;
	for (const tr_section *s = d->sections; s; s = s->next) {
		p = &b->pages[b->npages];
		p->sec = s;
		snprintf(p->file, sizeof p->file, "s%02d.xhtml", ++n);
		snprintf(p->id, sizeof p->id, "s%02d", n);
		p->in_toc = true;
		p->matter = s->part == TR_PART_FRONT ? "frontmatter" :
		    s->part == TR_PART_BODY ? "bodymatter" : "backmatter";
		p->title = *s->title_text ? s->title_text :
		    s->part == TR_PART_FRONT ? words->front :
		    s->part == TR_PART_BODY ? d->title : words->back;
		switch (s->kind) {
		case TR_SEC_INTRO:
			p->epub_type = "introduction";
			p->role = "doc-introduction";
			break;
		case TR_SEC_CHAPTER:
			p->epub_type = "chapter";
			p->role = "doc-chapter";
			break;
		case TR_SEC_RECAP:
			p->epub_type = "conclusion";
			p->role = "doc-conclusion";
			break;
		default:
			break;
		}
		if (s->part == TR_PART_BODY && b->first_body < 0)
			b->first_body = b->npages;
		b->npages++;
	}
}

void tr_epub_plan_free(tr_epub_plan *plan)
{
	free(plan->pages);
	memset(plan, 0, sizeof(*plan));
}
