/* --report FILE: what a batch did, in the JUnit XML that GitLab,
 * GitHub Actions' test reporters, Jenkins and Buildkite show, or the
 * same as JSON (--report-format json).  Written by transcribe-report.so
 * (libxml2's writer), which only a run with --report maps. */
#ifndef TR_REPORT_H
#define TR_REPORT_H

#include <stdbool.h>
#include <stddef.h>

/* One input in one format: a test case. */
typedef struct tr_report_case {
	const char *input;
	const char *format;     /* "epub", "pdf", "txt", "json" */
	double seconds;
	bool failed;
	bool up_to_date;        /* --update skipped it: a skipped case */
	const char *log;        /* its diagnostics, one a line */
} tr_report_case;

/* Writes the report to path (a temporary name, renamed when complete).
 * Returns 0, or -1 with err set. */
int tr_report_write(const char *path, bool json, const tr_report_case *cases,
    int n, double seconds, char *err, size_t errlen);

#endif
