#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gfx.h"
#include "module.h"

#ifndef TR_LIBDIR
#define TR_LIBDIR "/usr/local/lib/transcribe"
#endif

/* Beside the binary (the build tree), in ../lib/transcribe (installed),
 * or in the compiled-in LIBDIR; $TRANSCRIBE_LIBDIR first. */
static void *open_module(const char *file)
{
	const char *env = getenv("TRANSCRIBE_LIBDIR");
	char path[PATH_MAX + 64];
	if (env && *env) {
		snprintf(path, sizeof path, "%s/%s", env, file);
		return dlopen(path, RTLD_NOW | RTLD_LOCAL);
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			const char *tries[] = { "%s/%s",
				"%s/../lib/transcribe/%s" };
			for (size_t i = 0; i < 2; i++) {
				snprintf(path, sizeof path, tries[i], exe, file);
				if (access(path, R_OK) == 0)
					return dlopen(path, RTLD_NOW | RTLD_LOCAL);
			}
		}
	}
	snprintf(path, sizeof path, "%s/%s", TR_LIBDIR, file);
	return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

void *tr_module_symbol(const char *file, const char *symbol, char *err,
    size_t errlen)
{
	void *module = open_module(file);
	void *sym = module ? dlsym(module, symbol) : NULL;
	if (!sym) {
		const char *why = dlerror();
		snprintf(err, errlen, "cannot load %s from %s: %s", symbol, file,
		    why ? why : "not found");
	}
	return sym; /* modules stay loaded for the life of the process */
}

const tr_gfx *tr_gfx_load(char *err, size_t errlen)
{
	static const tr_gfx *api;
	if (!api)
		api = tr_module_symbol("transcribe-gfx.so", "tr_gfx_api", err,
		    errlen);
	return api;
}

int tr_epub_render_lazy(const tr_doc *doc, const tr_options *opt,
    const tr_page_map *pages, FILE *out, char *err, size_t errlen)
{
	static int (*render)(const tr_doc *, const tr_options *,
	    const tr_page_map *, FILE *, char *, size_t);
	if (!render)
		*(void **)&render = tr_module_symbol("transcribe-epub.so",
		    "tr_epub_render", err, errlen);
	return render ? render(doc, opt, pages, out, err, errlen) : -1;
}

int tr_pdf_render_lazy(const tr_doc *doc, const tr_options *opt,
    tr_page_map *pages, FILE *out, char *err, size_t errlen)
{
	const tr_gfx *gfx = tr_gfx_load(err, errlen);
	return gfx ? gfx->pdf_render(doc, opt, pages, out, err, errlen) : -1;
}
