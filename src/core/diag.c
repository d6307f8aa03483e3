#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"

static const struct {
	tr_level level;
	const char *format; /* one %s: the argument, "" when none */
} catalogue[TR_DIAG_COUNT] = {
	[TR_E_READ] = { TR_ERROR, "cannot read input: %s" },
	[TR_E_EMPTY] = { TR_ERROR, "input is empty%s" },
	[TR_E_BLANK] = { TR_ERROR, "input holds only white space%s" },
	[TR_E_NUL] = { TR_ERROR, "NUL byte in input%s" },
	[TR_E_UTF8] = { TR_ERROR, "invalid UTF-8 (byte %s)" },
	[TR_E_TOO_LARGE] = { TR_ERROR, "input larger than %s bytes" },
	[TR_E_WRITE] = { TR_ERROR, "cannot write output: %s" },
	[TR_E_FORMAT] = { TR_ERROR, "conversion failed: %s" },
	[TR_E_OVERWRITE] = { TR_ERROR,
	    "output would overwrite the input%s" },
	[TR_E_STRICT] = { TR_ERROR, "%s treated as errors (--strict)" },
	[TR_E_ABNORMAL] = { TR_ERROR, "conversion ended abnormally%s" },
	[TR_E_JSON] = { TR_ERROR, "JSON input: %s" },
	[TR_W_FENCE] = { TR_WARNING,
	    "code fence is not closed; it runs to the end of the file%s" },
	[TR_W_DEPTH] = { TR_WARNING,
	    "nesting deeper than %s levels is flattened" },
	[TR_W_OUTLINE] = { TR_WARNING,
	    "outline line does not fit the tree: %s" },
	[TR_W_DATE] = { TR_WARNING,
	    "unrecognised date '%s'; left as written" },
	[TR_W_NO_TITLE] = { TR_WARNING,
	    "no heading that can be the title (a level-1 heading before "
	    "the first turn); the title is taken "
	    "from %s" },
	[TR_W_LABEL_EMPTY] = { TR_WARNING,
	    "speaker label '%s' has no text after it" },
	[TR_W_LABEL_LONG] = { TR_WARNING,
	    "bold text ending in a colon is too long for a speaker name "
	    "(over %s characters); kept as text" },
	[TR_W_CONTROL] = { TR_WARNING,
	    "%s is not text; replaced by U+FFFD" },
	[TR_W_RAW_HTML] = { TR_WARNING,
	    "raw HTML is shown as text, not interpreted%s" },
	[TR_W_RUBY] = { TR_WARNING,
	    "this <ruby> %s; it is shown as text" },
	[TR_W_RUBY_ATTR] = { TR_WARNING,
	    "attributes of <ruby>, <rb>, <rt> and <rp> are dropped%s" },
	[TR_W_VERTICAL] = { TR_WARNING,
	    "--vertical is for Chinese; this transcript is in '%s' and is "
	    "set horizontally" },
	[TR_W_YAML] = { TR_WARNING,
	    "front matter is not valid YAML (%s); it is left out" },
	[TR_W_FM_LANG] = { TR_WARNING,
	    "front matter language '%s' is not a language tag; ignored" },
	[TR_W_NO_GLYPH] = { TR_WARNING,
	    "no font has %s; it prints as a box" },
	[TR_W_CUE_TIMING] = { TR_WARNING,
	    "not a cue timing ('%s'); the cue is left out" },
	[TR_W_CUE_ORDER] = { TR_WARNING,
	    "cue at %s starts before the cue before it ends, or ends "
	    "before it starts" },
	[TR_W_CUE_MARKUP] = { TR_WARNING, "%s; kept as text" },
	[TR_W_NO_SPEAKERS] = { TR_WARNING,
	    "the captions name no speakers; read as paragraphs without "
	    "labels%s" },
	[TR_W_NO_TURNS] = { TR_WARNING,
	    "no speaker turns found; %s — is it a label?" },
	[TR_N_NO_TITLE] = { TR_NOTE,
	    "no heading; the title is taken from %s" },
	[TR_N_NO_TURNS] = { TR_NOTE,
	    "no speaker turns: the text is read as a monologue%s" },
	[TR_N_CANDIDATE] = { TR_NOTE,
	    "'%s' looks like a speaker label but was not taken" },
	[TR_N_TEMPLATE] = { TR_NOTE, "label shape %s" },
	[TR_N_MERGED] = { TR_NOTE, "speaker %s: the same person" },
};

void tr_diag_init(tr_diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
}

tr_level tr_diag_level(tr_diag_id id)
{
	return catalogue[id].level;
}

const char *tr_diag_format(tr_diag_id id)
{
	return catalogue[id].format;
}

void tr_diag_emit(tr_diag *d, tr_diag_id id, const char *file, int line,
    int col, const char *arg)
{
	tr_level level = catalogue[id].level;
	if (level == TR_ERROR)
		d->errors++;
	else if (level == TR_WARNING)
		d->warnings++;
	bool print = d->out && !(d->quiet && level != TR_ERROR) &&
	    !(level == TR_NOTE && !d->verbose);
	bool keep = d->log && level != TR_NOTE &&
	    (level == TR_ERROR || d->log->len < TR_DIAG_LOG_MAX);
	if (!print && !keep)
		return;
	char msg[512];
	snprintf(msg, sizeof msg, catalogue[id].format, arg ? arg : "");
	tr_buf text = { 0 };
	if (file && line > 0 && col > 0)
		tr_buf_printf(&text, "%s:%d:%d: ", file, line, col);
	else if (file && line > 0)
		tr_buf_printf(&text, "%s:%d: ", file, line);
	else if (file)
		tr_buf_printf(&text, "%s: ", file);
	tr_buf_printf(&text, "%s: %s\n", level == TR_ERROR ? "error" :
	    level == TR_WARNING ? "warning" : "note", msg);
	if (keep)
		tr_buf_put(d->log, text.data, text.len);
	if (!print) {
		tr_buf_free(&text);
		return;
	}
	if (d->shown == TR_DIAG_MAX_SHOWN && level != TR_ERROR) {
		fprintf(d->out, "%s: note: further warnings suppressed\n",
		    file ? file : "transcribe");
		d->shown++;
	}
	/* errors are always said: each is why an input failed */
	if (d->shown > TR_DIAG_MAX_SHOWN && level != TR_ERROR) {
		tr_buf_free(&text);
		return;
	}
	d->shown++;
	/* one write a message: the workers of a batch share stderr, and
	 * lines written piecemeal interleave */
	fwrite(text.data, 1, text.len, d->out);
	fflush(d->out);
	tr_buf_free(&text);
}
