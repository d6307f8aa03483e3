/* The PDF backend (in the graphics module). */
#ifndef TR_PDF_H
#define TR_PDF_H

#include <stdio.h>

#include "backend.h"

int tr_pdf_render(const tr_doc *doc, const tr_options *opt, FILE *out,
    char *err, size_t errlen);

#endif
