/* Fonts come from fonts/fonts.conf, not from whatever the machine has:
 * every machine then draws the same glyphs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "datadir.h"
#include "fonts.h"

FcConfig *tr_fonts_config(void)
{
	static bool done;
	static FcConfig *config;
	if (done)
		return config;
	done = true;
	char *conf = tr_data_path("fonts/fonts.conf");
	if (!conf)
		return NULL;
	config = FcConfigCreate();
	if (!FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue) ||
	    !FcConfigBuildFonts(config)) {
		FcConfigDestroy(config);
		config = NULL;
	}
	free(conf);
	return config;
}

int tr_fonts_find(const char *pattern, char *path, size_t pathlen,
    int *index)
{
	FcConfig *config = tr_fonts_config();
	FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
	if (!pat)
		return -1;
	FcConfigSubstitute(config, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(config, pat, &res);
	FcPatternDestroy(pat);
	FcChar8 *file = NULL;
	int rc = -1;
	if (match && FcPatternGetString(match, FC_FILE, 0, &file) ==
	    FcResultMatch) {
		snprintf(path, pathlen, "%s", (const char *)file);
		if (FcPatternGetInteger(match, FC_INDEX, 0, index) !=
		    FcResultMatch)
			*index = 0;
		rc = 0;
	}
	if (match)
		FcPatternDestroy(match);
	return rc;
}

void tr_fonts_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	FcConfig *config = tr_fonts_config();
	if (config)
		FcConfigSetCurrent(config);
}
