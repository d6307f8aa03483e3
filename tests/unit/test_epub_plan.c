/* The EPUB's section planning: the spine's order, files, titles,
 * matter and landmarks for documents of each shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "plan.h"

static tr_doc *doc_of(const char *md)
{
	tr_diag d;
	tr_diag_init(&d, NULL);
	tr_doc *doc = tr_parse("t.md", md, strlen(md), NULL, &d);
	assert_non_null(doc);
	return doc;
}

static void a_book_with_front_body_and_back(void **state)
{
	(void)state;
	tr_doc *doc = doc_of("- 日期：2020年5月9日\n\n### 讲座介绍\n\n介绍。\n\n"
	    "---\n\n# 书名\n\n## 第一章\n\n**甲：**一。\n\n## 第二章\n\n"
	    "**乙：**二。\n\n# 要点回顾\n\n**第一章**\n\n- 要点\n");
	const tr_words *w = tr_words_for(doc->lang);
	tr_epub_plan p;
	tr_epub_plan_make(doc, w, true, &p);
	/* cover, title page, contents, intro, two chapters, recap */
	assert_int_equal(p.npages, 3 + doc->nsections);
	assert_string_equal(p.pages[0].file, "cover.xhtml");
	assert_string_equal(p.pages[1].file, "titlepage.xhtml");
	assert_int_equal(p.nav_page, 2);
	assert_string_equal(p.pages[2].file, "nav.xhtml");
	assert_int_equal(p.first_section_page, 3);
	assert_string_equal(p.pages[3].file, "s01.xhtml");
	assert_string_equal(p.pages[3].epub_type, "introduction");
	assert_string_equal(p.pages[3].matter, "frontmatter");
	int chapters = 0;
	for (int i = 0; i < p.npages; i++)
		if (p.pages[i].epub_type &&
		    strcmp(p.pages[i].epub_type, "chapter") == 0) {
			chapters++;
			assert_string_equal(p.pages[i].matter, "bodymatter");
			assert_string_equal(p.pages[i].role, "doc-chapter");
		}
	assert_int_equal(chapters, 2);
	assert_string_equal(p.pages[p.first_body].title, "第一章");
	const tr_epub_page *last = &p.pages[p.npages - 1];
	assert_string_equal(last->epub_type, "conclusion");
	assert_string_equal(last->matter, "backmatter");
	/* only sections are in the contents */
	assert_false(p.pages[0].in_toc || p.pages[1].in_toc ||
	    p.pages[2].in_toc);
	assert_true(last->in_toc);
	tr_epub_plan_free(&p);
	tr_doc_free(doc);
}

static void no_cover_and_no_headings(void **state)
{
	(void)state;
	tr_doc *doc = doc_of("Just a paragraph.\n\nAnd another.\n");
	tr_epub_plan p;
	tr_epub_plan_make(doc, tr_words_for("en"), false, &p);
	assert_string_equal(p.pages[0].file, "titlepage.xhtml");
	assert_int_equal(p.nav_page, 1);
	assert_int_equal(p.npages, 2 + doc->nsections);
	/* an untitled section is named by its part */
	for (int i = p.first_section_page; i < p.npages; i++)
		assert_true(p.pages[i].title && *p.pages[i].title);
	tr_epub_plan_free(&p);
	tr_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_book_with_front_body_and_back),
		cmocka_unit_test(no_cover_and_no_headings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
