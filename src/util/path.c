#include "config.h"

#include "util/path.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

char *
path_default_db(char **cause)
{
	const char	*xdg, *home;

	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/orbrowse/orbrowse.db", xdg));
	home = getenv("HOME");
	if (home == NULL || *home == '\0') {
		if (cause != NULL)
			*cause = xstrdup(_("neither XDG_DATA_HOME nor HOME is "
			    "set: use --db PATH"));
		return (NULL);
	}
	return (xasprintf("%s/.local/share/orbrowse/orbrowse.db", home));
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

int
path_write_atomic(const char *path, const void *data, size_t len,
    char **cause)
{
	const char	*p = data;
	char		*tmp;
	ssize_t		 n;
	int		 fd;

	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1)
		goto fail;
	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail_fd;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fchmod(fd, 0644) == -1 || fsync(fd) == -1)
		goto fail_fd;
	if (close(fd) == -1) {
		fd = -1;
		goto fail_fd;
	}
	if (rename(tmp, path) == -1) {
		fd = -1;
		goto fail_fd;
	}
	free(tmp);
	return (0);

fail_fd:
	if (cause != NULL)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return (-1);
fail:
	if (cause != NULL)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	free(tmp);
	return (-1);
}
