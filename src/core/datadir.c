#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"

#ifndef TR_DATADIR
#define TR_DATADIR "/usr/local/share/transcribe"
#endif

int tr_read_file_max(const char *path, size_t max, tr_buf *out)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return -1;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		tr_buf_put(out, chunk, n);
		if (out->len > max) {
			/* /dev/zero, a file that grows: never read to the end */
			fclose(fp);
			errno = EFBIG;
			return -1;
		}
	}
	int bad = ferror(fp);
	fclose(fp);
	if (bad) {
		errno = EIO;
		return -1;
	}
	if (!out->data)
		tr_buf_put(out, "", 0);
	return 0;
}

static char *try(const char *dir, const char *rel)
{
	tr_buf path = { 0 };
	tr_buf_printf(&path, "%s/%s", dir, rel);
	if (access(path.data, R_OK) == 0)
		return path.data;
	tr_buf_free(&path);
	return NULL;
}

char *tr_data_path(const char *rel)
{
	const char *env = getenv("TRANSCRIBE_DATADIR");
	if (env && *env)
		return try(env, rel);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *found = NULL;
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0'; /* the binary's folder */
			tr_buf dir = { 0 };
			tr_buf_printf(&dir, "%s/../share/transcribe", exe);
			found = try(dir.data, rel);
			if (!found) {
				tr_buf_clear(&dir);
				tr_buf_printf(&dir, "%s/..", exe);
				found = try(dir.data, rel);
			}
			tr_buf_free(&dir);
		}
	}
	return found ? found : try(TR_DATADIR, rel);
}

int tr_data_read(const char *rel, tr_buf *out)
{
	char *path = tr_data_path(rel);
	if (!path) {
		errno = ENOENT;
		return -1;
	}
	int r = tr_read_file_max(path, TR_MAX_STYLE_BYTES, out);
	free(path);
	return r;
}
