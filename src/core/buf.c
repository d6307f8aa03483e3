#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "output.h"

/* Nothing half-written survives: the temporary files go first. */
static void out_of_memory(void)
{
	tr_temp_remove_all(NULL);
	fputs("transcribe: error: out of memory\n", stderr);
	exit(1);
}

void *tr_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tr_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tr_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *tr_xgrow(void *p, size_t n, size_t elem)
{
	if (n & (n - 1))
		return p; /* not a power of two: there is room */
	if (n > SIZE_MAX / 2 / elem)
		out_of_memory();
	return tr_xrealloc(p, elem * (n ? 2 * n : 1));
}

char *tr_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(tr_xmalloc(n), s, n);
}

void tr_buf_grow(tr_buf *b, size_t extra)
{
	if (extra >= SIZE_MAX / 2 - b->len)
		out_of_memory();
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = tr_xrealloc(b->data, cap);
	b->cap = cap;
}

void tr_buf_put(tr_buf *b, const char *s, size_t n)
{
	tr_buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void tr_buf_puts(tr_buf *b, const char *s)
{
	tr_buf_put(b, s, strlen(s));
}

void tr_buf_putc(tr_buf *b, char c)
{
	tr_buf_put(b, &c, 1);
}

void tr_buf_printf(tr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	tr_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void tr_buf_repeat(tr_buf *b, const char *s, int times)
{
	for (int i = 0; i < times; i++)
		tr_buf_puts(b, s);
}

void tr_buf_clear(tr_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void tr_buf_free(tr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *tr_buf_cstr(tr_buf *b)
{
	return b->data ? b->data : "";
}

/* The arena: a chain of large blocks; everything is freed at once. */
struct arena_block {
	struct arena_block *prev;
	size_t used, size;
	max_align_t data[];
};

struct tr_arena {
	struct arena_block *top;
};

struct tr_arena *tr_arena_new(void)
{
	return tr_xcalloc(1, sizeof(struct tr_arena));
}

void tr_arena_free(struct tr_arena *a)
{
	if (!a)
		return;
	struct arena_block *b = a->top;
	while (b) {
		struct arena_block *prev = b->prev;
		free(b);
		b = prev;
	}
	free(a);
}

void *tr_arena_alloc(struct tr_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	struct arena_block *b = a->top;
	if (!b || b->size - b->used < n) {
		size_t size = 64 * 1024;
		if (size < n)
			size = n;
		b = tr_xmalloc(sizeof(*b) + size);
		b->prev = a->top;
		b->used = 0;
		b->size = size;
		a->top = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *tr_arena_strndup(struct tr_arena *a, const char *s, size_t n)
{
	char *p = tr_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *tr_arena_strdup(struct tr_arena *a, const char *s)
{
	return tr_arena_strndup(a, s, strlen(s));
}
