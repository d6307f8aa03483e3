/* The speakers a reader meets, in the order it meets them, found by
 * name through a hash table: a diarised file may name thousands. */
#ifndef TR_SPEAKERS_H
#define TR_SPEAKERS_H

#include "name_index.h"
#include "tree.h"

typedef struct tr_speaker_table {
	tr_speaker *list;
	int n, cap;
	tr_name_index index;
} tr_speaker_table;

/* The index of the speaker called name (after --rename-speaker, from
 * opt), added with its first line when new: a copy in A, or name itself
 * when A is NULL (it then outlives the table). */
int tr_speaker_table_find(tr_speaker_table *t, const tr_parse_options *opt,
    struct tr_arena *A, const char *name, int line);
void tr_speaker_table_free(tr_speaker_table *t);
/* The speakers as the tree holds them, in A; frees the table. */
tr_speaker *tr_speaker_table_finish(tr_speaker_table *t,
    struct tr_arena *A);

#endif
