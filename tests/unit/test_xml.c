/* The EPUB's XML layer over libxml2's writer: escaping, what XML 1.0
 * forbids replaced, empty elements, the depth bound; every document it
 * writes parses back with libxml2's own parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>

#include "xml.h"

static void parses(const tr_buf *b)
{
	xmlDocPtr doc = xmlReadMemory(b->data, (int)b->len, "t.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(doc);
	xmlFreeDoc(doc);
}

static void escaping(void **state)
{
	(void)state;
	tr_xml x;
	tr_buf out = { 0 };
	tr_xml_begin(&x, true);
	tr_xml_start(&x, "p");
	tr_xml_attr(&x, "title", "a \"b\" <c> & d\ne");
	tr_xml_text(&x, "<script>alert(1)</script> & 中文 \"q\"");
	tr_xml_end(&x);
	assert_int_equal(tr_xml_finish(&x, &out), 0);
	const char *s = tr_buf_cstr(&out);
	assert_non_null(strstr(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<p "));
	assert_non_null(strstr(s, "title=\"a &quot;b&quot; &lt;c&gt; &amp; d"
	    "&#10;e\""));
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; "
	    "&amp; 中文"));
	assert_null(strstr(s, "<script"));
	/* UTF-8 stays UTF-8, not character references */
	assert_null(strstr(s, "&#x"));
	parses(&out);
	tr_buf_free(&out);
}

static void forbidden_characters_are_replaced(void **state)
{
	(void)state;
	tr_xml x;
	tr_buf out = { 0 };
	tr_xml_begin(&x, false);
	tr_xml_start(&x, "t");
	tr_xml_attr(&x, "a", "x\x01y");
	tr_xml_text(&x, "bell\x07 nonchar\xEF\xBF\xBE\xEF\xBF\xBF end");
	tr_xml_end(&x);
	assert_int_equal(tr_xml_finish(&x, &out), 0);
	const char *s = tr_buf_cstr(&out);
	assert_non_null(strstr(s, "a=\"x\xEF\xBF\xBDy\""));
	assert_non_null(strstr(s, "bell\xEF\xBF\xBD nonchar\xEF\xBF\xBD"
	    "\xEF\xBF\xBD end"));
	parses(&out);
	tr_buf_free(&out);
}

static void empty_and_full_elements(void **state)
{
	(void)state;
	tr_xml x;
	tr_buf out = { 0 };
	tr_xml_begin(&x, false);
	tr_xml_start(&x, "body");
	tr_xml_start(&x, "p");
	tr_xml_end(&x);         /* XHTML read as HTML needs <p></p> */
	tr_xml_start(&x, "br");
	tr_xml_end_empty(&x);
	tr_xml_element(&x, "b", "x");
	/* left open: finish closes it */
	assert_int_equal(tr_xml_finish(&x, &out), 0);
	assert_non_null(strstr(tr_buf_cstr(&out),
	    "<body><p></p><br/><b>x</b></body>"));
	parses(&out);
	tr_buf_free(&out);
}

static void depth_is_bounded(void **state)
{
	(void)state;
	tr_xml x;
	tr_buf out = { 0 };
	tr_xml_begin(&x, false);
	tr_xml_start(&x, "root");
	for (int i = 0; i < TR_XML_MAX_DEPTH + 50; i++)
		tr_xml_start(&x, "d");
	tr_xml_text(&x, "deep");
	for (int i = 0; i < TR_XML_MAX_DEPTH + 50; i++)
		tr_xml_end(&x);
	tr_xml_start(&x, "after");
	tr_xml_end(&x);
	assert_int_equal(tr_xml_finish(&x, &out), 0);
	int opened = 0;
	for (const char *p = tr_buf_cstr(&out); (p = strstr(p, "<d>")); p++)
		opened++;
	assert_int_equal(opened, TR_XML_MAX_DEPTH - 1);
	assert_non_null(strstr(tr_buf_cstr(&out), "</d><after></after></root>"));
	parses(&out);
	tr_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escaping),
		cmocka_unit_test(forbidden_characters_are_replaced),
		cmocka_unit_test(empty_and_full_elements),
		cmocka_unit_test(depth_is_bounded),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
