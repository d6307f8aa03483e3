/* Fonts come from fonts/fonts.conf, not from whatever the machine has:
 * every machine then draws the same glyphs. */
#include <stdbool.h>
#include <stdlib.h>

#include <fontconfig/fontconfig.h>

#include "datadir.h"
#include "epub.h"

void tr_fonts_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	char *conf = tr_data_path("fonts/fonts.conf");
	if (!conf)
		return; /* the machine's own configuration, then */
	FcConfig *config = FcConfigCreate();
	if (FcConfigParseAndLoad(config, (const FcChar8 *)conf, FcTrue) &&
	    FcConfigBuildFonts(config))
		FcConfigSetCurrent(config);
	else
		FcConfigDestroy(config);
	free(conf);
}
