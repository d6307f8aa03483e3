/* Diagnostics from one fixed catalogue, printed as
 * "file:line:col: error|warning: message".  Every message is listed in
 * transcribe.1 (DIAGNOSTICS); keep the two in step. */
#ifndef TR_DIAG_H
#define TR_DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum {
	TR_NOTE,            /* shown with -v only; counts as nothing */
	TR_WARNING,
	TR_ERROR
} tr_level;

typedef enum {
	/* errors: the input cannot be converted */
	TR_E_READ,          /* cannot read input */
	TR_E_EMPTY,         /* empty file */
	TR_E_BLANK,         /* nothing but white space */
	TR_E_NUL,           /* NUL byte */
	TR_E_UTF8,          /* invalid UTF-8 */
	TR_E_TOO_LARGE,     /* input over TR_MAX_INPUT_BYTES */
	TR_E_WRITE,         /* cannot write an output */
	TR_E_FORMAT,        /* a backend failed */
	TR_E_OVERWRITE,     /* an output would replace an input */
	TR_E_STRICT,        /* warnings treated as errors */
	TR_E_ABNORMAL,      /* a batch worker died */
	TR_E_JSON,          /* JSON input that is no transcript */
	/* warnings: converted, best effort */
	TR_W_FENCE,         /* unterminated code fence */
	TR_W_DEPTH,         /* nesting flattened */
	TR_W_OUTLINE,       /* outline line out of the tree */
	TR_W_DATE,          /* unrecognised date */
	TR_W_NO_TITLE,      /* no level-1 heading */
	TR_W_LABEL_EMPTY,   /* label with no text after it */
	TR_W_LABEL_LONG,    /* bold text too long to be a speaker name */
	TR_W_CONTROL,       /* control character replaced */
	TR_W_RAW_HTML,      /* raw HTML shown as text */
	TR_W_RUBY,          /* a <ruby> that is not read as ruby */
	TR_W_RUBY_ATTR,     /* attributes of ruby dropped */
	TR_W_VERTICAL,      /* --vertical for a language not Chinese */
	TR_W_YAML,          /* front matter that does not parse */
	TR_W_FM_LANG,       /* front matter lang that is no language tag */
	TR_W_NO_TURNS,      /* label-like prefixes, none taken */
	TR_W_NO_GLYPH,      /* a character no font has */
	TR_W_CUE_TIMING,    /* a caption cue without a valid timing line */
	TR_W_CUE_ORDER,     /* a cue that starts before the one before ends */
	TR_W_CUE_MARKUP,    /* caption markup that does not close */
	TR_W_NO_SPEAKERS,   /* captions that name no speaker */
	/* notes: -v */
	TR_N_NO_TURNS,      /* a monologue: no speaker turns */
	TR_N_NO_TITLE,      /* no heading at all: titled from elsewhere */
	TR_N_CANDIDATE,     /* a label candidate that was not taken */
	TR_N_TEMPLATE,      /* a line shape the survey weighed */
	TR_N_MERGED,        /* "Lee" read as "Lee Park" */
	TR_DIAG_COUNT
} tr_diag_id;

typedef struct tr_diag {
	FILE *out;          /* NULL: count only */
	int errors, warnings;
	int shown;          /* messages printed, capped per file */
	int raw_html_seen;  /* warn once per file */
	bool quiet;         /* print errors only */
	bool verbose;       /* print notes too */
	struct tr_buf *log; /* or a copy of every error and warning, printed
	                     * or not (--report); warnings up to
	                     * TR_DIAG_LOG_MAX bytes */
} tr_diag;

#define TR_DIAG_LOG_MAX 8192

#define TR_DIAG_MAX_SHOWN 50

void tr_diag_init(tr_diag *d, FILE *out);
/* line and col are 1-based; 0 leaves them out. */
void tr_diag_emit(tr_diag *d, tr_diag_id id, const char *file, int line,
    int col, const char *arg);
tr_level tr_diag_level(tr_diag_id id);
const char *tr_diag_format(tr_diag_id id);

#endif
