/* Fonts come from fonts/fonts.conf, not from whatever the machine has:
 * every machine then draws the same glyphs. */
#include <stdbool.h>
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
