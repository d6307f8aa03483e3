/* SHA-1, for content-derived identifiers (not for security). */
#ifndef TR_SHA1_H
#define TR_SHA1_H

#include <stddef.h>
#include <stdint.h>

void tr_sha1(const void *data, size_t len, uint8_t digest[20]);

#endif
