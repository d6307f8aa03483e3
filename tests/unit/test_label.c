/* Speaker labels in all four forms, and what is not a label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

static tr_doc *doc;

static tr_doc *parse(const char *md)
{
	tr_diag d;
	tr_diag_init(&d, NULL);
	tr_doc_free(doc);
	doc = tr_parse("t.md", md, strlen(md), NULL, &d);
	assert_non_null(doc);
	return doc;
}

static int teardown(void **state)
{
	(void)state;
	tr_doc_free(doc);
	doc = NULL;
	return 0;
}

/* The first block of the first section must be a turn by name whose
 * first paragraph reads text. */
static void expect_turn(const char *md, const char *name, const char *text)
{
	parse(md);
	const tr_block *b = doc->sections->blocks;
	assert_int_equal(b->kind, TR_BLK_TURN);
	assert_string_equal(doc->speakers[b->speaker].name, name);
	tr_buf t = { 0 };
	tr_inline_plain(b->child->inlines, &t);
	assert_string_equal(tr_buf_cstr(&t), text);
	tr_buf_free(&t);
}

static void four_forms(void **state)
{
	(void)state;
	expect_turn("**张三:** 你好", "张三", "你好");
	expect_turn("**张三：** 你好", "张三", "你好");
	expect_turn("**张三**: 你好", "张三", "你好");
	expect_turn("**张三**：你好", "张三", "你好");
	expect_turn("**Lex Fridman:**Hello", "Lex Fridman", "Hello");
	expect_turn("**Lex Fridman**:Hello there", "Lex Fridman",
	    "Hello there");
}

static void cmark_leaves_it_literal(void **state)
{
	(void)state;
	/* a closing ** after CJK punctuation before a letter */
	expect_turn("**张三：**你好", "张三", "你好");
	expect_turn("**张三：**你好，**重要**的事", "张三", "你好，重要的事");
}

static void not_labels(void **state)
{
	(void)state;
	parse("**张三** 说你好");
	assert_int_equal(doc->sections->blocks->kind, TR_BLK_PARA);
	assert_int_equal(doc->nspeakers, 0);
	parse("**重要**的事情");
	assert_int_equal(doc->sections->blocks->kind, TR_BLK_PARA);
	parse("张三：你好");
	assert_int_equal(doc->sections->blocks->kind, TR_BLK_PARA);
	parse("*张三:* 你好");
	assert_int_equal(doc->sections->blocks->kind, TR_BLK_PARA);
}

static void too_long_is_text(void **state)
{
	(void)state;
	tr_buf md = { 0 };
	tr_buf_puts(&md, "# T\n\n**");
	tr_buf_repeat(&md, "长", TR_MAX_LABEL_CHARS + 1);
	tr_buf_puts(&md, "：** 文字");
	tr_diag d;
	tr_diag_init(&d, NULL);
	tr_doc *x = tr_parse("t.md", md.data, md.len, NULL, &d);
	assert_int_equal(x->nspeakers, 0);
	assert_int_equal(d.warnings, 1);
	tr_doc_free(x);
	tr_buf_free(&md);
}

static void turn_gathers_following_blocks(void **state)
{
	(void)state;
	parse("**A:** one\n\ntwo\n\n> quoted\n\n- item\n\n**B:** three\n\n"
	    "**A:** four\n");
	const tr_block *t = doc->sections->blocks;
	assert_int_equal(t->kind, TR_BLK_TURN);
	int n = 0;
	for (const tr_block *c = t->child; c; c = c->next)
		n++;
	assert_int_equal(n, 4);
	assert_int_equal(doc->nspeakers, 2);
	assert_int_equal(doc->speakers[0].turns, 2);
	assert_int_equal(doc->speakers[1].turns, 1);
	assert_int_equal(doc->sections->turns, 3);
}

static void label_alone_then_text(void **state)
{
	(void)state;
	parse("**A:**\n\ntext below\n");
	const tr_block *t = doc->sections->blocks;
	assert_int_equal(t->kind, TR_BLK_TURN);
	assert_int_equal(t->child->kind, TR_BLK_PARA);
}

/* The number of turns each speaker (by name) takes: "A=2,B=1". */
static void expect_speakers(const char *md, const char *want)
{
	parse(md);
	tr_buf got = { 0 };
	for (int i = 0; i < doc->nspeakers; i++)
		tr_buf_printf(&got, "%s%s=%d", i ? "," : "", doc->speakers[i].name,
		    doc->speakers[i].turns);
	assert_string_equal(tr_buf_cstr(&got), want);
	tr_buf_free(&got);
}

/* The survey: a shape whose names recur is the template, and every line
 * of it is a turn then, one-off names too. */
static void template_takes_one_off_names(void **state)
{
	(void)state;
	expect_speakers("AB: one\n\nCD: two\n\nAB: three\n\nCD: four\n\n"
	    "EF: Once only.\n", "AB=2,CD=2,EF=1");
	/* one name recurring is no template: a monologue's prefix */
	expect_speakers("Walton: a\n\nWalton: b\n\nWalton: c\n", "");
	/* nor are distinct prose prefixes */
	expect_speakers("Pros: fast\n\nCons: slow\n\nVerdict: fine\n", "");
}

static void shapes_of_real_files(void **state)
{
	(void)state;
	/* one turn per line, no blank lines */
	expect_speakers("[Speaker 1] [00:00] Yeah.\n[Speaker 2] [00:03] Hi.\n"
	    "[Speaker 1] [00:05] So.\n", "Speaker 1=2,Speaker 2=1");
	/* a name, two spaces and a time alone on a line */
	expect_speakers("发言人1   00:06\n你好。\n\n发言人2   00:31\n好。\n",
	    "发言人1=1,发言人2=1");
	/* a heading with a time and a name */
	expect_speakers("### [00:00:00] Maria\n\nHi.\n\n### [00:00:14] Bo\n\n"
	    "Yes.\n\n### [00:00:20] Maria\n\nNo.\n", "Maria=2,Bo=1");
	/* a label on the line after a list item is a new turn */
	expect_speakers("* **Oskar**: one\n* **Lena**: two\n* **Oskar**: three\n"
	    "* **101: BATCH** - no impl.\n**Tomas**: I have one.\n",
	    "Oskar=2,Lena=1,Tomas=1");
	/* the unknown speaker, with and without its colon */
	expect_speakers("AB: a\n\nCD: b\n\nAB: c\n\nCD: d\n\n(?): who?\n\n"
	    "(?) me.\n", "AB=2,CD=2,(?)=2");
}

static void people_lines_are_no_turns(void **state)
{
	(void)state;
	/* "Presenter: Ana Lima (AL)" declares Ana Lima and her initials */
	expect_speakers("Presenter: Ana Lima (AL)\n\nAL: Welcome.\n\n"
	    "BO: Thanks.\n", "Ana Lima=1,BO=1");
	/* a metadata block of bold keys */
	expect_speakers("**Date:** 2025-05-02\n**Persona:** Engineer\n"
	    "**Interviewer:** Fac\n\n**Fac:** Hello.\n\n**Eng:** Hi.\n",
	    "Fac=1,Eng=1");
	/* a glossary in a list */
	expect_speakers("* **Term**: a meaning\n* **Other**: another\n", "");
}

static void short_name_merges(void **state)
{
	(void)state;
	expect_speakers("Lee Park: a\n\nSam Chen: b\n\nLee: c\n\nSam: d\n\n"
	    "Lee: e\n\nSam: f\n", "Lee Park=3,Sam Chen=3");
	/* two people with that first name: no merge */
	expect_speakers("Lee Park: a\n\nLee Chen: b\n\nLee: c\n\nLee Park: d\n"
	    "\nLee Chen: e\n\nLee: f\n", "Lee Park=2,Lee Chen=2,Lee=2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_forms),
		cmocka_unit_test(cmark_leaves_it_literal),
		cmocka_unit_test(not_labels),
		cmocka_unit_test(too_long_is_text),
		cmocka_unit_test(turn_gathers_following_blocks),
		cmocka_unit_test(label_alone_then_text),
		cmocka_unit_test(template_takes_one_off_names),
		cmocka_unit_test(shapes_of_real_files),
		cmocka_unit_test(people_lines_are_no_turns),
		cmocka_unit_test(short_name_merges),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
