/* /Lang in the document catalog of the PDF cairo writes.  cairo 1.16 has
 * no call for it, so the PDF's own mechanism adds it: an incremental
 * update (a new catalog object, a cross-reference section for it and a
 * trailer pointing back to cairo's), appended once cairo has finished.
 * The bytes cairo writes pass through pdf_tail_feed on their way out;
 * it keeps the catalog and the trailer, nothing else. */
#ifndef TR_PDF_LANG_H
#define TR_PDF_LANG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct pdf_tail {
	long long pos;                  /* bytes written so far */
	char recent[96];                /* the last bytes, for a match */
	size_t nrecent;
	bool capturing;
	long catalog_num;               /* 0: no catalog seen */
	long long catalog_at;           /* where its dictionary begins */
	tr_buf catalog;                 /* "/Type /Catalog ... endobj" */
	char tail[1024];                /* the last bytes: the trailer */
	size_t ntail;
} pdf_tail;

void pdf_tail_feed(pdf_tail *t, const unsigned char *data, size_t n);

/* The update that sets /Lang to lang (a valid BCP 47 tag), and for a
 * book bound on the right the viewer's reading direction, to append
 * after the last byte fed; -1 when the PDF is not as cairo writes it. */
int pdf_tail_lang_update(const pdf_tail *t, const char *lang,
    bool right_to_left, tr_buf *out);

void pdf_tail_free(pdf_tail *t);

#endif
