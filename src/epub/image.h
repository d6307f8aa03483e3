/* A cover image the user gives: its header decoded, not only sniffed,
 * so that a book never carries an image a reader cannot open. */
#ifndef TR_IMAGE_H
#define TR_IMAGE_H

#include <stddef.h>

#define TR_MAX_IMAGE_SIDE 10000

typedef struct tr_image_info {
	const char *type;       /* "image/png" or "image/jpeg" */
	const char *suffix;     /* "png" or "jpg" */
	unsigned width, height;
} tr_image_info;

/* PNG: the signature, every chunk whole with its CRC, IHDR first and
 * IEND last.  JPEG: SOI, whole segments up to a frame header (SOF) that
 * gives the size.  Either at most TR_MAX_IMAGE_SIDE pixels a side.
 * Returns 0, or -1 with the reason in why. */
int tr_image_check(const unsigned char *data, size_t len, tr_image_info *info,
    char *why, size_t whylen);

#endif
