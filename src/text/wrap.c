#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "wrap.h"

static void put_line(tr_buf *out, const char *prefix, const char *s,
    size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	size_t plen = strlen(prefix);
	if (n == 0)
		while (plen && prefix[plen - 1] == ' ')
			plen--;
	tr_buf_put(out, prefix, plen);
	tr_buf_put(out, s, n);
	tr_buf_putc(out, '\n');
}

static int room_for(const tr_wrap_spec *spec, const char *prefix)
{
	/* a deep prefix still leaves some room: the line overflows instead */
	int room = spec->width - tr_str_width(prefix, strlen(prefix));
	int least = spec->width / 2 < TR_WRAP_MIN_ROOM ? spec->width / 2 :
	    TR_WRAP_MIN_ROOM;
	return room < least ? least : room;
}

static uint32_t decode(const char *s, size_t n, size_t *len)
{
	uint32_t cp;
	*len = tr_utf8_decode(s, n, &cp);
	if (!*len) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

void tr_wrap(tr_buf *out, const char *text, size_t len,
    const tr_wrap_spec *spec)
{
	const char *prefix = spec->first;
	size_t start = 0;       /* first byte of the current line */
	size_t brk = 0;         /* last break opportunity (0 = none) */
	int col = 0;            /* columns from start to i */
	int col_at_brk = 0;
	uint32_t prev = 0;      /* code point before i, 0 at a line start */
	size_t i = 0;
	int room_first = room_for(spec, spec->first);
	int room_rest = room_for(spec, spec->rest);
	int room = room_first;

	while (i < len) {
		size_t n;
		uint32_t cp = decode(text + i, len - i, &n);
		if (cp == '\n') {
			put_line(out, prefix, text + start, i - start);
			prefix = spec->rest;
			room = room_rest;
			i += n;
			start = i, brk = 0, col = 0, prev = 0;
			continue;
		}
		bool can = prev && i > spec->glue_end && i > start &&
		    tr_can_break_between(prev, cp);
		if (can) {
			if (spec->width > 0 && col > room) {
				/* already too long: break at the first chance */
				put_line(out, prefix, text + start, i - start);
				prefix = spec->rest;
			room = room_rest;
				start = i, col = 0, brk = 0;
			} else {
				brk = i;
				col_at_brk = col;
			}
		}
		int w = tr_cp_width(cp);
		if (spec->width > 0 && !tr_cp_is_space(cp) && col + w > room &&
		    brk > start) {
			put_line(out, prefix, text + start, brk - start);
			prefix = spec->rest;
			room = room_rest;
			start = brk;
			col -= col_at_brk;
			brk = 0;
		}
		/* a new line never starts with the spaces of the break */
		if (i == start && cp == ' ') {
			i += n;
			start = i;
			continue;
		}
		col += w;
		prev = cp;
		i += n;
	}
	if (start < len || len == 0)
		put_line(out, prefix, text + start, len - start);
}
