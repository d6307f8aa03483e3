/* The PDF's page map, as the command line hands it to the EPUB. */
#include <stdlib.h>

#include "backend.h"

void tr_page_map_free(tr_page_map *map)
{
	free(map->section);
	free(map->block);
	map->section = NULL;
	map->block = NULL;
	map->npages = 0;
}
