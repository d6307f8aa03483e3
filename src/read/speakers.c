/* The readers' table of speakers (speakers.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "speakers.h"

static uint32_t hash_name(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

int tr_speaker_table_find(tr_speaker_table *t, const tr_parse_options *opt,
    struct tr_arena *A, const char *name, int line)
{
	/* --rename-speaker OLD=NEW */
	for (int i = 0; opt && i < opt->nrenames; i++)
		if (strcmp(opt->renames[i].key, name) == 0) {
			name = opt->renames[i].value;
			break;
		}
	if ((size_t)(t->n + 1) * 2 > t->nslots) {
		size_t nslots = t->nslots ? t->nslots * 2 : 64;
		int *slots = tr_xcalloc(nslots, sizeof(int));
		for (int i = 0; i < t->n; i++) {
			size_t h = hash_name(t->list[i].name) & (nslots - 1);
			while (slots[h])
				h = (h + 1) & (nslots - 1);
			slots[h] = i + 1;
		}
		free(t->slots);
		t->slots = slots;
		t->nslots = nslots;
	}
	size_t h = hash_name(name) & (t->nslots - 1);
	while (t->slots[h]) {
		int i = t->slots[h] - 1;
		if (strcmp(t->list[i].name, name) == 0)
			return i;
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->list = tr_xrealloc(t->list, (size_t)t->cap * sizeof(tr_speaker));
	}
	t->list[t->n] = (tr_speaker){ A ? tr_arena_strdup(A, name) : name, 0,
		line, NULL };
	t->slots[h] = t->n + 1;
	return t->n++;
}

void tr_speaker_table_free(tr_speaker_table *t)
{
	free(t->list);
	free(t->slots);
	*t = (tr_speaker_table){ 0 };
}

tr_speaker *tr_speaker_table_finish(tr_speaker_table *t,
    struct tr_arena *A)
{
	tr_speaker *speakers = tr_arena_alloc(A, sizeof(tr_speaker) *
	    (size_t)(t->n ? t->n : 1));
	if (t->n)
		memcpy(speakers, t->list, sizeof(tr_speaker) * (size_t)t->n);
	tr_speaker_table_free(t);
	return speakers;
}
