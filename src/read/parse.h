/* Internals shared by the parser's passes (parse.c builds, validate.c
 * normalises) and their unit tests. */
#ifndef TR_PARSE_H
#define TR_PARSE_H

#include <stdbool.h>

#include "diag.h"
#include "tree.h"

/* A speaker label at the start of a paragraph's (normalised) inlines.
 * On success *name is the speaker (arena copy) and *rest the inlines
 * after the label (leading white space removed; may be NULL). */
typedef enum {
	TR_LABEL_NONE,
	TR_LABEL_OK,
	TR_LABEL_TOO_LONG
} tr_label_result;

tr_label_result tr_label_detect(struct tr_arena *a, tr_inline *first,
    const char **name, tr_inline **rest);

/* Merges adjacent text, turns soft breaks into a space or nothing (none
 * between two Han characters), drops empty text. */
tr_inline *tr_inlines_normalize(struct tr_arena *a, tr_inline *first);

/* Language of the document's text: "zh-Hans", "zh-Hant", "ja" or "en". */
const char *tr_detect_lang(const tr_doc *doc);

/* Host and guest roles of the speakers, from metadata and channel. */
void tr_assign_roles(tr_doc *doc);

/* The document-level pass: title fallback, speaker roles, counts. */
void tr_validate(tr_doc *doc, tr_diag *diag);

/* The soft-break sentinel used between building and normalising. */
extern const char tr_softbreak_mark[];

#endif
