#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "name_index.h"
#include "names.h"

struct entry {
	char *name;
	char *alias_of;         /* the name these initials stand for */
	int count;              /* paragraphs it opens */
	int line, col;          /* the first of them */
	bool declared, taken;
};

struct tr_names {
	struct entry *list;     /* in order of first appearance */
	int n, cap;
	tr_name_index index;
};

tr_names *tr_names_new(void)
{
	return tr_xcalloc(1, sizeof(tr_names));
}

void tr_names_free(tr_names *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n; i++) {
		free(t->list[i].name);
		free(t->list[i].alias_of);
	}
	free(t->list);
	tr_name_index_free(&t->index);
	free(t);
}

static const char *entry_name(const void *items, int i)
{
	return ((const struct entry *)items)[i].name;
}

static struct entry *find(const tr_names *t, const char *name, size_t n)
{
	int i = tr_name_index_find(&t->index, name, n, t->list, entry_name,
	    NULL);
	return i >= 0 ? &t->list[i] : NULL;
}

static struct entry *get(tr_names *t, const char *name, size_t n)
{
	tr_name_index_reserve(&t->index, t->n, t->list, entry_name);
	size_t slot;
	int i = tr_name_index_find(&t->index, name, n, t->list, entry_name,
	    &slot);
	if (i >= 0)
		return &t->list[i];
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 16;
		t->list = tr_xrealloc(t->list, sizeof(struct entry) *
		    (size_t)t->cap);
	}
	struct entry *e = &t->list[t->n];
	memset(e, 0, sizeof(*e));
	e->name = tr_xmalloc(n + 1);
	memcpy(e->name, name, n);
	e->name[n] = '\0';
	tr_name_index_put(&t->index, slot, t->n++);
	return e;
}

void tr_names_declare(tr_names *t, const char *name, size_t n)
{
	while (n && name[0] == ' ')
		name++, n--;
	while (n && name[n - 1] == ' ')
		n--;
	if (!n)
		return;
	get(t, name, n)->declared = true;
	const char *space = memchr(name, ' ', n);
	if (space)
		get(t, name, (size_t)(space - name))->declared = true;
}

void tr_names_declare_list(tr_names *t, const char *value)
{
	static const char *const seps[] = { "\xE3\x80\x81", ",",
		"\xEF\xBC\x8C", ";", "\xEF\xBC\x9B", "/", "&", " and ",
		"\xE5\x92\x8C", "\xE4\xB8\x8E", "\xE8\x88\x87", NULL };
	const char *s = value;
	while (*s) {
		size_t best = strlen(s), blen = 0;
		for (const char *const *sep = seps; *sep; sep++) {
			const char *p = strstr(s, *sep);
			if (p && (size_t)(p - s) < best)
				best = (size_t)(p - s), blen = strlen(*sep);
		}
		/* "Ilya Sutskever (OpenAI)": the name without its bracket */
		size_t n = best;
		const char *paren = memchr(s, '(', n);
		const char *wide = strstr(s, "\xEF\xBC\x88");
		if (paren)
			n = (size_t)(paren - s);
		if (wide && (size_t)(wide - s) < n)
			n = (size_t)(wide - s);
		tr_names_declare(t, s, n);
		s += best + blen;
		if (!blen)
			break;
	}
}

void tr_names_alias(tr_names *t, const char *alias, size_t an,
    const char *name, size_t n)
{
	struct entry *e = get(t, alias, an);
	if (e->alias_of)
		return; /* the first declaration holds */
	e->alias_of = tr_xmalloc(n + 1);
	memcpy(e->alias_of, name, n);
	e->alias_of[n] = '\0';
	e->declared = true;
}

const char *tr_names_canonical(const tr_names *t, const char *name, size_t n,
    size_t *out_n)
{
	const struct entry *e = find(t, name, n);
	if (e && e->alias_of) {
		*out_n = strlen(e->alias_of);
		return e->alias_of;
	}
	*out_n = n;
	return name;
}

void tr_names_count(tr_names *t, const char *name, size_t n, int line,
    int col)
{
	struct entry *e = get(t, name, n);
	if (!e->count++) {
		e->line = line;
		e->col = col;
	}
}

int tr_names_counted(const tr_names *t, const char *name, size_t n,
    int *first_line)
{
	const struct entry *e = find(t, name, n);
	*first_line = e ? e->line : 0;
	return e ? e->count : 0;
}

void tr_names_decide(tr_names *t)
{
	int frequent = 0;
	for (int i = 0; i < t->n; i++)
		frequent += t->list[i].count >= 2;
	for (int i = 0; i < t->n; i++) {
		struct entry *e = &t->list[i];
		e->taken = e->declared || (frequent >= 2 && e->count >= 2);
	}
}

bool tr_names_taken(const tr_names *t, const char *name, size_t n)
{
	const struct entry *e = find(t, name, n);
	return e && e->taken;
}

bool tr_names_declared(const tr_names *t, const char *name, size_t n)
{
	const struct entry *e = find(t, name, n);
	return e && e->declared;
}

bool tr_names_top_untaken(const tr_names *t, const char **name, size_t *n,
    int *count, int *line, int *col)
{
	const struct entry *best = NULL;
	for (int i = 0; i < t->n; i++) {
		const struct entry *e = &t->list[i];
		if (!e->taken && e->count > 0 && (!best || e->count > best->count))
			best = e;
	}
	if (!best)
		return false;
	*name = best->name;
	*n = strlen(best->name);
	*count = best->count;
	*line = best->line;
	*col = best->col;
	return true;
}

void tr_names_each_untaken(const tr_names *t, tr_names_visit *visit,
    void *ctx)
{
	for (int i = 0; i < t->n; i++) {
		const struct entry *e = &t->list[i];
		if (!e->taken && e->count > 0)
			visit(ctx, e->name, e->count, e->line, e->col);
	}
}
