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

/* Removes the temporary file being written, if any; safe in a signal
 * handler, so an interrupted conversion leaves nothing behind. */
void tr_output_remove_pending(void);

/* Removes what a conversion of PATH killed mid-write left: temporary
 * files of that output, from any process. */
void tr_output_remove_temporaries(const char *path);

/* A backend's last step: all of data to out.  Returns 0, or -1 with the
 * reason (errno's) in err. */
int tr_output_write(FILE *out, const char *data, size_t len, char *err,
    size_t errlen);

#endif
