/* Outputs appear complete or not at all: each is written to a temporary
 * file beside its final name and renamed into place when complete. */
#ifndef TR_OUTPUT_H
#define TR_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

typedef struct tr_output {
	char *path;     /* final name, or NULL for stdout */
	char *tmp;      /* temporary name */
	FILE *fp;
} tr_output;

/* path "-" means standard output.  Returns 0, or -1 with errno set. */
int tr_output_open(tr_output *o, const char *path);
/* Flushes, checks, closes and renames.  Returns 0, or -1 with errno
 * set; the temporary file is gone either way. */
int tr_output_commit(tr_output *o);
/* Drops the temporary file. */
void tr_output_abort(tr_output *o);

/* Every temporary file and folder of this process, by exact name, so
 * that nothing of ours outlives a conversion: the output being written,
 * the PDF's font subsets.  A batch worker keeps its list in memory it
 * shares with the parent, which removes what a killed worker left. */
#define TR_TEMP_SLOTS 8
#define TR_TEMP_PATH 4096

typedef struct tr_temp_list {
	char path[TR_TEMP_SLOTS][TR_TEMP_PATH]; /* "" when free */
	char is_dir[TR_TEMP_SLOTS];
} tr_temp_list;

/* Keeps this process's list in list (shared memory) from now on. */
void tr_temp_use(tr_temp_list *list);
/* Records a temporary file or folder; returns -1 when the list is full
 * (it is then removed only by its own code). */
int tr_temp_add(const char *path, bool is_dir);
void tr_temp_drop(const char *path);
/* Removes everything on list (files first, then folders) and clears
 * it; safe in a signal handler.  NULL: this process's own list. */
void tr_temp_remove_all(tr_temp_list *list);

/* A backend's last step: all of data to out.  Returns 0, or -1 with the
 * reason (errno's) in err. */
int tr_output_write(FILE *out, const char *data, size_t len, char *err,
    size_t errlen);

#endif
