/* The output folder's state file (state.h):
 *
 *   # transcribe state 1
 *   talk.epub<TAB>0.1.0:5f0c...
 *
 * sorted by name, looked up by binary search. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "buf.h"
#include "datadir.h"
#include "output.h"
#include "state.h"

#define HEADER "# transcribe state 1\n"
#define MAX_STATE_BYTES (64u << 20)

struct entry {
	char *name, *key;
};

struct tr_state {
	struct entry *loaded;   /* sorted */
	int nloaded;
	struct entry *written;  /* this run's, in order */
	int nwritten;
};

static int compare(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name,
	    ((const struct entry *)b)->name);
}

/* The entries of a state file's text; lines that are not "name TAB
 * key" are passed over (a file cut short loses its last line only). */
static struct entry *parse(char *text, int *n)
{
	struct entry *list = NULL;
	*n = 0;
	if (strncmp(text, HEADER, strlen(HEADER)) != 0)
		return NULL;
	for (char *line = text + strlen(HEADER); *line;) {
		char *end = strchr(line, '\n');
		if (!end)
			break;
		*end = '\0';
		char *tab = strchr(line, '\t');
		if (tab && tab > line && tab[1]) {
			*tab = '\0';
			list = tr_xgrow(list, (size_t)*n, sizeof(*list));
			list[(*n)++] = (struct entry){ tr_xstrdup(line),
				tr_xstrdup(tab + 1) };
		}
		line = end + 1;
	}
	qsort(list, (size_t)*n, sizeof(*list), compare);
	return list;
}

static struct entry *read_state(const char *dir, int *n)
{
	tr_buf path = { 0 }, text = { 0 };
	tr_buf_printf(&path, "%s/%s", dir, TR_STATE_FILE);
	struct entry *list = NULL;
	*n = 0;
	if (tr_read_file_max(path.data, MAX_STATE_BYTES, &text) == 0)
		list = parse(text.data, n);
	tr_buf_free(&path);
	tr_buf_free(&text);
	return list;
}

tr_state *tr_state_load(const char *dir)
{
	tr_state *s = tr_xcalloc(1, sizeof(*s));
	s->loaded = read_state(dir, &s->nloaded);
	return s;
}

static struct entry *find(struct entry *list, int n, const char *name)
{
	struct entry probe = { (char *)name, NULL };
	return n ? bsearch(&probe, list, (size_t)n, sizeof(*list), compare) :
	    NULL;
}

bool tr_state_matches(const tr_state *s, const char *name, const char *key)
{
	const struct entry *e = find(s->loaded, s->nloaded, name);
	return e && strcmp(e->key, key) == 0;
}

/* A name the file can hold: one line, no tab. */
static bool writable(const char *name)
{
	return *name && !strpbrk(name, "\t\n\r");
}

void tr_state_set(tr_state *s, const char *name, const char *key)
{
	if (!writable(name))
		return;
	s->written = tr_xgrow(s->written, (size_t)s->nwritten,
	    sizeof(*s->written));
	s->written[s->nwritten++] = (struct entry){ tr_xstrdup(name),
		tr_xstrdup(key) };
}

static void free_entries(struct entry *list, int n)
{
	for (int i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].key);
	}
	free(list);
}

int tr_state_save(tr_state *s, const char *dir, char *err, size_t errlen)
{
	if (!s->nwritten)
		return 0;
	/* shards of one folder finish at once: one writer at a time,
	 * each merging with what the last one wrote */
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) != 0) {
		snprintf(err, errlen, "cannot lock %s for %s: %s", dir,
		    TR_STATE_FILE, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int n;
	struct entry *now = read_state(dir, &n);
	int sorted = n;         /* this run's names are all different */
	for (int i = 0; i < s->nwritten; i++) {
		struct entry *e = find(now, sorted, s->written[i].name);
		if (e) {
			free(e->key);
			e->key = tr_xstrdup(s->written[i].key);
			continue;
		}
		now = tr_xgrow(now, (size_t)n, sizeof(*now));
		now[n++] = (struct entry){ tr_xstrdup(s->written[i].name),
			tr_xstrdup(s->written[i].key) };
	}
	qsort(now, (size_t)n, sizeof(*now), compare);
	tr_buf path = { 0 };
	tr_buf_printf(&path, "%s/%s", dir, TR_STATE_FILE);
	tr_output out;
	int rc = -1;
	if (tr_output_open(&out, path.data) == 0) {
		fputs(HEADER, out.fp);
		for (int i = 0; i < n; i++)
			fprintf(out.fp, "%s\t%s\n", now[i].name, now[i].key);
		rc = tr_output_commit(&out);
	}
	if (rc != 0)
		snprintf(err, errlen, "%s: %s", path.data, strerror(errno));
	tr_buf_free(&path);
	free_entries(now, n);
	flock(fd, LOCK_UN);
	close(fd);
	return rc;
}

void tr_state_free(tr_state *s)
{
	if (!s)
		return;
	free_entries(s->loaded, s->nloaded);
	free_entries(s->written, s->nwritten);
	free(s);
}
