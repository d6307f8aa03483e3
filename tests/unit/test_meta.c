/* Metadata keys in three scripts and the dates they carry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "meta.h"

static tr_meta_key key(const char *s)
{
	return tr_meta_key_of(s, strlen(s));
}

static void keys_in_three_scripts(void **state)
{
	(void)state;
	assert_int_equal(key("视频链接"), TR_KEY_SOURCE);
	assert_int_equal(key("視頻鏈接"), TR_KEY_SOURCE);
	assert_int_equal(key("Video"), TR_KEY_SOURCE);
	assert_int_equal(key(" link "), TR_KEY_SOURCE);
	assert_int_equal(key("官方频道"), TR_KEY_CHANNEL);
	assert_int_equal(key("官方頻道"), TR_KEY_CHANNEL);
	assert_int_equal(key("Channel"), TR_KEY_CHANNEL);
	assert_int_equal(key("日期"), TR_KEY_DATE);
	assert_int_equal(key("DATE"), TR_KEY_DATE);
	assert_int_equal(key("嘉宾"), TR_KEY_GUEST);
	assert_int_equal(key("嘉賓"), TR_KEY_GUEST);
	assert_int_equal(key("Guest"), TR_KEY_GUEST);
	assert_int_equal(key("主持人"), TR_KEY_HOST);
	assert_int_equal(key("Host"), TR_KEY_HOST);
	assert_int_equal(key("地点"), TR_KEY_OTHER);
}

static void splits_at_either_colon(void **state)
{
	(void)state;
	size_t kl, vs;
	const char *a = "日期：2020年5月9日";
	assert_true(tr_meta_split(a, strlen(a), &kl, &vs));
	assert_int_equal(kl, strlen("日期"));
	assert_string_equal(a + vs, "2020年5月9日");
	const char *b = "Date: March 3, 2021";
	assert_true(tr_meta_split(b, strlen(b), &kl, &vs));
	assert_int_equal(kl, 4);
	assert_string_equal(b + vs, "March 3, 2021");
	const char *c = "https://example.com/x";
	assert_false(tr_meta_split(c, strlen(c), &kl, &vs));
	const char *d = "no colon here";
	assert_false(tr_meta_split(d, strlen(d), &kl, &vs));
	const char *e = "：starts with a colon";
	assert_false(tr_meta_split(e, strlen(e), &kl, &vs));
}

static void check_date(const char *in, const char *want)
{
	char out[11];
	if (want) {
		assert_true(tr_date_iso(in, out));
		assert_string_equal(out, want);
	} else {
		assert_false(tr_date_iso(in, out));
	}
}

static void dates(void **state)
{
	(void)state;
	check_date("2020年5月9日", "2020-05-09");
	check_date(" 2020 年 5 月 9 日 ", "2020-05-09");
	check_date("2020年12月31号", "2020-12-31");
	check_date("March 3, 2021", "2021-03-03");
	check_date("Mar. 3, 2021", "2021-03-03");
	check_date("Sept 30 2021", "2021-09-30");
	check_date("3 March 2021", "2021-03-03");
	check_date("May 1st, 2020", "2020-05-01");
	check_date("2021-03-03", "2021-03-03");
	check_date("2021/3/3", "2021-03-03");
	check_date("2021.3.3", "2021-03-03");
	check_date("2024-02-29", "2024-02-29");
	check_date("2023-02-29", NULL);   /* no such day */
	check_date("2021-13-01", NULL);
	check_date("2021年5月", NULL);
	check_date("yesterday", NULL);
	check_date("Marchy 3, 2021", NULL);
	check_date("", NULL);
	check_date("99999-1-1", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_in_three_scripts),
		cmocka_unit_test(splits_at_either_colon),
		cmocka_unit_test(dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
