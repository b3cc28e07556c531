#include "config.h"

#include "source/file.h"

#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/json-guard.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A read buffer up to this size is kept for the next file whatever it is. */
#define FILE_KEEP_BYTES	(1024 * 1024)

int
file_read(const char *path, size_t max, struct buf *out, char **cause)
{
	struct json_guard_stream guard = JSON_GUARD_STREAM_INIT;
	struct stat	sb;
	char		chunk[65536], *why = NULL;
	ssize_t		n;
	int		fd, rc = -1;

	buf_reset(out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		*cause = xasprintf(_("%s: %s"), path, strerror(errno));
		return (-1);
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		*cause = xasprintf(_("%s: not a regular file"), path);
		goto out;
	}
	if ((uintmax_t)sb.st_size > max) {
		*cause = xasprintf(_("%s: file too large (%jd bytes, the "
		    "limit is %zu)"), path, (intmax_t)sb.st_size, max);
		goto out;
	}
	/*
	 * A buffer that held a far larger file gives its memory back first:
	 * its pages stay resident while it lives, beside whatever the next,
	 * smaller file is parsed into (the hostile set's 8 MB listing, then
	 * its large array).
	 */
	if (out->cap > FILE_KEEP_BYTES && out->cap / 2 > (size_t)sb.st_size)
		buf_free(out);
	buf_reserve(out, (size_t)sb.st_size);
	for (;;) {
		n = read(fd, chunk, sizeof chunk);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			*cause = xasprintf(_("%s: %s"), path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if (out->len + (size_t)n > max) {
			*cause = xasprintf(_("%s: file too large (the limit is "
			    "%zu bytes)"), path, max);
			goto out;
		}
		/* Over the list walkers' budget: refused before it is read. */
		if (json_guard_feed(&guard, chunk, (size_t)n, &json_guard_list,
		    &why) != 0) {
			*cause = xasprintf(_("%s: refused: %s"), path, why);
			free(why);
			buf_free(out);
			goto out;
		}
		buf_add(out, chunk, (size_t)n);
	}
	rc = 0;
out:
	close(fd);
	return (rc);
}

static int
file_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
file_push(char ***files, size_t *n, size_t *cap, char *path)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*files = xreallocarray(*files, *cap, sizeof **files);
	}
	(*files)[(*n)++] = path;
}

static int
file_has_json_suffix(const char *name)
{
	size_t	len;

	len = strlen(name);
	return (len > 5 && strcmp(name + len - 5, ".json") == 0);
}

static int
file_expand_dir(const char *dir, char ***files, size_t *n, size_t *cap,
    char **cause)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		*path;
	size_t		 before = *n;

	if ((d = opendir(dir)) == NULL) {
		*cause = xasprintf(_("%s: %s"), dir, strerror(errno));
		return (-1);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || !file_has_json_suffix(de->d_name))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
			file_push(files, n, cap, path);
		else
			free(path);
	}
	closedir(d);
	if (*n == before) {
		*cause = xasprintf(_("%s: no .json files in this directory"),
		    dir);
		return (-1);
	}
	qsort(*files + before, *n - before, sizeof **files, file_cmp);
	return (0);
}

int
file_expand(char *const *args, int nargs, char ***files, size_t *n,
    char **cause)
{
	struct stat	sb;
	size_t		cap = 0;
	int		i;

	*files = NULL;
	*n = 0;
	for (i = 0; i < nargs; i++) {
		if (stat(args[i], &sb) != 0) {
			*cause = xasprintf(_("%s: %s"), args[i],
			    strerror(errno));
			goto fail;
		}
		if (S_ISDIR(sb.st_mode)) {
			if (file_expand_dir(args[i], files, n, &cap,
			    cause) != 0)
				goto fail;
		} else if (S_ISREG(sb.st_mode))
			file_push(files, n, &cap, xstrdup(args[i]));
		else {
			*cause = xasprintf(_("%s: not a file or directory"),
			    args[i]);
			goto fail;
		}
	}
	return (0);
fail:
	file_list_free(*files, *n);
	*files = NULL;
	*n = 0;
	return (-1);
}

void
file_list_free(char **files, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
}
