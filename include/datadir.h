/* Where the styles and font configuration live: $TRANSCRIBE_DATADIR, the
 * installed share folder beside the binary, the source tree the binary
 * was built in, or the compiled-in DATADIR, in that order. */
#ifndef TR_DATADIR_H
#define TR_DATADIR_H

#include "buf.h"

/* Reads DATADIR/rel into out; returns 0, or -1 when no folder has it. */
int tr_data_read(const char *rel, tr_buf *out);
/* The path of DATADIR/rel in the first folder that has it, or NULL.
 * The result is malloc'ed. */
char *tr_data_path(const char *rel);
/* Reads a whole file; returns 0 or -1 with errno set. */
int tr_read_file(const char *path, tr_buf *out);

#endif
