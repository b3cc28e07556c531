/*
 * ui-save: write what a screen shows to a file the user names on the
 * prompt line.
 */
#include "config.h"

#include "ui/ui.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

char *
ui_save_name(const char *id, const char *suffix)
{
	char	*name, *p;

	name = xasprintf("%s%s", id, suffix);
	for (p = name; *p != '\0'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == ':'))
			*p = '_';
	}
	if (*name == '.')
		*name = '_';
	return (name);
}

static int
ui_save_yes(const char *answer)
{
	return (answer != NULL && (*answer == 'y' || *answer == 'Y' ||
	    (*answer != '\0' && strncmp(answer, _("y"), strlen(_("y"))) ==
	    0)));
}

/* Write out to path (open(2) flags); 0, or -1 with a message shown. */
static int
ui_save_write(struct ui *ui, const char *path, int flags,
    const struct buf *out)
{
	size_t	off;
	ssize_t	nw;
	int	fd, saved;

	if ((fd = open(path, flags, 0666)) == -1) {
		ui_message(ui, 1, _("cannot write %s: %s"), path,
		    strerror(errno));
		return (-1);
	}
	for (off = 0; off < out->len; off += (size_t)nw) {
		nw = write(fd, out->data + off, out->len - off);
		if (nw == -1 && errno == EINTR) {
			nw = 0;
			continue;
		}
		if (nw <= 0)
			break;
	}
	saved = errno;
	if (off < out->len) {
		close(fd);
		ui_message(ui, 1, _("cannot write %s: %s"), path,
		    strerror(saved));
		return (-1);
	}
	if (close(fd) != 0) {
		ui_message(ui, 1, _("cannot write %s: %s"), path,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

void
ui_save(struct ui *ui, const char *prompt, const char *name,
    int (*fill)(void *, struct buf *), void *arg)
{
	struct buf	 out = BUF_INIT;
	struct stat	 sb;
	const char	*home;
	char		*path, *answer, *full;
	int		 flags;

	path = ui_prompt(ui, prompt, name, NULL, NULL);
	if (path == NULL || *path == '\0') {
		free(path);
		return;
	}
	if (strncmp(path, "~/", 2) == 0 && (home = getenv("HOME")) != NULL) {
		full = xasprintf("%s/%s", home, path + 2);
		free(path);
		path = full;
	}
	flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			ui_message(ui, 1, _("%s is a directory"), path);
			goto out;
		}
		answer = ui_prompt(ui, _("the file exists; overwrite it? "
		    "(y/N) "), NULL, NULL, NULL);
		if (!ui_save_yes(answer)) {
			free(answer);
			ui_message(ui, 0, "%s", _("not written"));
			goto out;
		}
		free(answer);
		flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	}
	/* Made only now: a large document takes a moment. */
	if (fill(arg, &out) != 0 || ui_save_write(ui, path, flags, &out) != 0)
		goto out;
	ui_message(ui, 0, P_("wrote %zu byte to %s", "wrote %zu bytes to %s",
	    out.len), out.len, path);
out:
	buf_free(&out);
	free(path);
}
