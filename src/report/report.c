/* The batch report (--report): one test case per input and format.  A
 * case fails when the input or that format's output failed, and its
 * failure holds the error diagnostics; warnings go to its system-out.
 * The XML is written by libxml2's writer, the JSON by json-c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>
#include <libxml/xmlwriter.h>

#include "buf.h"
#include "output.h"
#include "report.h"
#include "utf8.h"

/* The lines of log that say kind (": error: ", ": warning: "), as
 * text that XML can hold. */
static void lines_of(const char *log, const char *kind, tr_buf *out)
{
	tr_buf raw = { 0 };
	for (const char *line = log; line && *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) + 1 : strlen(line);
		tr_buf_clear(&raw);
		tr_buf_put(&raw, line, len);
		if (strstr(tr_buf_cstr(&raw), kind))
			tr_utf8_clean(raw.data, raw.len, out);
		line += len;
	}
	tr_buf_free(&raw);
	tr_buf_cstr(out);
}

/* The first error without its position: the failure's message. */
static void first_message(const char *errors, tr_buf *out)
{
	const char *e = strstr(errors, ": error: ");
	if (!e) {
		tr_buf_puts(out, "failed");
		return;
	}
	e += 9;
	const char *end = strchr(e, '\n');
	tr_buf_put(out, e, end ? (size_t)(end - e) : strlen(e));
}

static void clean(const char *s, tr_buf *out)
{
	tr_utf8_clean(s, strlen(s), out);
	tr_buf_cstr(out);
}

struct totals {
	int failures, skipped;
};

static struct totals count(const tr_report_case *cases, int n)
{
	struct totals t = { 0, 0 };
	for (int i = 0; i < n; i++) {
		t.failures += cases[i].failed;
		t.skipped += cases[i].up_to_date;
	}
	return t;
}

static int attr_int(xmlTextWriterPtr w, const char *k, long v)
{
	return xmlTextWriterWriteFormatAttribute(w, BAD_CAST k, "%ld", v);
}

static int attr_time(xmlTextWriterPtr w, double s)
{
	return xmlTextWriterWriteFormatAttribute(w, BAD_CAST "time", "%.3f", s);
}

static int suite_attrs(xmlTextWriterPtr w, int n, struct totals t,
    double seconds)
{
	int bad = 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
	    BAD_CAST "transcribe") < 0;
	bad |= attr_int(w, "tests", n) < 0;
	bad |= attr_int(w, "failures", t.failures) < 0;
	bad |= attr_int(w, "errors", 0) < 0;
	bad |= attr_int(w, "skipped", t.skipped) < 0;
	bad |= attr_time(w, seconds) < 0;
	return bad ? -1 : 0;
}

static int write_case(xmlTextWriterPtr w, const tr_report_case *c)
{
	tr_buf input = { 0 }, errors = { 0 }, warnings = { 0 }, msg = { 0 };
	clean(c->input, &input);
	lines_of(c->log, ": error: ", &errors);
	lines_of(c->log, ": warning: ", &warnings);
	int bad = 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0;
	/* Jenkins and GitLab group by class: the input, its formats
	 * under it */
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "classname",
	    BAD_CAST input.data) < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
	    BAD_CAST c->format) < 0;
	bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "file",
	    BAD_CAST input.data) < 0;
	bad |= attr_time(w, c->seconds) < 0;
	if (c->failed) {
		first_message(tr_buf_cstr(&errors), &msg);
		bad |= xmlTextWriterStartElement(w, BAD_CAST "failure") < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "message",
		    BAD_CAST tr_buf_cstr(&msg)) < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "type",
		    BAD_CAST "error") < 0;
		bad |= xmlTextWriterWriteString(w, BAD_CAST tr_buf_cstr(&errors)) < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
	} else if (c->up_to_date) {
		bad |= xmlTextWriterStartElement(w, BAD_CAST "skipped") < 0;
		bad |= xmlTextWriterWriteAttribute(w, BAD_CAST "message",
		    BAD_CAST "up to date (--update)") < 0;
		bad |= xmlTextWriterEndElement(w) < 0;
	}
	if (warnings.len)
		bad |= xmlTextWriterWriteElement(w, BAD_CAST "system-out",
		    BAD_CAST warnings.data) < 0;
	bad |= xmlTextWriterEndElement(w) < 0;
	tr_buf_free(&input);
	tr_buf_free(&errors);
	tr_buf_free(&warnings);
	tr_buf_free(&msg);
	return bad ? -1 : 0;
}

static int write_xml(FILE *fp, const tr_report_case *cases, int n,
    double seconds)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	if (!w) {
		xmlBufferFree(buf);
		return -1;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, BAD_CAST "  ");
	struct totals t = count(cases, n);
	int bad = xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0;
	bad |= suite_attrs(w, n, t, seconds) < 0;
	bad |= xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0;
	bad |= suite_attrs(w, n, t, seconds) < 0;
	for (int i = 0; i < n && !bad; i++)
		bad |= write_case(w, &cases[i]) < 0;
	bad |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (!bad)
		bad = fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf),
		    fp) != (size_t)xmlBufferLength(buf);
	xmlBufferFree(buf);
	return bad ? -1 : 0;
}

static json_object *string_lines(const char *text)
{
	json_object *a = json_object_new_array();
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		json_object_array_add(a, json_object_new_string_len(line,
		    (int)len));
		line += len + (end ? 1 : 0);
	}
	return a;
}

static int write_json(FILE *fp, const tr_report_case *cases, int n,
    double seconds)
{
	struct totals t = count(cases, n);
	json_object *root = json_object_new_object();
	json_object_object_add(root, "tests", json_object_new_int(n));
	json_object_object_add(root, "failures",
	    json_object_new_int(t.failures));
	json_object_object_add(root, "skipped", json_object_new_int(t.skipped));
	json_object_object_add(root, "time", json_object_new_double(seconds));
	json_object *list = json_object_new_array();
	for (int i = 0; i < n; i++) {
		const tr_report_case *c = &cases[i];
		tr_buf input = { 0 }, errors = { 0 }, warnings = { 0 };
		clean(c->input, &input);
		lines_of(c->log, ": error: ", &errors);
		lines_of(c->log, ": warning: ", &warnings);
		json_object *o = json_object_new_object();
		json_object_object_add(o, "input",
		    json_object_new_string(input.data));
		json_object_object_add(o, "format",
		    json_object_new_string(c->format));
		json_object_object_add(o, "status", json_object_new_string(
		    c->failed ? "failed" : c->up_to_date ? "up to date" :
		    "converted"));
		json_object_object_add(o, "time",
		    json_object_new_double(c->seconds));
		json_object_object_add(o, "errors",
		    string_lines(tr_buf_cstr(&errors)));
		json_object_object_add(o, "warnings",
		    string_lines(tr_buf_cstr(&warnings)));
		json_object_array_add(list, o);
		tr_buf_free(&input);
		tr_buf_free(&errors);
		tr_buf_free(&warnings);
	}
	json_object_object_add(root, "cases", list);
	const char *s = json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	int bad = fputs(s, fp) < 0 || fputc('\n', fp) < 0;
	json_object_put(root);
	return bad ? -1 : 0;
}

int tr_report_write(const char *path, bool json, const tr_report_case *cases,
    int n, double seconds, char *err, size_t errlen)
{
	tr_output out;
	if (tr_output_open(&out, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	int bad = json ? write_json(out.fp, cases, n, seconds) :
	    write_xml(out.fp, cases, n, seconds);
	if (bad) {
		int e = errno;
		tr_output_abort(&out);
		snprintf(err, errlen, "%s: %s", path, e ? strerror(e) :
		    "the report could not be written");
		return -1;
	}
	if (tr_output_commit(&out) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
