/* Growable byte buffers and the document arena.  Allocation failure
 * exits the program: there is nothing sensible to do without memory. */
#ifndef TR_BUF_H
#define TR_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct tr_buf {
	char *data;   /* always NUL-terminated once anything was added */
	size_t len, cap;
} tr_buf;

void tr_buf_grow(tr_buf *b, size_t extra);
void tr_buf_put(tr_buf *b, const char *s, size_t n);
void tr_buf_puts(tr_buf *b, const char *s);
void tr_buf_putc(tr_buf *b, char c);
void tr_buf_printf(tr_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tr_buf_repeat(tr_buf *b, const char *s, int times);
void tr_buf_clear(tr_buf *b);
void tr_buf_free(tr_buf *b);
const char *tr_buf_cstr(tr_buf *b); /* "" for an empty buffer */

void *tr_xmalloc(size_t n);
void *tr_xcalloc(size_t n, size_t size);
void *tr_xrealloc(void *p, size_t n);
char *tr_xstrdup(const char *s);
/* Room for element n (from 0) of an array of elem-byte elements that
 * grows only through this call, one element at a time: the capacity
 * doubles at each power of two, so the array needs no capacity field. */
void *tr_xgrow(void *p, size_t n, size_t elem);

struct tr_arena;
struct tr_arena *tr_arena_new(void);
void tr_arena_free(struct tr_arena *a);
void *tr_arena_alloc(struct tr_arena *a, size_t n); /* zeroed */
char *tr_arena_strndup(struct tr_arena *a, const char *s, size_t n);
char *tr_arena_strdup(struct tr_arena *a, const char *s);

#endif
