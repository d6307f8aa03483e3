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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(four_forms),
		cmocka_unit_test(cmark_leaves_it_literal),
		cmocka_unit_test(not_labels),
		cmocka_unit_test(too_long_is_text),
		cmocka_unit_test(turn_gathers_following_blocks),
		cmocka_unit_test(label_alone_then_text),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
