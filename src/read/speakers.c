/* The readers' table of speakers (speakers.h). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "speakers.h"

static const char *speaker_name(const void *items, int i)
{
	return ((const tr_speaker *)items)[i].name;
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
	tr_name_index_reserve(&t->index, t->n, t->list, speaker_name);
	size_t slot;
	int found = tr_name_index_find(&t->index, name, strlen(name), t->list,
	    speaker_name, &slot);
	if (found >= 0)
		return found;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->list = tr_xrealloc(t->list, (size_t)t->cap * sizeof(tr_speaker));
	}
	t->list[t->n] = (tr_speaker){ A ? tr_arena_strdup(A, name) : name, 0,
		line, NULL };
	tr_name_index_put(&t->index, slot, t->n);
	return t->n++;
}

void tr_speaker_table_free(tr_speaker_table *t)
{
	free(t->list);
	tr_name_index_free(&t->index);
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
