/* Language tags: their syntax, the type each is set in, the language of
 * a paragraph, and the names that are a part's word, not a person's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "langtag.h"
#include "tree.h"

static void type_of_each_tag(void **state)
{
	(void)state;
	assert_int_equal(tr_lang_type("zh"), TR_TYPE_HANS);
	assert_int_equal(tr_lang_type("zh-Hans"), TR_TYPE_HANS);
	assert_int_equal(tr_lang_type("zh-CN"), TR_TYPE_HANS);
	assert_int_equal(tr_lang_type("zh-Hant"), TR_TYPE_HANT);
	assert_int_equal(tr_lang_type("zh-TW"), TR_TYPE_HANT);
	assert_int_equal(tr_lang_type("zh-Hant-TW"), TR_TYPE_HANT);
	assert_int_equal(tr_lang_type("zh-Hant-HK"), TR_TYPE_HANT_HK);
	assert_int_equal(tr_lang_type("zh-HK"), TR_TYPE_HANT_HK);
	assert_int_equal(tr_lang_type("zh-MO"), TR_TYPE_HANT_HK);
	assert_int_equal(tr_lang_type("zh-Hans-HK"), TR_TYPE_HANS);
	assert_int_equal(tr_lang_type("yue"), TR_TYPE_HANT_HK);
	assert_int_equal(tr_lang_type("ja"), TR_TYPE_JA);
	assert_int_equal(tr_lang_type("ko-KR"), TR_TYPE_KO);
	assert_int_equal(tr_lang_type("en"), TR_TYPE_LATIN);
	assert_int_equal(tr_lang_type("zha"), TR_TYPE_LATIN); /* Zhuang */
	assert_int_equal(tr_lang_type("zh-Latn-pinyin"), TR_TYPE_LATIN);
	assert_int_equal(tr_lang_type(NULL), TR_TYPE_LATIN);
}

static const char *lang_of(const char *text, const char *doc)
{
	tr_inline in = { .kind = TR_INL_TEXT, .text = text };
	return tr_paragraph_lang(&in, doc);
}

static void paragraph_language(void **state)
{
	(void)state;
	assert_string_equal(lang_of("Thank you for having me today.",
	    "zh-Hans"), "en");
	assert_null(lang_of("谢谢你邀请我，I mean it.", "zh-Hans"));
	assert_null(lang_of("OK.", "zh-Hans")); /* too short to tell */
	assert_null(lang_of("Thank you for having me today.", "en"));
	assert_string_equal(lang_of("这是一段中文，放在英文的书里。", "en"),
	    "zh");
	assert_null(lang_of("The word 道 means way.", "en"));
	/* emphasis and links count too */
	tr_inline inner = { .kind = TR_INL_TEXT, .text = "distributed systems" };
	tr_inline em = { .kind = TR_INL_EMPH, .child = &inner };
	tr_inline first = { .kind = TR_INL_TEXT, .text = "Mostly ", .next = &em };
	assert_string_equal(tr_paragraph_lang(&first, "zh-Hant"), "en");
}

static void role_words_are_no_names(void **state)
{
	(void)state;
	const char *roles[] = { "主持人", "嘉宾", "嘉宾A", "嘉賓B", "Host",
		"host", "Interviewer", "SPEAKER_00", "SPEAKER_01", "Speaker 2",
		"Speaker A", "问", "答", "观众", "Audience member", "Guest 1" };
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		assert_true(tr_name_is_role(roles[i]));
	const char *names[] = { "Lex Fridman", "唐鳳", "Walton", "A", "B",
		"Hostetler", "主持人甲乙", "Speakers Bureau", "Q", "2" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		assert_false(tr_name_is_role(names[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(type_of_each_tag),
		cmocka_unit_test(paragraph_language),
		cmocka_unit_test(role_words_are_no_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
