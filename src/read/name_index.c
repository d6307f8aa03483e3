/* The readers' index of names (name_index.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "name_index.h"

static size_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;       /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

void tr_name_index_reserve(tr_name_index *x, int n, const void *items,
    tr_name_of *name_of)
{
	if ((size_t)(n + 1) * 2 <= x->nslots)
		return;
	size_t nslots = x->nslots ? x->nslots * 2 : 64;
	int *slots = tr_xcalloc(nslots, sizeof(int));
	for (int i = 0; i < n; i++) {
		const char *s = name_of(items, i);
		size_t h = hash(s, strlen(s)) & (nslots - 1);
		while (slots[h])
			h = (h + 1) & (nslots - 1);
		slots[h] = i + 1;
	}
	free(x->slots);
	x->slots = slots;
	x->nslots = nslots;
}

int tr_name_index_find(const tr_name_index *x, const char *name, size_t len,
    const void *items, tr_name_of *name_of, size_t *slot)
{
	if (!x->nslots)
		return -1;
	size_t h = hash(name, len) & (x->nslots - 1);
	while (x->slots[h]) {
		int i = x->slots[h] - 1;
		const char *s = name_of(items, i);
		if (strlen(s) == len && memcmp(s, name, len) == 0)
			return i;
		h = (h + 1) & (x->nslots - 1);
	}
	if (slot)
		*slot = h;
	return -1;
}

void tr_name_index_put(tr_name_index *x, size_t slot, int i)
{
	x->slots[slot] = i + 1;
}

void tr_name_index_free(tr_name_index *x)
{
	free(x->slots);
	*x = (tr_name_index){ 0 };
}
