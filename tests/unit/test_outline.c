/* Outline trees: box drawing and ASCII, deep, malformed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "outline.h"

static struct tr_arena *arena;

static int setup(void **state)
{
	(void)state;
	arena = tr_arena_new();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tr_arena_free(arena);
	return 0;
}

static int count(const tr_outline *o)
{
	int n = 0;
	for (; o; o = o->next)
		n++;
	return n;
}

static tr_outline *parse(const char *text, tr_diag *diag)
{
	tr_diag_init(diag, NULL);
	return tr_outline_parse(arena, text, 10, "t.md", diag);
}

static void box_tree(void **state)
{
	(void)state;
	tr_diag d;
	tr_outline *root = parse("Root\n"
	    "├── A\n"
	    "│   ├── A1\n"
	    "│   └── A2\n"
	    "└── B\n"
	    "    └── B1\n", &d);
	assert_string_equal(root->text, "Root");
	assert_int_equal(root->line, 10);
	assert_int_equal(count(root->child), 2);
	assert_string_equal(root->child->text, "A");
	assert_int_equal(count(root->child->child), 2);
	assert_string_equal(root->child->child->next->text, "A2");
	assert_string_equal(root->child->next->child->text, "B1");
	assert_int_equal(root->child->next->child->line, 15);
	assert_int_equal(d.warnings, 0);
}

static void ascii_tree(void **state)
{
	(void)state;
	tr_diag d;
	tr_outline *root = parse("Root\n"
	    "|-- A\n"
	    "|   `-- A1\n"
	    "`-- B\n", &d);
	assert_int_equal(count(root->child), 2);
	assert_string_equal(root->child->child->text, "A1");
	assert_string_equal(root->child->next->text, "B");
	assert_int_equal(d.warnings, 0);
}

static void no_root_line(void **state)
{
	(void)state;
	tr_diag d;
	tr_outline *root = parse("├── A\n└── B\n", &d);
	assert_string_equal(root->text, "");
	assert_int_equal(count(root->child), 2);
}

static void deep_tree_is_capped(void **state)
{
	(void)state;
	tr_buf b = { 0 };
	tr_buf_puts(&b, "Root\n");
	for (int i = 0; i < 100; i++) {
		tr_buf_repeat(&b, "    ", i);
		tr_buf_printf(&b, "└── L%d\n", i);
	}
	tr_diag d;
	tr_outline *root = parse(b.data, &d);
	int depth = 0;
	for (tr_outline *o = root->child; o; o = o->child)
		depth++;
	assert_int_equal(depth, TR_MAX_OUTLINE_DEPTH);
	assert_int_equal(d.warnings, 1);
	tr_buf_free(&b);
}

static void malformed_lines_warn_and_stay(void **state)
{
	(void)state;
	tr_diag d;
	tr_outline *root = parse("Root\n"
	    "├── A\n"
	    "│       ├── deep\n"
	    "│     └── between\n"
	    "stray text\n"
	    "└── B\n", &d);
	/* nothing is dropped: the stray line joins the line above */
	assert_int_equal(count(root->child), 2);
	assert_int_equal(count(root->child->child), 3);
	assert_string_equal(root->child->child->text, "deep");
	assert_string_equal(root->child->child->next->text, "between");
	assert_string_equal(root->child->child->next->next->text,
	    "stray text");
	assert_string_equal(root->child->next->text, "B");
	assert_int_equal(d.warnings, 2);
}

static void detection(void **state)
{
	(void)state;
	assert_true(tr_outline_detect("", "Root\n├── A\n└── B\n"));
	assert_true(tr_outline_detect(NULL, "|-- A\n`-- B\n"));
	assert_false(tr_outline_detect("python", "Root\n├── A\n"));
	assert_false(tr_outline_detect("", "int main(void)\n{\n}\n"));
	assert_false(tr_outline_detect("", "a\nb\nc\n|-- d\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(box_tree),
		cmocka_unit_test(ascii_tree),
		cmocka_unit_test(no_root_line),
		cmocka_unit_test(deep_tree_is_capped),
		cmocka_unit_test(malformed_lines_warn_and_stay),
		cmocka_unit_test(detection),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
