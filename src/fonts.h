/* The fonts transcribe sets type in: fontconfig reading fonts/fonts.conf
 * instead of the machine's configuration, so that every machine draws
 * the same glyphs. */
#ifndef TR_FONTS_H
#define TR_FONTS_H

#include <fontconfig/fontconfig.h>

/* The pinned configuration, built once per module; NULL when
 * fonts/fonts.conf cannot be found or read (fontconfig then falls back
 * to the machine's). */
FcConfig *tr_fonts_config(void);

/* Makes the pinned configuration fontconfig's current one, for Pango. */
void tr_fonts_init(void);

/* The file and face index fontconfig gives for pattern ("Noto Serif CJK
 * SC:bold") under the pinned configuration; -1 when there is none. */
int tr_fonts_find(const char *pattern, char *path, size_t pathlen,
    int *index);

#endif
