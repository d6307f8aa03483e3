/* Captions and speech-recognition output, read into the same tree as a
 * Markdown transcript: WebVTT and SRT cues, chosen by their content,
 * become speaker turns with times. */
#ifndef TR_CAPTIONS_H
#define TR_CAPTIONS_H

#include <stddef.h>

#include "diag.h"
#include "tree.h"

typedef enum {
	TR_CAPTIONS_NONE,       /* not captions: Markdown */
	TR_CAPTIONS_VTT,
	TR_CAPTIONS_SRT,
	TR_CAPTIONS_JSON        /* WhisperX or Whisper: {"segments": [...]} */
} tr_captions_kind;

/* What the bytes are, by their content (a file's name can lie): a
 * WEBVTT header, a first block of a cue number and a timing line, or a
 * JSON object. */
tr_captions_kind tr_captions_kind_of(const char *data, size_t len);

/* Builds the tree of captions (valid UTF-8, no NUL); NULL, with an
 * error, for JSON that does not parse or holds no segments. */
tr_doc *tr_read_captions(tr_captions_kind kind, const char *path,
    const char *data, size_t len, const tr_parse_options *opt,
    tr_diag *diag);

#endif
