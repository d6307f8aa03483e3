/* Decoding, display width and the line-break classes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void decodes_and_rejects(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(tr_utf8_decode("\xE4\xBD\xA0", 3, &cp), 3);
	assert_int_equal(cp, 0x4F60);
	assert_int_equal(tr_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(tr_utf8_decode("\xC0\x80", 2, &cp), 0);     /* overlong */
	assert_int_equal(tr_utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	assert_int_equal(tr_utf8_decode("\xE4\xBD", 2, &cp), 0);     /* cut off */
	assert_int_equal(tr_utf8_decode("\xF5\x80\x80\x80", 4, &cp), 0);
	size_t bad = 99;
	assert_true(tr_utf8_valid("ok 你好", 9, &bad));
	assert_false(tr_utf8_valid("ab\xFF" "cd", 5, &bad));
	assert_int_equal(bad, 2);
}

static void encodes_round_trip(void **state)
{
	(void)state;
	uint32_t cps[] = { 0x41, 0xE9, 0x4F60, 0x1F600, 0x10FFFF };
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char buf[4];
		uint32_t back;
		size_t n = tr_utf8_encode(cps[i], buf);
		assert_int_equal(tr_utf8_decode(buf, n, &back), n);
		assert_int_equal(back, cps[i]);
	}
}

static void display_width(void **state)
{
	(void)state;
	assert_int_equal(tr_str_width("abc", 3), 3);
	assert_int_equal(tr_str_width("你好", 6), 4);
	assert_int_equal(tr_str_width("，。", 6), 4);       /* full-width */
	assert_int_equal(tr_str_width("e\xCC\x81", 3), 1);  /* combining */
	assert_int_equal(tr_str_width("한", 3), 2);
	assert_int_equal(tr_cp_width(0x1F600), 2);
}

static void break_rules(void **state)
{
	(void)state;
	/* between Han characters, and between Han and Latin */
	assert_true(tr_can_break_between(0x4F60, 0x597D));
	assert_true(tr_can_break_between(0x4F60, 'A'));
	assert_true(tr_can_break_between('A', 0x4F60));
	/* never inside a Latin word */
	assert_false(tr_can_break_between('a', 'b'));
	assert_false(tr_can_break_between('1', '.'));
	/* closing marks never start a line, opening never end one */
	assert_false(tr_can_break_between(0x4F60, 0xFF0C)); /* 你， */
	assert_false(tr_can_break_between(0x4F60, 0x3002)); /* 你。 */
	assert_false(tr_can_break_between(0x4F60, 0x201D)); /* 你” */
	assert_false(tr_can_break_between(0xFF08, 0x4F60)); /* （你 */
	assert_false(tr_can_break_between(0x201C, 0x4F60)); /* “你 */
	assert_true(tr_can_break_between(0xFF0C, 0x4F60));  /* ，你 */
	assert_true(tr_can_break_between(0x4F60, 0xFF08));  /* 你（ */
	/* —— and …… stay whole; a break may come before them */
	assert_false(tr_can_break_between(0x2014, 0x2014));
	assert_false(tr_can_break_between(0x2026, 0x2026));
	assert_true(tr_can_break_between(0x4F60, 0x2014));
	assert_false(tr_can_break_between(0x4F60, 0x2026));
	assert_false(tr_can_break_between(0x2026, 0x3002));
	/* 海伦·凯勒 is one name */
	assert_false(tr_can_break_between(0x4F26, 0x00B7));
	assert_false(tr_can_break_between(0x00B7, 0x51EF));
	/* after a space, unless a closing mark follows */
	assert_true(tr_can_break_between(' ', 'a'));
	assert_false(tr_can_break_between(' ', ')'));
	assert_false(tr_can_break_between('a', ' '));
}

static void classes(void **state)
{
	(void)state;
	assert_true(tr_cp_is_han(0x4E00));
	assert_true(tr_cp_is_han(0x20000));
	assert_false(tr_cp_is_han(0x3002));
	assert_true(tr_cp_is_cjk(0x3002));
	assert_false(tr_cp_is_cjk('a'));
	assert_int_equal(tr_cp_lb_class(0x3000), TR_LB_SPACE);
	assert_int_equal(tr_cp_lb_class(0x300B), TR_LB_CLOSE);
	assert_int_equal(tr_cp_lb_class(0x300A), TR_LB_OPEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_and_rejects),
		cmocka_unit_test(encodes_round_trip),
		cmocka_unit_test(display_width),
		cmocka_unit_test(break_rules),
		cmocka_unit_test(classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
