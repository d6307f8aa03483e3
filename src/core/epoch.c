/* The one moment every output records (backend.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "backend.h"

long long tr_doc_epoch(const tr_doc *doc, const tr_options *opt)
{
	if (opt->epoch >= 0)
		return opt->epoch;
	if (doc->date) {
		struct tm tm = { 0 };
		if (sscanf(doc->date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon,
		    &tm.tm_mday) == 3) {
			tm.tm_year -= 1900;
			tm.tm_mon -= 1;
			return (long long)timegm(&tm);
		}
	}
	return 315532800; /* 1980-01-01, the first day a zip can record */
}
