/* The pipeline's first stage: checks the bytes (size, UTF-8, NUL,
 * controls), tells the kind of input by its content, and hands it to
 * its reader (markdown.c, captions.c); both end in validate.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "captions.h"
#include "parse.h"
#include "utf8.h"

/* ---- input checks ---------------------------------------------------- */

/* 1-based line and column (in code points) of a byte offset. */
static void position_of(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* Errors for NUL bytes and invalid UTF-8, one per line at most.
 * Returns false when the input cannot be used. */
static bool check_bytes(const char *path, const char *s, size_t n,
    tr_diag *diag)
{
	bool ok = true;
	int line = 1, col = 1, reported_line = 0;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t len = 1;
		if (c == 0 || c >= 0x80) {
			uint32_t cp;
			len = c ? tr_utf8_decode(s + i, n - i, &cp) : 0;
			if (len == 0) {
				if (reported_line != line) {
					char arg[8];
					snprintf(arg, sizeof arg, "0x%02X", c);
					tr_diag_emit(diag, c ? TR_E_UTF8 : TR_E_NUL,
					    path, line, col, c ? arg : "");
					reported_line = line;
				}
				ok = false;
				len = 1;
			}
		}
		if (c == '\n')
			line++, col = 1;
		else
			col++;
		i += len;
	}
	return ok;
}

/* C0 controls other than tab, newline, carriage return and form feed are
 * no text: they become U+FFFD so that no output format chokes on them. */
static char *replace_controls(const char *path, const char *s, size_t n,
    size_t *out_len, tr_diag *diag)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || c == 0x7F)
			count++;
	}
	if (!count)
		return NULL;
	char *out = tr_xmalloc(n + count * 2 + 1);
	size_t o = 0;
	bool warned = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || c == 0x7F) {
			if (!warned) {
				int line, col;
				char arg[16];
				position_of(s, i, &line, &col);
				snprintf(arg, sizeof arg, "U+%04X", c);
				tr_diag_emit(diag, TR_W_CONTROL, path, line, col,
				    arg);
				warned = true;
			}
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}


tr_input_kind tr_input_kind_of(const char *data, size_t len)
{
	switch (tr_captions_kind_of(data, len)) {
	case TR_CAPTIONS_VTT:
		return TR_INPUT_VTT;
	case TR_CAPTIONS_SRT:
		return TR_INPUT_SRT;
	case TR_CAPTIONS_JSON:
		return TR_INPUT_JSON;
	default:
		return TR_INPUT_MARKDOWN;
	}
}

tr_doc *tr_parse(const char *path, const char *data, size_t len,
    const tr_parse_options *opt, tr_diag *diag)
{
	if (len > TR_MAX_INPUT_BYTES) {
		char arg[32];
		snprintf(arg, sizeof arg, "%u", TR_MAX_INPUT_BYTES);
		tr_diag_emit(diag, TR_E_TOO_LARGE, path, 0, 0, arg);
		return NULL;
	}
	if (len == 0) {
		tr_diag_emit(diag, TR_E_EMPTY, path, 0, 0, "");
		return NULL;
	}
	if (!check_bytes(path, data, len, diag))
		return NULL;
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\t' ||
	    data[i] == '\n' || data[i] == '\r' || data[i] == '\f'))
		i++;
	if (i == len) {
		tr_diag_emit(diag, TR_E_BLANK, path, 0, 0, "");
		return NULL;
	}
	size_t clean_len = len;
	char *clean = replace_controls(path, data, len, &clean_len, diag);
	if (clean) {
		data = clean;
		len = clean_len;
	}
	tr_doc *doc;
	switch (tr_input_kind_of(data, len)) {
	case TR_INPUT_VTT:
		doc = tr_read_captions(TR_CAPTIONS_VTT, path, data, len, opt, diag);
		break;
	case TR_INPUT_SRT:
		doc = tr_read_captions(TR_CAPTIONS_SRT, path, data, len, opt, diag);
		break;
	case TR_INPUT_JSON:
		doc = tr_read_captions(TR_CAPTIONS_JSON, path, data, len, opt,
		    diag);
		break;
	default:
		doc = tr_read_markdown(path, data, len, opt, diag);
		break;
	}
	free(clean);
	return doc;
}

void tr_doc_free(tr_doc *doc)
{
	if (doc)
		tr_arena_free(doc->arena);
}
