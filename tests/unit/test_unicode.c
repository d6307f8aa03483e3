/* The generated tables against the Unicode Character Database itself
 * (Debian's unicode-data, or $UCD): every code point's display width and
 * line-break class, read straight from the UCD files, with our clreq
 * rules on top. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

#define MAX_CP 0x110000

/* A property file as one short value a code point ("W", "Mn", "ID"),
 * the @missing defaults first.  Long default names are folded to the
 * values the data lines use. */
static char (*read_property(const char *file))[4]
{
	const char *dir = getenv("UCD");
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir :
	    "/usr/share/unicode", file);
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s (Debian package unicode-data)", path);
	char (*v)[4] = calloc(MAX_CP, sizeof *v);
	static const char *longs[][2] = { { "Wide", "W" }, { "Neutral", "N" },
		{ "Ideographic", "ID" }, { "Prefix_Numeric", "PR" },
		{ "Unknown", "XX" } };
	char line[1024];
	while (fgets(line, sizeof line, f)) {
		unsigned lo, hi;
		char val[64];
		bool missing = sscanf(line, "# @missing: %x..%x; %63s", &lo, &hi,
		    val) == 3;
		if (!missing) {
			if (line[0] == '#' || line[0] == '\n')
				continue;
			if (sscanf(line, "%x..%x ; %63[A-Za-z0-9_]", &lo, &hi,
			    val) != 3) {
				if (sscanf(line, "%x ; %63[A-Za-z0-9_]", &lo, val) != 2)
					continue;
				hi = lo;
			}
		}
		for (size_t i = 0; i < sizeof longs / sizeof longs[0]; i++)
			if (strcmp(val, longs[i][0]) == 0)
				snprintf(val, sizeof val, "%s", longs[i][1]);
		for (unsigned cp = lo; cp <= hi && cp < MAX_CP; cp++)
			snprintf(v[cp], sizeof v[cp], "%.3s", val);
	}
	fclose(f);
	return v;
}

static bool is(const char *v, const char *a)
{
	return strcmp(v, a) == 0;
}

static void width_follows_the_ucd(void **state)
{
	(void)state;
	char (*eaw)[4] = read_property("extracted/DerivedEastAsianWidth.txt");
	char (*gc)[4] = read_property("extracted/DerivedGeneralCategory.txt");
	int bad = 0;
	for (uint32_t cp = 0x300; cp < MAX_CP; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		int want = ((is(gc[cp], "Mn") || is(gc[cp], "Me") ||
		    is(gc[cp], "Cf")) && cp != 0xAD) ||
		    (cp >= 0x1160 && cp <= 0x11FF) ? 0 :
		    is(eaw[cp], "W") || is(eaw[cp], "F") ? 2 : 1;
		if (tr_cp_width(cp) != want && bad++ < 10)
			print_error("U+%04X: width %d, the UCD says %d\n", cp,
			    tr_cp_width(cp), want);
	}
	/* the cases the old hand-made table had wrong */
	assert_int_equal(tr_cp_width(0x1F321), 1);
	assert_int_equal(tr_cp_width(0x3248), 1);
	assert_int_equal(tr_cp_width(0x4E00), 2);
	assert_int_equal(tr_cp_width(0x0301), 0);
	free(eaw);
	free(gc);
	assert_int_equal(bad, 0);
}

static void line_break_classes_follow_the_ucd(void **state)
{
	(void)state;
	char (*lb)[4] = read_property("extracted/DerivedLineBreak.txt");
	char (*gc)[4] = read_property("extracted/DerivedGeneralCategory.txt");
	int bad = 0;
	for (uint32_t cp = 0; cp < MAX_CP; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		const char *c = lb[cp];
		tr_lb_class want = TR_LB_OTHER;
		if (is(c, "ID") || is(c, "H2") || is(c, "H3") || is(c, "JL") ||
		    is(c, "JV") || is(c, "JT") || is(c, "EB") || is(c, "EM"))
			want = TR_LB_IDEO;
		else if (is(c, "CL") || is(c, "CP") || is(c, "EX") ||
		    is(c, "IS") || is(c, "NS") || is(c, "CJ") ||
		    (is(c, "QU") && is(gc[cp], "Pf")))
			want = TR_LB_CLOSE;
		else if (is(c, "OP") || (is(c, "QU") && is(gc[cp], "Pi")))
			want = TR_LB_OPEN;
		else if (is(c, "SP"))
			want = TR_LB_SPACE;
		else if (is(c, "B2") || is(c, "IN"))
			want = TR_LB_INSEP;
		/* our clreq rules on top */
		if (cp == '\t' || cp == 0x3000)
			want = TR_LB_SPACE;
		if (cp == 0x00B7)
			want = TR_LB_INSEP;
		if (want == TR_LB_OTHER && (tr_cp_is_cjk(cp) ||
		    tr_cp_width(cp) == 2))
			want = TR_LB_IDEO;
		if (tr_cp_lb_class(cp) != want && bad++ < 10)
			print_error("U+%04X (%s): class %d, the UCD says %d\n", cp,
			    c, tr_cp_lb_class(cp), want);
	}
	free(lb);
	free(gc);
	assert_int_equal(bad, 0);
	/* clreq: 。 never starts a line, 「 never ends one */
	assert_false(tr_can_break_between(0x4E00, 0x3002));
	assert_false(tr_can_break_between(0x300C, 0x4E00));
	assert_true(tr_can_break_between(0x4E00, 0x4E01));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(width_follows_the_ucd),
		cmocka_unit_test(line_break_classes_follow_the_ucd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
