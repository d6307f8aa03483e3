/* An index of names over a reader's own array (its speakers, its label
 * candidates): open addressing, each slot an item's index + 1 or 0, so
 * that a file naming thousands finds each in constant time. */
#ifndef TR_NAME_INDEX_H
#define TR_NAME_INDEX_H

#include <stddef.h>

typedef struct tr_name_index {
	int *slots;
	size_t nslots;          /* a power of two, at most half full */
} tr_name_index;

/* The name of item i of the array. */
typedef const char *tr_name_of(const void *items, int i);

/* Room for one more item after the n there are. */
void tr_name_index_reserve(tr_name_index *x, int n, const void *items,
    tr_name_of *name_of);
/* The item called name[0, len), or -1.  *slot (when not NULL) gets the
 * empty slot the name would take: pass it to tr_name_index_put. */
int tr_name_index_find(const tr_name_index *x, const char *name, size_t len,
    const void *items, tr_name_of *name_of, size_t *slot);
void tr_name_index_put(tr_name_index *x, size_t slot, int i);
void tr_name_index_free(tr_name_index *x);

#endif
