/* Inline <ruby> in a transcript's Markdown, read into annotated bases. */
#ifndef TR_RUBY_H
#define TR_RUBY_H

#include <stdbool.h>

#include <cmark.h>

/* One base and its annotation; text is NULL for a base with none (it is
 * text).  rp_open and rp_close are the source's <rp> marks, or NULL. */
typedef struct tr_ruby_part {
	char *base, *text, *rp_open, *rp_close;
} tr_ruby_part;

/* Whether raw HTML is a <ruby> start tag. */
bool tr_ruby_opens(const char *html);

/* Reads from open (the raw HTML node of <ruby>) up to its </ruby>.  On
 * success returns 0, sets *last to the closing node and *parts to what
 * the run holds (free with tr_ruby_free); *attributes says that some
 * were dropped.  Otherwise -1, with *why saying what is wrong: the run
 * stays text, up to *last when it closes (NULL when it does not). */
int tr_ruby_read(cmark_node *open, cmark_node **last, tr_ruby_part **parts,
    int *nparts, bool *attributes, const char **why);
void tr_ruby_free(tr_ruby_part *parts, int n);

#endif
