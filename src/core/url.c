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
