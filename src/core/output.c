#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "output.h"

/* This process's temporary files and folders.  A slot is written
 * before it is marked in use and cleared before its name is freed, so
 * a signal handler (or the parent of a killed worker) never reads a
 * half-written name. */
static tr_temp_list own_list;
static tr_temp_list *volatile temps = &own_list;

void tr_temp_use(tr_temp_list *list)
{
	memset(list, 0, sizeof(*list));
	temps = list;
}

int tr_temp_add(const char *path, bool is_dir)
{
	tr_temp_list *l = temps;
	size_t n = strlen(path);
	if (n >= TR_TEMP_PATH)
		return -1;
	for (int i = 0; i < TR_TEMP_SLOTS; i++) {
		if (l->path[i][0])
			continue;
		memcpy(l->path[i] + 1, path + 1, n);
		l->is_dir[i] = is_dir;
		__atomic_store_n(&l->path[i][0], path[0], __ATOMIC_SEQ_CST);
		return i;
	}
	return -1;
}

void tr_temp_drop(const char *path)
{
	tr_temp_list *l = temps;
	for (int i = 0; i < TR_TEMP_SLOTS; i++)
		if (l->path[i][0] && strcmp(l->path[i], path) == 0)
			__atomic_store_n(&l->path[i][0], '\0', __ATOMIC_SEQ_CST);
}

void tr_temp_remove_all(tr_temp_list *l)
{
	if (!l)
		l = temps;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < TR_TEMP_SLOTS; i++) {
			if (!l->path[i][0] || l->is_dir[i] != (pass == 1))
				continue;
			if (pass == 0)
				unlink(l->path[i]);
			else
				rmdir(l->path[i]);
			l->path[i][0] = '\0';
		}
}

/* PATH's temporary name: .NAME.TAIL in the same folder, so that rename
 * is atomic; TAIL is mkstemp's XXXXXX, or a glob(3) pattern.  NAME is
 * shortened (its end kept: the suffix) so that the temporary name fits
 * NAME_MAX whenever the final one does. */
static char *temporary_name(const char *path, const char *tail)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	const char *base = path + dirlen;
	size_t n = strlen(base), extra = 2 + strlen(tail);
	if (n + extra > NAME_MAX)
		base += n + extra - NAME_MAX;
	/* start at a character, not inside one */
	while (((unsigned char)*base & 0xC0) == 0x80)
		base++;
	tr_buf tmp = { 0 };
	tr_buf_put(&tmp, path, dirlen);
	tr_buf_printf(&tmp, ".%s.%s", base, tail);
	return tmp.data;
}

int tr_output_open(tr_output *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	if (strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		/* a FIFO, a device, /dev/stdout: written to as it is, never
		 * replaced by a rename */
		o->fp = fopen(path, "wb");
		return o->fp ? 0 : -1;
	}
	char *tmp = temporary_name(path, "XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	o->fp = fdopen(fd, "wb");
	if (!o->fp) {
		int e = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	o->tmp = tmp;
	o->path = tr_xstrdup(path);
	tr_temp_add(o->tmp, false);
	return 0;
}

static void release(tr_output *o)
{
	if (o->tmp)
		tr_temp_drop(o->tmp);
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->fp = NULL;
}

int tr_output_commit(tr_output *o)
{
	if (!o->tmp) {
		int bad = fflush(o->fp) != 0 || ferror(o->fp);
		if (o->fp != stdout && fclose(o->fp) != 0)
			bad = 1;
		release(o);
		return bad ? -1 : 0;
	}
	int e = 0;
	if (fflush(o->fp) != 0 || ferror(o->fp))
		e = errno ? errno : EIO;
	if (fclose(o->fp) != 0 && !e)
		e = errno ? errno : EIO;
	if (!e && rename(o->tmp, o->path) != 0)
		e = errno;
	if (e)
		unlink(o->tmp);
	release(o);
	errno = e;
	return e ? -1 : 0;
}

void tr_output_abort(tr_output *o)
{
	if (o->tmp) {
		fclose(o->fp);
		unlink(o->tmp);
	} else if (o->fp && o->fp != stdout) {
		fclose(o->fp);
	}
	release(o);
}

int tr_output_write(FILE *out, const char *data, size_t len, char *err,
    size_t errlen)
{
	errno = 0;
	if (fwrite(data, 1, len, out) == len)
		return 0;
	snprintf(err, errlen, "%s", strerror(errno ? errno : EIO));
	return -1;
}
