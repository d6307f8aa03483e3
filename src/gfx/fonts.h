/* The fonts transcribe sets type in: fontconfig reading fonts/fonts.conf
 * instead of the machine's configuration, so that every machine draws
 * the same glyphs. */
#ifndef TR_FONTS_H
#define TR_FONTS_H

#include <fontconfig/fontconfig.h>

/* The families type is set in, named here once for the PDF, the cover
 * and the embedded fonts. */
#define TR_FAMILY_SERIF "Noto Serif CJK SC"
#define TR_FAMILY_SANS "Noto Sans CJK SC"
#define TR_FAMILY_MONO "Noto Sans Mono CJK SC"
/* fontconfig patterns of the faces that are subset: the text face, the
 * bold (sans) face of labels and headings, the code face */
#define TR_PATTERN_TEXT TR_FAMILY_SERIF ":weight=80"
#define TR_PATTERN_BOLD TR_FAMILY_SANS ":weight=200"
#define TR_PATTERN_MONO TR_FAMILY_MONO ":weight=80"

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
