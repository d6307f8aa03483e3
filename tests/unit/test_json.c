/* The JSON backend's escaper, and a whole document through the backend:
 * whatever a transcript holds, the output is one valid JSON value. */
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
#include "json.h"

static void check_escape(const char *in, const char *want)
{
	tr_buf b = { 0 };
	tr_json_string(&b, in);
	assert_string_equal(tr_buf_cstr(&b), want);
	tr_buf_free(&b);
}

static void escapes(void **state)
{
	(void)state;
	check_escape("plain 中文", "\"plain 中文\"");
	check_escape("a\"b\\c", "\"a\\\"b\\\\c\"");
	check_escape("line\nnext\ttab\rret", "\"line\\nnext\\ttab\\rret\"");
	check_escape("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	/* U+2028 and U+2029 end a JavaScript string literal */
	check_escape("a\xE2\x80\xA8" "b\xE2\x80\xA9", "\"a\\u2028b\\u2029\"");
	check_escape("", "\"\"");
	/* </script> stays harmless: no raw control, quotes escaped */
	check_escape("</script>", "\"</script>\"");
}

static void a_document_renders(void **state)
{
	(void)state;
	const char *md = "# T \"q\"\n\n## C\n\n**A:** a \\\\ b\n\n**B:** \"x\"\n";
	tr_diag d;
	tr_diag_init(&d, NULL);
	/* in Chinese the straight quotes stay (English gets smart ones),
	 * which is what the escaping is tested on */
	tr_parse_options popt = { "zh-Hans" };
	tr_doc *doc = tr_parse("t.md", md, strlen(md), &popt, &d);
	assert_non_null(doc);
	tr_options opt = { .width = 72, .epoch = 0 };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	char err[128];
	assert_int_equal(tr_json_render(doc, &opt, f, err, sizeof err), 0);
	fclose(f);
	assert_non_null(strstr(out, "\"title\": \"T \\\"q\\\"\""));
	assert_non_null(strstr(out, "\"name\": \"A\""));
	assert_non_null(strstr(out, "a \\\\ b"));
	/* balanced: as many closing as opening brackets outside strings */
	int depth = 0;
	bool in_str = false;
	for (const char *p = out; *p; p++) {
		if (in_str) {
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_str = false;
		} else if (*p == '"') {
			in_str = true;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
			assert_true(depth >= 0);
		}
	}
	assert_int_equal(depth, 0);
	assert_false(in_str);
	free(out);
	tr_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(a_document_renders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
