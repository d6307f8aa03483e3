/* --update: which outputs a folder holds, and with what they were made.
 * One small file in the output folder, .transcribe-state, a line an
 * output: its name and the key of the version and options that wrote
 * it.  Like ninja's log it is rewritten whole, to a temporary name and
 * renamed; a missing or unreadable one means "convert everything". */
#ifndef TR_STATE_H
#define TR_STATE_H

#include <stdbool.h>
#include <stddef.h>

#define TR_STATE_FILE ".transcribe-state"

typedef struct tr_state tr_state;

/* The state of folder dir (empty when there is none). */
tr_state *tr_state_load(const char *dir);
/* Whether the output named name (in the folder) was written with key. */
bool tr_state_matches(const tr_state *s, const char *name, const char *key);
/* Records that name was just written with key. */
void tr_state_set(tr_state *s, const char *name, const char *key);
/* Writes what was recorded into the folder's state file, merged with
 * what it holds now (other shards write to the same folder), under a
 * lock on the folder.  Returns 0, or -1 with err set. */
int tr_state_save(tr_state *s, const char *dir, char *err, size_t errlen);
void tr_state_free(tr_state *s);

#endif
