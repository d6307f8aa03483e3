/* Helpers every reader of the tree shares: plain text of inlines, the
 * names of kinds, the speakers as one line. */
#include "tree.h"

void tr_inline_plain(const tr_inline *in, tr_buf *out)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
		case TR_INL_CODE:
			tr_buf_puts(out, in->text);
			break;
		case TR_INL_BREAK:
			tr_buf_putc(out, ' ');
			break;
		default:
			tr_inline_plain(in->child, out);
			break;
		}
	}
}

const char *tr_section_kind_name(tr_section_kind kind)
{
	static const char *names[] = { "front", "intro", "outline", "body",
		"chapter", "recap", "back" };
	return names[kind];
}

const char *tr_part_name(tr_part part)
{
	static const char *names[] = { "front", "body", "back" };
	return names[part];
}

const char *tr_block_kind_name(tr_block_kind kind)
{
	static const char *names[] = { "paragraph", "heading", "turn",
		"quote", "list", "item", "code", "outline" };
	return names[kind];
}

const char *tr_inline_kind_name(tr_inline_kind kind)
{
	static const char *names[] = { "text", "code", "emph", "strong",
		"link", "image", "break" };
	return names[kind];
}

void tr_speaker_names(const tr_doc *doc, const char *sep, int max,
    tr_buf *out)
{
	for (int i = 0; i < doc->nspeakers && (max <= 0 || i < max); i++) {
		if (i)
			tr_buf_puts(out, sep);
		tr_buf_puts(out, doc->speakers[i].name);
	}
}
