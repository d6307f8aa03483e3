/* The evidence that a plain "Name:" is a speaker label.  A name is
 * taken when it is declared (front matter speakers, host, guest; the
 * metadata list's 主持人/嘉宾/Host/Guest; -M), or when at least two
 * distinct names each open two or more paragraphs of the file.  Initials
 * declared in brackets ("Shaun Apps（SA）") stand for their name. */
#ifndef TR_NAMES_H
#define TR_NAMES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tr_names tr_names;

tr_names *tr_names_new(void);
void tr_names_free(tr_names *t);

/* A declared speaker (its first word alone counts as declared too:
 * "Alex:" when "Alex Lewin" is declared). */
void tr_names_declare(tr_names *t, const char *name, size_t n);
/* Declares the names of a metadata value: "A、B", "A, B and C",
 * "A & B", "A (OpenAI)". */
void tr_names_declare_list(tr_names *t, const char *value);
/* alias stands for name from now on. */
void tr_names_alias(tr_names *t, const char *alias, size_t an,
    const char *name, size_t n);
/* The name an alias stands for, or the name itself; *out_n its length. */
const char *tr_names_canonical(const tr_names *t, const char *name, size_t n,
    size_t *out_n);
/* A paragraph (or line) opened by a candidate at line:col. */
void tr_names_count(tr_names *t, const char *name, size_t n, int line,
    int col);
/* How many paragraphs a name opens, and the line of the first. */
int tr_names_counted(const tr_names *t, const char *name, size_t n,
    int *first_line);
/* Decides which candidates are taken, once all are counted. */
void tr_names_decide(tr_names *t);
bool tr_names_taken(const tr_names *t, const char *name, size_t n);
bool tr_names_declared(const tr_names *t, const char *name, size_t n);

/* The candidate not taken that opens the most paragraphs: its name,
 * count and first position; false when there is none. */
bool tr_names_top_untaken(const tr_names *t, const char **name, size_t *n,
    int *count, int *line, int *col);
/* Each candidate not taken, in order of first appearance. */
typedef void tr_names_visit(void *ctx, const char *name, int count,
    int line, int col);
void tr_names_each_untaken(const tr_names *t, tr_names_visit *visit,
    void *ctx);

#endif
