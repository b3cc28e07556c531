#include "config.h"

#include "util/path.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

char *
path_data_file(const char *name, char **cause)
{
	const char	*xdg, *home;

	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/orbrowse/%s", xdg, name));
	home = getenv("HOME");
	if (home == NULL || *home == '\0') {
		if (cause != NULL)
			*cause = xstrdup(_("neither XDG_DATA_HOME nor HOME is "
			    "set: use --db PATH"));
		return (NULL);
	}
	return (xasprintf("%s/.local/share/orbrowse/%s", home, name));
}

char *
path_default_db(char **cause)
{
	return (path_data_file("orbrowse.db", cause));
}

int
path_mkdirs(const char *dir, mode_t mode, char **cause)
{
	struct stat	 sb;
	char		*copy, *p;
	int		 rc = -1;

	copy = xstrdup(dir);
	for (p = copy + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, mode) != 0 && errno != EEXIST) {
			if (cause != NULL)
				*cause = xasprintf(_("cannot create directory "
				    "%s: %s"), copy, strerror(errno));
			goto out;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: not a directory"), dir);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return (rc);
}

/* Write all of data to fd; 0, or -1 with errno. */
static int
path_write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		data += n;
		len -= (size_t)n;
	}
	return (0);
}

int
path_replace(const char *path, const char *data, size_t len, char **cause)
{
	struct stat	 sb;
	char		*dir, *slash, *tmp;
	mode_t		 mode = 0600;
	int		 fd, rc = -1;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (path_mkdirs(dir, 0700, cause) != 0) {
			free(dir);
			return (-1);
		}
	}
	free(dir);
	if (stat(path, &sb) == 0)
		mode = sb.st_mode & 07777;
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    mode)) < 0)
		goto fail;
	if (path_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		(void)close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (cause != NULL)
		*cause = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
	(void)unlink(tmp);
out:
	free(tmp);
	return (rc);
}

int
path_dir_exists(const char *path, char **cause)
{
	struct stat	 sb;
	char		*dir, *slash;
	int		 err = 0;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL) {
		slash[slash == dir] = '\0';	/* "/f": the root */
		if (stat(dir, &sb) != 0)
			err = errno;
		else if (!S_ISDIR(sb.st_mode))
			err = ENOTDIR;
	}
	free(dir);
	if (err == 0)
		return (0);
	if (cause != NULL)
		*cause = xasprintf(_("cannot write %s: %s"), path,
		    strerror(err));
	return (-1);
}

int
path_read_lines(const char *path, size_t max, void (*fn)(void *, char *),
    void *arg, char **cause)
{
	FILE	*f;
	char	*line;
	size_t	 len;
	int	 whole = 1, was;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return (0);
		*cause = xasprintf(_("%s: %s"), path, strerror(errno));
		return (-1);
	}
	line = xmalloc(max + 2);
	while (fgets(line, (int)(max + 2), f) != NULL) {
		was = whole;
		len = strlen(line);
		whole = len > 0 && line[len - 1] == '\n';
		if (whole)
			line[--len] = '\0';
		/* A line longer than the buffer is skipped, all of it. */
		if (was && (whole || feof(f)))
			fn(arg, line);
	}
	free(line);
	fclose(f);
	return (0);
}
