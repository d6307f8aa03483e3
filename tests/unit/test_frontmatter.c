/* YAML front matter: what is front matter and what is a rule and text,
 * keys and lists, {name, role} speakers, and a block that does not
 * parse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "frontmatter.h"

static size_t fm(const char *s, tr_fm_field **f, tr_diag *d)
{
	static struct tr_arena *a;
	if (!a)
		a = tr_arena_new();
	tr_diag_init(d, NULL);
	return tr_front_matter(a, "t.md", s, strlen(s), f, d);
}

static const tr_fm_field *get(const tr_fm_field *f, const char *key)
{
	for (; f; f = f->next)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

static void a_mapping(void **state)
{
	(void)state;
	const char *s = "---\ntitle: \"A: B\"\ndate: 2021-03-03\n"
	    "speakers:\n  - name: Lin Wei\n    role: host\n  - Mark\n"
	    "tags: [a, b]\n---\n\n# Body\n";
	tr_fm_field *f;
	tr_diag d;
	size_t n = fm(s, &f, &d);
	assert_int_equal(n, strlen(s) - strlen("\n# Body\n"));
	assert_int_equal(d.warnings, 0);
	assert_string_equal(get(f, "title")->value, "A: B");
	assert_int_equal(get(f, "title")->line, 2);
	const tr_fm_field *sp = get(f, "speakers");
	assert_int_equal(sp->nitems, 2);
	assert_string_equal(sp->items[0], "Lin Wei");
	assert_string_equal(sp->roles[0], "host");
	assert_string_equal(sp->items[1], "Mark");
	assert_null(sp->roles[1]);
	assert_string_equal(get(f, "tags")->value, "a, b");
}

static void not_front_matter(void **state)
{
	(void)state;
	tr_fm_field *f;
	tr_diag d;
	/* a rule, then ordinary text */
	assert_int_equal(fm("---\n\nSome text.\n\n---\n", &f, &d), 0);
	assert_int_equal(fm("---\nJust a sentence here\n---\n", &f, &d), 0);
	/* no closing fence */
	assert_int_equal(fm("---\ntitle: x\n\ntext\n", &f, &d), 0);
	/* not at the very top */
	assert_int_equal(fm("\n---\ntitle: x\n---\n", &f, &d), 0);
	assert_int_equal(d.warnings, 0);
}

static void bom_and_dots(void **state)
{
	(void)state;
	tr_fm_field *f;
	tr_diag d;
	const char *s = "\xEF\xBB\xBF---\r\ntitle: x\r\n...\r\nbody\r\n";
	assert_int_equal(fm(s, &f, &d), strlen(s) - strlen("body\r\n"));
	assert_string_equal(get(f, "title")->value, "x");
}

static void broken_yaml_warns(void **state)
{
	(void)state;
	tr_fm_field *f;
	tr_diag d;
	const char *s = "---\ntitle: [unclosed\nspeakers: - a\n---\ntext\n";
	size_t n = fm(s, &f, &d);
	/* kept out of the body all the same */
	assert_int_equal(n, strlen(s) - strlen("text\n"));
	assert_int_equal(d.warnings, 1);
	assert_null(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_mapping),
		cmocka_unit_test(not_front_matter),
		cmocka_unit_test(bom_and_dots),
		cmocka_unit_test(broken_yaml_warns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
