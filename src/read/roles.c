/* Speaker roles: who hosts and who is the guest, from the metadata
 * (主持人/Host, 嘉宾/Guest) and the channel, for the EPUB's creator
 * roles and the outputs' labels. */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "meta.h"
#include "parse.h"

/* "Alice" is "Alice Chen" of the front matter: labels are kept as
 * written, and often as first names. */
static bool names_one(const char *declared, const char *label)
{
	size_t n = strlen(label);
	return strncmp(declared, label, n) == 0 &&
	    (declared[n] == '\0' || declared[n] == ' ');
}

void tr_assign_roles(const tr_doc *doc, tr_speaker *speakers,
    const tr_role_hint *hints, int nhints)
{
	for (int h = 0; h < nhints; h++)
		for (int i = 0; i < doc->nspeakers; i++)
			if (names_one(hints[h].name, speakers[i].name) &&
			    (strcasecmp(hints[h].role, "host") == 0 ||
			    strcasecmp(hints[h].role, "guest") == 0))
				speakers[i].role = strcasecmp(hints[h].role, "host") ==
				    0 ? "host" : "guest";
	for (const tr_meta_field *f = doc->meta; f; f = f->next) {
		tr_meta_key key = tr_meta_key_of(f->key, strlen(f->key));
		if (key != TR_KEY_GUEST && key != TR_KEY_HOST)
			continue;
		for (int i = 0; i < doc->nspeakers; i++) {
			if (strstr(f->value, doc->speakers[i].name))
				speakers[i].role = key == TR_KEY_HOST ?
				    "host" : "guest";
		}
	}
	/* the channel's owner hosts it: "Lex Fridman" on Lex Fridman */
	int hosts = 0, host = -1;
	for (int i = 0; i < doc->nspeakers; i++) {
		tr_speaker *s = &speakers[i];
		if (!s->role && doc->channel && strcmp(doc->channel, s->name) == 0)
			s->role = "host";
		if (s->role && strcmp(s->role, "host") == 0)
			hosts++, host = i;
	}
	if (hosts == 1 && doc->nspeakers == 2 && !speakers[1 - host].role)
		speakers[1 - host].role = "guest";
}
