#include <string.h>
#include <strings.h>

#include "url.h"

bool tr_url_is_safe(const char *url)
{
	static const char *schemes[] = { "http://", "https://", "mailto:",
		"ftp://" };
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);
		if (strncasecmp(url, schemes[i], n) == 0 && url[n])
			return true;
	}
	return false;
}

void tr_url_escape(const char *url, tr_buf *out)
{
	static const char safe[] = "-_.~!*'();:@&=+$,/?#[]";
	static const char hex[] = "0123456789abcdefABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		/* an escape already made stays; a bare % gets escaped */
		bool escape = *p == '%' && p[1] && strchr(hex, p[1]) && p[2] &&
		    strchr(hex, p[2]);
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || escape ||
		    (*p < 0x80 && *p && strchr(safe, *p)))
			tr_buf_putc(out, (char)*p);
		else
			tr_buf_printf(out, "%%%02X", *p);
	}
}

/* The part of url after "://host" when host is one of hosts. */
static const char *on_host(const char *url, const char *const *hosts)
{
	const char *p = strstr(url, "://");
	if (!p)
		return NULL;
	p += 3;
	for (const char *const *h = hosts; *h; h++) {
		size_t n = strlen(*h);
		if (strncasecmp(p, *h, n) == 0 && (p[n] == '/' || !p[n]))
			return p + n;
	}
	return NULL;
}

void tr_url_at_time(const char *source, double seconds, tr_buf *out)
{
	long t = (long)seconds;
	static const char *const youtube[] = { "www.youtube.com", "youtube.com",
		"m.youtube.com", "music.youtube.com", NULL };
	static const char *const short_host[] = { "youtu.be", NULL };
	const char *path;
	if ((path = on_host(source, youtube)) && strncmp(path, "/watch?", 7) == 0) {
		const char *v = strstr(path, "v=");
		if (v) {
			size_t n = strcspn(v + 2, "&#");
			tr_buf_printf(out, "https://www.youtube.com/watch?v=%.*s&t=%lds",
			    (int)n, v + 2, t);
			return;
		}
	}
	if ((path = on_host(source, short_host)) && path[0] == '/') {
		size_t n = strcspn(path + 1, "?&#");
		tr_buf_printf(out, "https://youtu.be/%.*s?t=%ld", (int)n, path + 1,
		    t);
		return;
	}
	/* a media fragment (W3C Media Fragments URI) for anything else */
	size_t n = strcspn(source, "#");
	tr_buf_printf(out, "%.*s#t=%ld", (int)n, source, t);
}
