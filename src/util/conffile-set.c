/*
 * conffile-set: change one setting of the config file, keeping the rest
 * of it (comments, order, other settings) as the user wrote it.
 */
#include "config.h"

#include "util/conffile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

/* Whether line (ending at its newline or NUL) sets key. */
static int
config_line_sets(const char *line, const char *key)
{
	size_t	klen = strlen(key);

	while (*line == ' ' || *line == '\t')
		line++;
	if (strncmp(line, key, klen) != 0)
		return (0);
	line += klen;
	while (*line == ' ' || *line == '\t')
		line++;
	return (*line == '=');
}

int
config_set(const char *path, const char *key, const char *value,
    char **cause)
{
	struct buf	 out = BUF_INIT;
	FILE		*f;
	char		 line[4096];
	int		 done = 0, rc, whole = 1, drop = 0;

	if (strpbrk(key, "=\n#") != NULL || *key == '\0' ||
	    strchr(value, '\n') != NULL) {
		*cause = xasprintf(_("cannot set \"%s\" in the config file"),
		    key);
		return (-1);
	}
	if ((f = fopen(path, "r")) == NULL && errno != ENOENT) {
		*cause = xasprintf(_("%s: %s"), path, strerror(errno));
		return (-1);
	}
	while (f != NULL && fgets(line, sizeof line, f) != NULL) {
		/* Only the start of a line can set a key; the rest of a
		 * line longer than the buffer goes with its start. */
		if (whole)
			drop = config_line_sets(line, key);
		whole = strchr(line, '\n') != NULL;
		if (!drop)
			buf_addstr(&out, line);
		else if (!done) {
			buf_printf(&out, "%s = %s\n", key, value);
			done = 1;
		}
	}
	if (f != NULL)
		fclose(f);
	if (out.len > 0 && out.data[out.len - 1] != '\n')
		buf_addch(&out, '\n');
	if (!done)
		buf_printf(&out, "%s = %s\n", key, value);
	rc = path_replace(path, buf_str(&out), out.len, cause);
	buf_free(&out);
	return (rc);
}
