/* The text line breaker: width in columns and the clreq rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"
#include "wrap.h"

static tr_buf out;

static const char *wrap(const char *text, int width, const char *first,
    const char *rest, size_t glue)
{
	tr_buf_clear(&out);
	tr_wrap_spec spec = { width, first, rest, glue };
	tr_wrap(&out, text, strlen(text), &spec);
	return tr_buf_cstr(&out);
}

static int teardown(void **state)
{
	(void)state;
	tr_buf_free(&out);
	return 0;
}

/* Every line within width columns (unless one unbreakable run is wider). */
static void assert_width(const char *s, int width)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		assert_non_null(nl);
		assert_true(tr_str_width(s, (size_t)(nl - s)) <= width);
		s = nl + 1;
	}
}

static void han_by_columns(void **state)
{
	(void)state;
	/* 20 Han characters in 16 columns: 8 a line */
	const char *s = wrap("一二三四五六七八九十一二三四五六七八九十", 16, "",
	    "", 0);
	assert_string_equal(s, "一二三四五六七八\n九十一二三四五六\n七八九十\n");
}

static void closing_mark_never_starts_a_line(void **state)
{
	(void)state;
	/* the comma would land at the start of line 2: the last Han
	 * character goes with it */
	const char *s = wrap("一二三四五六七八，九十", 16, "", "", 0);
	assert_string_equal(s, "一二三四五六七\n八，九十\n");
}

static void opening_mark_never_ends_a_line(void **state)
{
	(void)state;
	const char *s = wrap("一二三四五六七“八九”十", 16, "", "", 0);
	assert_string_equal(s, "一二三四五六七\n“八九”十\n");
}

static void dashes_and_ellipses_stay_whole(void **state)
{
	(void)state;
	/* the dash may start a line, the ellipsis trails its words */
	const char *s = wrap("一二三四五六七——八", 15, "", "", 0);
	assert_string_equal(s, "一二三四五六七\n——八\n");
	s = wrap("一二三四五六七……", 15, "", "", 0);
	assert_string_equal(s, "一二三四五六\n七……\n");
}

static void latin_words_are_not_split(void **state)
{
	(void)state;
	const char *s = wrap("我们用 Transformer 架构", 12, "", "", 0);
	assert_string_equal(s, "我们用\nTransformer\n架构\n");
	s = wrap("alpha beta gamma delta", 11, "", "", 0);
	assert_string_equal(s, "alpha beta\ngamma delta\n");
}

static void overlong_word_overflows_alone(void **state)
{
	(void)state;
	const char *s = wrap("ab https://example.com/a/very/long/path cd",
	    10, "", "", 0);
	assert_string_equal(s, "ab\nhttps://example.com/a/very/long/path\ncd\n");
}

static void glue_keeps_label_with_text(void **state)
{
	(void)state;
	/* "Name：" must share its line with the start of the turn */
	const char *s = wrap("Lex Fridman：你好世界", 14, "", "", 
	    strlen("Lex Fridman："));
	assert_string_equal(s, "Lex Fridman：你\n好世界\n");
}

static void prefixes_hang(void **state)
{
	(void)state;
	const char *s = wrap("一二三四五六七八九十", 10, "- ", "  ", 0);
	assert_string_equal(s, "- 一二三四\n  五六七八\n  九十\n");
	assert_width(s, 10);
}

static void zero_width_means_no_wrap(void **state)
{
	(void)state;
	const char *s = wrap("一二三四五六七八九十一二三四五六七八九十", 0, "",
	    "", 0);
	assert_string_equal(s,
	    "一二三四五六七八九十一二三四五六七八九十\n");
	s = wrap("a\nb", 0, "> ", "> ", 0);
	assert_string_equal(s, "> a\n> b\n");
}

static void long_inputs_are_linear(void **state)
{
	(void)state;
	/* 400,000 characters without a break opportunity */
	size_t n = 400000;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	tr_buf_clear(&out);
	tr_wrap_spec spec = { 72, "", "", 0 };
	tr_wrap(&out, big, n, &spec);
	assert_int_equal(out.len, n + 1);
	free(big);
	/* and 100,000 Han characters: 36 to a line */
	tr_buf han = { 0 };
	tr_buf_repeat(&han, "字", 100000);
	tr_buf_clear(&out);
	tr_wrap(&out, han.data, han.len, &spec);
	assert_width(out.data, 72);
	tr_buf_free(&han);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(han_by_columns),
		cmocka_unit_test(closing_mark_never_starts_a_line),
		cmocka_unit_test(opening_mark_never_ends_a_line),
		cmocka_unit_test(dashes_and_ellipses_stay_whole),
		cmocka_unit_test(latin_words_are_not_split),
		cmocka_unit_test(overlong_word_overflows_alone),
		cmocka_unit_test(glue_keeps_label_with_text),
		cmocka_unit_test(prefixes_hang),
		cmocka_unit_test(zero_width_means_no_wrap),
		cmocka_unit_test(long_inputs_are_linear),
	};
	return cmocka_run_group_tests(tests, NULL, teardown);
}
