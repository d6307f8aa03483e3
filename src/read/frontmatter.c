#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "frontmatter.h"

/* The length of the line at s (without its newline and a \r). */
static size_t line_len(const char *s, size_t n, size_t *next)
{
	const char *nl = memchr(s, '\n', n);
	size_t len = nl ? (size_t)(nl - s) : n;
	*next = nl ? len + 1 : n;
	if (len && s[len - 1] == '\r')
		len--;
	return len;
}

static bool is_fence(const char *s, size_t n, const char *fence)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(s, fence, 3) == 0;
}

/* "key:" at the start of a line: how YAML front matter opens. */
static bool looks_like_key(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
	    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
	    s[i] == '-' || (unsigned char)s[i] >= 0x80))
		i++;
	return i > 0 && i < n && s[i] == ':' && (i + 1 == n ||
	    s[i + 1] == ' ' || s[i + 1] == '\t');
}

static const char *scalar(struct tr_arena *a, yaml_node_t *node)
{
	if (!node || node->type != YAML_SCALAR_NODE)
		return NULL;
	return tr_arena_strndup(a, (const char *)node->data.scalar.value,
	    node->data.scalar.length);
}

/* A mapping item's value under key (case-insensitive), as a scalar. */
static const char *member(struct tr_arena *a, yaml_document_t *doc,
    yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE &&
		    strlen(key) == k->data.scalar.length &&
		    strncasecmp((const char *)k->data.scalar.value, key,
		    k->data.scalar.length) == 0)
			return scalar(a, yaml_document_get_node(doc, p->value));
	}
	return NULL;
}

/* One field: a scalar, a list of scalars or of {name, role} items;
 * anything deeper is kept as the text of its scalars. */
static void add_field(struct tr_arena *a, yaml_document_t *doc,
    yaml_node_t *key, yaml_node_t *value, int line0, tr_fm_field ***link)
{
	tr_fm_field *f = tr_arena_alloc(a, sizeof(*f));
	f->key = scalar(a, key);
	f->line = line0 + (int)key->start_mark.line;
	tr_buf text = { 0 };
	if (value && value->type == YAML_SEQUENCE_NODE) {
		int n = (int)(value->data.sequence.items.top -
		    value->data.sequence.items.start);
		f->items = tr_arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
		f->roles = tr_arena_alloc(a, sizeof(char *) * (size_t)(n + 1));
		for (yaml_node_item_t *it = value->data.sequence.items.start;
		    it < value->data.sequence.items.top; it++) {
			yaml_node_t *item = yaml_document_get_node(doc, *it);
			const char *name = NULL, *role = NULL;
			if (item && item->type == YAML_MAPPING_NODE) {
				name = member(a, doc, item, "name");
				role = member(a, doc, item, "role");
			} else {
				name = scalar(a, item);
			}
			if (!name || !*name)
				continue;
			if (text.len)
				tr_buf_puts(&text, ", ");
			tr_buf_puts(&text, name);
			f->roles[f->nitems] = role;
			f->items[f->nitems++] = name;
		}
	} else if (value && value->type == YAML_SCALAR_NODE) {
		tr_buf_put(&text, (const char *)value->data.scalar.value,
		    value->data.scalar.length);
		f->items = tr_arena_alloc(a, sizeof(char *));
		f->roles = tr_arena_alloc(a, sizeof(char *));
		if (value->data.scalar.length) {
			f->items[0] = tr_arena_strndup(a, tr_buf_cstr(&text),
			    text.len);
			f->nitems = 1;
		}
	}
	f->value = tr_arena_strndup(a, tr_buf_cstr(&text), text.len);
	tr_buf_free(&text);
	if (f->key) {
		**link = f;
		*link = &f->next;
	}
}

size_t tr_front_matter(struct tr_arena *a, const char *path,
    const char *data, size_t len, tr_fm_field **fields, tr_diag *diag)
{
	*fields = NULL;
	size_t start = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	size_t next, n = line_len(data + start, len - start, &next);
	if (!is_fence(data + start, n, "---"))
		return 0;
	size_t body = start + next;
	size_t first_len = line_len(data + body, len - body, &next);
	if (!looks_like_key(data + body, first_len))
		return 0;
	/* the closing fence */
	size_t pos = body, end = 0, after = 0;
	while (pos < len && pos - body <= TR_MAX_FRONT_MATTER) {
		size_t l = line_len(data + pos, len - pos, &next);
		if (pos > body && (is_fence(data + pos, l, "---") ||
		    is_fence(data + pos, l, "..."))) {
			end = pos;
			after = pos + next;
			break;
		}
		pos += next;
	}
	if (!end)
		return 0; /* no closing fence: a rule and some text */

	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		return after;
	yaml_parser_set_input_string(&parser,
	    (const unsigned char *)data + body, end - body);
	if (!yaml_parser_load(&parser, &doc)) {
		char why[256];
		snprintf(why, sizeof why, "%s", parser.problem ? parser.problem :
		    "unreadable");
		tr_diag_emit(diag, TR_W_YAML, path,
		    2 + (int)parser.problem_mark.line,
		    1 + (int)parser.problem_mark.column, why);
		yaml_parser_delete(&parser);
		return after;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	if (!root || root->type != YAML_MAPPING_NODE) {
		/* "key: value" on the first line parses as a mapping; a
		 * document that is no mapping is not front matter */
		yaml_document_delete(&doc);
		yaml_parser_delete(&parser);
		return 0;
	}
	tr_fm_field **link = fields;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&doc, p->key);
		if (k && k->type == YAML_SCALAR_NODE)
			add_field(a, &doc, k, yaml_document_get_node(&doc, p->value),
			    2, &link);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return after;
}
