/* The text backend: labels kept, lines within the width (Han counting
 * two columns), the clreq prohibitions at line ends, metadata lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backend.h"
#include "diag.h"
#include "utf8.h"

static char *text_of(const char *md, int width)
{
	tr_diag d;
	tr_diag_init(&d, NULL);
	tr_doc *doc = tr_parse("t.md", md, strlen(md), NULL, &d);
	assert_non_null(doc);
	tr_options opt = { .width = width, .epoch = 0 };
	tr_buf out = { 0 };
	tr_text_write(doc, &opt, &out);
	tr_doc_free(doc);
	return out.data;
}

static const char long_turn[] =
    "# 标题\n\n## 第一章\n\n**主持人：**我们今天讨论深度学习，“神经网络”为什么"
    "能工作？这是一个重要的问题。反向传播（Backpropagation）的价值在于它"
    "让大网络可以训练，而大网络加上大数据，就是深度学习革命的开端。\n\n"
    "**嘉宾：**是的。\n";

static void lines_fit_the_width(void **state)
{
	(void)state;
	for (int width = 20; width <= 80; width += 15) {
		char *t = text_of(long_turn, width);
		for (char *line = t; line && *line;) {
			char *nl = strchr(line, '\n');
			size_t n = nl ? (size_t)(nl - line) : strlen(line);
			int w = tr_str_width(line, n);
			if (w > width)
				fail_msg("width %d: line of %d columns: %.*s", width, w,
				    (int)n, line);
			/* no closing mark starts a line, no opening mark ends one */
			uint32_t first = 0, last = 0;
			if (n) {
				tr_utf8_decode(line, n, &first);
				size_t k = n;
				while (k > 0 && ((unsigned char)line[k - 1] & 0xC0) ==
				    0x80)
					k--;
				if (k > 0)
					k--;
				tr_utf8_decode(line + k, n - k, &last);
				assert_int_not_equal(tr_cp_lb_class(first),
				    TR_LB_CLOSE);
				assert_int_not_equal(tr_cp_lb_class(last), TR_LB_OPEN);
			}
			line = nl ? nl + 1 : NULL;
		}
		free(t);
	}
}

static void labels_and_title_are_kept(void **state)
{
	(void)state;
	char *t = text_of(long_turn, 0);
	assert_non_null(strstr(t, "标题"));
	assert_non_null(strstr(t, "主持人："));
	assert_non_null(strstr(t, "嘉宾：是的。"));
	/* width 0: a paragraph is one line */
	assert_non_null(strstr(t, "开端。\n"));
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lines_fit_the_width),
		cmocka_unit_test(labels_and_title_are_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
