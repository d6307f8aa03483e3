#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "image.h"

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int size_ok(const tr_image_info *info, char *why, size_t whylen)
{
	if (info->width == 0 || info->height == 0) {
		snprintf(why, whylen, "it has no pixels");
		return -1;
	}
	if (info->width > TR_MAX_IMAGE_SIDE || info->height > TR_MAX_IMAGE_SIDE) {
		snprintf(why, whylen, "%ux%u pixels is over %d a side",
		    info->width, info->height, TR_MAX_IMAGE_SIDE);
		return -1;
	}
	return 0;
}

static int check_png(const unsigned char *d, size_t n, tr_image_info *info,
    char *why, size_t whylen)
{
	size_t pos = 8;
	int chunks = 0;
	for (;;) {
		if (n - pos < 12) {
			snprintf(why, whylen, "the PNG is cut off (no IEND chunk)");
			return -1;
		}
		uint32_t len = be32(d + pos);
		const unsigned char *type = d + pos + 4;
		if (len > n - pos - 12) {
			snprintf(why, whylen, "a PNG chunk runs past the end");
			return -1;
		}
		uint32_t crc = (uint32_t)crc32(0, type, 4 + len);
		if (crc != be32(type + 4 + len)) {
			snprintf(why, whylen, "a PNG chunk (%.4s) fails its CRC",
			    (const char *)type);
			return -1;
		}
		if (chunks++ == 0) {
			if (memcmp(type, "IHDR", 4) != 0 || len != 13) {
				snprintf(why, whylen, "the PNG does not begin with IHDR");
				return -1;
			}
			info->width = be32(type + 4);
			info->height = be32(type + 8);
		}
		pos += 12 + len;
		if (memcmp(type, "IEND", 4) == 0)
			break;
	}
	return size_ok(info, why, whylen);
}

static int check_jpeg(const unsigned char *d, size_t n, tr_image_info *info,
    char *why, size_t whylen)
{
	size_t pos = 2;
	while (pos + 4 <= n) {
		if (d[pos] != 0xFF) {
			snprintf(why, whylen, "the JPEG has no frame header");
			return -1;
		}
		unsigned marker = d[pos + 1];
		if (marker == 0xFF) {
			pos++; /* fill bytes */
			continue;
		}
		if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
			pos += 2;
			continue;
		}
		if (marker == 0xD9 || marker == 0xDA)
			break; /* the image data before any frame header */
		size_t seg = (size_t)d[pos + 2] << 8 | d[pos + 3];
		if (seg < 2 || pos + 2 + seg > n) {
			snprintf(why, whylen, "a JPEG segment runs past the end");
			return -1;
		}
		bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
		    marker != 0xC8 && marker != 0xCC;
		if (sof) {
			if (seg < 8) {
				snprintf(why, whylen, "the JPEG frame header is short");
				return -1;
			}
			info->height = (unsigned)d[pos + 5] << 8 | d[pos + 6];
			info->width = (unsigned)d[pos + 7] << 8 | d[pos + 8];
			return size_ok(info, why, whylen);
		}
		pos += 2 + seg;
	}
	snprintf(why, whylen, "the JPEG has no frame header");
	return -1;
}

int tr_image_check(const unsigned char *d, size_t n, tr_image_info *info,
    char *why, size_t whylen)
{
	memset(info, 0, sizeof(*info));
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		info->type = "image/png";
		info->suffix = "png";
		return check_png(d, n, info, why, whylen);
	}
	if (n >= 3 && memcmp(d, "\xFF\xD8\xFF", 3) == 0) {
		info->type = "image/jpeg";
		info->suffix = "jpg";
		return check_jpeg(d, n, info, why, whylen);
	}
	snprintf(why, whylen, "it is neither PNG nor JPEG");
	return -1;
}
