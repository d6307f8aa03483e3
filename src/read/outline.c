#include <stdio.h>
#include <string.h>

#include "outline.h"
#include "utf8.h"

/* A line's shape: how deep its branch mark stands and where its text
 * begins.  col < 0 means no branch mark. */
struct shape {
	int col;
	size_t text;    /* byte offset of the text */
	bool blank;     /* nothing but guides and spaces */
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static size_t connector_len(const char *s)
{
	if (starts(s, "├") || starts(s, "└") || starts(s, "┣") ||
	    starts(s, "┗"))
		return 3;
	if ((s[0] == '|' || s[0] == '`' || s[0] == '+' || s[0] == '\\') &&
	    s[1] == '-' && s[2] == '-')
		return 1;
	return 0;
}

static struct shape shape_of(const char *line, size_t len)
{
	struct shape sh = { -1, 0, false };
	size_t i = 0;
	int col = 0;
	while (i < len) {
		size_t c = connector_len(line + i);
		if (c) {
			sh.col = col;
			i += c;
			/* the horizontal stroke and the space after it */
			while (i < len) {
				if (starts(line + i, "─") || starts(line + i, "━"))
					i += 3;
				else if (line[i] == '-' || line[i] == ' ' ||
				    line[i] == '\t')
					i++;
				else
					break;
			}
			sh.text = i;
			return sh;
		}
		if (line[i] == ' ') {
			i++, col++;
		} else if (line[i] == '\t') {
			i++, col += 4;
		} else if (line[i] == '|') {
			i++, col++;
		} else if (starts(line + i, "│") || starts(line + i, "┃")) {
			i += 3, col++;
		} else {
			break;
		}
	}
	sh.text = i;
	sh.blank = i == len;
	return sh;
}

bool tr_outline_detect(const char *info, const char *text)
{
	if (info && *info && strcmp(info, "text") != 0 &&
	    strcmp(info, "tree") != 0 && strcmp(info, "outline") != 0)
		return false;
	int branches = 0, lines = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		struct shape sh = shape_of(p, len);
		if (!sh.blank)
			lines++;
		if (sh.col >= 0)
			branches++;
		p += len + (nl != NULL);
	}
	/* most lines hang on a branch (a root line and strays may not) */
	return branches > 0 && branches * 2 >= lines - 1;
}

static tr_outline *new_node(struct tr_arena *a, const char *s, size_t n,
    int line)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	tr_outline *o = tr_arena_alloc(a, sizeof(*o));
	o->text = tr_arena_strndup(a, s, n);
	o->line = line;
	return o;
}

struct level {
	int col;
	tr_outline *node;
	tr_outline *last_child;
};

tr_outline *tr_outline_parse(struct tr_arena *arena, const char *text,
    int first_line, const char *path, tr_diag *diag)
{
	struct level stack[TR_MAX_OUTLINE_DEPTH + 1];
	int depth = 0; /* stack[depth] is the innermost open node */
	tr_outline *root = NULL;
	bool depth_warned = false;
	int line = first_line;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		struct shape sh = shape_of(p, len);
		const char *t = p + sh.text;
		size_t tlen = len - sh.text;
		int this_line = line;
		p += len + (nl != NULL);
		line++;
		if (sh.blank)
			continue;
		if (!root) {
			if (sh.col < 0) {
				root = new_node(arena, t, tlen, this_line);
				stack[0] = (struct level){ -1, root, NULL };
				continue;
			}
			root = new_node(arena, "", 0, this_line);
			stack[0] = (struct level){ -1, root, NULL };
		}
		int col = sh.col;
		if (col < 0) {
			tr_diag_emit(diag, TR_W_OUTLINE, path, this_line, 1,
			    "no branch mark; placed beside the line above");
			col = depth > 0 ? stack[depth].col : 0;
		}
		bool misaligned = false;
		while (depth > 0 && stack[depth].col > col) {
			depth--;
			misaligned = stack[depth].col < col;
		}
		if (misaligned)
			tr_diag_emit(diag, TR_W_OUTLINE, path, this_line,
			    col + 1,
			    "branch between two levels; placed at the one below");
		if (depth > 0 && stack[depth].col == col)
			depth--; /* a sibling */
		if (depth == TR_MAX_OUTLINE_DEPTH) {
			if (!depth_warned) {
				char n[16];
				snprintf(n, sizeof n, "%d", TR_MAX_OUTLINE_DEPTH);
				tr_diag_emit(diag, TR_W_DEPTH, path, this_line,
				    col + 1, n);
				depth_warned = true;
			}
			depth--;
		}
		tr_outline *node = new_node(arena, t, tlen, this_line);
		struct level *parent = &stack[depth];
		if (parent->last_child)
			parent->last_child->next = node;
		else
			parent->node->child = node;
		parent->last_child = node;
		depth++;
		stack[depth] = (struct level){ col, node, NULL };
	}
	if (!root)
		root = new_node(arena, "", 0, first_line);
	return root;
}
