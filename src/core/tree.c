/* Helpers every reader of the tree shares: plain text of inlines, the
 * names of kinds, the speakers as one line. */
#include <string.h>
#include <strings.h>

#include "tree.h"

void tr_inline_plain(const tr_inline *in, tr_buf *out)
{
	for (; in; in = in->next) {
		switch (in->kind) {
		case TR_INL_TEXT:
		case TR_INL_CODE:
		case TR_INL_RUBY:       /* the base: titles, names, search */
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
		"link", "image", "break", "ruby" };
	return names[kind];
}

/* Words transcripts use as labels for a part, not a person: with a
 * number or a letter after them too ("嘉宾A", "Speaker 2", "SPEAKER_00"). */
static const char *const role_words[] = {
	"主持人", "主持", "主播", "嘉宾", "嘉賓", "记者", "記者", "采访者",
	"採訪者", "受访者", "受訪者", "观众", "觀眾", "听众", "聽眾", "提问者",
	"提問者", "旁白", "问", "問", "答", "说话人", "說話人", "发言人",
	"發言人", "讲者", "講者", "司会", "話者", "host", "co-host", "cohost",
	"guest", "interviewer", "interviewee", "moderator", "narrator",
	"audience", "audience member", "speaker", "spk", "question",
	"answer", "unknown", "voice", "caller", "panelist", "reporter",
	"presenter", "participant",
};

bool tr_name_is_role(const char *name)
{
	size_t n = strlen(name);
	if (strcmp(name, "(?)") == 0)
		return true;    /* the unknown speaker */
	/* the number or the letter after the word */
	while (n && ((name[n - 1] >= '0' && name[n - 1] <= '9') ||
	    name[n - 1] == ' ' || name[n - 1] == '_' || name[n - 1] == '#'))
		n--;
	if (n > 1 && name[n - 1] >= 'A' && name[n - 1] <= 'Z' &&
	    (name[n - 2] & 0x80))
		n--; /* 嘉宾A */
	else if (n > 2 && name[n - 2] == ' ' && ((name[n - 1] >= 'A' &&
	    name[n - 1] <= 'Z') || (name[n - 1] >= 'a' && name[n - 1] <= 'z')))
		n -= 2; /* Speaker A */
	if (n == 0)
		return false;
	for (size_t i = 0; i < sizeof role_words / sizeof *role_words; i++)
		if (strlen(role_words[i]) == n &&
		    strncasecmp(role_words[i], name, n) == 0)
			return true;
	return false;
}

void tr_speaker_names(const tr_doc *doc, const char *sep, int max,
    tr_buf *out)
{
	int shown = 0;
	for (int i = 0; i < doc->nspeakers && (max <= 0 || shown < max); i++) {
		if (tr_name_is_role(doc->speakers[i].name))
			continue;
		if (shown++)
			tr_buf_puts(out, sep);
		tr_buf_puts(out, doc->speakers[i].name);
	}
}
