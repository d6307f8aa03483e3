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

#endif
