/* Plain and timed labels, names as written, and timestamps: the shapes
 * real transcripts use, and the look-alikes that are text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "labels.h"
#include "timestamp.h"

static void check_time(const char *s, double want, const char *text)
{
	tr_time t;
	if (!tr_time_at(s, strlen(s), true, &t))
		fail_msg("no time in '%s'", s);
	if (t.seconds < want - 1e-9 || t.seconds > want + 1e-9)
		fail_msg("'%s': %f seconds, want %f", s, t.seconds, want);
	assert_int_equal(t.text_len, strlen(text));
	assert_memory_equal(t.text, text, t.text_len);
}

static void timestamps(void **state)
{
	(void)state;
	check_time("04:32", 272, "04:32");
	check_time("[04:32] text", 272, "04:32");
	check_time("(1:02:03)", 3723, "1:02:03");
	check_time("00:00:01.50", 1.5, "00:00:01.50");
	check_time("0:00:36.2 **Adam**", 36.2, "0:00:36.2");
	check_time("75:12", 4512, "75:12");
	tr_time t;
	const char *no[] = { "1:1 meetings", "12:345", "3:60", "12:30pm",
		"1:2:3", "abc", "[04:32", ":30", "1:23:45:67" };
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (tr_time_at(no[i], strlen(no[i]), true, &t))
			fail_msg("'%s' taken as a time", no[i]);
}

static void chapter_times(void **state)
{
	(void)state;
	tr_time t;
	size_t title;
	const char *s = "3:33 - DeepSeek-R1 and DeepSeek-V3";
	assert_true(tr_time_chapter(s, strlen(s), &t, &title));
	assert_true(t.seconds == 213);
	assert_string_equal(s + title, "DeepSeek-R1 and DeepSeek-V3");
	s = "[03:33] Scaling";
	assert_true(tr_time_chapter(s, strlen(s), &t, &title));
	assert_string_equal(s + title, "Scaling");
	s = "(1:03:33) Scaling";
	assert_true(tr_time_chapter(s, strlen(s), &t, &title));
	assert_true(t.seconds == 3813);
	s = "1:1 meetings";
	assert_false(tr_time_chapter(s, strlen(s), &t, &title));
	s = "2024 plans";
	assert_false(tr_time_chapter(s, strlen(s), &t, &title));
	s = "10:30 is when we meet";
	assert_false(tr_time_chapter(s, strlen(s), &t, &title));
}

static tr_label label_of(const char *s, bool want)
{
	tr_label l;
	bool got = tr_label_plain(s, strlen(s), &l);
	if (got != want)
		fail_msg("'%s': %s", s, got ? "taken as a label" :
		    "not taken as a label");
	return l;
}

static void name_is(const tr_label *l, const char *name)
{
	if (l->name_len != strlen(name) || memcmp(l->name, name, l->name_len))
		fail_msg("name '%.*s', want '%s'", (int)l->name_len, l->name,
		    name);
}

static void plain_labels(void **state)
{
	(void)state;
	const char *s = "Alice: Hi there.";
	tr_label l = label_of(s, true);
	name_is(&l, "Alice");
	assert_string_equal(s + l.rest, "Hi there.");
	l = label_of("问：你好吗？", true);
	name_is(&l, "问");
	l = label_of("主持人：欢迎。", true);
	name_is(&l, "主持人");
	l = label_of("Dr. Chen: We measured it.", true);
	name_is(&l, "Dr. Chen");
	l = label_of("SPEAKER_01: ok", true);
	name_is(&l, "SPEAKER_01");
	/* text, not labels */
	label_of("Note: this is text.", false);
	label_of("注：这是注释。", false);
	label_of("比如：我们可以", false);
	label_of("主题：深度学习", false);
	label_of("https://example.com is a site", false);
	label_of("The meeting is at 12:30 today.", false);
	label_of("This is a long sentence, then: a colon", false);
	label_of("One two three four five: too many words", false);
	label_of("He said: yes.", true); /* the evidence rule decides */
	label_of("A very very long name that runs on: x", false);
}

static void timed_labels(void **state)
{
	(void)state;
	const char *s = "Albert Cheng (00:00:00):";
	tr_label l = label_of(s, true);
	name_is(&l, "Albert Cheng");
	assert_true(l.has_time && l.time.seconds == 0);
	assert_string_equal(s + l.rest, "");
	s = "Walton: 00:00:01";
	l = label_of(s, true);
	name_is(&l, "Walton");
	assert_true(l.has_time && l.time.seconds == 1);
	s = "[00:12:34] Alice: Hi.";
	l = label_of(s, true);
	name_is(&l, "Alice");
	assert_true(l.has_time && l.time.seconds == 754);
	assert_string_equal(s + l.rest, "Hi.");
	s = "Jerod Santo: [04:32] That's it.";
	l = label_of(s, true);
	assert_true(l.has_time && l.time.seconds == 272);
	assert_string_equal(s + l.rest, "That's it.");
	/* a time in the words stays text */
	s = "Bob: we met at 10:30 yesterday";
	l = label_of(s, true);
	assert_false(l.has_time);
	/* a bare time line is no label */
	label_of("(00:01:32):", false);
}

static void names_as_written(void **state)
{
	(void)state;
	tr_label l = { 0 };
	const char *s = "Shaun Apps（SA）";
	assert_true(tr_label_name(s, strlen(s), &l));
	name_is(&l, "Shaun Apps");
	assert_int_equal(l.alias_len, 2);
	assert_memory_equal(l.alias, "SA", 2);
	memset(&l, 0, sizeof l);
	s = "Shaun Apps (SA)";
	assert_true(tr_label_name(s, strlen(s), &l));
	assert_int_equal(l.alias_len, 2);
	memset(&l, 0, sizeof l);
	s = "Alice (laughing)";
	assert_true(tr_label_name(s, strlen(s), &l));
	name_is(&l, "Alice");
	assert_null(l.alias);
	assert_int_equal(l.aside_len, strlen("(laughing)"));
	memset(&l, 0, sizeof l);
	s = "[00:00] SPEAKER_01";
	assert_true(tr_label_name(s, strlen(s), &l));
	name_is(&l, "SPEAKER_01");
	assert_true(l.has_time);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timestamps),
		cmocka_unit_test(chapter_times),
		cmocka_unit_test(plain_labels),
		cmocka_unit_test(timed_labels),
		cmocka_unit_test(names_as_written),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
