/* The OpenCC pass (transcribe-opencc.so). */
#ifndef TR_OPENCC_PASS_H
#define TR_OPENCC_PASS_H

#include <stddef.h>

#include "tree.h"

/* Converts every text of doc with OpenCC's configuration config ("s2twp"
 * for /usr/share/opencc/s2twp.json); -1 and a message in err when
 * OpenCC fails. */
int tr_opencc_convert(tr_doc *doc, const char *config, char *err,
    size_t errlen);

#endif
