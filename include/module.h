/* Backends whose libraries are heavy to map (libxml2 pulls in ICU,
 * libzip OpenSSL, Pango some forty more) live in modules loaded on first
 * use, so that text and JSON start in a few milliseconds. */
#ifndef TR_MODULE_H
#define TR_MODULE_H

#include <stddef.h>
#include <stdio.h>

#include "backend.h"
#include "buf.h"

/* A symbol of a module (transcribe-epub.so, transcribe-gfx.so); NULL
 * and a message in err when it cannot be loaded. */
void *tr_module_symbol(const char *file, const char *symbol, char *err,
    size_t errlen);

/* The EPUB backend's entry, loading transcribe-epub.so on first use. */
int tr_epub_render_lazy(const tr_doc *doc, const tr_options *opt,
    const tr_page_map *pages, FILE *out, char *err, size_t errlen);

/* The PDF backend's entry, in transcribe-gfx.so. */
int tr_pdf_render_lazy(const tr_doc *doc, const tr_options *opt,
    tr_page_map *pages, FILE *out, char *err, size_t errlen);

#endif
