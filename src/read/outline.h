/* Outline trees drawn in fenced code blocks with box characters
 * (├── └── │) or ASCII (|-- `-- +--), any depth. */
#ifndef TR_OUTLINE_H
#define TR_OUTLINE_H

#include <stdbool.h>

#include "diag.h"
#include "tree.h"

/* Does this code block (info string, literal) draw a tree? */
bool tr_outline_detect(const char *info, const char *text);

/* Builds the tree; first_line is the source line of the literal's first
 * line.  Lines that do not fit are attached where they best fit, with a
 * warning.  Never fails: the result has at least a root. */
tr_outline *tr_outline_parse(struct tr_arena *arena, const char *text,
    int first_line, const char *path, tr_diag *diag);

#endif
