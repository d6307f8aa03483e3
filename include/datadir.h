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
/* Named limits of the files a conversion reads besides its input. */
#define TR_MAX_STYLE_BYTES (4u << 20)   /* a stylesheet */
#define TR_MAX_COVER_BYTES (64u << 20)  /* a cover image */

/* Reads a whole file of at most max bytes; returns 0, or -1 with errno
 * set (EFBIG when it is larger). */
int tr_read_file_max(const char *path, size_t max, tr_buf *out);

#endif
