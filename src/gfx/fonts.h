/* The fonts transcribe sets type in: fontconfig reading fonts/fonts.conf
 * instead of the machine's configuration, so that every machine draws
 * the same glyphs. */
#ifndef TR_FONTS_H
#define TR_FONTS_H

#include <stdbool.h>

#include <fontconfig/fontconfig.h>

/* The families type is set in, by the kind of the language: the Noto
 * CJK region (SC, TC, HK, JP, KR) for Han and kana, Noto Serif and Noto
 * Sans (Debian's fonts-noto-core) for Latin.  Named here once for the
 * PDF, the cover and the embedded fonts. */
typedef struct tr_faces {
	const char *serif, *sans, *mono;        /* CJK families */
	const char *latin_serif, *latin_sans;
	/* fontconfig patterns of the faces that are subset */
	const char *pattern_text, *pattern_bold, *pattern_mono;
	const char *pattern_latin, *pattern_latin_italic, *pattern_latin_bold;
	bool compress_pairs;    /* narrow 。「 pairs: not in Taiwan (clreq) */
	bool latin_first;       /* a Latin-script language: Latin is the text */
} tr_faces;

const tr_faces *tr_faces_for(const char *lang);

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
