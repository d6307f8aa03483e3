/* The reading pipeline, in the order its stages run:
 *   input.c     checks the bytes and tells the kind of input;
 *   survey.c    finds a Markdown file's own label template;
 *   markdown.c, captions.c   the readers: build the tree;
 *   validate.c  the normalising pass every reader ends in.
 * From there on the tree is const: the backends only read it.
 * This header holds what the stages (and their unit tests) share. */
#ifndef TR_PARSE_H
#define TR_PARSE_H

#include <stdbool.h>

#include "diag.h"
#include "timestamp.h"
#include "tree.h"

/* What the bytes are, by their content (a file's name can lie). */
typedef enum {
	TR_INPUT_MARKDOWN,
	TR_INPUT_VTT,
	TR_INPUT_SRT,
	TR_INPUT_JSON           /* Whisper, WhisperX, segment arrays */
} tr_input_kind;

tr_input_kind tr_input_kind_of(const char *data, size_t len);

/* The readers: valid UTF-8 without NUL or controls in, a finished tree
 * (or NULL, with an error) out. */
tr_doc *tr_read_markdown(const char *path, const char *data, size_t len,
    const tr_parse_options *opt, tr_diag *diag);

/* A speaker label at the start of a paragraph's (normalised) inlines.
 * On success *name is the speaker (arena copy) and *rest the inlines
 * after the label (leading white space removed; may be NULL). */
typedef enum {
	TR_LABEL_NONE,
	TR_LABEL_OK,
	TR_LABEL_TOO_LONG
} tr_label_result;

tr_label_result tr_label_detect(struct tr_arena *a, const tr_inline *first,
    const char **name, tr_inline **rest, struct tr_time *time, bool *timed);

/* Merges adjacent text, turns soft breaks into a space or nothing (none
 * between two Han characters), drops empty text. */
const tr_inline *tr_inlines_normalize(struct tr_arena *a,
    const tr_inline *first);

/* Language of the document's text: "zh-Hans", "zh-Hant", "ja" or "en". */
const char *tr_detect_lang(const tr_doc *doc);
/* Whether a source is in a Latin-script language by its letters, before
 * it is parsed (cmark's smart punctuation is for such text only). */
bool tr_source_is_latin(const char *data, size_t len);

/* A role the front matter gives a speaker ("speakers: [{name, role}]"). */
typedef struct tr_role_hint {
	const char *name, *role;
} tr_role_hint;

/* Host and guest roles of the speakers (the document's own array),
 * from the hints, the metadata and the channel. */
void tr_assign_roles(const tr_doc *doc, tr_speaker *speakers,
    const tr_role_hint *hints, int nhints);

struct tr_speaker_table;
struct tr_fm_field;
/* The end every reader shares: the speakers into the tree, the front
 * matter's and -M's metadata, the document-level pass, the language. */
tr_doc *tr_doc_finish(tr_doc *doc, struct tr_speaker_table *table,
    const struct tr_fm_field *fm, const tr_parse_options *opt,
    tr_diag *diag);

/* The document-level pass: title fallback, speaker roles, headings. */
void tr_validate(tr_doc *doc, tr_speaker *speakers,
    const tr_role_hint *hints, int nhints, tr_diag *diag);

struct tr_fm_field;
struct tr_names;
/* Declares the speakers the front matter and -M name, before building. */
void tr_declare_speakers(struct tr_names *names,
    const struct tr_fm_field *fm, const tr_parse_options *opt);
/* Front matter, then -M, over the metadata list's values; every item
 * into doc->meta.  Returns the language they set (checked), or NULL. */
const char *tr_apply_metadata(tr_doc *doc, const struct tr_fm_field *fm,
    const tr_parse_options *opt, tr_diag *diag, tr_role_hint **hints,
    int *nhints);

/* The readers own the nodes they build: while the tree is being built,
 * a node reached through its const links may still be changed.  Only
 * the readers may do this; the backends see a finished, const tree. */
static inline tr_inline *tr_own_inline(const tr_inline *in)
{
	return (tr_inline *)in;
}

static inline tr_block *tr_own_block(const tr_block *blk)
{
	return (tr_block *)blk;
}

/* The soft-break sentinel used between building and normalising. */
extern const char tr_softbreak_mark[];

#endif
