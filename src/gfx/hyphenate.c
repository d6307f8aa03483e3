#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "buf.h"
#include "hyphenate.h"

#define HYPHEN_DIR "/usr/share/hyphen"
#define MAX_WORD 100            /* libhyphen's own bound on a word */

struct hy_dict {
	char tag[32];
	HyphenDict *dict;       /* NULL: looked for, not installed */
};

static struct hy_dict cache[8];
static int ncache;

static HyphenDict *load(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, HYPHEN_DIR "/hyph_%s.dic", name);
	return access(path, R_OK) == 0 ? hnj_hyphen_load(path) : NULL;
}

const hy_dict *hy_for(const char *lang)
{
	if (!lang || !*lang)
		return NULL;
	for (int i = 0; i < ncache; i++)
		if (strcmp(cache[i].tag, lang) == 0)
			return cache[i].dict ? &cache[i] : NULL;
	if (ncache == (int)(sizeof cache / sizeof cache[0]))
		return NULL;
	struct hy_dict *d = &cache[ncache++];
	snprintf(d->tag, sizeof d->tag, "%s", lang);
	/* en-US → hyph_en_US, then hyph_en */
	char name[32];
	snprintf(name, sizeof name, "%s", lang);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	d->dict = load(name);
	char *cut = strchr(name, '_');
	if (!d->dict && cut) {
		*cut = '\0';
		d->dict = load(name);
	}
	return d->dict ? d : NULL;
}

void hy_points(const hy_dict *d, const char *word, size_t len, bool *before)
{
	if (!d || len < 5 || len > MAX_WORD)
		return;
	char lower[MAX_WORD + 1];
	for (size_t i = 0; i < len; i++)
		lower[i] = (char)tolower((unsigned char)word[i]);
	lower[len] = '\0';
	char hyphens[MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(d->dict, lower, (int)len, hyphens, NULL, &rep,
	    &pos, &cut, 2, 3, 2, 2) == 0) {
		/* hyphens[i] odd: a break after byte i; not inside a UTF-8
		 * sequence, and not where the patterns change the spelling */
		for (size_t i = 0; i + 1 < len; i++)
			if ((hyphens[i] & 1) && (!rep || !rep[i]) &&
			    ((unsigned char)word[i + 1] & 0xC0) != 0x80)
				before[i + 1] = true;
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
}
