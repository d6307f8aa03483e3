#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_lang.h"

static const char catalog_key[] = "<< /Type /Catalog";

/* The object number of "N 0 obj\n" ending just before text[end]. */
static long object_before(const char *text, size_t end)
{
	static const char obj[] = " 0 obj\n";
	size_t k = sizeof obj - 1;
	if (end < k + 1 || memcmp(text + end - k, obj, k) != 0)
		return 0;
	size_t i = end - k;
	long num = 0, scale = 1;
	while (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9' &&
	    scale < 1000000000L) {
		num += (text[i - 1] - '0') * scale;
		scale *= 10;
		i--;
	}
	return scale > 1 ? num : 0;
}

static void keep_last(char *buf, size_t cap, size_t *len,
    const unsigned char *data, size_t n)
{
	if (n >= cap) {
		memcpy(buf, data + n - cap, cap);
		*len = cap;
		return;
	}
	size_t keep = *len + n > cap ? cap - n : *len;
	memmove(buf, buf + *len - keep, keep);
	memcpy(buf + keep, data, n);
	*len = keep + n;
}

void pdf_tail_feed(pdf_tail *t, const unsigned char *data, size_t n)
{
	if (t->capturing) {
		tr_buf_put(&t->catalog, (const char *)data, n);
		if (memmem(t->catalog.data, t->catalog.len, "endobj", 6))
			t->capturing = false;
	} else {
		/* cairo writes "N 0 obj\n" and then the dictionary: the
		 * object's header is in the bytes before */
		char join[sizeof t->recent + 64];
		size_t head = n < 64 ? n : 64;
		memcpy(join, t->recent, t->nrecent);
		memcpy(join + t->nrecent, data, head);
		const char *m = memmem(join, t->nrecent + head, catalog_key,
		    sizeof catalog_key - 1);
		long num = m ? object_before(join, (size_t)(m - join)) : 0;
		if (num) {
			size_t from = (size_t)(m - join);
			t->catalog_num = num;
			t->catalog_at = t->pos - (long long)t->nrecent +
			    (long long)from;
			tr_buf_clear(&t->catalog);
			tr_buf_put(&t->catalog, m, t->nrecent + head - from);
			tr_buf_put(&t->catalog, (const char *)data + head, n - head);
			t->capturing = !memmem(t->catalog.data, t->catalog.len,
			    "endobj", 6);
		}
	}
	keep_last(t->recent, sizeof t->recent, &t->nrecent, data, n);
	keep_last(t->tail, sizeof t->tail, &t->ntail, data, n);
	t->pos += (long long)n;
}

/* The number after key in the trailer, or -1. */
static long long trailer_number(const char *trailer, size_t len,
    const char *key)
{
	const char *k = memmem(trailer, len, key, strlen(key));
	if (!k)
		return -1;
	k += strlen(key);
	while (k < trailer + len && (*k == ' ' || *k == '\n' || *k == '\r'))
		k++;
	long long v = 0;
	int digits = 0;
	while (k < trailer + len && *k >= '0' && *k <= '9' && digits < 18)
		v = v * 10 + (*k++ - '0'), digits++;
	return digits ? v : -1;
}

int pdf_tail_lang_update(const pdf_tail *t, const char *lang,
    bool right_to_left, tr_buf *out)
{
	if (!t->catalog_num || t->capturing)
		return -1;
	const char *tr = memmem(t->tail, t->ntail, "trailer", 7);
	if (!tr)
		return -1;
	size_t len = t->ntail - (size_t)(tr - t->tail);
	long long size = trailer_number(tr, len, "/Size");
	long long root = trailer_number(tr, len, "/Root");
	long long info = trailer_number(tr, len, "/Info");
	long long prev = trailer_number(tr, len, "startxref");
	if (size <= 0 || root != t->catalog_num || prev < 0)
		return -1;
	/* the dictionary up to its endobj, the key put after /Type */
	const char *dict = t->catalog.data;
	const char *end = memmem(dict, t->catalog.len, "endobj", 6);
	if (!end)
		return -1;
	size_t keylen = sizeof catalog_key - 1;
	long long at = t->pos;
	tr_buf_printf(out, "%ld 0 obj\n%s\n   /Lang (%s)", t->catalog_num,
	    catalog_key, lang);
	if (right_to_left) /* pages side by side from the right */
		tr_buf_puts(out, "\n   /ViewerPreferences << /Direction /R2L >>");
	tr_buf_put(out, dict + keylen, (size_t)(end - dict) - keylen);
	tr_buf_puts(out, "endobj\n");
	long long xref = at + (long long)out->len;
	tr_buf_printf(out, "xref\n%ld 1\n%010lld 00000 n \ntrailer\n"
	    "<< /Size %lld\n   /Root %ld 0 R\n", t->catalog_num, at, size,
	    t->catalog_num);
	if (info > 0)
		tr_buf_printf(out, "   /Info %lld 0 R\n", info);
	tr_buf_printf(out, "   /Prev %lld\n>>\nstartxref\n%lld\n%%%%EOF\n", prev,
	    xref);
	return 0;
}

void pdf_tail_free(pdf_tail *t)
{
	tr_buf_free(&t->catalog);
}
