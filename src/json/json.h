/* The JSON backend's one escaper, shared with its unit test. */
#ifndef TR_JSON_H
#define TR_JSON_H

#include "buf.h"

/* s as a JSON string, quotes included: control characters, quotes and
 * backslashes escaped, and U+2028/2029, which break JavaScript. */
void tr_json_string(tr_buf *out, const char *s);

#endif
