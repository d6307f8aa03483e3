/* The tree: metadata, sections, language, soft breaks, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

static tr_diag diag;
static tr_doc *doc;

static tr_doc *parse_n(const char *md, size_t n)
{
	tr_diag_init(&diag, NULL);
	tr_doc_free(doc);
	doc = tr_parse("t.md", md, n, NULL, &diag);
	return doc;
}

static tr_doc *parse(const char *md)
{
	return parse_n(md, strlen(md));
}

static int teardown(void **state)
{
	(void)state;
	tr_doc_free(doc);
	doc = NULL;
	return 0;
}

static const char *para_text(const tr_block *b)
{
	static tr_buf t;
	tr_buf_clear(&t);
	tr_inline_plain(b->inlines, &t);
	return tr_buf_cstr(&t);
}

static void metadata_list(void **state)
{
	(void)state;
	parse("- 视频链接：[Talk #1](https://example.com/v)\n"
	    "- 官方频道：[Chan](https://example.com/c)\n"
	    "- 日期：2020年5月9日\n"
	    "- 地点：北京\n\n# Title\n");
	assert_string_equal(doc->source_url, "https://example.com/v");
	assert_string_equal(doc->source_title, "Talk #1");
	assert_string_equal(doc->channel, "Chan");
	assert_string_equal(doc->channel_url, "https://example.com/c");
	assert_string_equal(doc->date, "2020-05-09");
	assert_string_equal(doc->title, "Title");
	int n = 0;
	for (const tr_meta_field *f = doc->meta; f; f = f->next)
		n++;
	assert_int_equal(n, 4);
	assert_int_equal(diag.warnings, 0);
}

static void english_metadata_and_bad_date(void **state)
{
	(void)state;
	parse("- Video: https://example.com/v\n- Date: sometime\n\n# T\n");
	assert_string_equal(doc->source_url, "https://example.com/v");
	assert_null(doc->date);
	assert_string_equal(doc->date_text, "sometime");
	assert_int_equal(diag.warnings, 1);
}

static void a_list_that_is_not_metadata(void **state)
{
	(void)state;
	parse("- apples\n- pears\n\n# T\n");
	assert_null(doc->meta);
	assert_int_equal(doc->sections->blocks->kind, TR_BLK_LIST);
}

static void sections_in_order(void **state)
{
	(void)state;
	parse("### 讲座介绍\n\n介绍文字。\n\n### 内容纲要\n\n```\n根\n├── 甲\n"
	    "└── 乙\n```\n\n---\n\n# 标题\n\n## **一、开始**\n\n**甲：**你好。\n\n"
	    "## 二、继续\n\n**乙：**再见。\n\n---\n\n# 要点回顾\n\n"
	    "**一、开始**\n\n- 要点\n");
	tr_section_kind kinds[] = { TR_SEC_INTRO, TR_SEC_OUTLINE,
		TR_SEC_CHAPTER, TR_SEC_CHAPTER, TR_SEC_RECAP };
	int i = 0;
	for (const tr_section *s = doc->sections; s; s = s->next, i++) {
		assert_true(i < 5);
		assert_int_equal(s->kind, kinds[i]);
	}
	assert_int_equal(i, 5);
	assert_string_equal(doc->title, "标题");
	assert_int_equal(doc->nchapters, 2);
	/* emphasis wrapping a whole heading is presentation */
	const tr_section *ch = doc->sections->next->next;
	assert_string_equal(ch->title_text, "一、开始");
	assert_int_equal(ch->title->kind, TR_INL_TEXT);
	assert_non_null(doc->outline);
	assert_string_equal(doc->outline->text, "根");
	/* the recap's bold line became a sub-heading */
	const tr_section *recap = ch->next->next;
	assert_int_equal(recap->part, TR_PART_BACK);
	assert_int_equal(recap->blocks->kind, TR_BLK_HEADING);
	assert_string_equal(para_text(recap->blocks), "一、开始");
}

static void soft_breaks(void **state)
{
	(void)state;
	parse("# T\n\n中文\n换行\n\nEnglish\nwords\n\n中文\nEnglish\n");
	const tr_block *b = doc->sections->blocks;
	assert_string_equal(para_text(b), "中文换行");
	assert_string_equal(para_text(b->next), "English words");
	assert_string_equal(para_text(b->next->next), "中文 English");
}

static void language(void **state)
{
	(void)state;
	parse("# 标题\n\n这是一个关于学习的访谈，我们说了很多话。\n");
	assert_string_equal(doc->lang, "zh-Hans");
	parse("# 標題\n\n這是一個關於學習的訪談，我們說了很多話。\n");
	assert_string_equal(doc->lang, "zh-Hant");
	parse("# Title\n\nThis is an interview about learning, with 张三.\n");
	assert_string_equal(doc->lang, "en");
	parse("# 标题\n\n我们讨论了 Transformer、GPT-2 和 AlexNet。\n");
	assert_string_equal(doc->lang, "zh-Hans");
	tr_parse_options opt = { "zh-Hant" };
	tr_diag_init(&diag, NULL);
	tr_doc *x = tr_parse("t.md", "# a\n\nb\n", 7, &opt, &diag);
	assert_string_equal(x->lang, "zh-Hant");
	tr_doc_free(x);
}

static void title_fallbacks(void **state)
{
	(void)state;
	/* no heading at all: titled from elsewhere as a matter of course */
	parse("```\n纲要根\n├── 甲\n```\n\n**甲：**你好\n");
	assert_string_equal(doc->title, "纲要根");
	assert_int_equal(diag.warnings, 0);
	parse("just text\n");
	assert_string_equal(doc->title, "t");
	assert_int_equal(diag.warnings, 0);
	/* headings, but none that can be the title: worth a warning */
	parse("## 第一章\n\n**甲：**你好\n");
	assert_string_equal(doc->title, "t");
	assert_int_equal(diag.warnings, 1);
	/* a level-1 heading after turns is not the title */
	parse("**甲：**你好\n\n# 休息\n\n**乙：**好\n");
	assert_string_equal(doc->title, "t");
}

static void bad_bytes_are_errors(void **state)
{
	(void)state;
	assert_null(parse_n("", 0));
	assert_int_equal(diag.errors, 1);
	assert_null(parse(" \n\t\n"));
	assert_int_equal(diag.errors, 1);
	assert_null(parse_n("# a\n\nb\0c\n", 9));
	assert_int_equal(diag.errors, 1);
	assert_null(parse("# a\n\nb\xFF" "c\n"));
	assert_int_equal(diag.errors, 1);
}

static void error_positions(void **state)
{
	(void)state;
	char buf[256] = { 0 };
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	tr_diag_init(&diag, fp);
	tr_doc *x = tr_parse("f.md", "# 标题\n\n你好\xE4\xBD世界\n", 21, NULL,
	    &diag);
	fclose(fp);
	assert_null(x);
	assert_string_equal(buf, "f.md:3:3: error: invalid UTF-8 (byte 0xE4)\n");
}

static void warnings_for_fence_and_html(void **state)
{
	(void)state;
	parse("# T\n\n<script>alert(1)</script>\n\n```\nnever closed\n");
	assert_int_equal(diag.warnings, 2);
	const tr_block *b = doc->sections->blocks;
	assert_int_equal(b->kind, TR_BLK_PARA);
	assert_string_equal(para_text(b), "<script>alert(1)</script>");
	assert_int_equal(b->next->kind, TR_BLK_CODE);
}

static void absurd_nesting_is_flattened(void **state)
{
	(void)state;
	tr_buf md = { 0 };
	tr_buf_repeat(&md, ">", 5000);
	tr_buf_puts(&md, " deep\n");
	parse_n(md.data, md.len);
	int depth = 0;
	const tr_block *b = doc->sections->blocks;
	while (b && b->kind == TR_BLK_QUOTE) {
		depth++;
		b = b->child;
	}
	assert_int_equal(depth, TR_MAX_BLOCK_DEPTH);
	assert_non_null(b);
	assert_string_equal(para_text(b), "deep");
	assert_int_equal(diag.warnings, 1); /* the depth */
	tr_buf_free(&md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(metadata_list),
		cmocka_unit_test(english_metadata_and_bad_date),
		cmocka_unit_test(a_list_that_is_not_metadata),
		cmocka_unit_test(sections_in_order),
		cmocka_unit_test(soft_breaks),
		cmocka_unit_test(language),
		cmocka_unit_test(title_fallbacks),
		cmocka_unit_test(bad_bytes_are_errors),
		cmocka_unit_test(error_positions),
		cmocka_unit_test(warnings_for_fence_and_html),
		cmocka_unit_test(absurd_nesting_is_flattened),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
